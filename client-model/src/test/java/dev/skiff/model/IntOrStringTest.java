package dev.skiff.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IntOrStringTest {

  @Test
  void holdsAnInteger() {
    IntOrString v = IntOrString.of(8080);
    assertThat(v.isInt()).isTrue();
    assertThat(v.isString()).isFalse();
    assertThat(v.intValue()).isEqualTo(8080);
    assertThat(v).hasToString("8080");
    assertThatThrownBy(v::stringValue).isInstanceOf(IllegalStateException.class)
        .hasMessage("IntOrString holds the integer 8080, not a string");
  }

  @Test
  void holdsAString() {
    IntOrString v = IntOrString.of("http");
    assertThat(v.isInt()).isFalse();
    assertThat(v.isString()).isTrue();
    assertThat(v.stringValue()).isEqualTo("http");
    assertThat(v).hasToString("http");
    assertThatThrownBy(v::intValue).isInstanceOf(IllegalStateException.class)
        .hasMessage("IntOrString holds the string \"http\", not an integer");
    assertThatThrownBy(() -> IntOrString.of((String) null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void equalityDistinguishesTheKinds() {
    assertThat(IntOrString.of(1)).isEqualTo(IntOrString.of(1)).hasSameHashCodeAs(IntOrString.of(1));
    assertThat(IntOrString.of("a")).isEqualTo(IntOrString.of("a")).hasSameHashCodeAs(IntOrString.of("a"));
    assertThat(IntOrString.of(8080)).isNotEqualTo(IntOrString.of("8080"));
    assertThat(IntOrString.of(0)).isNotEqualTo(IntOrString.of("")).isNotEqualTo(IntOrString.of(1));
    assertThat(IntOrString.of("a")).isNotEqualTo(IntOrString.of("b")).isNotEqualTo("a");
  }

  /** Go's TestGetScaledValueFromIntOrPercent cases and a few more. */
  @ParameterizedTest(name = "{0} of {1}, roundUp={2} -> {3}")
  @CsvSource(textBlock = """
      int:123,  0,   false, 123
      int:7,    100, true,  7
      int:-3,   100, true,  -3
      25%,      10,  true,  3
      25%,      10,  false, 2
      25%,      100, true,  25
      25%,      100, false, 25
      50%,      7,   true,  4
      50%,      7,   false, 3
      100%,     3,   true,  3
      0%,       3,   true,  0
      150%,     10,  false, 15
      +10%,     100, true,  10
      -10%,     100, true,  -10
      -15%,     10,  true,  -1
      -15%,     10,  false, -2
      33%,      3,   true,  1
      33%,      3,   false, 0
      1%,       -50, false, -1
      """)
  void scalesLikeGo(String value, int total, boolean roundUp, int expected) {
    IntOrString v = value.startsWith("int:") ? IntOrString.of(Integer.parseInt(value.substring(4)))
        : IntOrString.of(value);
    assertThat(v.scaledValue(total, roundUp)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "[{0}]")
  @CsvSource(delimiter = '|', textBlock = """
      25                      | invalid value for IntOrString: invalid type: string is not a percentage
      ''                      | invalid value for IntOrString: invalid type: string is not a percentage
      abc%                    | invalid value for IntOrString: invalid value "abc%": strconv.Atoi: parsing "abc": invalid syntax
      %                       | invalid value for IntOrString: invalid value "%": strconv.Atoi: parsing "": invalid syntax
      +%                      | invalid value for IntOrString: invalid value "+%": strconv.Atoi: parsing "+": invalid syntax
      ' 5%'                   | invalid value for IntOrString: invalid value " 5%": strconv.Atoi: parsing " 5": invalid syntax
      5.5%                    | invalid value for IntOrString: invalid value "5.5%": strconv.Atoi: parsing "5.5": invalid syntax
      1_000%                  | invalid value for IntOrString: invalid value "1_000%": strconv.Atoi: parsing "1_000": invalid syntax
      99999999999999999999%   | invalid value for IntOrString: invalid value "99999999999999999999%": strconv.Atoi: parsing "99999999999999999999": value out of range
      9223372036854775808%    | invalid value for IntOrString: invalid value "9223372036854775808%": strconv.Atoi: parsing "9223372036854775808": value out of range
      9223372036854775808x%   | invalid value for IntOrString: invalid value "9223372036854775808x%": strconv.Atoi: parsing "9223372036854775808x": invalid syntax
      99999999999999999999x%  | invalid value for IntOrString: invalid value "99999999999999999999x%": strconv.Atoi: parsing "99999999999999999999x": value out of range
      """)
  void rejectsBadPercentagesWithGosMessages(String value, String message) {
    assertThatThrownBy(() -> IntOrString.of(value).scaledValue(10, true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }

  @Test
  void acceptsTheExtremesOfGosInt64() {
    assertThat(IntOrString.of("-9223372036854775808%").scaledValue(0, true)).isZero();
    assertThat(IntOrString.of("9223372036854775807%").scaledValue(0, false)).isZero();
  }

  @Test
  void reportsOverflowOfTheResult() {
    assertThatThrownBy(() -> IntOrString.of("2147483647%").scaledValue(1000, true))
        .isInstanceOf(ArithmeticException.class);
  }
}
