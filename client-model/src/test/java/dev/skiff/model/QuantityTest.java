package dev.skiff.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import dev.skiff.model.Quantity.Format;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class QuantityTest {

  /** Parse, then canonical form: the expectations of Go's quantity_test.go and of the v1.34 transcripts. */
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', textBlock = """
      0                    | 0
      0n                   | 0
      0u                   | 0
      0m                   | 0
      0Ki                  | 0
      0k                   | 0
      0Mi                  | 0
      0M                   | 0
      0Gi                  | 0
      0G                   | 0
      0Ti                  | 0
      0T                   | 0
      00                   | 0
      -0                   | 0
      1                    | 1
      1Ki                  | 1Ki
      8Ki                  | 8Ki
      7Mi                  | 7Mi
      6Gi                  | 6Gi
      5Ti                  | 5Ti
      4Pi                  | 4Pi
      3Ei                  | 3Ei
      10Ti                 | 10Ti
      100Ti                | 100Ti
      5n                   | 5n
      4u                   | 4u
      3m                   | 3m
      9                    | 9
      8k                   | 8k
      50k                  | 50k
      7M                   | 7M
      6G                   | 6G
      5T                   | 5T
      40T                  | 40T
      300T                 | 300T
      2P                   | 2P
      1E                   | 1E
      1E-3                 | 1e-3
      1e3                  | 1e3
      1E6                  | 1e6
      1e9                  | 1e9
      1E12                 | 1e12
      1e15                 | 1e15
      1E18                 | 1e18
      1e14                 | 100e12
      1e13                 | 10e12
      100.035k             | 100035
      0.001                | 1m
      0.0005k              | 500m
      0.005                | 5m
      0.05                 | 50m
      0.5                  | 500m
      0.00050k             | 500m
      0.00500              | 5m
      0.05000              | 50m
      0.50000              | 500m
      0.5e0                | 500e-3
      0.5e-1               | 50e-3
      0.5e-2               | 5e-3
      10.035M              | 10035k
      1.2e3                | 1200
      1.3E+6               | 1300e3
      1.40e9               | 1400e6
      1.53E12              | 1530e9
      1.6e15               | 1600e12
      1.7E18               | 1700e15
      9.01                 | 9010m
      8.1k                 | 8100
      7.123456M            | 7123456
      6.987654321G         | 6987654321
      5.444T               | 5444G
      40.1T                | 40100G
      300.2T               | 300200G
      2.5P                 | 2500T
      1.01E                | 1010P
      3.001n               | 4n
      1.1E-9               | 2e-9
      0.0000000001         | 1n
      0.0000000005         | 1n
      0.00000000050        | 1n
      0.5e-9               | 1e-9
      0.9n                 | 1n
      0.00000012345        | 124n
      0.00000012354        | 124n
      9Ei                  | 9223372036854775807
      9223372036854775807Ki | 9223372036854775807
      12E                  | 12E
      100.035Ki            | 102435840m
      0.5Mi                | 512Ki
      0.05Gi               | 53687091200m
      0.025Ti              | 27487790694400m
      0.000000000001Ki     | 2n
      .001                 | 1m
      .0001k               | 100m
      1.                   | 1
      1.G                  | 1G
      .001Ki               | 1024m
      .000001Ki            | 1024u
      .000000001Ki         | 1024n
      .000000000001Ki      | 2n
      1024Mi               | 1Gi
      307200Ki             | 300Mi
      1025024Mi            | 1001Gi
      1024Gi               | 1Ti
      5000m                | 5
      1000M                | 1G
      0.001T               | 1G
      1000u                | 1m
      1.08                 | 1080m
      1080000000n          | 1080m
      1000E                | 1e21
      5000E                | 5e21
      1000000E             | 1e24
      .001e12              | 1e9
      0.001e0              | 1e-3
      1000e-12             | 1e-9
      0.1                  | 100m
      1.5Gi                | 1536Mi
      2e3                  | 2e3
      1000m                | 1
      1024Ki               | 1Mi
      0.5Gi                | 512Mi
      100M                 | 100M
      12e6                 | 12e6
      1.5e-3               | 1500e-6
      1.5Ki                | 1536
      0.5Ki                | 512
      1023Ki               | 1023Ki
      64Mi                 | 64Mi
      100m                 | 100m
      250m                 | 250m
      -1Gi                 | -1Gi
      -0.1                 | -100m
      -1.5e-3              | -1500e-6
      +1                   | 1
      05                   | 5
      1.200                | 1200m
      5e0                  | 5
      """)
  void parsesAndCanonicalizesLikeGo(String input, String canonical) {
    Quantity q = Quantity.parse(input);
    assertThat(q.canonical()).isEqualTo(canonical);
    assertThat(q.toString()).isEqualTo(input);
    assertThat(Quantity.parse(canonical)).isEqualTo(q);
    assertThat(Quantity.parse(canonical).canonical()).isEqualTo(canonical);
  }

  @Test
  void negativeCanonicalFormsMirrorPositiveOnes() {
    for (String s : List.of("1Ki", "1Mi", "1024Mi", "1000M", ".001Ki", ".000000000001Ki", "0.1", "12e6", "1.5Gi")) {
      Quantity positive = Quantity.parse(s);
      Quantity negative = Quantity.parse("-" + s);
      assertThat(negative.canonical()).isEqualTo("-" + positive.canonical());
      assertThat(negative.toBigDecimal()).isEqualByComparingTo(positive.toBigDecimal().negate());
    }
  }

  @Test
  void podDefaultsTranscriptCanonicalizesCpu() {
    // pod-defaults.json: limits {cpu: "0.1", memory: "64Mi"} come back as {cpu: "100m", memory: "64Mi"}.
    assertThat(Quantity.parse("0.1").serverForm()).isEqualTo("100m");
    assertThat(Quantity.parse("64Mi").serverForm()).isEqualTo("64Mi");
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', textBlock = """
      0       | 0
      +1      | +1
      05      | 05
      1.200   | 1.200
      1.500k  | 1.500k
      1E3     | 1E3
      1e+3    | 1e+3
      5e0     | 5e0
      +1Ki    | +1Ki
      0100Ki  | 0100Ki
      100m    | 100m
      0.1     | 100m
      1000m   | 1
      1000    | 1k
      1024Ki  | 1Mi
      2048Ki  | 2Mi
      1.5Gi   | 1536Mi
      1.5     | 1500m
      00      | 0
      0.5     | 500m
      1e-10   | 1e-9
      1Pi     | 1Pi
      """)
  void serverFormKeepsTextGoFindsCanonical(String input, String serverForm) {
    assertThat(Quantity.parse(input).serverForm()).isEqualTo(serverForm);
  }

  @ParameterizedTest
  @ValueSource(strings = {"-", "+", ".", "-.", "Ki", "m", "e3", "Ti", "0Pi", ".Ki", "-000"})
  void acceptsGosDegenerateZeros(String input) {
    Quantity q = Quantity.parse(input);
    assertThat(q.signum()).isZero();
    assertThat(q.canonical()).isEqualTo("0");
  }

  @Test
  void remembersTheFormatOfItsSuffix() {
    assertThat(Quantity.parse("1Ki").format()).isEqualTo(Format.BINARY_SI);
    assertThat(Quantity.parse("0Ki").format()).isEqualTo(Format.BINARY_SI);
    assertThat(Quantity.parse("0.5Ki").format()).isEqualTo(Format.BINARY_SI);
    assertThat(Quantity.parse(".000000000001Ki").format()).isEqualTo(Format.DECIMAL_SI); // below one: changes
    assertThat(Quantity.parse("1k").format()).isEqualTo(Format.DECIMAL_SI);
    assertThat(Quantity.parse("1").format()).isEqualTo(Format.DECIMAL_SI);
    assertThat(Quantity.parse("1e3").format()).isEqualTo(Format.DECIMAL_EXPONENT);
    assertThat(Quantity.parse("1E").format()).isEqualTo(Format.DECIMAL_SI);
  }

  @Test
  void capsBinaryValuesButNotDecimalOnes() {
    assertThat(Quantity.parse("8Ei").toBigDecimal()).isEqualByComparingTo(BigDecimal.valueOf(Long.MAX_VALUE));
    assertThat(Quantity.parse("-9Ei").toBigDecimal()).isEqualByComparingTo(BigDecimal.valueOf(-Long.MAX_VALUE));
    assertThat(Quantity.parse("18446744073709551616").toBigDecimal())
        .isEqualByComparingTo(new BigDecimal("18446744073709551616"));
    assertThat(Quantity.parse("18446744073709551616").canonical()).isEqualTo("18446744073709551616");
  }

  @Test
  void truncatesExponentsToThirtyTwoBitsLikeGo() {
    assertThat(Quantity.parse("1e4294967297")).isEqualTo(Quantity.parse("1e1"));
  }

  @Test
  void handlesHugeExponentsWithoutBlowingUp() {
    Quantity big = Quantity.parse("1e2147483647");
    assertThat(big.canonical()).isEqualTo("10e2147483646");
    assertThat(big.value()).isEqualTo(Long.MAX_VALUE);
    assertThat(big.milliValue()).isEqualTo(Long.MAX_VALUE);
    assertThat(big).isGreaterThan(Quantity.parse("9Ei"));
    assertThat(Quantity.parse("1e-2000000000")).isEqualTo(Quantity.parse("1n"));
    assertThat(Quantity.parse("-1.5e-2000000000").canonical()).isEqualTo("-1e-9");
    assertThat(big.hashCode()).isEqualTo(Quantity.parse("10e2147483646").hashCode());
  }

  @Test
  void equalityAndHashAreNumeric() {
    assertThat(Quantity.parse("1Gi")).isEqualTo(Quantity.parse("1024Mi")).hasSameHashCodeAs(Quantity.parse("1024Mi"));
    assertThat(Quantity.parse("0.1")).isEqualTo(Quantity.parse("100m")).hasSameHashCodeAs(Quantity.parse("100m"));
    assertThat(Quantity.parse("1k")).isEqualTo(Quantity.parse("1000")).isEqualTo(Quantity.parse("1e3"))
        .isEqualTo(Quantity.of(1000)).hasSameHashCodeAs(Quantity.parse("1e3"));
    assertThat(Quantity.parse("0")).isEqualTo(Quantity.parse("0Ki")).hasSameHashCodeAs(Quantity.parse("-0.0"));
    assertThat(Quantity.parse("1")).isNotEqualTo(Quantity.parse("1001m")).isNotEqualTo("1");
  }

  @Test
  void comparesNumerically() {
    assertThat(Quantity.parse("100m")).isGreaterThan(Quantity.parse("50m"));
    assertThat(Quantity.parse("10000T")).isGreaterThan(Quantity.parse("100Gi"));
    assertThat(Quantity.parse("1Ki")).isGreaterThan(Quantity.parse("1k"));
    assertThat(Quantity.parse("-1")).isLessThan(Quantity.parse("1n"));
    assertThat(Quantity.parse("1Gi").compareTo(Quantity.parse("1024Mi"))).isZero();
    List<Quantity> list = new ArrayList<>(List.of(
        Quantity.parse("1Gi"), Quantity.parse("1"), Quantity.parse("500m"), Quantity.parse("1k"),
        Quantity.parse("-2")));
    Collections.sort(list);
    assertThat(list).extracting(Quantity::toString).containsExactly("-2", "500m", "1", "1k", "1Gi");
  }

  @Test
  void valueAndMilliValueRoundAwayFromZero() {
    assertThat(Quantity.parse("100m").value()).isEqualTo(1);
    assertThat(Quantity.parse("100m").milliValue()).isEqualTo(100);
    assertThat(Quantity.parse("1.5").value()).isEqualTo(2);
    assertThat(Quantity.parse("-1.5").value()).isEqualTo(-2);
    assertThat(Quantity.parse("1n").milliValue()).isEqualTo(1);
    assertThat(Quantity.parse("-1n").milliValue()).isEqualTo(-1);
    assertThat(Quantity.parse("2").milliValue()).isEqualTo(2000);
    assertThat(Quantity.parse("1Gi").value()).isEqualTo(1L << 30);
    assertThat(Quantity.parse("9Ei").value()).isEqualTo(Long.MAX_VALUE);
    assertThat(Quantity.parse("0").value()).isZero();
    assertThat(Quantity.parse("1e30").value()).isEqualTo(Long.MAX_VALUE);
    assertThat(Quantity.parse("-1e30").value()).isEqualTo(Long.MIN_VALUE);
    assertThat(Quantity.parse("9223372036854775808").value()).isEqualTo(Long.MAX_VALUE);
    assertThat(Quantity.parse("9223372036854775807").value()).isEqualTo(Long.MAX_VALUE);
    assertThat(Quantity.parse("9223372036854775807").milliValue()).isEqualTo(Long.MAX_VALUE);
    assertThat(Quantity.parse("-9223372036854775808").value()).isEqualTo(Long.MIN_VALUE);
  }

  @Test
  void factoriesWriteCanonicalText() {
    assertThat(Quantity.of(2000)).hasToString("2k");
    assertThat(Quantity.of(1).canonical()).isEqualTo("1");
    assertThat(Quantity.of(1234000)).hasToString("1234k");
    assertThat(Quantity.of(1L << 30, Format.BINARY_SI)).hasToString("1Gi");
    assertThat(Quantity.of(1024, Format.BINARY_SI)).hasToString("1Ki");
    assertThat(Quantity.of(5, Format.BINARY_SI)).hasToString("5");
    assertThat(Quantity.of(1_000_000, Format.DECIMAL_EXPONENT)).hasToString("1e6");
    assertThat(Quantity.of(Long.MIN_VALUE, Format.BINARY_SI)).hasToString("-8Ei");
    assertThat(Quantity.ofMillis(250)).hasToString("250m");
    assertThat(Quantity.ofMillis(1000)).hasToString("1");
    assertThat(Quantity.ofMillis(1234000)).hasToString("1234");
    assertThat(Quantity.ofMillis(1)).hasToString("1m");
    assertThat(Quantity.ofMillis(250).milliValue()).isEqualTo(250);
    assertThat(Quantity.of(7).serverForm()).isEqualTo("7");
  }

  @ParameterizedTest(name = "[{0}]")
  @CsvSource(delimiter = '|', textBlock = """
      1.1.M   | F | 3
      1+1.0M  | F | 3
      0.1am   | F | 3
      aoeu    | F | 0
      ' 1'    | F | 0
      '1 '    | F | 1
      1,5     | F | 1
      1Ki5x   | F | 4
      0.1mi   | S | 3
      .5i     | S | 2
      1i      | S | 1
      -3.01i  | S | 5
      -3.01e- | S | 6
      1e      | S | 1
      1ee3    | S | 2
      1kk     | S | 1
      1Ki5    | S | 1
      1e99999999999999999999 | S | 2
      Pi      | N | 0
      -Ei     | N | 1
      e-10    | N | 0
      .e-10   | N | 0
      """)
  void rejectsWhatGoRejects(String input, char kind, int position) {
    String expected = switch (kind) {
      case 'F' -> Quantity.FORMAT_ERROR;
      case 'S' -> Quantity.SUFFIX_ERROR;
      default -> Quantity.NUMERIC_ERROR;
    };
    assertThatThrownBy(() -> Quantity.parse(input))
        .isInstanceOfSatisfying(InvalidQuantityException.class, e -> {
          assertThat(e.input()).isEqualTo(input);
          assertThat(e.kubernetesMessage()).isEqualTo(expected);
          assertThat(e.position()).isEqualTo(position);
          assertThat(e.getMessage()).startsWith("invalid quantity \"" + input + "\": " + expected + " (");
        })
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void errorMessagesSayWhatIsWrong() {
    assertThatThrownBy(() -> Quantity.parse(""))
        .hasMessage("invalid quantity \"\": quantities must match the regular expression "
            + "'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$' (the text is empty)");
    assertThatThrownBy(() -> Quantity.parse("1 "))
        .hasMessage("invalid quantity \"1 \": quantities must match the regular expression "
            + "'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$' (unexpected character ' ' at index 1)");
    assertThatThrownBy(() -> Quantity.parse("0.1mi"))
        .hasMessage("invalid quantity \"0.1mi\": unable to parse quantity's suffix (unknown suffix \"mi\")");
    assertThatThrownBy(() -> Quantity.parse("1e+"))
        .hasMessage("invalid quantity \"1e+\": unable to parse quantity's suffix "
            + "(exponent \"+\" is not a 64-bit integer)");
    assertThatThrownBy(() -> Quantity.parse("Pi"))
        .hasMessage("invalid quantity \"Pi\": unable to parse numeric part of quantity (the number has no digits)");
    assertThatThrownBy(() -> Quantity.parse("1\u00b5"))
        .hasMessageEndingWith("(unexpected character U+00B5 at index 1)");
  }

  /**
   * Random quantities in every format: canonical text parses back to an equal quantity and is its own canonical
   * form; the value matches an independent computation; the canonical suffix is the largest possible.
   */
  @Test
  void canonicalFormRoundTripsForRandomQuantities() {
    Random random = new Random(20240501L);
    String[] decimal = {"n", "u", "m", "", "k", "M", "G", "T", "P", "E"};
    int[] decimalPowers = {-9, -6, -3, 0, 3, 6, 9, 12, 15, 18};
    String[] binary = {"Ki", "Mi", "Gi", "Ti", "Pi", "Ei"};
    Pattern shape = Pattern.compile("(-?)([0-9]+)([numkMGTPE]|[KMGTPE]i|e-?[0-9]+)?");
    BigDecimal maxBinary = BigDecimal.valueOf(Long.MAX_VALUE);
    for (int i = 0; i < 5000; i++) {
      StringBuilder number = new StringBuilder();
      int intDigits = random.nextInt(8);
      for (int d = 0; d < intDigits; d++) {
        number.append((char) ('0' + random.nextInt(10)));
      }
      if (intDigits == 0 || random.nextBoolean()) {
        number.append('.');
        int fractionDigits = 1 + random.nextInt(10);
        for (int d = 0; d < fractionDigits; d++) {
          number.append((char) ('0' + random.nextInt(10)));
        }
      }
      if (random.nextInt(4) == 0) {
        number.append("000");
      }
      boolean negative = random.nextInt(5) == 0;
      BigDecimal mantissa = new BigDecimal(number.charAt(0) == '.' ? "0" + number : number.toString());
      BigDecimal expected;
      String text;
      Format format;
      switch (random.nextInt(3)) {
        case 0 -> {
          int s = random.nextInt(decimal.length);
          text = number + decimal[s];
          expected = mantissa.scaleByPowerOfTen(decimalPowers[s]);
          format = Format.DECIMAL_SI;
        }
        case 1 -> {
          int s = random.nextInt(binary.length);
          text = number + binary[s];
          expected = mantissa.multiply(new BigDecimal(BigInteger.ONE.shiftLeft(10 * (s + 1))));
          format = Format.BINARY_SI;
        }
        default -> {
          int e = random.nextInt(41) - 20;
          text = number + (random.nextBoolean() ? "e" : "E") + e;
          expected = mantissa.scaleByPowerOfTen(e);
          format = Format.DECIMAL_EXPONENT;
        }
      }
      if (negative) {
        text = "-" + text;
        expected = expected.negate();
      }
      if (expected.signum() != 0 && expected.scale() > 9) {
        expected = expected.setScale(9, RoundingMode.UP);
      }
      if (format == Format.BINARY_SI && expected.abs().compareTo(maxBinary) > 0) {
        expected = negative ? maxBinary.negate() : maxBinary;
      }

      Quantity q = Quantity.parse(text);
      String canonical = q.canonical();
      Quantity again = Quantity.parse(canonical);
      if (q.toBigDecimal().compareTo(expected) != 0 || !again.equals(q) || !again.canonical().equals(canonical)
          || !Quantity.parse(q.serverForm()).equals(q) || !q.toString().equals(text)) {
        fail(text + " -> " + canonical + " (value " + q.toBigDecimal() + ", expected " + expected + ")");
      }

      Matcher m = shape.matcher(canonical);
      if (!m.matches()) {
        fail("unexpected shape: " + text + " -> " + canonical);
      }
      if (q.signum() != 0) {
        BigInteger mant = new BigInteger(m.group(2));
        String suffix = m.group(3) == null ? "" : m.group(3);
        boolean largest;
        if (suffix.endsWith("i")) {
          largest = q.format() == Format.BINARY_SI
              && (mant.mod(BigInteger.valueOf(1024)).signum() != 0 || suffix.equals("Ei"));
        } else {
          largest = suffix.equals("E") || q.format() == Format.BINARY_SI && suffix.isEmpty()
              || mant.mod(BigInteger.valueOf(1000)).signum() != 0;
        }
        if (m.group(2).startsWith("0") || !largest) {
          fail("not the largest suffix: " + text + " -> " + canonical);
        }
      }
    }
  }
}
