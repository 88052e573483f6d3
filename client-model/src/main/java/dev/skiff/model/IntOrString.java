package dev.skiff.model;

import java.util.Objects;

/**
 * A value that is either a 32-bit integer or a string, as Kubernetes' {@code intstr.IntOrString}: a port given
 * by number ({@code 8080}) or by name ({@code "http"}), or an amount given absolutely ({@code 1}) or as a
 * percentage ({@code "25%"}).
 *
 * <p>The two kinds are distinct: {@code of(8080)} is not equal to {@code of("8080")}, and they are written
 * differently in JSON (a number and a string). Instances are immutable.
 */
public final class IntOrString {
  private final boolean isInt;
  private final int intValue;
  private final String stringValue;

  private IntOrString(boolean isInt, int intValue, String stringValue) {
    this.isInt = isInt;
    this.intValue = intValue;
    this.stringValue = stringValue;
  }

  /**
   * An integer value.
   *
   * @param value the integer, e.g. a port number
   * @return the value
   */
  public static IntOrString of(int value) {
    return new IntOrString(true, value, null);
  }

  /**
   * A string value.
   *
   * @param value the string, e.g. a port name or a percentage such as {@code 25%}
   * @return the value
   */
  public static IntOrString of(String value) {
    return new IntOrString(false, 0, Objects.requireNonNull(value, "value"));
  }

  /**
   * Whether this is an integer.
   *
   * @return true for an integer, false for a string
   */
  public boolean isInt() {
    return isInt;
  }

  /**
   * Whether this is a string.
   *
   * @return true for a string, false for an integer
   */
  public boolean isString() {
    return !isInt;
  }

  /**
   * The integer.
   *
   * @return the integer value
   * @throws IllegalStateException when this is a string
   */
  public int intValue() {
    if (!isInt) {
      throw new IllegalStateException("IntOrString holds the string " + Names.goQuote(stringValue)
          + ", not an integer");
    }
    return intValue;
  }

  /**
   * The string.
   *
   * @return the string value
   * @throws IllegalStateException when this is an integer
   */
  public String stringValue() {
    if (isInt) {
      throw new IllegalStateException("IntOrString holds the integer " + intValue + ", not a string");
    }
    return stringValue;
  }

  /**
   * Resolves an absolute-or-percentage amount against a total, as Go's
   * {@code intstr.GetScaledValueFromIntOrPercent}. An integer is returned as it is; a string must be a
   * percentage such as {@code "25%"}, and gives that share of {@code total}, rounded up or down:
   * {@code of("25%").scaledValue(10, true)} is 3, with {@code roundUp} false it is 2.
   *
   * @param total the amount the percentage is of, e.g. the desired replica count
   * @param roundUp whether to round a fractional result up (towards positive infinity) instead of down
   * @return the resolved amount
   * @throws IllegalArgumentException when the string is not an integer followed by {@code %}, worded as Go's
   *     error (e.g. {@code invalid value for IntOrString: invalid type: string is not a percentage})
   * @throws ArithmeticException when the result does not fit an {@code int}
   */
  public int scaledValue(int total, boolean roundUp) {
    if (isInt) {
      return intValue;
    }
    if (!stringValue.endsWith("%")) {
      throw new IllegalArgumentException(
          "invalid value for IntOrString: invalid type: string is not a percentage");
    }
    String digits = stringValue.substring(0, stringValue.length() - 1);
    long percent = goAtoi(digits);
    double share = (double) percent * (double) total / 100;
    double rounded = roundUp ? Math.ceil(share) : Math.floor(share);
    if (rounded < Integer.MIN_VALUE || rounded > Integer.MAX_VALUE) {
      throw new ArithmeticException("scaled value of " + stringValue + " of " + total + " overflows an int");
    }
    return (int) rounded;
  }

  /**
   * Equal when both are integers with the same value or both are strings with the same text.
   */
  @Override
  public boolean equals(Object o) {
    return o instanceof IntOrString v && v.isInt == isInt && v.intValue == intValue
        && Objects.equals(v.stringValue, stringValue);
  }

  /** A hash consistent with {@link #equals(Object)}. */
  @Override
  public int hashCode() {
    return isInt ? Integer.hashCode(intValue) : 31 + stringValue.hashCode();
  }

  /** The integer in decimal, or the string as it is. */
  @Override
  public String toString() {
    return isInt ? Integer.toString(intValue) : stringValue;
  }

  /** Go's {@code strconv.Atoi} on a 64-bit platform, with its error texts. */
  private String atoiError(String digits, String reason) {
    return "invalid value for IntOrString: invalid value " + Names.goQuote(stringValue) + ": strconv.Atoi: parsing "
        + Names.goQuote(digits) + ": " + reason;
  }

  private long goAtoi(String s) {
    // strconv.ParseInt: the sign, then the digits as an unsigned 64-bit number (stopping at the first invalid
    // character or at the digit that overflows 64 bits), then the signed range check.
    int n = s.length();
    int i = 0;
    boolean negative = false;
    if (n > 0 && (s.charAt(0) == '+' || s.charAt(0) == '-')) {
      negative = s.charAt(0) == '-';
      i = 1;
    }
    if (i == n) {
      throw new IllegalArgumentException(atoiError(s, "invalid syntax"));
    }
    final long cutoff = Long.divideUnsigned(-1L, 10) + 1;
    long magnitude = 0;
    for (; i < n; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        throw new IllegalArgumentException(atoiError(s, "invalid syntax"));
      }
      if (Long.compareUnsigned(magnitude, cutoff) >= 0) {
        throw new IllegalArgumentException(atoiError(s, "value out of range"));
      }
      long next = magnitude * 10 + (c - '0');
      if (Long.compareUnsigned(next, magnitude * 10) < 0) {
        throw new IllegalArgumentException(atoiError(s, "value out of range"));
      }
      magnitude = next;
    }
    int signedRange = Long.compareUnsigned(magnitude, Long.MIN_VALUE);
    if (negative ? signedRange > 0 : signedRange >= 0) {
      throw new IllegalArgumentException(atoiError(s, "value out of range"));
    }
    return negative ? -magnitude : magnitude;
  }
}
