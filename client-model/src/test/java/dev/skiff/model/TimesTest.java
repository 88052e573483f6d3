package dev.skiff.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TimesTest {

  @ParameterizedTest(name = "[{0}]")
  @CsvSource(textBlock = """
      2024-05-01T10:00:00Z,               2024-05-01T10:00:00Z
      1970-01-01T00:00:00Z,               1970-01-01T00:00:00Z
      0000-01-01T00:00:00Z,               0000-01-01T00:00:00Z
      9999-12-31T23:59:59Z,               9999-12-31T23:59:59Z
      2024-02-29T12:00:00Z,               2024-02-29T12:00:00Z
      2000-02-29T00:00:00Z,               2000-02-29T00:00:00Z
      1969-12-31T23:59:59Z,               1969-12-31T23:59:59Z
      2024-05-01T12:00:00+02:00,          2024-05-01T10:00:00Z
      2024-05-01T02:30:00-07:30,          2024-05-01T10:00:00Z
      2024-05-01T10:00:00+00:00,          2024-05-01T10:00:00Z
      2024-05-01T10:00:00-00:00,          2024-05-01T10:00:00Z
      2024-05-01T10:00:00.5Z,             2024-05-01T10:00:00.5Z
      '2024-05-01T10:00:00,5Z',           2024-05-01T10:00:00.5Z
      2024-05-01T10:00:00.123456789Z,     2024-05-01T10:00:00.123456789Z
      2024-05-01T10:00:00.1234567899999Z, 2024-05-01T10:00:00.123456789Z
      2024-05-01T12:00:00.25+02:00,       2024-05-01T10:00:00.25Z
      2024-05-01T1:00:00Z,                2024-05-01T01:00:00Z
      2024-05-01T10:00:00+24:00,          2024-04-30T10:00:00Z
      2024-05-01T10:00:00+23:60,          2024-04-30T10:00:00Z
      2024-05-01T00:00:00+14:00,          2024-04-30T10:00:00Z
      """)
  void parsesTimesLikeGo(String text, String expected) {
    assertThat(Times.parseTime(text)).isEqualTo(Instant.parse(expected));
  }

  @ParameterizedTest(name = "[{0}]")
  @CsvSource(delimiter = '|', textBlock = """
      ''                          | parsing time "" as "2006-01-02T15:04:05Z07:00": cannot parse "" as "2006"
      24-05-01T10:00:00Z          | parsing time "24-05-01T10:00:00Z" as "2006-01-02T15:04:05Z07:00": cannot parse "24-05-01T10:00:00Z" as "2006"
      2024/05/01T10:00:00Z        | parsing time "2024/05/01T10:00:00Z" as "2006-01-02T15:04:05Z07:00": cannot parse "/05/01T10:00:00Z" as "-"
      2024-5-01T10:00:00Z         | parsing time "2024-5-01T10:00:00Z" as "2006-01-02T15:04:05Z07:00": cannot parse "5-01T10:00:00Z" as "01"
      2024-13-01T00:00:00Z        | parsing time "2024-13-01T00:00:00Z": month out of range
      2024-00-01T00:00:00Z        | parsing time "2024-00-01T00:00:00Z": month out of range
      2023-02-29T00:00:00Z        | parsing time "2023-02-29T00:00:00Z": day out of range
      2024-04-31T00:00:00Z        | parsing time "2024-04-31T00:00:00Z": day out of range
      2024-05-00T00:00:00Z        | parsing time "2024-05-00T00:00:00Z": day out of range
      2024-05-01                  | parsing time "2024-05-01" as "2006-01-02T15:04:05Z07:00": cannot parse "" as "T"
      2024-05-01 10:00:00Z        | parsing time "2024-05-01 10:00:00Z" as "2006-01-02T15:04:05Z07:00": cannot parse " 10:00:00Z" as "T"
      2024-05-01t10:00:00Z        | parsing time "2024-05-01t10:00:00Z" as "2006-01-02T15:04:05Z07:00": cannot parse "t10:00:00Z" as "T"
      2024-05-01T24:00:00Z        | parsing time "2024-05-01T24:00:00Z": hour out of range
      2024-05-01T10:60:00Z        | parsing time "2024-05-01T10:60:00Z": minute out of range
      2024-05-01T10:00:60Z        | parsing time "2024-05-01T10:00:60Z": second out of range
      2024-05-01T10:0:00Z         | parsing time "2024-05-01T10:0:00Z" as "2006-01-02T15:04:05Z07:00": cannot parse "0:00Z" as "04"
      2024-05-01T10:00:00         | parsing time "2024-05-01T10:00:00" as "2006-01-02T15:04:05Z07:00": cannot parse "" as "Z07:00"
      2024-05-01T10:00:00z        | parsing time "2024-05-01T10:00:00z" as "2006-01-02T15:04:05Z07:00": cannot parse "z" as "Z07:00"
      2024-05-01T10:00:00.Z       | parsing time "2024-05-01T10:00:00.Z" as "2006-01-02T15:04:05Z07:00": cannot parse ".Z" as "Z07:00"
      2024-05-01T10:00:00+0200    | parsing time "2024-05-01T10:00:00+0200" as "2006-01-02T15:04:05Z07:00": cannot parse "+0200" as "Z07:00"
      2024-05-01T10:00:00+2:00    | parsing time "2024-05-01T10:00:00+2:00" as "2006-01-02T15:04:05Z07:00": cannot parse "+2:00" as "Z07:00"
      2024-05-01T10:00:00 02:00   | parsing time "2024-05-01T10:00:00 02:00" as "2006-01-02T15:04:05Z07:00": cannot parse " 02:00" as "Z07:00"
      2024-05-01T10:00:00+25:00   | parsing time "2024-05-01T10:00:00+25:00": time zone offset hour out of range
      2024-05-01T10:00:00+02:61   | parsing time "2024-05-01T10:00:00+02:61": time zone offset minute out of range
      2024-05-01T10:00:00Zjunk    | parsing time "2024-05-01T10:00:00Zjunk": extra text: "junk"
      2024-05-01T10:00:00+02:00Z  | parsing time "2024-05-01T10:00:00+02:00Z": extra text: "Z"
      2024-05-01T10:00:00Z\u00e9  | parsing time "2024-05-01T10:00:00Z\\xc3\\xa9": extra text: "\\xc3\\xa9"
      2024-05-01T10:00:00Z"       | parsing time "2024-05-01T10:00:00Z\\"": extra text: "\\""
      """)
  void rejectsTimesWithGosMessages(String text, String message) {
    String input = text.replace("\\u00e9", "\u00e9");
    assertThatThrownBy(() -> Times.parseTime(input))
        .isInstanceOfSatisfying(InvalidTimeException.class, e -> assertThat(e.input()).isEqualTo(input))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message.replace("\\\\", "\\"));
  }

  @ParameterizedTest(name = "[{0}]")
  @CsvSource(textBlock = """
      2024-05-01T10:00:00.123456Z,        2024-05-01T10:00:00.123456Z
      2024-05-01T10:00:00.000000Z,        2024-05-01T10:00:00Z
      '2024-05-01T10:00:00,123456Z',      2024-05-01T10:00:00.123456Z
      2024-05-01T12:00:00.123456+02:00,   2024-05-01T10:00:00.123456Z
      2024-05-01T10:00:00.+12345Z,        2024-05-01T10:00:00.012345Z
      2024-05-01T10:00:00.-00000Z,        2024-05-01T10:00:00Z
      1969-12-31T23:59:59.999999Z,        1969-12-31T23:59:59.999999Z
      """)
  void parsesMicroTimesLikeGo(String text, String expected) {
    assertThat(Times.parseMicroTime(text)).isEqualTo(Instant.parse(expected));
  }

  @ParameterizedTest(name = "[{0}]")
  @CsvSource(delimiter = '|', textBlock = """
      2024-05-01T10:00:00Z         | parsing time "2024-05-01T10:00:00Z" as "2006-01-02T15:04:05.000000Z07:00": cannot parse "Z" as ".000000"
      2024-05-01T10:00:00.123Z     | parsing time "2024-05-01T10:00:00.123Z" as "2006-01-02T15:04:05.000000Z07:00": cannot parse ".123Z" as ".000000"
      2024-05-01T10:00:00.1234567Z | parsing time "2024-05-01T10:00:00.1234567Z" as "2006-01-02T15:04:05.000000Z07:00": cannot parse "7Z" as "Z07:00"
      2024-05-01T10:00:00.12a456Z  | parsing time "2024-05-01T10:00:00.12a456Z" as "2006-01-02T15:04:05.000000Z07:00": cannot parse ".12a456Z" as ".000000"
      2024-05-01T10:00:00.-12345Z  | parsing time "2024-05-01T10:00:00.-12345Z": fractional second out of range
      2024-05-01T10:00:00x123456Z  | parsing time "2024-05-01T10:00:00x123456Z" as "2006-01-02T15:04:05.000000Z07:00": cannot parse "x123456Z" as ".000000"
      2024-02-30T10:00:00.123456Z  | parsing time "2024-02-30T10:00:00.123456Z": day out of range
      """)
  void rejectsMicroTimesWithGosMessages(String text, String message) {
    assertThatThrownBy(() -> Times.parseMicroTime(text)).isInstanceOf(InvalidTimeException.class).hasMessage(message);
  }

  @Test
  void formatsTimesInUtcWholeSeconds() {
    assertThat(Times.formatTime(Instant.parse("2024-05-01T10:00:00Z"))).isEqualTo("2024-05-01T10:00:00Z");
    assertThat(Times.formatTime(Instant.parse("2024-05-01T10:00:00.999999999Z"))).isEqualTo("2024-05-01T10:00:00Z");
    assertThat(Times.formatTime(Instant.parse("1969-12-31T23:59:59.5Z"))).isEqualTo("1969-12-31T23:59:59Z");
    assertThat(Times.formatTime(Instant.EPOCH)).isEqualTo("1970-01-01T00:00:00Z");
    assertThat(Times.formatTime(Instant.parse("0000-01-01T00:00:00Z"))).isEqualTo("0000-01-01T00:00:00Z");
    assertThat(Times.formatTime(Instant.parse("9999-12-31T23:59:59.999Z"))).isEqualTo("9999-12-31T23:59:59Z");
    assertThat(Times.formatTime(Instant.parse("2024-02-29T23:59:59Z"))).isEqualTo("2024-02-29T23:59:59Z");
  }

  @Test
  void formatsMicroTimesWithSixDigits() {
    assertThat(Times.formatMicroTime(Instant.parse("2024-05-01T10:00:00.123456789Z")))
        .isEqualTo("2024-05-01T10:00:00.123456Z");
    assertThat(Times.formatMicroTime(Instant.parse("2024-05-01T10:00:00Z"))).isEqualTo("2024-05-01T10:00:00.000000Z");
    assertThat(Times.formatMicroTime(Instant.parse("2024-05-01T10:00:00.5Z"))).isEqualTo("2024-05-01T10:00:00.500000Z");
    assertThat(Times.formatMicroTime(Instant.parse("1969-12-31T23:59:59.5Z"))).isEqualTo("1969-12-31T23:59:59.500000Z");
  }

  @Test
  void refusesYearsRfc3339CannotExpress() {
    assertThatThrownBy(() -> Times.formatTime(Instant.parse("+10000-01-01T00:00:00Z")))
        .isInstanceOf(InvalidTimeException.class)
        .hasMessage("cannot write +10000-01-01T00:00:00Z as an RFC 3339 timestamp: year outside of range [0,9999]");
    assertThatThrownBy(() -> Times.formatMicroTime(Instant.parse("-0001-12-31T23:59:59Z")))
        .isInstanceOf(InvalidTimeException.class);
  }

  /** Random instants over the whole range: both writers agree with java.time and both parsers read them back. */
  @Test
  void roundTripsRandomInstants() {
    Random random = new Random(42);
    long min = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
    long max = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
    DateTimeFormatter seconds = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
    DateTimeFormatter micros = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
        .withZone(ZoneOffset.UTC);
    DateTimeFormatter withOffsetPattern = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSSxxx");
    for (int i = 0; i < 3000; i++) {
      Instant instant = Instant.ofEpochSecond(min + (long) (random.nextDouble() * (max - min)),
          random.nextInt(1_000_000_000));
      String time = Times.formatTime(instant);
      String microTime = Times.formatMicroTime(instant);
      check(time.equals(seconds.format(instant)), instant, time);
      check(microTime.equals(micros.format(instant)), instant, microTime);
      check(Times.parseTime(time).equals(instant.truncatedTo(ChronoUnit.SECONDS)), instant, time);
      check(Times.parseMicroTime(microTime).equals(instant.truncatedTo(ChronoUnit.MICROS)), instant, microTime);
      check(Times.parseTime(microTime).equals(instant.truncatedTo(ChronoUnit.MICROS)), instant, microTime);

      // Offsets and fractions take the general path; java.time agrees on the instant.
      int offsetMinutes = random.nextInt(2 * 18 * 60 + 1) - 18 * 60;
      OffsetDateTime local = instant.atOffset(ZoneOffset.ofTotalSeconds(offsetMinutes * 60));
      if (local.getYear() >= 0 && local.getYear() <= 9999) {
        String withOffset = local.format(withOffsetPattern);
        check(Times.parseTime(withOffset).equals(instant), instant, withOffset);
      }
    }
  }

  private static void check(boolean ok, Instant instant, String text) {
    if (!ok) {
      fail("round trip of " + instant + " through " + text);
    }
  }
}
