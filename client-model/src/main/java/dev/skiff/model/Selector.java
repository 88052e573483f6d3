package dev.skiff.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A parsed label selector: a conjunction of {@linkplain Requirement requirements} on an object's labels, with
 * the syntax and behaviour of Go's {@code k8s.io/apimachinery/pkg/labels}.
 *
 * <pre>
 * selector    ::= requirement ( "," requirement )*        (or empty: select everything)
 * requirement ::= [ "!" ] KEY                               (exists / does not exist)
 *               | KEY ( "=" | "==" | "!=" ) VALUE
 *               | KEY ( "in" | "notin" ) "(" VALUE ( "," VALUE )* ")"
 *               | KEY ( "&gt;" | "&lt;" ) INTEGER
 * </pre>
 *
 * <p>Keys must be valid label keys and values valid label values (see {@link Names}); whitespace between
 * tokens is ignored; a value may be empty ({@code a=}, {@code a in (,b)}). Examples:
 * {@code app=web,tier in (fe,be)}, {@code !canary}, {@code env!=prod,release}.
 *
 * <p>Requirements are kept sorted by key (stably), and the values of set requirements sorted and
 * de-duplicated, so {@link #toString()} gives Go's canonical {@code String()} form, e.g.
 * {@code a in (x,y),b!=c}, and two selectors that parse from equivalent texts are equal. As in Go, {@code =} and
 * {@code ==} are distinct operators that match alike: {@code a==b} keeps its {@code ==} when written back.
 *
 * <p>Instances are immutable and safe to share between threads.
 */
public final class Selector {

  /** How a requirement relates a label's value to the requirement's values. */
  public enum Operator {
    /** {@code key=value}: the label exists and has the value. */
    EQUALS,
    /** {@code key==value}: the same as {@link #EQUALS}, written with two equals signs. */
    DOUBLE_EQUALS,
    /** {@code key!=value}: the label is missing or has another value. */
    NOT_EQUALS,
    /** {@code key in (v1,v2)}: the label exists and has one of the values. */
    IN,
    /** {@code key notin (v1,v2)}: the label is missing or has none of the values. */
    NOT_IN,
    /** {@code key}: the label exists, with any value. */
    EXISTS,
    /** {@code !key}: the label does not exist. */
    DOES_NOT_EXIST,
    /** {@code key>n}: the label exists and its value is an integer greater than {@code n}. */
    GREATER_THAN,
    /** {@code key<n}: the label exists and its value is an integer less than {@code n}. */
    LESS_THAN
  }

  private static final Selector EVERYTHING = new Selector(List.of());
  private static final Comparator<Requirement> BY_KEY = Comparator.comparing(Requirement::key);

  private final List<Requirement> requirements;
  private String text; // computed lazily; a racy single check is safe for an immutable String

  private Selector(List<Requirement> requirements) {
    this.requirements = requirements;
  }

  /**
   * The selector that selects everything: no requirements, written as the empty string.
   *
   * @return the empty selector
   */
  public static Selector everything() {
    return EVERYTHING;
  }

  /**
   * Parses a label selector as Go's {@code labels.Parse} does, with the same error messages.
   *
   * @param selector the selector text, e.g. {@code app=web,tier in (fe,be)}; empty or blank selects everything
   * @return the selector
   * @throws InvalidSelectorException when the text is not a valid selector
   */
  public static Selector parse(String selector) {
    Objects.requireNonNull(selector, "selector");
    List<Requirement> parsed = new Parser(selector).parse();
    return parsed.isEmpty() ? EVERYTHING : sorted(parsed);
  }

  /**
   * Converts the object form of a label selector ({@code matchLabels} and {@code matchExpressions}, as in a
   * Deployment's {@code spec.selector}) into a selector, as Go's {@code metav1.LabelSelectorAsSelector} does.
   * An empty {@code LabelSelector} selects everything; a missing one, which Go treats as selecting nothing, is
   * for the caller to handle.
   *
   * @param selector the object form
   * @return the selector
   * @throws InvalidSelectorException when an operator is unknown, values are missing or present where they
   *     must not be, or a key or value is invalid
   */
  public static Selector from(dev.skiff.model.meta.v1.LabelSelector selector) {
    Objects.requireNonNull(selector, "selector");
    List<Requirement> expressions = new ArrayList<>();
    for (dev.skiff.model.meta.v1.LabelSelectorRequirement r : selector.matchExpressions()) {
      expressions.add(requirement(r.key(), r.operator(), r.values()));
    }
    return fromParts(selector.matchLabels(), expressions);
  }

  /**
   * Builds a selector from the parts of a Kubernetes {@code LabelSelector} object, as Go's
   * {@code metav1.LabelSelectorAsSelector} does: each {@code matchLabels} entry becomes a {@code key=value}
   * requirement, and the expressions (made with {@link #requirement(String, String, List)}) are added. With no
   * labels and no expressions the result is {@link #everything()}. (A missing {@code LabelSelector}, which Go
   * turns into a selector that matches nothing, is for the caller to handle.)
   *
   * @param matchLabels the {@code matchLabels} map; may be null
   * @param expressions the {@code matchExpressions}, as requirements; may be null
   * @return the selector
   * @throws InvalidSelectorException when a label key or value is invalid
   */
  public static Selector fromParts(
      @Nullable Map<String, String> matchLabels, @Nullable List<Requirement> expressions) {
    List<Requirement> all = new ArrayList<>();
    if (matchLabels != null) {
      for (Map.Entry<String, String> e : new TreeMap<>(matchLabels).entrySet()) {
        all.add(Requirement.of(e.getKey(), Operator.EQUALS, List.of(e.getValue())));
      }
    }
    if (expressions != null) {
      for (Requirement r : expressions) {
        all.add(Objects.requireNonNull(r, "expression"));
      }
    }
    return all.isEmpty() ? EVERYTHING : sorted(all);
  }

  /**
   * Makes a requirement from a {@code LabelSelectorRequirement} ({@code matchExpressions} entry), validating it
   * as Go's {@code metav1.LabelSelectorAsSelector} does: {@code In} and {@code NotIn} need values,
   * {@code Exists} and {@code DoesNotExist} must have none, and the key and values must be valid.
   *
   * @param key the label key
   * @param operator one of {@code In}, {@code NotIn}, {@code Exists} or {@code DoesNotExist}
   * @param values the values; may be null or empty for {@code Exists} and {@code DoesNotExist}
   * @return the requirement
   * @throws InvalidSelectorException when the operator is unknown or the requirement is invalid, with Go's
   *     message, e.g. {@code "Foo" is not a valid label selector operator}
   */
  public static Requirement requirement(String key, String operator, @Nullable List<String> values) {
    Objects.requireNonNull(operator, "operator");
    Operator op;
    switch (operator) {
      case "In":
        op = Operator.IN;
        break;
      case "NotIn":
        op = Operator.NOT_IN;
        break;
      case "Exists":
        op = Operator.EXISTS;
        break;
      case "DoesNotExist":
        op = Operator.DOES_NOT_EXIST;
        break;
      default:
        throw new InvalidSelectorException(null, Names.goQuote(operator) + " is not a valid label selector operator",
            -1);
    }
    return Requirement.create(key, op, values == null ? List.of() : values, true);
  }

  /**
   * Starts building a selector from requirements, e.g.
   * {@code Selector.builder().equal("app", "web").in("tier", "fe", "be").exists("release").build()}.
   *
   * @return a new, empty builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Whether a set of labels satisfies every requirement.
   *
   * @param labels an object's labels; null is treated as no labels
   * @return true when all requirements match (always, for the empty selector)
   */
  public boolean matches(@Nullable Map<String, String> labels) {
    Map<String, String> l = labels == null ? Map.of() : labels;
    for (Requirement r : requirements) {
      if (!r.matches(l)) {
        return false;
      }
    }
    return true;
  }

  /**
   * The requirements, sorted by key.
   *
   * @return an unmodifiable list, empty for {@link #everything()}
   */
  public List<Requirement> requirements() {
    return requirements;
  }

  /**
   * Whether this selector has no requirements and so selects everything.
   *
   * @return true for the empty selector
   */
  public boolean isEmpty() {
    return requirements.isEmpty();
  }

  /** Equal when both have the same requirements in the same order. */
  @Override
  public boolean equals(Object o) {
    return o instanceof Selector s && s.requirements.equals(requirements);
  }

  /** A hash consistent with {@link #equals(Object)}. */
  @Override
  public int hashCode() {
    return requirements.hashCode();
  }

  /**
   * The canonical text, as Go's {@code Selector.String()}: the requirements in key order, joined by commas,
   * with the values of set requirements sorted, e.g. {@code a in (x,y),b!=c}. Empty for {@link #everything()}.
   * It parses back to an equal selector and is what a list or watch request should send.
   */
  @Override
  public String toString() {
    String t = text;
    if (t == null) {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < requirements.size(); i++) {
        if (i > 0) {
          sb.append(',');
        }
        requirements.get(i).appendTo(sb);
      }
      t = sb.toString();
      text = t;
    }
    return t;
  }

  private static Selector sorted(List<Requirement> requirements) {
    List<Requirement> copy = new ArrayList<>(requirements);
    copy.sort(BY_KEY); // stable, like Go's sort for the usual handful of requirements
    return new Selector(Collections.unmodifiableList(copy));
  }

  // --------------------------------------------------------------------------------------------- Requirement

  /**
   * One condition of a selector: a label key, an {@link Operator} and the values it compares with. Values are
   * kept sorted and without duplicates.
   */
  public static final class Requirement {
    private final String key;
    private final Operator operator;
    private final List<String> values;

    private Requirement(String key, Operator operator, List<String> values) {
      this.key = key;
      this.operator = operator;
      this.values = values;
    }

    /**
     * Makes a requirement, validating it as Go's {@code labels.NewRequirement}: the key must be a valid label
     * key and every value a valid label value; {@code IN} and {@code NOT_IN} need at least one value;
     * {@code EQUALS}, {@code DOUBLE_EQUALS} and {@code NOT_EQUALS} exactly one; {@code EXISTS} and
     * {@code DOES_NOT_EXIST} none; {@code GREATER_THAN} and {@code LESS_THAN} exactly one integer.
     *
     * @param key the label key
     * @param operator the operator
     * @param values the values; may be null when there are none
     * @return the requirement, its values sorted and de-duplicated
     * @throws InvalidSelectorException when the requirement is invalid, with Go's message, e.g.
     *     {@code values: Invalid value: []string{}: for 'in', 'notin' operators, values set can't be empty}
     */
    public static Requirement of(String key, Operator operator, @Nullable Collection<String> values) {
      Objects.requireNonNull(operator, "operator");
      return create(key, operator, values == null ? List.of() : List.copyOf(values), false);
    }

    static Requirement create(String key, Operator operator, List<String> values, boolean nilWhenEmpty) {
      Objects.requireNonNull(key, "key");
      List<String> errors = new ArrayList<>();
      List<String> keyErrors = Names.labelKeyErrors(key);
      if (!keyErrors.isEmpty()) {
        errors.add(invalid("key", Names.goQuote(key), String.join("; ", keyErrors)));
      }
      switch (operator) {
        case IN:
        case NOT_IN:
          if (values.isEmpty()) {
            errors.add(invalid("values", goSlice(values, nilWhenEmpty),
                "for 'in', 'notin' operators, values set can't be empty"));
          }
          break;
        case EQUALS:
        case DOUBLE_EQUALS:
        case NOT_EQUALS:
          if (values.size() != 1) {
            errors.add(invalid("values", goSlice(values, nilWhenEmpty),
                "exact-match compatibility requires one single value"));
          }
          break;
        case EXISTS:
        case DOES_NOT_EXIST:
          if (!values.isEmpty()) {
            errors.add(invalid("values", goSlice(values, nilWhenEmpty),
                "values set must be empty for exists and does not exist"));
          }
          break;
        case GREATER_THAN:
        case LESS_THAN:
          if (values.size() != 1) {
            errors.add(invalid("values", goSlice(values, nilWhenEmpty),
                "for 'Gt', 'Lt' operators, exactly one value is required"));
          }
          for (int i = 0; i < values.size(); i++) {
            if (Names.goParseInt64(values.get(i)) == null) {
              errors.add(invalid("values[" + i + "]", Names.goQuote(values.get(i)),
                  "for 'Gt', 'Lt' operators, the value must be an integer"));
            }
          }
          break;
        default:
          throw new AssertionError(operator);
      }
      for (int i = 0; i < values.size(); i++) {
        String v = Objects.requireNonNull(values.get(i), "value");
        List<String> valueErrors = Names.labelValueErrors(v);
        if (!valueErrors.isEmpty()) {
          errors.add(invalid("values[" + i + "][" + key + "]", Names.goQuote(v), String.join("; ", valueErrors)));
        }
      }
      if (!errors.isEmpty()) {
        throw new InvalidSelectorException(null, aggregate(errors), -1);
      }
      List<String> normalized = values.size() <= 1 ? List.copyOf(values) : List.copyOf(new TreeSet<>(values));
      return new Requirement(key, operator, normalized);
    }

    /**
     * The label key.
     *
     * @return the key, e.g. {@code app} or {@code app.kubernetes.io/name}
     */
    public String key() {
      return key;
    }

    /**
     * The operator.
     *
     * @return how the label's value relates to {@link #values()}
     */
    public Operator operator() {
      return operator;
    }

    /**
     * The values, sorted and without duplicates.
     *
     * @return an unmodifiable list; empty for {@code EXISTS} and {@code DOES_NOT_EXIST}
     */
    public List<String> values() {
      return values;
    }

    /**
     * Whether a set of labels satisfies this requirement, as Go's {@code Requirement.Matches}.
     *
     * @param labels an object's labels; null is treated as no labels
     * @return true when the labels satisfy the requirement
     */
    public boolean matches(@Nullable Map<String, String> labels) {
      String actual = labels == null ? null : labels.get(key);
      boolean present = actual != null || labels != null && labels.containsKey(key);
      switch (operator) {
        case IN:
        case EQUALS:
        case DOUBLE_EQUALS:
          return present && values.contains(actual);
        case NOT_IN:
        case NOT_EQUALS:
          return !present || !values.contains(actual);
        case EXISTS:
          return present;
        case DOES_NOT_EXIST:
          return !present;
        case GREATER_THAN:
        case LESS_THAN:
          if (!present || actual == null || values.size() != 1) {
            return false;
          }
          Long have = Names.goParseInt64(actual);
          Long bound = Names.goParseInt64(values.get(0));
          if (have == null || bound == null) {
            return false;
          }
          return operator == Operator.GREATER_THAN ? have > bound : have < bound;
        default:
          throw new AssertionError(operator);
      }
    }

    /** Equal when key, operator and values are equal. */
    @Override
    public boolean equals(Object o) {
      return o instanceof Requirement r && r.key.equals(key) && r.operator == operator && r.values.equals(values);
    }

    /** A hash consistent with {@link #equals(Object)}. */
    @Override
    public int hashCode() {
      return Objects.hash(key, operator, values);
    }

    /**
     * The requirement in selector syntax, as Go's {@code Requirement.String()}, e.g. {@code tier in (be,fe)},
     * {@code !canary} or {@code app=web}.
     */
    @Override
    public String toString() {
      return appendTo(new StringBuilder()).toString();
    }

    StringBuilder appendTo(StringBuilder sb) {
      if (operator == Operator.DOES_NOT_EXIST) {
        sb.append('!');
      }
      sb.append(key);
      switch (operator) {
        case EXISTS:
        case DOES_NOT_EXIST:
          return sb;
        case IN:
        case NOT_IN:
          sb.append(operator == Operator.IN ? " in (" : " notin (");
          sb.append(String.join(",", values));
          return sb.append(')');
        case EQUALS:
          return sb.append('=').append(values.get(0));
        case DOUBLE_EQUALS:
          return sb.append("==").append(values.get(0));
        case NOT_EQUALS:
          return sb.append("!=").append(values.get(0));
        case GREATER_THAN:
          return sb.append('>').append(values.get(0));
        case LESS_THAN:
          return sb.append('<').append(values.get(0));
        default:
          throw new AssertionError(operator);
      }
    }

    /** A Go {@code field.Invalid} error at a path relative to a nil root, e.g. {@code values[0][app]}. */
    private static String invalid(String path, String quotedValue, String detail) {
      return path + ": Invalid value: " + quotedValue + ": " + detail;
    }

    /** Go's {@code %#v} of a {@code []string}. */
    private static String goSlice(List<String> values, boolean nilWhenEmpty) {
      if (values.isEmpty()) {
        return nilWhenEmpty ? "[]string(nil)" : "[]string{}";
      }
      StringBuilder sb = new StringBuilder("[]string{");
      for (int i = 0; i < values.size(); i++) {
        if (i > 0) {
          sb.append(", ");
        }
        sb.append(Names.goQuote(values.get(i)));
      }
      return sb.append('}').toString();
    }

    /** Go's {@code ErrorList.ToAggregate().Error()}: duplicates dropped, several errors in brackets. */
    private static String aggregate(List<String> errors) {
      List<String> distinct = errors.stream().distinct().toList();
      return distinct.size() == 1 ? distinct.get(0) : "[" + String.join(", ", distinct) + "]";
    }
  }

  // ------------------------------------------------------------------------------------------------- Builder

  /**
   * Collects requirements for a selector. Each method validates its requirement at once and throws an
   * {@link InvalidSelectorException} for an invalid key or value.
   */
  public static final class Builder {
    private final List<Requirement> requirements = new ArrayList<>();

    private Builder() {}

    /**
     * Requires {@code key=value}.
     *
     * @param key the label key
     * @param value the value the label must have
     * @return this builder
     */
    public Builder equal(String key, String value) {
      return add(Requirement.of(key, Operator.EQUALS, List.of(value)));
    }

    /**
     * Requires {@code key!=value}: the label is missing or has another value.
     *
     * @param key the label key
     * @param value the value the label must not have
     * @return this builder
     */
    public Builder notEqual(String key, String value) {
      return add(Requirement.of(key, Operator.NOT_EQUALS, List.of(value)));
    }

    /**
     * Requires {@code key in (values)}.
     *
     * @param key the label key
     * @param values the allowed values, at least one
     * @return this builder
     */
    public Builder in(String key, String... values) {
      return add(Requirement.of(key, Operator.IN, List.of(values)));
    }

    /**
     * Requires {@code key notin (values)}: the label is missing or has none of the values.
     *
     * @param key the label key
     * @param values the excluded values, at least one
     * @return this builder
     */
    public Builder notIn(String key, String... values) {
      return add(Requirement.of(key, Operator.NOT_IN, List.of(values)));
    }

    /**
     * Requires that the label exists, with any value.
     *
     * @param key the label key
     * @return this builder
     */
    public Builder exists(String key) {
      return add(Requirement.of(key, Operator.EXISTS, List.of()));
    }

    /**
     * Requires that the label does not exist ({@code !key}).
     *
     * @param key the label key
     * @return this builder
     */
    public Builder doesNotExist(String key) {
      return add(Requirement.of(key, Operator.DOES_NOT_EXIST, List.of()));
    }

    /**
     * Adds a requirement made elsewhere.
     *
     * @param requirement the requirement
     * @return this builder
     */
    public Builder add(Requirement requirement) {
      requirements.add(Objects.requireNonNull(requirement, "requirement"));
      return this;
    }

    /**
     * Builds the selector; the builder can be used again.
     *
     * @return the selector, {@link Selector#everything()} when no requirement was added
     */
    public Selector build() {
      return requirements.isEmpty() ? EVERYTHING : sorted(requirements);
    }
  }

  // -------------------------------------------------------------------------------------------------- parser

  private enum Token {
    END_OF_STRING,
    CLOSED_PAR,
    COMMA,
    DOES_NOT_EXIST,
    DOUBLE_EQUALS,
    EQUALS,
    GREATER_THAN,
    IDENTIFIER,
    IN,
    LESS_THAN,
    NOT_EQUALS,
    NOT_IN,
    OPEN_PAR
  }

  private static final class Item {
    final Token token;
    final String literal;
    final int position;

    Item(Token token, String literal, int position) {
      this.token = token;
      this.literal = literal;
      this.position = position;
    }
  }

  /** Go's lexer and recursive-descent parser for label selectors, with its error texts. */
  private static final class Parser {
    private final String input;
    private final List<Item> items = new ArrayList<>();
    private int lexPos;
    private int current;

    Parser(String input) {
      this.input = input;
    }

    List<Requirement> parse() {
      scanAll();
      List<Requirement> result = new ArrayList<>();
      while (true) {
        Item item = lookahead(true);
        switch (item.token) {
          case IDENTIFIER:
          case DOES_NOT_EXIST:
            try {
              result.add(parseRequirement());
            } catch (InvalidSelectorException e) {
              throw new InvalidSelectorException(
                  input, "unable to parse requirement: " + e.kubernetesMessage(), e.position());
            }
            Item after = consume(true);
            if (after.token == Token.END_OF_STRING) {
              return result;
            }
            if (after.token == Token.COMMA) {
              Item next = lookahead(true);
              if (next.token != Token.IDENTIFIER && next.token != Token.DOES_NOT_EXIST) {
                throw error(next, "found '" + next.literal + "', expected: identifier after ','");
              }
            } else {
              throw error(after, "found '" + after.literal + "', expected: ',' or 'end of string'");
            }
            break;
          case END_OF_STRING:
            return result;
          default:
            throw error(item, "found '" + item.literal + "', expected: !, identifier, or 'end of string'");
        }
      }
    }

    private Requirement parseRequirement() {
      // Key, and an inferred operator.
      Operator operator = null;
      Item item = consume(true);
      if (item.token == Token.DOES_NOT_EXIST) {
        operator = Operator.DOES_NOT_EXIST;
        item = consume(true);
      }
      if (item.token != Token.IDENTIFIER) {
        throw error(item, "found '" + item.literal + "', expected: identifier");
      }
      String key = item.literal;
      List<String> keyErrors = Names.labelKeyErrors(key);
      if (!keyErrors.isEmpty()) {
        throw error(item, "<nil>: Invalid value: " + Names.goQuote(key) + ": " + String.join("; ", keyErrors));
      }
      Token next = lookahead(true).token;
      if ((next == Token.END_OF_STRING || next == Token.COMMA) && operator == null) {
        operator = Operator.EXISTS;
      }
      if (operator == Operator.EXISTS || operator == Operator.DOES_NOT_EXIST) {
        return Requirement.create(key, operator, List.of(), false);
      }

      // Binary operator and values.
      Item op = consume(false);
      switch (op.token) {
        case IN:
          operator = Operator.IN;
          break;
        case EQUALS:
          operator = Operator.EQUALS;
          break;
        case DOUBLE_EQUALS:
          operator = Operator.DOUBLE_EQUALS;
          break;
        case GREATER_THAN:
          operator = Operator.GREATER_THAN;
          break;
        case LESS_THAN:
          operator = Operator.LESS_THAN;
          break;
        case NOT_IN:
          operator = Operator.NOT_IN;
          break;
        case NOT_EQUALS:
          operator = Operator.NOT_EQUALS;
          break;
        default:
          throw error(op, "found '" + op.literal + "', expected: in, notin, =, ==, !=, gt, lt");
      }
      TreeSet<String> values = operator == Operator.IN || operator == Operator.NOT_IN ? parseValues()
          : parseExactValue();
      try {
        return Requirement.create(key, operator, List.copyOf(values), false);
      } catch (InvalidSelectorException e) {
        throw new InvalidSelectorException(input, e.kubernetesMessage(), item.position);
      }
    }

    private TreeSet<String> parseValues() {
      Item open = consume(true);
      if (open.token != Token.OPEN_PAR) {
        throw error(open, "found '" + open.literal + "' expected: '('");
      }
      Item first = lookahead(true);
      switch (first.token) {
        case IDENTIFIER:
        case COMMA:
          TreeSet<String> values = parseIdentifiers();
          Item close = consume(true);
          if (close.token != Token.CLOSED_PAR) {
            throw error(close, "found '" + first.literal + "', expected: ')'");
          }
          return values;
        case CLOSED_PAR:
          consume(true);
          TreeSet<String> empty = new TreeSet<>();
          empty.add("");
          return empty;
        default:
          throw error(first, "found '" + first.literal + "', expected: ',', ')' or identifier");
      }
    }

    private TreeSet<String> parseIdentifiers() {
      TreeSet<String> values = new TreeSet<>();
      while (true) {
        Item item = consume(true);
        switch (item.token) {
          case IDENTIFIER:
            values.add(item.literal);
            Item next = lookahead(true);
            if (next.token == Token.CLOSED_PAR) {
              return values;
            }
            if (next.token != Token.COMMA) {
              throw error(next, "found '" + next.literal + "', expected: ',' or ')'");
            }
            break;
          case COMMA:
            if (values.isEmpty()) {
              values.add(""); // "(,"
            }
            Token after = lookahead(true).token;
            if (after == Token.CLOSED_PAR) {
              values.add(""); // ",)"
              return values;
            }
            if (after == Token.COMMA) {
              consume(true);
              values.add(""); // ",,"
            }
            break;
          default:
            throw error(item, "found '" + item.literal + "', expected: ',', or identifier");
        }
      }
    }

    private TreeSet<String> parseExactValue() {
      TreeSet<String> values = new TreeSet<>();
      Token next = lookahead(true).token;
      if (next == Token.END_OF_STRING || next == Token.COMMA) {
        values.add("");
        return values;
      }
      Item item = consume(true);
      if (item.token != Token.IDENTIFIER) {
        throw error(item, "found '" + item.literal + "', expected: identifier");
      }
      values.add(item.literal);
      return values;
    }

    /** The next item without consuming it; in a values context {@code in} and {@code notin} are identifiers. */
    private Item lookahead(boolean valuesContext) {
      return asContext(items.get(current), valuesContext);
    }

    private Item consume(boolean valuesContext) {
      return asContext(items.get(current++), valuesContext);
    }

    private static Item asContext(Item item, boolean valuesContext) {
      if (valuesContext && (item.token == Token.IN || item.token == Token.NOT_IN)) {
        return new Item(Token.IDENTIFIER, item.literal, item.position);
      }
      return item;
    }

    private InvalidSelectorException error(Item at, String message) {
      return new InvalidSelectorException(input, message, at.position);
    }

    // Lexer. Like Go's, it works on the text with a NUL sentinel: a NUL character ends a token, and a NUL
    // where a token would start ends the selector.

    private void scanAll() {
      while (true) {
        Item item = lex();
        items.add(item);
        if (item.token == Token.END_OF_STRING) {
          return;
        }
      }
    }

    private char read() {
      if (lexPos < input.length()) {
        return input.charAt(lexPos++);
      }
      return 0;
    }

    private Item lex() {
      int at;
      char ch;
      do {
        at = lexPos;
        ch = read();
      } while (isWhitespace(ch));
      if (ch == 0) {
        return new Item(Token.END_OF_STRING, "", at);
      }
      lexPos--;
      return isSpecialSymbol(ch) ? scanSpecialSymbol() : scanIdentifierOrKeyword();
    }

    private Item scanIdentifierOrKeyword() {
      int start = lexPos;
      int end;
      while (true) {
        if (lexPos >= input.length()) {
          end = lexPos;
          break;
        }
        char ch = input.charAt(lexPos++);
        if (ch == 0) {
          end = lexPos - 1;
          break;
        }
        if (isSpecialSymbol(ch) || isWhitespace(ch)) {
          lexPos--;
          end = lexPos;
          break;
        }
      }
      String literal = input.substring(start, end);
      Token token = literal.equals("in") ? Token.IN : literal.equals("notin") ? Token.NOT_IN : Token.IDENTIFIER;
      return new Item(token, literal, start);
    }

    private Item scanSpecialSymbol() {
      int start = lexPos;
      Token last = null;
      int lastEnd = start;
      while (lexPos < input.length()) {
        char ch = input.charAt(lexPos++);
        if (ch == 0) {
          break;
        }
        if (!isSpecialSymbol(ch)) {
          lexPos--;
          break;
        }
        Token token = symbol(input.substring(start, lexPos));
        if (token != null) {
          last = token;
          lastEnd = lexPos;
        } else if (last != null) {
          lexPos--;
          break;
        }
      }
      // Every special character is a token by itself, so the first one always matched.
      return new Item(Objects.requireNonNull(last), input.substring(start, lastEnd), start);
    }

    private static Token symbol(String s) {
      switch (s) {
        case ")":
          return Token.CLOSED_PAR;
        case ",":
          return Token.COMMA;
        case "!":
          return Token.DOES_NOT_EXIST;
        case "==":
          return Token.DOUBLE_EQUALS;
        case "=":
          return Token.EQUALS;
        case ">":
          return Token.GREATER_THAN;
        case "<":
          return Token.LESS_THAN;
        case "!=":
          return Token.NOT_EQUALS;
        case "(":
          return Token.OPEN_PAR;
        default:
          return null;
      }
    }

    private static boolean isWhitespace(char ch) {
      return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n';
    }

    private static boolean isSpecialSymbol(char ch) {
      switch (ch) {
        case '=':
        case '!':
        case '(':
        case ')':
        case ',':
        case '>':
        case '<':
          return true;
        default:
          return false;
      }
    }
  }
}
