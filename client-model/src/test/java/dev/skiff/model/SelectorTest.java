package dev.skiff.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import dev.skiff.model.Selector.Operator;
import dev.skiff.model.Selector.Requirement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SelectorTest {

  private static final String LABEL_VALUE_ERROR = "a valid label must be an empty string or consist of alphanumeric "
      + "characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or "
      + "'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
  private static final String NAME_PART_ERROR = "name part must consist of alphanumeric characters, '-', '_' or "
      + "'.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', "
      + "regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

  @ParameterizedTest(name = "[{0}] -> [{1}]")
  @CsvSource(delimiter = '|', textBlock = """
      a=b                            | a=b                            | a | EQUALS         | b
      a==b                           | a==b                           | a | DOUBLE_EQUALS  | b
      a!=b                           | a!=b                           | a | NOT_EQUALS     | b
      a in (x,y)                     | a in (x,y)                     | a | IN             | x,y
      a notin (x)                    | a notin (x)                    | a | NOT_IN         | x
      a                              | a                              | a | EXISTS         | ''
      !a                             | !a                             | a | DOES_NOT_EXIST | ''
      a>1                            | a>1                            | a | GREATER_THAN   | 1
      a<10                           | a<10                           | a | LESS_THAN      | 10
      ' a = b '                      | a=b                            | a | EQUALS         | b
      a=                             | a=                             | a | EQUALS         | ''
      'a in (y, x, y)'               | a in (x,y)                     | a | IN             | x,y
      a in ()                        | a in ()                        | a | IN             | ''
      a in (in)                      | a in (in)                      | a | IN             | in
      in=notin                       | in=notin                       | in | EQUALS        | notin
      app.kubernetes.io/name=web     | app.kubernetes.io/name=web     | app.kubernetes.io/name | EQUALS | web
      ! a                            | !a                             | a | DOES_NOT_EXIST | ''
      a!=                            | a!=                            | a | NOT_EQUALS     | ''
      """)
  void parsesEveryOperator(String text, String canonical, String key, Operator op, String values) {
    Selector s = Selector.parse(text);
    assertThat(s).hasToString(canonical);
    assertThat(s.requirements()).hasSize(1);
    Requirement r = s.requirements().get(0);
    assertThat(r.key()).isEqualTo(key);
    assertThat(r.operator()).isEqualTo(op);
    List<String> expectedValues = op == Operator.EXISTS || op == Operator.DOES_NOT_EXIST ? List.of()
        : List.of(values.split(",", -1));
    assertThat(r.values()).isEqualTo(expectedValues);
    assertThat(Selector.parse(canonical)).isEqualTo(s);
  }

  @ParameterizedTest(name = "[{0}] -> [{1}]")
  @CsvSource(delimiter = '|', textBlock = """
      b!=c,a in (y,x)                  | a in (x,y),b!=c
      x in (foo,,baz),y,z notin ()     | x in (,baz,foo),y,z notin ()
      'x in (,a)'                      | x in (,a)
      'x in (a,)'                      | x in (,a)
      'x in (,)'                       | x in ()
      z,y,x                            | x,y,z
      a=b,a!=c                         | a=b,a!=c
      a!=c,a=b                         | a!=c,a=b
      '  '                             | ''
      ''                               | ''
      tier in (fe, be) , app = web     | app=web,tier in (be,fe)
      """)
  void canonicalizesLikeGo(String text, String canonical) {
    assertThat(Selector.parse(text)).hasToString(canonical);
    assertThat(Selector.parse(canonical)).isEqualTo(Selector.parse(text));
  }

  @Test
  void toleratesAllOfGosWhitespace() {
    assertThat(Selector.parse("\ta\n=\rb ,\n c  notin\t( x ,  y )\n")).hasToString("a=b,c notin (x,y)");
  }

  @Test
  void emptySelectorSelectsEverything() {
    assertThat(Selector.parse("")).isSameAs(Selector.everything());
    assertThat(Selector.everything().isEmpty()).isTrue();
    assertThat(Selector.everything().requirements()).isEmpty();
    assertThat(Selector.everything().matches(Map.of("a", "b"))).isTrue();
    assertThat(Selector.everything().matches(null)).isTrue();
    assertThat(Selector.everything()).hasToString("");
    assertThat(Selector.parse("a").isEmpty()).isFalse();
  }

  /** label-selectors.json: four config maps and the names each selector returned from a v1.34 server. */
  @ParameterizedTest(name = "[{0}]")
  @CsvSource(delimiter = '|', textBlock = """
      app=web                  | a,b
      app==web,tier=fe         | a
      grp=sel,app!=web         | c,d
      app in (web,db)          | a,b,c
      grp=sel,app notin (web)  | c,d
      tier                     | a,b
      grp=sel,!tier            | c,d
      app=nothing              | ''
      """)
  void matchesLikeTheServer(String selector, String expected) {
    Map<String, Map<String, String>> objects = new LinkedHashMap<>();
    objects.put("a", Map.of("app", "web", "grp", "sel", "tier", "fe"));
    objects.put("b", Map.of("app", "web", "grp", "sel", "tier", "be"));
    objects.put("c", Map.of("app", "db", "grp", "sel"));
    objects.put("d", Map.of("grp", "sel"));
    Selector s = Selector.parse(selector);
    String matched = objects.entrySet().stream().filter(e -> s.matches(e.getValue())).map(Map.Entry::getKey)
        .collect(Collectors.joining(","));
    assertThat(matched).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} on {1}")
  @CsvSource(delimiter = '|', textBlock = """
      a=x          | -    | false
      a=x          | x    | true
      a=x          | y    | false
      a==x         | x    | true
      a!=x         | -    | true
      a!=x         | x    | false
      a!=x         | y    | true
      a in (x,y)   | -    | false
      a in (x,y)   | y    | true
      a in (x,y)   | z    | false
      a notin (x)  | -    | true
      a notin (x)  | x    | false
      a notin (x)  | z    | true
      a            | -    | false
      a            | ''   | true
      !a           | -    | true
      !a           | ''   | false
      a=           | ''   | true
      a=           | -    | false
      a>5          | 6    | true
      a>5          | 5    | false
      a>5          | -    | false
      a>5          | abc  | false
      a>5          | +6   | true
      a<5          | 4    | true
      a<5          | -9   | true
      a<5          | 5    | false
      a<5          | 4.5  | false
      """)
  void matchesTruthTable(String selector, String label, boolean expected) {
    Map<String, String> labels = new HashMap<>();
    labels.put("other", "x");
    if (!label.equals("-")) {
      labels.put("a", label);
    }
    assertThat(Selector.parse(selector).matches(labels)).isEqualTo(expected);
    assertThat(Selector.parse(selector).requirements().get(0).matches(labels)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "[{0}]")
  @CsvSource(delimiter = '|', textBlock = """
      app in (web       | 11 | unable to parse requirement: found '', expected: ',' or ')'
      app=-bad-         | 0  | unable to parse requirement: values[0][app]: Invalid value: "-bad-": LABEL_VALUE_ERROR
      a in b            | 5  | unable to parse requirement: found 'b' expected: '('
      a b               | 2  | unable to parse requirement: found 'b', expected: in, notin, =, ==, !=, gt, lt
      a (               | 2  | unable to parse requirement: found '(', expected: in, notin, =, ==, !=, gt, lt
      a=b c             | 4  | found 'c', expected: ',' or 'end of string'
      a=b,              | 4  | found '', expected: identifier after ','
      'a=b, ,'          | 5  | found ',', expected: identifier after ','
      ,a                | 0  | found ',', expected: !, identifier, or 'end of string'
      =a                | 0  | found '=', expected: !, identifier, or 'end of string'
      !                 | 1  | unable to parse requirement: found '', expected: identifier
      !!a               | 1  | unable to parse requirement: found '!', expected: identifier
      -x=y              | 0  | unable to parse requirement: <nil>: Invalid value: "-x": NAME_PART_ERROR
      a/b/c=d           | 0  | unable to parse requirement: <nil>: Invalid value: "a/b/c": a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')
      /a=b              | 0  | unable to parse requirement: <nil>: Invalid value: "/a": prefix part must be non-empty
      a>b               | 0  | unable to parse requirement: values[0]: Invalid value: "b": for 'Gt', 'Lt' operators, the value must be an integer
      a>-1x             | 0  | unable to parse requirement: [values[0]: Invalid value: "-1x": for 'Gt', 'Lt' operators, the value must be an integer, values[0][a]: Invalid value: "-1x": LABEL_VALUE_ERROR]
      a in (x y)        | 8  | unable to parse requirement: found 'y', expected: ',' or ')'
      a in (x,=)        | 8  | unable to parse requirement: found '=', expected: ',', or identifier
      a in (=)          | 6  | unable to parse requirement: found '=', expected: ',', ')' or identifier
      a=(b)             | 2  | unable to parse requirement: found '(', expected: identifier
      'x in (a,,)'      | 9  | unable to parse requirement: found ')', expected: ',', or identifier
      a<-1              | 0  | unable to parse requirement: values[0][a]: Invalid value: "-1": LABEL_VALUE_ERROR
      !a=b              | 2  | found '=', expected: ',' or 'end of string'
      a>=1              | 2  | unable to parse requirement: found '=', expected: identifier
      """)
  void rejectsInvalidSelectorsWithGosMessages(String text, int position, String message) {
    String expected = message.replace("LABEL_VALUE_ERROR", LABEL_VALUE_ERROR).replace("NAME_PART_ERROR",
        NAME_PART_ERROR);
    assertThatThrownBy(() -> Selector.parse(text))
        .isInstanceOfSatisfying(InvalidSelectorException.class, e -> {
          assertThat(e.kubernetesMessage()).isEqualTo(expected);
          assertThat(e.input()).isEqualTo(text);
          assertThat(e.position()).isEqualTo(position);
          assertThat(e.getMessage()).isEqualTo(expected + " (in selector \"" + text + "\" at index " + position + ")");
        })
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void labelSelectorsTranscriptErrors() {
    // label-selectors.json: the 400 messages of a v1.34 server.
    assertThatThrownBy(() -> Selector.parse("app in (web"))
        .isInstanceOfSatisfying(InvalidSelectorException.class, e -> assertThat(e.kubernetesMessage())
            .isEqualTo("unable to parse requirement: found '', expected: ',' or ')'"));
    assertThatThrownBy(() -> Selector.parse("app=-bad-"))
        .isInstanceOfSatisfying(InvalidSelectorException.class, e -> assertThat(e.kubernetesMessage())
            .isEqualTo("unable to parse requirement: values[0][app]: Invalid value: \"-bad-\": a valid label must "
                + "be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and "
                + "end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for "
                + "validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"));
  }

  @Test
  void nulCharacterEndsTheSelectorWhereATokenWouldStart() {
    assertThat(Selector.parse("a=b \0garbage")).hasToString("a=b");
    assertThatThrownBy(() -> Selector.parse("a=b\0c"))
        .hasMessageStartingWith("found 'c', expected: ',' or 'end of string'");
  }

  @Test
  void buildsFromLabelSelectorParts() {
    Selector s = Selector.fromParts(Map.of("app", "web", "env", "prod"),
        List.of(Selector.requirement("tier", "NotIn", List.of("db", "cache")),
            Selector.requirement("canary", "DoesNotExist", null),
            Selector.requirement("release", "Exists", List.of()),
            Selector.requirement("zone", "In", List.of("b", "a", "b"))));
    assertThat(s).hasToString("app=web,!canary,env=prod,release,tier notin (cache,db),zone in (a,b)");
    assertThat(Selector.parse(s.toString())).isEqualTo(s);
    assertThat(s.matches(Map.of("app", "web", "env", "prod", "release", "1", "tier", "fe", "zone", "a"))).isTrue();
    assertThat(s.matches(Map.of("app", "web", "env", "prod", "release", "1", "zone", "a", "canary", "y"))).isFalse();
    assertThat(Selector.fromParts(null, null)).isSameAs(Selector.everything());
    assertThat(Selector.fromParts(Map.of(), List.of())).isSameAs(Selector.everything());
    assertThat(Selector.fromParts(Map.of("a", ""), null)).hasToString("a=");
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @CsvSource(delimiter = '|', textBlock = """
      x      | In           | -      | values: Invalid value: []string(nil): for 'in', 'notin' operators, values set can't be empty
      x      | NotIn        | ''     | values: Invalid value: []string(nil): for 'in', 'notin' operators, values set can't be empty
      x      | Exists       | a      | values: Invalid value: []string{"a"}: values set must be empty for exists and does not exist
      x      | DoesNotExist | a,b    | values: Invalid value: []string{"a", "b"}: values set must be empty for exists and does not exist
      x      | Foo          | a      | "Foo" is not a valid label selector operator
      x      | in           | a      | "in" is not a valid label selector operator
      x      | ''           | a      | "" is not a valid label selector operator
      'b d'  | In           | a      | key: Invalid value: "b d": NAME_PART_ERROR
      x      | In           | a,-b-  | values[1][x]: Invalid value: "-b-": LABEL_VALUE_ERROR
      -k     | Exists       | a      | [key: Invalid value: "-k": NAME_PART_ERROR, values: Invalid value: []string{"a"}: values set must be empty for exists and does not exist]
      """)
  void validatesExpressionsLikeLabelSelectorAsSelector(String key, String operator, String values, String message) {
    List<String> list = values.equals("-") ? null : values.isEmpty() ? List.of() : List.of(values.split(","));
    String expected = message.replace("LABEL_VALUE_ERROR", LABEL_VALUE_ERROR).replace("NAME_PART_ERROR",
        NAME_PART_ERROR);
    assertThatThrownBy(() -> Selector.requirement(key, operator, list))
        .isInstanceOfSatisfying(InvalidSelectorException.class, e -> {
          assertThat(e.kubernetesMessage()).isEqualTo(expected);
          assertThat(e.input()).isNull();
          assertThat(e.position()).isEqualTo(-1);
        })
        .hasMessage(expected);
  }

  @Test
  void validatesMatchLabels() {
    assertThatThrownBy(() -> Selector.fromParts(Map.of("app", "bad value!"), null))
        .hasMessage("values[0][app]: Invalid value: \"bad value!\": " + LABEL_VALUE_ERROR);
    assertThatThrownBy(() -> Selector.fromParts(Map.of("a/b/c", "v"), null))
        .hasMessageStartingWith("key: Invalid value: \"a/b/c\": a qualified name must consist");
  }

  @Test
  void requirementFactoryValidatesLikeNewRequirement() {
    assertThat(Requirement.of("a", Operator.IN, List.of("y", "x", "y")).values()).containsExactly("x", "y");
    assertThat(Requirement.of("a", Operator.GREATER_THAN, List.of("10"))).hasToString("a>10");
    assertThat(Requirement.of("a", Operator.EXISTS, null)).hasToString("a");
    assertThatThrownBy(() -> Requirement.of("a", Operator.IN, List.of()))
        .hasMessage("values: Invalid value: []string{}: for 'in', 'notin' operators, values set can't be empty");
    assertThatThrownBy(() -> Requirement.of("a", Operator.EQUALS, List.of("x", "y")))
        .hasMessage("values: Invalid value: []string{\"x\", \"y\"}: exact-match compatibility requires one single value");
    assertThatThrownBy(() -> Requirement.of("a", Operator.LESS_THAN, List.of()))
        .hasMessage("values: Invalid value: []string{}: for 'Gt', 'Lt' operators, exactly one value is required");
    assertThatThrownBy(() -> Requirement.of("a", Operator.NOT_EQUALS, List.of("\"q\"")))
        .hasMessage("values[0][a]: Invalid value: \"\\\"q\\\"\": " + LABEL_VALUE_ERROR);
  }

  @Test
  void builderMakesTheSameSelectorsAsParsing() {
    Selector built = Selector.builder().equal("app", "web").in("tier", "fe", "be").exists("x").build();
    assertThat(built).hasToString("app=web,tier in (be,fe),x");
    assertThat(built).isEqualTo(Selector.parse("x, tier in (fe,be), app=web")).hasSameHashCodeAs(
        Selector.parse("app=web,tier in (be,fe),x"));
    Selector more = Selector.builder().notEqual("env", "prod").notIn("zone", "a").doesNotExist("canary")
        .add(Requirement.of("n", Operator.LESS_THAN, List.of("3"))).build();
    assertThat(more).hasToString("!canary,env!=prod,n<3,zone notin (a)");
    assertThat(Selector.builder().build()).isSameAs(Selector.everything());
    assertThatThrownBy(() -> Selector.builder().equal("app", "-bad-"))
        .isInstanceOf(InvalidSelectorException.class)
        .hasMessage("values[0][app]: Invalid value: \"-bad-\": " + LABEL_VALUE_ERROR);
    assertThatThrownBy(() -> Selector.builder().in("app")).isInstanceOf(InvalidSelectorException.class);
  }

  @Test
  void equalsAndDoubleEqualsMatchAlikeButStayDistinctAsInGo() {
    Selector single = Selector.parse("a=b");
    Selector dbl = Selector.parse("a==b");
    assertThat(dbl).hasToString("a==b").isNotEqualTo(single);
    for (Map<String, String> labels : List.of(Map.of("a", "b"), Map.of("a", "c"), Map.<String, String>of())) {
      assertThat(dbl.matches(labels)).isEqualTo(single.matches(labels));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"a=b", "a in (x,y)", "!a", "a", "a>1"})
  void requirementsAreImmutable(String text) {
    Selector s = Selector.parse(text);
    assertThatThrownBy(() -> s.requirements().clear()).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> s.requirements().get(0).values().add("z"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  /**
   * Random selectors built from parts: the canonical text parses back to an equal selector, which matches
   * random label sets exactly as the original does; the text is stable.
   */
  @Test
  void randomSelectorsRoundTripThroughText() {
    Random random = new Random(7);
    String[] keys = {"app", "tier", "env", "example.com/team", "a.b-c_d", "x", "Z9"};
    String[] values = {"", "web", "db", "fe", "be", "1", "42", "7x", "v1.2_3", "in", "notin"};
    Operator[] operators = Operator.values();
    for (int i = 0; i < 2000; i++) {
      List<Requirement> requirements = new ArrayList<>();
      int n = random.nextInt(5);
      for (int r = 0; r < n; r++) {
        String key = keys[random.nextInt(keys.length)];
        Operator op = operators[random.nextInt(operators.length)];
        List<String> vals = new ArrayList<>();
        switch (op) {
          case IN, NOT_IN -> {
            int count = 1 + random.nextInt(3);
            for (int v = 0; v < count; v++) {
              vals.add(values[random.nextInt(values.length)]);
            }
          }
          case EXISTS, DOES_NOT_EXIST -> { }
          case GREATER_THAN, LESS_THAN -> vals.add(Integer.toString(random.nextInt(100)));
          default -> vals.add(values[random.nextInt(values.length)]);
        }
        requirements.add(Requirement.of(key, op, vals));
      }
      Selector built = Selector.builder().build();
      if (!requirements.isEmpty()) {
        Selector.Builder b = Selector.builder();
        requirements.forEach(b::add);
        built = b.build();
      }
      String text = built.toString();
      Selector parsed = Selector.parse(text);
      if (!parsed.equals(built) || !parsed.toString().equals(text)) {
        fail("selector " + text + " parsed back as " + parsed);
      }
      for (int m = 0; m < 10; m++) {
        Map<String, String> labels = new HashMap<>();
        for (String key : keys) {
          if (random.nextInt(3) > 0) {
            labels.put(key, values[random.nextInt(values.length)]);
          }
        }
        boolean all = requirements.stream().allMatch(r -> r.matches(labels));
        if (parsed.matches(labels) != all || built.matches(labels) != all) {
          fail(text + " on " + labels + ": expected " + all);
        }
      }
    }
  }
}
