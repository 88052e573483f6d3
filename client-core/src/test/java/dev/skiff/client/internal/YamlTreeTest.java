package dev.skiff.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class YamlTreeTest {
  @Test
  void keepsEveryScalarAsWritten() throws Exception {
    Object tree = YamlTree.parse("""
        token: 0x1F
        password: 1e3
        pin: 0123
        flag: yes
        quoted: "true"
        empty:
        none: null
        tilde: ~
        list: [1, two, 3.0]
        """);
    Map<String, Object> expected = new HashMap<>(Map.of("token", "0x1F", "password", "1e3", "pin", "0123",
        "flag", "yes", "quoted", "true", "list", List.of("1", "two", "3.0")));
    expected.put("empty", null);
    expected.put("none", null);
    expected.put("tilde", null);
    assertThat(tree).isEqualTo(expected);
  }

  @Test
  void keepsDocumentOrder() throws Exception {
    Map<?, ?> tree = (Map<?, ?>) YamlTree.parse("c: 1\na: 2\nb: 3\n");
    assertThat(List.copyOf(tree.keySet())).isEqualTo(List.of("c", "a", "b"));
  }

  @Test
  void resolvesAnchorsAliasesAndMergeKeys() throws Exception {
    Map<?, ?> tree = (Map<?, ?>) YamlTree.parse("""
        base: &base {server: "https://a.example", insecure-skip-tls-verify: true}
        copy: *base
        derived:
          <<: *base
          server: https://b.example
        names: &names [x, y]
        again: *names
        """);
    assertThat(tree.get("copy")).isEqualTo(Map.of("server", "https://a.example", "insecure-skip-tls-verify", "true"));
    assertThat(tree.get("derived")).isEqualTo(Map.of("server", "https://b.example", "insecure-skip-tls-verify", "true"));
    assertThat(tree.get("again")).isEqualTo(Arrays.asList("x", "y"));
  }

  @Test
  void anEmptyDocumentIsNull() throws Exception {
    assertThat(YamlTree.parse("")).isNull();
    assertThat(YamlTree.parse("# only a comment\n")).isNull();
  }

  @Test
  void malformedYamlSaysWhereButNotWhat() {
    assertThatThrownBy(() -> YamlTree.parse("a: 1\nb: [unclosed, s3cret-value\n"))
        .isInstanceOf(YamlTree.MalformedYamlException.class)
        .hasMessageStartingWith("malformed YAML at line ")
        .hasNoCause()
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cret-value"))
        .satisfies(e -> assertThat(((YamlTree.MalformedYamlException) e).line()).isGreaterThan(1));
  }
}
