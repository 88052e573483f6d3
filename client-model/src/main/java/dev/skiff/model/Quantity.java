package dev.skiff.model;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * A Kubernetes resource quantity such as {@code 100m}, {@code 64Mi} or {@code 1.5}: an exact fixed-point
 * number with a preferred way of being written, as in {@code k8s.io/apimachinery/pkg/api/resource.Quantity}.
 *
 * <p>The text grammar is
 *
 * <pre>
 * quantity        ::= signedNumber suffix
 * signedNumber    ::= number | sign number          sign ::= "+" | "-"
 * number          ::= digits | digits "." digits | digits "." | "." digits
 * suffix          ::= binarySI | decimalExponent | decimalSI
 * binarySI        ::= Ki | Mi | Gi | Ti | Pi | Ei                 (powers of 1024)
 * decimalSI       ::= n | u | m | "" | k | M | G | T | P | E     (powers of 1000)
 * decimalExponent ::= "e" signedNumber | "E" signedNumber        (e.g. 12e6, 1.5e-3)
 * </pre>
 *
 * <p>Parsing follows Go's {@code ParseQuantity} exactly, including its leniencies: {@code "1."},
 * {@code ".5"}, {@code "+1"} and even {@code "-"} or {@code "Ki"} (both zero) are accepted, a value is kept only
 * down to nano units (a finer non-zero amount is rounded away from zero, so {@code 0.1n} becomes {@code 1n}),
 * and a binary-suffixed value is silently capped at {@code 2^63-1} ({@code 9Ei} parses as {@code 2^63-1}).
 * Decimal values are otherwise unbounded. Like Go, an exponent that does not fit 32 bits is truncated to its
 * low 32 bits ({@code 1e4294967297} is {@code 1e1}).
 *
 * <p>A quantity remembers its {@linkplain Format format} (binary SI, decimal SI or decimal exponent) and
 * {@link #canonical()} writes it in that format the way Kubernetes does: the largest suffix or exponent
 * (a multiple of three for decimal formats) that leaves an integer mantissa, e.g. {@code 0.1 -> 100m},
 * {@code 1.5Gi -> 1536Mi}, {@code 1000m -> 1}, {@code 2e3 -> 2e3}, {@code 1.5e-3 -> 1500e-6}. A binary
 * quantity that is not a whole number of bytes, or whose magnitude is below 1024, is written in decimal SI
 * ({@code 0.5Ki -> 512}).
 *
 * <p>{@link #toString()} returns the text the quantity was parsed from, so that objects read and written
 * again keep their bytes; {@link #equals(Object)}, {@link #hashCode()} and {@link #compareTo(Quantity)} work
 * on the numeric value, so {@code 1Gi} equals {@code 1024Mi} and {@code 0.1} equals {@code 100m}.
 *
 * <p>Instances are immutable and safe to share between threads.
 */
public final class Quantity implements Comparable<Quantity> {

  /** The three ways a quantity can be written. */
  public enum Format {
    /** Decimal SI suffixes, powers of 1000: {@code n u m k M G T P E} or none, e.g. {@code 12M}. */
    DECIMAL_SI,
    /** Binary SI suffixes, powers of 1024: {@code Ki Mi Gi Ti Pi Ei}, e.g. {@code 12Mi}. */
    BINARY_SI,
    /** A power of ten written as an exponent, e.g. {@code 12e6}. */
    DECIMAL_EXPONENT
  }

  static final String FORMAT_ERROR =
      "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
  static final String NUMERIC_ERROR = "unable to parse numeric part of quantity";
  static final String SUFFIX_ERROR = "unable to parse quantity's suffix";

  private static final BigDecimal MAX_BINARY = BigDecimal.valueOf(Long.MAX_VALUE);
  private static final BigDecimal ONE_NANO = BigDecimal.valueOf(1, 9);
  private static final BigDecimal KIBI = BigDecimal.valueOf(1024);
  private static final String[] DECIMAL_SUFFIXES = {"n", "u", "m", "", "k", "M", "G", "T", "P", "E"};
  private static final String[] BINARY_SUFFIXES = {"", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"};
  private static final String SUFFIX_CHARS = "eEinumkKMGTP";

  private final BigDecimal value;
  private final Format format;
  private final String text;
  private final boolean textIsServerForm;
  private String canonical; // computed lazily; a racy single check is safe for an immutable String

  private Quantity(BigDecimal value, Format format, String text, boolean textIsServerForm) {
    this.value = value;
    this.format = format;
    this.text = text;
    this.textIsServerForm = textIsServerForm;
  }

  /**
   * Parses a quantity with Kubernetes' rules (see the class description).
   *
   * <p>The text must not have surrounding whitespace. When decoding JSON, an API server trims it first and also
   * accepts an unquoted JSON number; a codec should do the same before calling this method.
   *
   * @param text the quantity, e.g. {@code "100m"}, {@code "1.5Gi"} or {@code "12e6"}
   * @return the quantity, remembering {@code text} for {@link #toString()}
   * @throws InvalidQuantityException when the text is not a quantity
   */
  public static Quantity parse(String text) {
    Objects.requireNonNull(text, "text");
    int end = text.length();
    if (end == 0) {
      throw new InvalidQuantityException(text, FORMAT_ERROR, "the text is empty", -1);
    }
    if (end == 1 && text.charAt(0) == '0') {
      return new Quantity(BigDecimal.ZERO, Format.DECIMAL_SI, text, true);
    }

    // Scan: sign, leading zeros, integer digits, optional fraction, suffix letters, optional sign, digits.
    int pos = 0;
    boolean negative = false;
    char first = text.charAt(0);
    if (first == '-' || first == '+') {
      negative = first == '-';
      pos = 1;
    }
    int signEnd = pos;
    while (pos < end && text.charAt(pos) == '0') {
      pos++;
    }
    boolean hadZeros = pos > signEnd;
    int numStart = pos;
    while (pos < end && isDigit(text.charAt(pos))) {
      pos++;
    }
    int numEnd = pos;
    int denomStart = pos;
    int denomEnd = pos;
    if (pos < end && text.charAt(pos) == '.') {
      pos++;
      denomStart = pos;
      while (pos < end && isDigit(text.charAt(pos))) {
        pos++;
      }
      denomEnd = pos;
    }
    int suffixStart = pos;
    while (pos < end && SUFFIX_CHARS.indexOf(text.charAt(pos)) >= 0) {
      pos++;
    }
    if (pos < end && (text.charAt(pos) == '+' || text.charAt(pos) == '-')) {
      pos++;
    }
    while (pos < end && isDigit(text.charAt(pos))) {
      pos++;
    }
    if (pos < end) {
      throw new InvalidQuantityException(
          text, FORMAT_ERROR, "unexpected character " + describe(text.charAt(pos)) + " at index " + pos, pos);
    }

    // Interpret the suffix.
    Format format;
    int exponent;
    String suffix = text.substring(suffixStart, end);
    int decimal = decimalSuffixExponent(suffix);
    if (decimal != Integer.MIN_VALUE) {
      format = Format.DECIMAL_SI;
      exponent = decimal;
    } else if (suffix.length() == 2 && suffix.charAt(1) == 'i' && binarySuffixIndex(suffix.charAt(0)) > 0) {
      format = Format.BINARY_SI;
      exponent = 10 * binarySuffixIndex(suffix.charAt(0));
    } else if (suffix.length() > 1 && (suffix.charAt(0) == 'e' || suffix.charAt(0) == 'E')) {
      Long parsed = Names.goParseInt64(suffix.substring(1));
      if (parsed == null) {
        throw new InvalidQuantityException(
            text, SUFFIX_ERROR, "exponent " + Names.goQuote(suffix.substring(1)) + " is not a 64-bit integer",
            suffixStart + 1);
      }
      format = Format.DECIMAL_EXPONENT;
      exponent = (int) parsed.longValue(); // Go keeps the low 32 bits: int32(parsed)
    } else {
      throw new InvalidQuantityException(
          text, SUFFIX_ERROR, "unknown suffix " + Names.goQuote(suffix), suffixStart);
    }

    int numDigits = numEnd - numStart;
    int denomDigits = denomEnd - denomStart;
    // Go's fast path (int64 arithmetic) applies to short numbers at no finer than nano scale; it is the only
    // path that accepts a number without digits and the one that keeps already-canonical text.
    int numLength = Math.max(numDigits, 1);
    boolean fastPath;
    if (format == Format.BINARY_SI) {
      fastPath = denomDigits == 0 && 15 - numLength - exponent * 3 / 10 - 1 >= 0;
    } else {
      fastPath = 18 - (numLength + denomDigits) >= 0 && (long) exponent - denomDigits >= -9;
    }
    if (!fastPath && !hadZeros && numDigits == 0 && denomDigits == 0) {
      throw new InvalidQuantityException(text, NUMERIC_ERROR, "the number has no digits", signEnd);
    }

    BigDecimal value;
    long fastMagnitude = -1;
    int totalDigits = numDigits + denomDigits;
    if (totalDigits <= 18) {
      long unscaled = 0;
      for (int i = numStart; i < numEnd; i++) {
        unscaled = unscaled * 10 + (text.charAt(i) - '0');
      }
      for (int i = denomStart; i < denomEnd; i++) {
        unscaled = unscaled * 10 + (text.charAt(i) - '0');
      }
      fastMagnitude = unscaled;
      if (format == Format.BINARY_SI && denomDigits == 0 && unscaled < (1L << (63 - exponent))) {
        long bytes = unscaled << exponent;
        value = BigDecimal.valueOf(negative ? -bytes : bytes);
      } else {
        value = scaled(BigInteger.valueOf(negative ? -unscaled : unscaled), format, exponent, denomDigits);
      }
    } else {
      StringBuilder digits = new StringBuilder(totalDigits + 1);
      if (negative) {
        digits.append('-');
      }
      digits.append(text, numStart, numEnd).append(text, denomStart, denomEnd);
      value = scaled(new BigInteger(digits.toString()), format, exponent, denomDigits);
    }

    if (format == Format.BINARY_SI) {
      if (value.abs().compareTo(MAX_BINARY) > 0) {
        value = value.signum() < 0 ? MAX_BINARY.negate() : MAX_BINARY;
      }
      if (value.signum() != 0 && value.abs().compareTo(BigDecimal.ONE) < 0) {
        format = Format.DECIMAL_SI;
      }
    }

    // Go reuses the input text as its String() when the fast path finds it already canonical.
    boolean serverForm = false;
    if (fastPath && numDigits > 0) {
      if (format == Format.BINARY_SI) {
        serverForm = (fastMagnitude & 7) != 0;
      } else {
        long scale = (long) exponent - denomDigits;
        serverForm = scale % 3 == 0 && !endsWithThreeZeros(text, numStart, numEnd, denomStart, denomEnd);
      }
    }
    return new Quantity(value, format, text, serverForm);
  }

  /**
   * A whole-number quantity in decimal SI format, like Go's {@code NewQuantity(value, DecimalSI)}.
   *
   * @param value the amount, e.g. {@code 2} for two CPUs
   * @return the quantity; its text is its canonical form, e.g. {@code 2000} is written {@code 2k}
   */
  public static Quantity of(long value) {
    return of(value, Format.DECIMAL_SI);
  }

  /**
   * A whole-number quantity in the given format, like Go's {@code NewQuantity(value, format)}.
   *
   * @param value the amount, e.g. {@code 1073741824} bytes
   * @param format how to write it, e.g. {@link Format#BINARY_SI} to get {@code 1Gi}
   * @return the quantity; its text is its canonical form
   */
  public static Quantity of(long value, Format format) {
    Objects.requireNonNull(format, "format");
    return new Quantity(BigDecimal.valueOf(value), format, null, false);
  }

  /**
   * A quantity of thousandths in decimal SI format, like Go's {@code NewMilliQuantity(value, DecimalSI)}.
   *
   * @param millis the amount in thousandths, e.g. {@code 250} for a quarter CPU ({@code 250m})
   * @return the quantity; its text is its canonical form
   */
  public static Quantity ofMillis(long millis) {
    return new Quantity(BigDecimal.valueOf(millis, 3), Format.DECIMAL_SI, null, false);
  }

  /**
   * The exact value.
   *
   * @return the number this quantity stands for, e.g. {@code 0.1} for {@code 100m}
   */
  public BigDecimal toBigDecimal() {
    return value;
  }

  /**
   * The value as a whole number, rounded away from zero like Go's {@code Value()}: {@code 100m} gives 1,
   * {@code -1.5} gives -2. A value outside the {@code long} range saturates to {@link Long#MAX_VALUE} or
   * {@link Long#MIN_VALUE} (Go leaves it undefined); use {@link #toBigDecimal()} for exact arithmetic.
   *
   * @return the value rounded away from zero
   */
  public long value() {
    return scaledAwayFromZero(0);
  }

  /**
   * The value in thousandths, rounded away from zero like Go's {@code MilliValue()}: {@code 0.1} gives 100,
   * {@code 1n} gives 1. Saturates like {@link #value()}.
   *
   * @return the value times 1000, rounded away from zero
   */
  public long milliValue() {
    return scaledAwayFromZero(3);
  }

  /**
   * The sign of the value.
   *
   * @return -1, 0 or 1
   */
  public int signum() {
    return value.signum();
  }

  /**
   * The format this quantity is written in: the format of its suffix when parsed (a binary quantity between
   * -1 and 1 becomes decimal SI, as in Go), or the format it was created with.
   *
   * @return the format
   */
  public Format format() {
    return format;
  }

  /**
   * The canonical text, exactly as Go's {@code Quantity.String()} computes it for a quantity that does not
   * carry its original text: in the quantity's format, with the largest suffix or exponent that keeps the
   * mantissa an integer. Examples: {@code 0.1 -> 100m}, {@code 1.5Gi -> 1536Mi}, {@code 1024Ki -> 1Mi},
   * {@code 1000m -> 1}, {@code 0.5Gi -> 512Mi}, {@code 12e6 -> 12e6}, {@code 0.0000000001 -> 1n}. A decimal SI
   * value of {@code 10^21} or more has no suffix and is written with an exponent ({@code 1000E -> 1e21}).
   *
   * <p>{@code parse(q.canonical())} equals {@code q}, and canonical text is its own canonical form.
   *
   * @return the canonical text
   */
  public String canonical() {
    String c = canonical;
    if (c == null) {
      c = format(value, format);
      canonical = c;
    }
    return c;
  }

  /**
   * The text a Kubernetes API server writes back for this quantity after decoding it from the same text. This
   * is {@link #canonical()}, except that Go keeps the input text verbatim when its fast parser finds it
   * already canonical in value, so a few inputs come back unchanged: {@code "+1"}, {@code "05"},
   * {@code "1.200"} (not {@code 1200m}), {@code "1E3"} (not {@code 1e3}), {@code "5e0"}. Useful for a fake
   * API server; clients normally want {@link #canonical()}.
   *
   * @return the text a server would return
   */
  public String serverForm() {
    return textIsServerForm ? text : canonical();
  }

  /**
   * Compares numerically; the format and the text play no part.
   *
   * @param other the quantity to compare with
   * @return a negative number, zero or a positive number as this quantity is less than, equal to or greater
   *     than {@code other}
   */
  @Override
  public int compareTo(Quantity other) {
    return value.compareTo(other.value);
  }

  /**
   * Two quantities are equal when their values are, whatever their format or text: {@code 1Gi} equals
   * {@code 1024Mi}, {@code 0.1} equals {@code 100m}.
   */
  @Override
  public boolean equals(Object o) {
    return o instanceof Quantity q && value.compareTo(q.value) == 0;
  }

  /** A hash of the numeric value, consistent with {@link #equals(Object)}. */
  @Override
  public int hashCode() {
    return value.signum() == 0 ? 0 : value.stripTrailingZeros().hashCode();
  }

  /**
   * The text this quantity was parsed from, exactly as given, or its {@link #canonical()} text when it was
   * created from a number.
   */
  @Override
  public String toString() {
    return text != null ? text : canonical();
  }

  // ---------------------------------------------------------------------------------------------------------

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static String describe(char c) {
    return c >= 0x20 && c < 0x7f ? "'" + c + "'" : String.format("U+%04X", (int) c);
  }

  /** The power of ten of a decimal SI suffix, or {@link Integer#MIN_VALUE} when it is not one. */
  private static int decimalSuffixExponent(String suffix) {
    if (suffix.isEmpty()) {
      return 0;
    }
    if (suffix.length() != 1) {
      return Integer.MIN_VALUE;
    }
    switch (suffix.charAt(0)) {
      case 'n':
        return -9;
      case 'u':
        return -6;
      case 'm':
        return -3;
      case 'k':
        return 3;
      case 'M':
        return 6;
      case 'G':
        return 9;
      case 'T':
        return 12;
      case 'P':
        return 15;
      case 'E':
        return 18;
      default:
        return Integer.MIN_VALUE;
    }
  }

  /** The power of 1024 of the first letter of a binary suffix ({@code K} is 1), or -1. */
  private static int binarySuffixIndex(char c) {
    switch (c) {
      case 'K':
        return 1;
      case 'M':
        return 2;
      case 'G':
        return 3;
      case 'T':
        return 4;
      case 'P':
        return 5;
      case 'E':
        return 6;
      default:
        return -1;
    }
  }

  /** Whether the digits of num + denom (num without leading zeros, non-empty) end with "000". */
  private static boolean endsWithThreeZeros(String text, int numStart, int numEnd, int denomStart, int denomEnd) {
    int total = (numEnd - numStart) + (denomEnd - denomStart);
    if (total < 3) {
      return false;
    }
    for (int k = 1; k <= 3; k++) {
      int fromDenom = (denomEnd - denomStart) - k;
      char c = fromDenom >= 0 ? text.charAt(denomStart + fromDenom) : text.charAt(numEnd + fromDenom);
      if (c != '0') {
        return false;
      }
    }
    return true;
  }

  /**
   * The value {@code unscaled / 10^denomDigits} times the suffix multiplier, rounded away from zero to nano
   * units as Go's parser does.
   */
  private static BigDecimal scaled(BigInteger unscaled, Format format, int exponent, int denomDigits) {
    if (unscaled.signum() == 0) {
      return BigDecimal.ZERO;
    }
    long scale;
    if (format == Format.BINARY_SI) {
      unscaled = unscaled.shiftLeft(exponent);
      scale = denomDigits;
    } else {
      scale = (long) denomDigits - exponent;
    }
    if (scale <= 9) {
      return new BigDecimal(unscaled, (int) scale);
    }
    long digits = unscaled.abs().toString().length();
    if (digits - scale <= -9) {
      // Below one nano: rounds up to exactly one nano (away from zero).
      return unscaled.signum() < 0 ? ONE_NANO.negate() : ONE_NANO;
    }
    return new BigDecimal(unscaled, (int) scale).setScale(9, RoundingMode.UP);
  }

  private long scaledAwayFromZero(int shift) {
    if (value.signum() == 0) {
      return 0;
    }
    // Digits before the point after the shift; beyond 19 the value cannot fit a long.
    long integerDigits = (long) value.precision() - value.scale() + shift;
    if (integerDigits > 19) {
      return value.signum() > 0 ? Long.MAX_VALUE : Long.MIN_VALUE;
    }
    BigInteger whole = value.movePointRight(shift).setScale(0, RoundingMode.UP).unscaledValue();
    if (whole.bitLength() > 63) {
      return whole.signum() > 0 ? Long.MAX_VALUE : Long.MIN_VALUE;
    }
    return whole.longValue();
  }

  private static String format(BigDecimal value, Format format) {
    if (value.signum() == 0) {
      return "0";
    }
    if (format == Format.BINARY_SI) {
      if (value.abs().compareTo(KIBI) < 0 || value.stripTrailingZeros().scale() > 0) {
        format = Format.DECIMAL_SI; // small or fractional binary values are written in decimal SI
      } else {
        BigInteger mantissa = value.toBigIntegerExact();
        int times = 0;
        while (times < 6 && mantissa.getLowestSetBit() >= 10) {
          mantissa = mantissa.shiftRight(10);
          times++;
        }
        return mantissa + BINARY_SUFFIXES[times];
      }
    }
    BigDecimal stripped = value.stripTrailingZeros();
    long exponent = -(long) stripped.scale();
    long exponent3 = Math.floorDiv(exponent, 3) * 3;
    BigInteger mantissa = stripped.unscaledValue();
    int shift = (int) (exponent - exponent3);
    if (shift == 1) {
      mantissa = mantissa.multiply(BigInteger.TEN);
    } else if (shift == 2) {
      mantissa = mantissa.multiply(BigInteger.valueOf(100));
    }
    String suffix;
    if (format == Format.DECIMAL_SI && exponent3 >= -9 && exponent3 <= 18) {
      suffix = DECIMAL_SUFFIXES[(int) (exponent3 + 9) / 3];
    } else if (exponent3 == 0) {
      suffix = "";
    } else {
      suffix = "e" + exponent3;
    }
    return mantissa.toString() + suffix;
  }
}
