package dev.skiff.model;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;

/**
 * Reading and writing Kubernetes timestamps: {@code metav1.Time} (RFC 3339 in whole seconds, e.g.
 * {@code 2024-05-01T10:00:00Z}, used by {@code creationTimestamp} and most time fields) and
 * {@code metav1.MicroTime} (exactly six fraction digits, e.g. {@code 2024-05-01T10:00:00.123456Z}, used by
 * events and leases).
 *
 * <p>Parsing accepts exactly what an API server accepts, which is what Go's {@code time.Parse} accepts for the
 * layouts {@code 2006-01-02T15:04:05Z07:00} and {@code 2006-01-02T15:04:05.000000Z07:00}: a {@code Z} or a
 * {@code +hh:mm}/{@code -hh:mm} offset; for {@code Time} an optional fraction of any length after a {@code .}
 * or {@code ,} (digits beyond nanoseconds are dropped); Go's leniencies such as a one-digit hour or an offset
 * of {@code +24:00}. Errors are worded as Go's. The common form {@code YYYY-MM-DDTHH:MM:SSZ} is parsed by a
 * fast path written for the purpose, since a large list carries several timestamps per object.
 *
 * <p>Writing is always in UTC with a {@code Z}. {@link #formatTime(Instant)} drops the fraction of a second
 * (truncating, as Go's formatting does) and {@link #formatMicroTime(Instant)} keeps exactly six digits.
 * A JSON {@code null} (Go's zero time) is the codec's business, not this class's.
 */
public final class Times {
  private static final String TIME_LAYOUT = "2006-01-02T15:04:05Z07:00";
  private static final String MICRO_TIME_LAYOUT = "2006-01-02T15:04:05.000000Z07:00";
  private static final int SECONDS_PER_DAY = 86_400;

  private Times() {}

  /**
   * Parses a {@code metav1.Time} timestamp.
   *
   * @param text an RFC 3339 timestamp such as {@code 2024-05-01T10:00:00Z} or
   *     {@code 2024-05-01T12:00:00.5+02:00}
   * @return the instant
   * @throws InvalidTimeException when the text is not a timestamp Kubernetes accepts
   */
  public static Instant parseTime(String text) {
    Objects.requireNonNull(text, "text");
    if (text.length() == 20 && text.charAt(19) == 'Z') {
      long seconds = fastSeconds(text);
      if (seconds != Long.MIN_VALUE) {
        return Instant.ofEpochSecond(seconds);
      }
    }
    return new Parser(text, false).parse();
  }

  /**
   * Parses a {@code metav1.MicroTime} timestamp, which must have exactly six fraction digits.
   *
   * @param text a timestamp such as {@code 2024-05-01T10:00:00.123456Z}
   * @return the instant
   * @throws InvalidTimeException when the text is not a timestamp Kubernetes accepts
   */
  public static Instant parseMicroTime(String text) {
    Objects.requireNonNull(text, "text");
    if (text.length() == 27 && text.charAt(26) == 'Z' && text.charAt(19) == '.') {
      long seconds = fastSeconds(text);
      int micros = digits(text, 20, 6);
      if (seconds != Long.MIN_VALUE && micros >= 0) {
        return Instant.ofEpochSecond(seconds, micros * 1000L);
      }
    }
    return new Parser(text, true).parse();
  }

  /**
   * Writes an instant as a {@code metav1.Time}: UTC, whole seconds, e.g. {@code 2024-05-01T10:00:00Z}. A
   * fraction of a second is dropped.
   *
   * @param instant the instant
   * @return the timestamp
   * @throws InvalidTimeException when the year is outside 0 to 9999, which RFC 3339 cannot express
   */
  public static String formatTime(Instant instant) {
    char[] out = new char[20];
    writeSeconds(instant, out);
    out[19] = 'Z';
    return new String(out);
  }

  /**
   * Writes an instant as a {@code metav1.MicroTime}: UTC with exactly six fraction digits, e.g.
   * {@code 2024-05-01T10:00:00.123456Z}. Digits beyond microseconds are dropped.
   *
   * @param instant the instant
   * @return the timestamp
   * @throws InvalidTimeException when the year is outside 0 to 9999, which RFC 3339 cannot express
   */
  public static String formatMicroTime(Instant instant) {
    char[] out = new char[27];
    writeSeconds(instant, out);
    out[19] = '.';
    writeDigits(out, 20, instant.getNano() / 1000, 6);
    out[26] = 'Z';
    return new String(out);
  }

  // ------------------------------------------------------------------------------------------------ fast path

  /**
   * Epoch seconds of {@code YYYY-MM-DDTHH:MM:SS} at the start of {@code s}, or {@link Long#MIN_VALUE} when it
   * is not exactly that shape with fields in range (the general parser then decides).
   */
  private static long fastSeconds(String s) {
    if (s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':'
        || s.charAt(16) != ':') {
      return Long.MIN_VALUE;
    }
    int year = digits(s, 0, 4);
    int month = digits(s, 5, 2);
    int day = digits(s, 8, 2);
    int hour = digits(s, 11, 2);
    int minute = digits(s, 14, 2);
    int second = digits(s, 17, 2);
    if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysIn(month, year) || hour < 0 || hour > 23
        || minute < 0 || minute > 59 || second < 0 || second > 59) {
      return Long.MIN_VALUE;
    }
    return daysFromCivil(year, month, day) * SECONDS_PER_DAY + hour * 3600 + minute * 60 + second;
  }

  /** The decimal value of {@code count} ASCII digits at {@code from}, or -1 if one is not a digit. */
  private static int digits(String s, int from, int count) {
    int value = 0;
    for (int i = from; i < from + count; i++) {
      int d = s.charAt(i) - '0';
      if (d < 0 || d > 9) {
        return -1;
      }
      value = value * 10 + d;
    }
    return value;
  }

  // ---------------------------------------------------------------------------------------------- formatting

  private static void writeSeconds(Instant instant, char[] out) {
    long seconds = instant.getEpochSecond();
    long days = Math.floorDiv(seconds, SECONDS_PER_DAY);
    int secondOfDay = Math.floorMod(seconds, SECONDS_PER_DAY);
    // Civil date from days since 1970-01-01 (proleptic Gregorian), after H. Hinnant's days_from_civil inverse.
    long z = days + 719_468;
    long era = Math.floorDiv(z, 146_097);
    long dayOfEra = z - era * 146_097;
    long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
    long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
    long shiftedMonth = (5 * dayOfYear + 2) / 153;
    int day = (int) (dayOfYear - (153 * shiftedMonth + 2) / 5 + 1);
    int month = (int) (shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9);
    long year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
    if (year < 0 || year > 9999) {
      throw new InvalidTimeException(instant.toString(),
          "cannot write " + instant + " as an RFC 3339 timestamp: year outside of range [0,9999]");
    }
    writeDigits(out, 0, (int) year, 4);
    out[4] = '-';
    writeDigits(out, 5, month, 2);
    out[7] = '-';
    writeDigits(out, 8, day, 2);
    out[10] = 'T';
    writeDigits(out, 11, secondOfDay / 3600, 2);
    out[13] = ':';
    writeDigits(out, 14, secondOfDay / 60 % 60, 2);
    out[16] = ':';
    writeDigits(out, 17, secondOfDay % 60, 2);
  }

  private static void writeDigits(char[] out, int from, int value, int count) {
    for (int i = from + count - 1; i >= from; i--) {
      out[i] = (char) ('0' + value % 10);
      value /= 10;
    }
  }

  // ------------------------------------------------------------------------------------------------ calendar

  private static boolean isLeap(int year) {
    return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
  }

  private static int daysIn(int month, int year) {
    switch (month) {
      case 2:
        return isLeap(year) ? 29 : 28;
      case 4:
      case 6:
      case 9:
      case 11:
        return 30;
      default:
        return 31;
    }
  }

  /** Days since 1970-01-01 of a proleptic Gregorian date, after H. Hinnant's days_from_civil. */
  private static long daysFromCivil(int year, int month, int day) {
    int y = month <= 2 ? year - 1 : year;
    int era = (y >= 0 ? y : y - 399) / 400;
    int yearOfEra = y - era * 400;
    int dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
    int dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
    return (long) era * 146_097 + dayOfEra - 719_468;
  }

  // -------------------------------------------------------------------------------------- the general parser

  /**
   * Go's {@code time.Parse} for the two layouts, element by element, with its leniencies and its error texts.
   */
  private static final class Parser {
    private final String value;
    private final boolean micro;
    private final String layout;
    private int pos;

    Parser(String value, boolean micro) {
      this.value = value;
      this.micro = micro;
      this.layout = micro ? MICRO_TIME_LAYOUT : TIME_LAYOUT;
    }

    Instant parse() {
      int n = value.length();

      // 2006: four digits.
      if (n - pos < 4 || !isDigit(pos) || !isDigit(pos + 1) || !isDigit(pos + 2) || !isDigit(pos + 3)) {
        throw cannotParse(pos, "2006");
      }
      int year = digits(value, pos, 4);
      pos += 4;

      skip('-');
      int hold = pos;
      int month = number(true, hold, "01");
      if (month < 1 || month > 12) {
        throw outOfRange("month");
      }

      skip('-');
      int day = number(true, pos, "02");

      skip('T');
      int hour = number(false, pos, "15");
      if (hour > 23) {
        throw outOfRange("hour");
      }

      skip(':');
      int minute = number(true, pos, "04");
      if (minute > 59) {
        throw outOfRange("minute");
      }

      skip(':');
      int second = number(true, pos, "05");
      if (second > 59) {
        throw outOfRange("second");
      }

      int nanos = 0;
      if (micro) {
        // .000000: exactly a period or comma and six characters that Go's atoi accepts.
        hold = pos;
        if (n - pos < 7 || !isPeriodOrComma(pos)) {
          throw cannotParse(hold, ".000000");
        }
        long fraction = atoi(pos + 1, pos + 7);
        if (fraction == Long.MIN_VALUE) {
          throw cannotParse(hold, ".000000");
        }
        if (fraction < 0) {
          throw outOfRange("fractional second");
        }
        nanos = (int) fraction * 1000;
        pos += 7;
      } else if (n - pos >= 2 && isPeriodOrComma(pos) && isDigit(pos + 1)) {
        // A fraction the layout does not mention: any number of digits, nanoseconds kept.
        int end = pos + 1;
        while (end < n && isDigit(end)) {
          end++;
        }
        int kept = Math.min(end, pos + 10);
        nanos = digits(value, pos + 1, kept - pos - 1);
        for (int i = kept - pos - 1; i < 9; i++) {
          nanos *= 10;
        }
        pos = end;
      }

      // Z07:00
      hold = pos;
      int offsetSeconds = 0;
      if (pos < n && value.charAt(pos) == 'Z') {
        pos++;
      } else {
        if (n - pos < 6 || value.charAt(pos + 3) != ':') {
          throw cannotParse(hold, "Z07:00");
        }
        char sign = value.charAt(pos);
        boolean bad = false;
        int offsetHours = 0;
        int offsetMinutes = 0;
        if (isDigit(pos + 1) && isDigit(pos + 2)) {
          offsetHours = digits(value, pos + 1, 2);
          if (isDigit(pos + 4) && isDigit(pos + 5)) {
            offsetMinutes = digits(value, pos + 4, 2);
          } else {
            bad = true;
          }
        } else {
          bad = true;
        }
        pos += 6;
        String range = null;
        if (offsetHours > 24) {
          range = "time zone offset hour";
        }
        if (offsetMinutes > 60) {
          range = "time zone offset minute";
        }
        offsetSeconds = (offsetHours * 60 + offsetMinutes) * 60;
        if (sign == '-') {
          offsetSeconds = -offsetSeconds;
        } else if (sign != '+') {
          bad = true;
        }
        if (range != null) {
          throw outOfRange(range);
        }
        if (bad) {
          throw cannotParse(hold, "Z07:00");
        }
      }

      if (pos < n) {
        throw new InvalidTimeException(value,
            "parsing time " + quote(value) + ": extra text: " + quote(value.substring(pos)));
      }
      if (day < 1 || day > daysIn(month, year)) {
        throw new InvalidTimeException(value, "parsing time " + quote(value) + ": day out of range");
      }
      long seconds = daysFromCivil(year, month, day) * SECONDS_PER_DAY + hour * 3600L + minute * 60L + second
          - offsetSeconds;
      return Instant.ofEpochSecond(seconds, nanos);
    }

    private boolean isDigit(int i) {
      return i < value.length() && value.charAt(i) >= '0' && value.charAt(i) <= '9';
    }

    private boolean isPeriodOrComma(int i) {
      return value.charAt(i) == '.' || value.charAt(i) == ',';
    }

    /** Go's {@code getnum}: one or two digits, exactly two when {@code fixed}. */
    private int number(boolean fixed, int hold, String element) {
      if (!isDigit(pos)) {
        throw cannotParse(hold, element);
      }
      if (!isDigit(pos + 1)) {
        if (fixed) {
          throw cannotParse(hold, element);
        }
        return value.charAt(pos++) - '0';
      }
      int result = digits(value, pos, 2);
      pos += 2;
      return result;
    }

    /** Go's {@code atoi} on {@code value[from, to)}: optional sign, digits; {@link Long#MIN_VALUE} if invalid. */
    private long atoi(int from, int to) {
      boolean negative = false;
      if (value.charAt(from) == '+' || value.charAt(from) == '-') {
        negative = value.charAt(from) == '-';
        from++;
      }
      long result = 0;
      for (int i = from; i < to; i++) {
        char c = value.charAt(i);
        if (c < '0' || c > '9') {
          return Long.MIN_VALUE;
        }
        result = result * 10 + (c - '0');
      }
      return negative ? -result : result;
    }

    private void skip(char expected) {
      if (pos >= value.length() || value.charAt(pos) != expected) {
        throw cannotParse(pos, String.valueOf(expected));
      }
      pos++;
    }

    private InvalidTimeException cannotParse(int from, String element) {
      return new InvalidTimeException(value, "parsing time " + quote(value) + " as " + quote(layout)
          + ": cannot parse " + quote(value.substring(Math.min(from, value.length()))) + " as " + quote(element));
    }

    private InvalidTimeException outOfRange(String what) {
      return new InvalidTimeException(value, "parsing time " + quote(value) + ": " + what + " out of range");
    }
  }

  /**
   * Go's {@code time} package quoting: double quotes, a backslash before quotes and backslashes, and
   * {@code \xNN} for each UTF-8 byte of a control or non-ASCII character.
   */
  static String quote(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      int width = Character.charCount(cp);
      if (cp < ' ' || cp >= 0x80) {
        for (byte b : s.substring(i, i + width).getBytes(StandardCharsets.UTF_8)) {
          sb.append("\\x").append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
        }
      } else {
        if (cp == '"' || cp == '\\') {
          sb.append('\\');
        }
        sb.append((char) cp);
      }
      i += width;
    }
    return sb.append('"').toString();
  }
}
