package dev.skiff.model;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * Kubernetes' rules for names, label keys and label values, with the exact error texts of Go's
 * {@code k8s.io/apimachinery/pkg/util/validation} (as an API server v1.34 returns them in a 422 response).
 *
 * <p>Which rule applies depends on the kind: most object names must be {@linkplain #dns1123SubdomainErrors
 * DNS-1123 subdomains} (at most 253 characters, e.g. {@code my-app.v1}), namespace names must be
 * {@linkplain #dns1123LabelErrors DNS-1123 labels} (at most 63 characters, no dots) and service names must be
 * {@linkplain #dns1035LabelErrors DNS-1035 labels} (a label that starts with a letter). Label keys are
 * qualified names ({@code [prefix/]name}) and label values are short, possibly empty, tokens.
 *
 * <p>The {@code ...Errors} methods return every broken rule, in Kubernetes' order and wording; an empty list
 * means the value is valid. The {@code is...} predicates answer the same question without allocating, and the
 * {@code require...} methods throw an {@link InvalidNameException} worded like the server's field error.
 * Lengths are counted in UTF-8 bytes, as Go does (a value with non-ASCII characters is invalid anyway).
 */
public final class Names {
  /** The longest DNS-1123 label, e.g. a namespace name: 63. */
  public static final int DNS1123_LABEL_MAX_LENGTH = 63;
  /** The longest DNS-1123 subdomain, e.g. most object names: 253. */
  public static final int DNS1123_SUBDOMAIN_MAX_LENGTH = 253;
  /** The longest DNS-1035 label, e.g. a service name: 63. */
  public static final int DNS1035_LABEL_MAX_LENGTH = 63;
  /** The longest label value, and the longest name part of a label key: 63. */
  public static final int LABEL_VALUE_MAX_LENGTH = 63;

  private static final String DNS1123_LABEL_FMT = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
  private static final String DNS1123_LABEL_MSG =
      "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start "
          + "and end with an alphanumeric character";
  private static final String DNS1123_SUBDOMAIN_FMT = DNS1123_LABEL_FMT + "(\\." + DNS1123_LABEL_FMT + ")*";
  private static final String DNS1123_SUBDOMAIN_MSG =
      "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must "
          + "start and end with an alphanumeric character";
  private static final String DNS1035_LABEL_FMT = "[a-z]([-a-z0-9]*[a-z0-9])?";
  private static final String DNS1035_LABEL_MSG =
      "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic "
          + "character, and end with an alphanumeric character";
  private static final String QUALIFIED_NAME_FMT = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
  private static final String QUALIFIED_NAME_MSG =
      "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric "
          + "character";
  private static final String LABEL_VALUE_FMT = "(" + QUALIFIED_NAME_FMT + ")?";
  private static final String LABEL_VALUE_MSG =
      "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must "
          + "start and end with an alphanumeric character";

  private static final String DNS1123_LABEL_ERROR = regexError(DNS1123_LABEL_MSG, DNS1123_LABEL_FMT, "my-name",
      "123-abc");
  private static final String DNS1123_SUBDOMAIN_ERROR = regexError(DNS1123_SUBDOMAIN_MSG, DNS1123_SUBDOMAIN_FMT,
      "example.com");
  private static final String DNS1035_LABEL_ERROR = regexError(DNS1035_LABEL_MSG, DNS1035_LABEL_FMT, "my-name",
      "abc-123");
  private static final String QUALIFIED_NAME_ERROR = regexError(QUALIFIED_NAME_MSG, QUALIFIED_NAME_FMT, "MyName",
      "my.name", "123-abc");
  private static final String LABEL_VALUE_ERROR = regexError(LABEL_VALUE_MSG, LABEL_VALUE_FMT, "MyValue",
      "my_value", "12345");

  /** Characters of the random part of a generated name: consonants and digits that cannot spell words. */
  private static final String GENERATED_NAME_CHARS = "bcdfghjklmnpqrstvwxz2456789";
  private static final int GENERATED_NAME_RANDOM_LENGTH = 5;
  private static final int GENERATED_NAME_MAX_BASE_LENGTH = 63 - GENERATED_NAME_RANDOM_LENGTH;

  private Names() {}

  // ---------------------------------------------------------------------------------------------- predicates

  /**
   * Whether a value is a DNS-1123 label: 1 to 63 characters of {@code [a-z0-9-]}, starting and ending with a
   * letter or digit. Namespace names must be.
   *
   * @param value the value to check
   * @return true when {@link #dns1123LabelErrors(String)} would return no errors
   */
  public static boolean isDns1123Label(String value) {
    return value.length() <= DNS1123_LABEL_MAX_LENGTH && matchesDns1123Label(value, 0, value.length());
  }

  /**
   * Whether a value is a DNS-1123 subdomain: at most 253 characters of DNS-1123 labels joined by dots. Most
   * object names must be.
   *
   * @param value the value to check
   * @return true when {@link #dns1123SubdomainErrors(String)} would return no errors
   */
  public static boolean isDns1123Subdomain(String value) {
    return value.length() <= DNS1123_SUBDOMAIN_MAX_LENGTH && matchesDns1123Subdomain(value, 0, value.length());
  }

  /**
   * Whether a value is a DNS-1035 label: a DNS-1123 label that starts with a letter. Service names must be.
   *
   * @param value the value to check
   * @return true when {@link #dns1035LabelErrors(String)} would return no errors
   */
  public static boolean isDns1035Label(String value) {
    return value.length() <= DNS1035_LABEL_MAX_LENGTH && matchesDns1035Label(value);
  }

  /**
   * Whether a value is a valid label key (a Kubernetes "qualified name"): an optional DNS-1123 subdomain prefix
   * and a slash, then a name of 1 to 63 characters of {@code [-A-Za-z0-9_.]} starting and ending with a letter
   * or digit, e.g. {@code app} or {@code app.kubernetes.io/name}.
   *
   * @param value the value to check
   * @return true when {@link #labelKeyErrors(String)} would return no errors
   */
  public static boolean isLabelKey(String value) {
    int slash = value.indexOf('/');
    int nameStart = 0;
    if (slash >= 0) {
      if (value.indexOf('/', slash + 1) >= 0 || slash == 0 || slash > DNS1123_SUBDOMAIN_MAX_LENGTH
          || !matchesDns1123Subdomain(value, 0, slash)) {
        return false;
      }
      nameStart = slash + 1;
    }
    return value.length() - nameStart <= LABEL_VALUE_MAX_LENGTH && matchesQualifiedName(value, nameStart);
  }

  /**
   * Whether a value is a valid label value: empty, or 1 to 63 characters of {@code [-A-Za-z0-9_.]} starting and
   * ending with a letter or digit.
   *
   * @param value the value to check
   * @return true when {@link #labelValueErrors(String)} would return no errors
   */
  public static boolean isLabelValue(String value) {
    return value.isEmpty() || value.length() <= LABEL_VALUE_MAX_LENGTH && matchesQualifiedName(value, 0);
  }

  // -------------------------------------------------------------------------------------------------- errors

  /**
   * The reasons a value is not a DNS-1123 label, worded as Go's {@code IsDNS1123Label}. A valid subdomain that
   * is not a label gets {@code must not contain dots}.
   *
   * @param value the value to check
   * @return the broken rules; empty when the value is valid
   */
  public static List<String> dns1123LabelErrors(String value) {
    List<String> errors = new ArrayList<>(2);
    if (utf8Length(value) > DNS1123_LABEL_MAX_LENGTH) {
      errors.add(maxLengthError(DNS1123_LABEL_MAX_LENGTH));
    }
    if (!matchesDns1123Label(value, 0, value.length())) {
      errors.add(matchesDns1123Subdomain(value, 0, value.length()) ? "must not contain dots" : DNS1123_LABEL_ERROR);
    }
    return errors;
  }

  /**
   * The reasons a value is not a DNS-1123 subdomain, worded as Go's {@code IsDNS1123Subdomain}, e.g.
   * {@code must be no more than 253 characters}.
   *
   * @param value the value to check
   * @return the broken rules; empty when the value is valid
   */
  public static List<String> dns1123SubdomainErrors(String value) {
    List<String> errors = new ArrayList<>(2);
    if (utf8Length(value) > DNS1123_SUBDOMAIN_MAX_LENGTH) {
      errors.add(maxLengthError(DNS1123_SUBDOMAIN_MAX_LENGTH));
    }
    if (!matchesDns1123Subdomain(value, 0, value.length())) {
      errors.add(DNS1123_SUBDOMAIN_ERROR);
    }
    return errors;
  }

  /**
   * The reasons a value is not a DNS-1035 label, worded as Go's {@code IsDNS1035Label}.
   *
   * @param value the value to check
   * @return the broken rules; empty when the value is valid
   */
  public static List<String> dns1035LabelErrors(String value) {
    List<String> errors = new ArrayList<>(2);
    if (utf8Length(value) > DNS1035_LABEL_MAX_LENGTH) {
      errors.add(maxLengthError(DNS1035_LABEL_MAX_LENGTH));
    }
    if (!matchesDns1035Label(value)) {
      errors.add(DNS1035_LABEL_ERROR);
    }
    return errors;
  }

  /**
   * The reasons a value is not a valid label key, worded as Go's {@code IsQualifiedName}: messages start with
   * {@code prefix part } or {@code name part }, e.g. {@code name part must be non-empty}.
   *
   * @param value the value to check
   * @return the broken rules; empty when the value is valid
   */
  public static List<String> labelKeyErrors(String value) {
    List<String> errors = new ArrayList<>(2);
    int slash = value.indexOf('/');
    int nameStart = 0;
    if (slash >= 0) {
      if (value.indexOf('/', slash + 1) >= 0) {
        errors.add("a qualified name " + QUALIFIED_NAME_ERROR
            + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");
        return errors;
      }
      if (slash == 0) {
        errors.add("prefix part must be non-empty");
      } else {
        for (String e : dns1123SubdomainErrors(value.substring(0, slash))) {
          errors.add("prefix part " + e);
        }
      }
      nameStart = slash + 1;
    }
    String name = value.substring(nameStart);
    if (name.isEmpty()) {
      errors.add("name part must be non-empty");
    } else if (utf8Length(name) > LABEL_VALUE_MAX_LENGTH) {
      errors.add("name part " + maxLengthError(LABEL_VALUE_MAX_LENGTH));
    }
    if (!matchesQualifiedName(name, 0)) {
      errors.add("name part " + QUALIFIED_NAME_ERROR);
    }
    return errors;
  }

  /**
   * The reasons a value is not a valid label value, worded as Go's {@code IsValidLabelValue}.
   *
   * @param value the value to check
   * @return the broken rules; empty when the value is valid (the empty string is valid)
   */
  public static List<String> labelValueErrors(String value) {
    List<String> errors = new ArrayList<>(2);
    if (utf8Length(value) > LABEL_VALUE_MAX_LENGTH) {
      errors.add(maxLengthError(LABEL_VALUE_MAX_LENGTH));
    }
    if (!value.isEmpty() && !matchesQualifiedName(value, 0)) {
      errors.add(LABEL_VALUE_ERROR);
    }
    return errors;
  }

  /**
   * The reasons a {@code metadata.generateName} prefix is invalid under a name rule. As in Go's object-meta
   * validation, a trailing dash is allowed because random characters follow it (the last two characters are
   * replaced by {@code a} before the rule is applied, Go's {@code maskTrailingDash}).
   *
   * <pre>{@code
   * Names.generateNameErrors("web-", Names::dns1123SubdomainErrors)   // []
   * Names.generateNameErrors("Bad_", Names::dns1123SubdomainErrors)   // [a lowercase RFC 1123 subdomain ...]
   * }</pre>
   *
   * @param generateName the prefix
   * @param nameRule the rule names of the kind must follow, e.g. {@code Names::dns1123SubdomainErrors}
   * @return the broken rules; empty when the prefix is valid
   */
  public static List<String> generateNameErrors(String generateName, Function<String, List<String>> nameRule) {
    Objects.requireNonNull(nameRule, "nameRule");
    String masked = generateName;
    if (generateName.length() > 1 && generateName.endsWith("-")) {
      masked = generateName.substring(0, generateName.length() - 2) + "a";
    }
    return nameRule.apply(masked);
  }

  /**
   * Generates a name from a {@code metadata.generateName} prefix as an API server does: the prefix, cut to 58
   * characters, followed by 5 random characters of {@code bcdfghjklmnpqrstvwxz2456789}.
   *
   * @param base the prefix, e.g. {@code web-}
   * @param random the source of randomness
   * @return a name such as {@code web-x7k2q}, at most 63 characters long
   */
  public static String generateName(String base, RandomGenerator random) {
    Objects.requireNonNull(random, "random");
    String prefix = base.length() > GENERATED_NAME_MAX_BASE_LENGTH
        ? base.substring(0, GENERATED_NAME_MAX_BASE_LENGTH) : base;
    StringBuilder sb = new StringBuilder(prefix.length() + GENERATED_NAME_RANDOM_LENGTH).append(prefix);
    for (int i = 0; i < GENERATED_NAME_RANDOM_LENGTH; i++) {
      sb.append(GENERATED_NAME_CHARS.charAt(random.nextInt(GENERATED_NAME_CHARS.length())));
    }
    return sb.toString();
  }

  // ------------------------------------------------------------------------------------------------- require

  /**
   * Checks that a value is a DNS-1123 label.
   *
   * @param what what is checked, used in the message, e.g. {@code metadata.name}
   * @param value the value to check
   * @throws InvalidNameException when it is not
   */
  public static void requireDns1123Label(String what, String value) {
    if (!isDns1123Label(value)) {
      throw new InvalidNameException(what, value, dns1123LabelErrors(value));
    }
  }

  /**
   * Checks that a value is a DNS-1123 subdomain.
   *
   * @param what what is checked, used in the message, e.g. {@code metadata.name}
   * @param value the value to check
   * @throws InvalidNameException when it is not
   */
  public static void requireDns1123Subdomain(String what, String value) {
    if (!isDns1123Subdomain(value)) {
      throw new InvalidNameException(what, value, dns1123SubdomainErrors(value));
    }
  }

  /**
   * Checks that a value is a DNS-1035 label.
   *
   * @param what what is checked, used in the message, e.g. {@code metadata.name}
   * @param value the value to check
   * @throws InvalidNameException when it is not
   */
  public static void requireDns1035Label(String what, String value) {
    if (!isDns1035Label(value)) {
      throw new InvalidNameException(what, value, dns1035LabelErrors(value));
    }
  }

  /**
   * Checks that a value is a valid label key.
   *
   * @param what what is checked, used in the message, e.g. {@code metadata.labels}
   * @param value the value to check
   * @throws InvalidNameException when it is not
   */
  public static void requireLabelKey(String what, String value) {
    if (!isLabelKey(value)) {
      throw new InvalidNameException(what, value, labelKeyErrors(value));
    }
  }

  /**
   * Checks that a value is a valid label value.
   *
   * @param what what is checked, used in the message, e.g. {@code metadata.labels}
   * @param value the value to check
   * @throws InvalidNameException when it is not
   */
  public static void requireLabelValue(String what, String value) {
    if (!isLabelValue(value)) {
      throw new InvalidNameException(what, value, labelValueErrors(value));
    }
  }

  // -------------------------------------------------------------------------------------------------- matchers

  private static boolean isLowerAlnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
  }

  private static boolean isAlnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }

  /** {@code [a-z0-9]([-a-z0-9]*[a-z0-9])?} over {@code value[from, to)}. */
  private static boolean matchesDns1123Label(String value, int from, int to) {
    if (to <= from || !isLowerAlnum(value.charAt(from)) || !isLowerAlnum(value.charAt(to - 1))) {
      return false;
    }
    for (int i = from + 1; i < to - 1; i++) {
      char c = value.charAt(i);
      if (c != '-' && !isLowerAlnum(c)) {
        return false;
      }
    }
    return true;
  }

  /** DNS-1123 labels joined by single dots, over {@code value[from, to)}. */
  private static boolean matchesDns1123Subdomain(String value, int from, int to) {
    int start = from;
    while (true) {
      int dot = value.indexOf('.', start);
      int end = dot < 0 || dot >= to ? to : dot;
      if (!matchesDns1123Label(value, start, end)) {
        return false;
      }
      if (end == to) {
        return true;
      }
      start = end + 1;
    }
  }

  /** {@code [a-z]([-a-z0-9]*[a-z0-9])?}. */
  private static boolean matchesDns1035Label(String value) {
    return !value.isEmpty() && value.charAt(0) >= 'a' && value.charAt(0) <= 'z'
        && matchesDns1123Label(value, 0, value.length());
  }

  /** {@code ([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]} over {@code value[from, end)}. */
  private static boolean matchesQualifiedName(String value, int from) {
    int to = value.length();
    if (to <= from || !isAlnum(value.charAt(from)) || !isAlnum(value.charAt(to - 1))) {
      return false;
    }
    for (int i = from + 1; i < to - 1; i++) {
      char c = value.charAt(i);
      if (c != '-' && c != '_' && c != '.' && !isAlnum(c)) {
        return false;
      }
    }
    return true;
  }

  // ------------------------------------------------------------------------------- Go compatibility helpers

  /** Go's {@code validation.MaxLenError}. */
  static String maxLengthError(int length) {
    return "must be no more than " + length + " characters";
  }

  /** Go's {@code validation.RegexError}, including its double space before {@code or}. */
  static String regexError(String message, String format, String... examples) {
    StringBuilder sb = new StringBuilder(message);
    if (examples.length == 0) {
      return sb.append(" (regex used for validation is '").append(format).append("')").toString();
    }
    sb.append(" (e.g. ");
    for (int i = 0; i < examples.length; i++) {
      if (i > 0) {
        sb.append(" or ");
      }
      sb.append('\'').append(examples[i]).append("', ");
    }
    return sb.append("regex used for validation is '").append(format).append("')").toString();
  }

  /** The length of a string in UTF-8 bytes, as Go's {@code len(string)}. */
  static int utf8Length(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) >= 0x80) {
        return s.getBytes(StandardCharsets.UTF_8).length;
      }
    }
    return s.length();
  }

  /**
   * Go's {@code strconv.ParseInt(s, 10, 64)}: an optional sign and at least one ASCII digit, within the
   * {@code long} range.
   *
   * @return the value, or null where Go returns an error
   */
  static Long goParseInt64(String s) {
    int n = s.length();
    int i = 0;
    boolean negative = false;
    if (n > 0 && (s.charAt(0) == '+' || s.charAt(0) == '-')) {
      negative = s.charAt(0) == '-';
      i = 1;
    }
    if (i == n) {
      return null;
    }
    long limit = negative ? Long.MIN_VALUE : -Long.MAX_VALUE;
    long result = 0; // accumulated negatively, so that Long.MIN_VALUE fits
    for (; i < n; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return null;
      }
      int digit = c - '0';
      if (result < limit / 10 || result * 10 < limit + digit) {
        return null;
      }
      result = result * 10 - digit;
    }
    return negative ? result : -result;
  }

  /**
   * Go's {@code strconv.Quote} ({@code %q}): double quotes, a backslash before quotes and backslashes, the C
   * escapes, and hexadecimal escapes for other characters that are not printable. API servers quote values
   * this way in their error messages.
   *
   * @param s the text to quote
   * @return the quoted text, as Go prints it
   */
  public static String goQuote(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      if (cp == '"' || cp == '\\') {
        sb.append('\\').appendCodePoint(cp);
      } else if (isGoPrintable(cp)) {
        sb.appendCodePoint(cp);
      } else {
        switch (cp) {
          case 0x07:
            sb.append("\\a");
            break;
          case '\b':
            sb.append("\\b");
            break;
          case '\f':
            sb.append("\\f");
            break;
          case '\n':
            sb.append("\\n");
            break;
          case '\r':
            sb.append("\\r");
            break;
          case '\t':
            sb.append("\\t");
            break;
          case 0x0b:
            sb.append("\\v");
            break;
          default:
            if (cp < ' ' || cp == 0x7f) {
              sb.append(String.format("\\x%02x", cp));
            } else if (Character.getType(cp) == Character.SURROGATE) {
              sb.append("\\ufffd");
            } else if (cp < 0x10000) {
              sb.append(String.format("\\u%04x", cp));
            } else {
              sb.append(String.format("\\U%08x", cp));
            }
        }
      }
    }
    return sb.append('"').toString();
  }

  private static boolean isGoPrintable(int cp) {
    if (cp < 0x80) {
      return cp >= 0x20 && cp < 0x7f;
    }
    switch (Character.getType(cp)) {
      case Character.UNASSIGNED:
      case Character.CONTROL:
      case Character.FORMAT:
      case Character.PRIVATE_USE:
      case Character.SURROGATE:
      case Character.SPACE_SEPARATOR:
      case Character.LINE_SEPARATOR:
      case Character.PARAGRAPH_SEPARATOR:
        return false;
      default:
        return true;
    }
  }
}
