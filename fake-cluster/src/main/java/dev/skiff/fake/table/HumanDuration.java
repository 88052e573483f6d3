package dev.skiff.fake.table;

import java.time.Duration;

/**
 * Ages as the real server writes them in Table cells ({@code duration.HumanDuration} of apimachinery): whole
 * seconds below two minutes ({@code 95s}), minutes and seconds below ten minutes ({@code 3m2s}), minutes below
 * three hours, hours and minutes below eight hours, hours below two days, days and hours below eight days,
 * days below two years, then years and days, then years.
 */
final class HumanDuration {

  private HumanDuration() {}

  /** Formats an elapsed time; up to one second in the future counts as {@code 0s} (clock skew). */
  static String format(Duration d) {
    long seconds = d.getSeconds() + (d.isNegative() && d.getNano() > 0 ? 1 : 0);
    if (seconds < -1) {
      return "<invalid>";
    } else if (seconds < 0) {
      return "0s";
    } else if (seconds < 60 * 2) {
      return seconds + "s";
    }
    long minutes = seconds / 60;
    if (minutes < 10) {
      long s = seconds % 60;
      return s == 0 ? minutes + "m" : minutes + "m" + s + "s";
    } else if (minutes < 60 * 3) {
      return minutes + "m";
    }
    long hours = seconds / 3600;
    if (hours < 8) {
      long m = minutes % 60;
      return m == 0 ? hours + "h" : hours + "h" + m + "m";
    } else if (hours < 48) {
      return hours + "h";
    } else if (hours < 24 * 8) {
      long h = hours % 24;
      return h == 0 ? hours / 24 + "d" : hours / 24 + "d" + h + "h";
    } else if (hours < 24 * 365 * 2) {
      return hours / 24 + "d";
    } else if (hours < 24 * 365 * 8) {
      long dy = (hours / 24) % 365;
      return dy == 0 ? hours / 24 / 365 + "y" : hours / 24 / 365 + "y" + dy + "d";
    }
    return hours / 24 / 365 + "y";
  }
}
