package dev.skiff.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NamesTest {

  // Texts copied byte for byte from the v1.34 transcripts invalid-names.json and generate-name.json, and
  // label-selectors.json for the label value.
  private static final String SUBDOMAIN = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric "
      + "characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex "
      + "used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
  private static final String DNS1035 = "a DNS-1035 label must consist of lower case alphanumeric characters or "
      + "'-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or "
      + "'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";
  private static final String LABEL_VALUE = "a valid label must be an empty string or consist of alphanumeric "
      + "characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or "
      + "'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
  // From Go's validation.go (no transcript shows it).
  private static final String DNS1123_LABEL = "a lowercase RFC 1123 label must consist of lower case alphanumeric "
      + "characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', "
      + "regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
  private static final String NAME_PART = "name part must consist of alphanumeric characters, '-', '_' or '.', and "
      + "must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used "
      + "for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

  @Test
  void invalidNamesTranscript() {
    assertThat(Names.dns1123SubdomainErrors("Bad_Name")).containsExactly(SUBDOMAIN);
    assertThat(Names.dns1123SubdomainErrors("a".repeat(254))).containsExactly("must be no more than 253 characters");
    assertThat(Names.dns1123SubdomainErrors("trailing-")).containsExactly(SUBDOMAIN);
    assertThat(Names.dns1035LabelErrors("1svc")).containsExactly(DNS1035);
    assertThat(Names.dns1123LabelErrors("bad.ns")).containsExactly("must not contain dots");
    assertThat(Names.labelValueErrors("bad value!")).containsExactly(LABEL_VALUE);
  }

  @Test
  void requireGivesTheServersFieldErrorText() {
    // invalid-names.json, pod-Bad_Name: the cause message, prefixed by its field.
    assertThatThrownBy(() -> Names.requireDns1123Subdomain("metadata.name", "Bad_Name"))
        .isInstanceOfSatisfying(InvalidNameException.class, e -> {
          assertThat(e.field()).isEqualTo("metadata.name");
          assertThat(e.value()).isEqualTo("Bad_Name");
          assertThat(e.errors()).containsExactly(SUBDOMAIN);
        })
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("metadata.name: Invalid value: \"Bad_Name\": " + SUBDOMAIN);
    assertThatThrownBy(() -> Names.requireDns1123Label("metadata.name", "bad.ns"))
        .hasMessage("metadata.name: Invalid value: \"bad.ns\": must not contain dots");
    assertThatThrownBy(() -> Names.requireDns1035Label("metadata.name", "1svc"))
        .hasMessage("metadata.name: Invalid value: \"1svc\": " + DNS1035);
    assertThatThrownBy(() -> Names.requireLabelValue("metadata.labels", "bad value!"))
        .hasMessage("metadata.labels: Invalid value: \"bad value!\": " + LABEL_VALUE);
    String tooLongAndBad = "-" + "a".repeat(63);
    assertThatThrownBy(() -> Names.requireDns1123Label("metadata.name", tooLongAndBad))
        .hasMessage("[metadata.name: Invalid value: \"" + tooLongAndBad + "\": must be no more than 63 characters, "
            + "metadata.name: Invalid value: \"" + tooLongAndBad + "\": " + DNS1123_LABEL + "]");
    assertThatThrownBy(() -> Names.requireLabelKey("metadata.labels", "a/"))
        .isInstanceOfSatisfying(InvalidNameException.class,
            e -> assertThat(e.errors()).containsExactly("name part must be non-empty", NAME_PART));
    Names.requireDns1123Subdomain("metadata.name", "web-1.v2");
    Names.requireDns1123Label("metadata.name", "default");
    Names.requireDns1035Label("metadata.name", "svc-1");
    Names.requireLabelKey("metadata.labels", "app.kubernetes.io/name");
    Names.requireLabelValue("metadata.labels", "");
  }

  @Test
  void generateNameTranscript() {
    // generate-name.json: "Bad_" is rejected with the subdomain message; "gen-" is fine; a long prefix is cut
    // to 58 characters and 5 characters of [bcdfghjklmnpqrstvwxz2456789] follow.
    assertThat(Names.generateNameErrors("Bad_", Names::dns1123SubdomainErrors)).containsExactly(SUBDOMAIN);
    assertThat(Names.generateNameErrors("gen-", Names::dns1123SubdomainErrors)).isEmpty();
    assertThat(Names.generateNameErrors("ignored-", Names::dns1123SubdomainErrors)).isEmpty();
    assertThat(Names.generateNameErrors("-", Names::dns1123SubdomainErrors)).containsExactly(SUBDOMAIN);
    assertThat(Names.generateNameErrors("a-", Names::dns1123LabelErrors)).isEmpty();
    assertThat(Names.generateNameErrors("1-", Names::dns1035LabelErrors)).isEmpty(); // Go masks "1-" to "a"
    // Go's maskTrailingDash drops two characters: "a.b-" is checked as "a.a".
    assertThat(Names.generateNameErrors("a.b-", Names::dns1123LabelErrors)).containsExactly("must not contain dots");
    assertThat(Names.generateNameErrors("ab.-", Names::dns1123LabelErrors)).isEmpty();
    SplittableRandom random = new SplittableRandom(1);
    assertThat(Names.generateName("gen-", random)).matches("gen-[bcdfghjklmnpqrstvwxz2456789]{5}");
    String longBase = "x".repeat(70);
    String generated = Names.generateName(longBase, random);
    assertThat(generated).hasSize(63).startsWith("x".repeat(58)).matches("x{58}[bcdfghjklmnpqrstvwxz2456789]{5}");
    assertThat(Names.isDns1123Subdomain(Names.generateName("web-", random))).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"a", "0", "abc", "a-b", "a--b", "123-abc", "my-name",
      "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})
  void validDns1123Labels(String value) {
    assertThat(Names.isDns1123Label(value)).isTrue();
    assertThat(Names.dns1123LabelErrors(value)).isEmpty();
    assertThat(Names.isDns1123Subdomain(value)).isTrue();
  }

  @Test
  void invalidDns1123Labels() {
    for (String bad : List.of("", "-", "-a", "a-", "A", "aB", "a_b", "a b", "a@b", "\u00e9")) {
      assertThat(Names.isDns1123Label(bad)).as(bad).isFalse();
      assertThat(Names.dns1123LabelErrors(bad)).as(bad).containsExactly(DNS1123_LABEL);
    }
    assertThat(Names.dns1123LabelErrors("a.b")).containsExactly("must not contain dots");
    assertThat(Names.dns1123LabelErrors("a..b")).containsExactly(DNS1123_LABEL);
    assertThat(Names.dns1123LabelErrors("a".repeat(64))).containsExactly("must be no more than 63 characters");
    assertThat(Names.dns1123LabelErrors("a.".repeat(32) + "a"))
        .containsExactly("must be no more than 63 characters", "must not contain dots");
    // Lengths are in UTF-8 bytes: 40 characters but 80 bytes.
    assertThat(Names.dns1123LabelErrors("\u00e9".repeat(40)))
        .containsExactly("must be no more than 63 characters", DNS1123_LABEL);
  }

  @Test
  void subdomains() {
    for (String ok : List.of("a", "a.b", "example.com", "my-app.v1.svc", "1.2.3.4", "a".repeat(253),
        ("a".repeat(63) + ".").repeat(3) + "a".repeat(61))) {
      assertThat(Names.isDns1123Subdomain(ok)).as(ok).isTrue();
      assertThat(Names.dns1123SubdomainErrors(ok)).as(ok).isEmpty();
    }
    for (String bad : List.of("", ".", "a.", ".a", "a..b", "a.-b", "a-.b", "A.b", "a_b.c", "a b")) {
      assertThat(Names.isDns1123Subdomain(bad)).as(bad).isFalse();
      assertThat(Names.dns1123SubdomainErrors(bad)).as(bad).containsExactly(SUBDOMAIN);
    }
    assertThat(Names.dns1123SubdomainErrors("-" + "a".repeat(253)))
        .containsExactly("must be no more than 253 characters", SUBDOMAIN);
  }

  @Test
  void dns1035Labels() {
    for (String ok : List.of("a", "abc", "a-1", "svc-123", "z".repeat(63))) {
      assertThat(Names.isDns1035Label(ok)).as(ok).isTrue();
      assertThat(Names.dns1035LabelErrors(ok)).as(ok).isEmpty();
    }
    for (String bad : List.of("", "1", "1a", "-a", "a-", "a.b", "A", "a_b")) {
      assertThat(Names.isDns1035Label(bad)).as(bad).isFalse();
      assertThat(Names.dns1035LabelErrors(bad)).as(bad).containsExactly(DNS1035);
    }
    assertThat(Names.dns1035LabelErrors("a".repeat(64))).containsExactly("must be no more than 63 characters");
  }

  @Test
  void labelKeys() {
    for (String ok : List.of("a", "A", "app", "a.b", "A_b.c-d", "1", "app.kubernetes.io/name", "example.com/MyName",
        "x/y", "a".repeat(63), "a".repeat(253) + "/" + "b".repeat(63))) {
      assertThat(Names.isLabelKey(ok)).as(ok).isTrue();
      assertThat(Names.labelKeyErrors(ok)).as(ok).isEmpty();
    }
    assertThat(Names.labelKeyErrors("")).containsExactly("name part must be non-empty", NAME_PART);
    assertThat(Names.labelKeyErrors("-a")).containsExactly(NAME_PART);
    assertThat(Names.labelKeyErrors("a b")).containsExactly(NAME_PART);
    assertThat(Names.labelKeyErrors("/a")).containsExactly("prefix part must be non-empty");
    assertThat(Names.labelKeyErrors("/")).containsExactly("prefix part must be non-empty",
        "name part must be non-empty", NAME_PART);
    assertThat(Names.labelKeyErrors("a/")).containsExactly("name part must be non-empty", NAME_PART);
    assertThat(Names.labelKeyErrors("Example.com/x")).containsExactly("prefix part " + SUBDOMAIN);
    assertThat(Names.labelKeyErrors("a".repeat(254) + "/x"))
        .containsExactly("prefix part must be no more than 253 characters");
    assertThat(Names.labelKeyErrors("a".repeat(64))).containsExactly("name part must be no more than 63 characters");
    assertThat(Names.labelKeyErrors("a/" + "-".repeat(64)))
        .containsExactly("name part must be no more than 63 characters", NAME_PART);
    assertThat(Names.labelKeyErrors("a/b/c")).containsExactly("a qualified name must consist of alphanumeric "
        + "characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or "
        + "'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with "
        + "an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");
    for (String bad : List.of("", "/", "a/", "/a", "a/b/c", "-a", "a-", "Example.com/x", "a".repeat(64))) {
      assertThat(Names.isLabelKey(bad)).as(bad).isFalse();
    }
  }

  @Test
  void labelValues() {
    for (String ok : List.of("", "a", "MyValue", "my_value", "12345", "a.b-c_d", "v".repeat(63))) {
      assertThat(Names.isLabelValue(ok)).as(ok).isTrue();
      assertThat(Names.labelValueErrors(ok)).as(ok).isEmpty();
    }
    for (String bad : List.of("-", "-a", "a-", "_a", "a.", "a b", "a/b", "bad value!", "\u00e9")) {
      assertThat(Names.isLabelValue(bad)).as(bad).isFalse();
      assertThat(Names.labelValueErrors(bad)).as(bad).containsExactly(LABEL_VALUE);
    }
    assertThat(Names.labelValueErrors("v".repeat(64))).containsExactly("must be no more than 63 characters");
  }

  /** Random strings over the interesting alphabet: each predicate agrees with its error list. */
  @Test
  void predicatesAgreeWithErrorLists() {
    Random random = new Random(99);
    String alphabet = "abcAB019-_./ \u00e9";
    List<Function<String, List<String>>> errors = List.of(Names::dns1123LabelErrors, Names::dns1123SubdomainErrors,
        Names::dns1035LabelErrors, Names::labelKeyErrors, Names::labelValueErrors);
    List<Predicate<String>> predicates = List.of(Names::isDns1123Label, Names::isDns1123Subdomain,
        Names::isDns1035Label, Names::isLabelKey, Names::isLabelValue);
    for (int i = 0; i < 10000; i++) {
      int length = random.nextInt(10) == 0 ? 60 + random.nextInt(200) : random.nextInt(8);
      StringBuilder sb = new StringBuilder();
      boolean plain = random.nextInt(3) == 0;
      for (int c = 0; c < length; c++) {
        sb.append(plain ? (char) ('a' + random.nextInt(3)) : alphabet.charAt(random.nextInt(alphabet.length())));
      }
      String s = sb.toString();
      for (int k = 0; k < predicates.size(); k++) {
        if (predicates.get(k).test(s) != errors.get(k).apply(s).isEmpty()) {
          fail("rule " + k + " disagrees with its errors on \"" + s + "\"");
        }
      }
    }
  }
}
