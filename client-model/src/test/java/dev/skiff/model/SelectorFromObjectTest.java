package dev.skiff.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skiff.model.meta.v1.LabelSelector;
import dev.skiff.model.meta.v1.LabelSelectorRequirement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The object form of a selector, as in a Deployment's spec.selector, converts like Go's LabelSelectorAsSelector. */
class SelectorFromObjectTest {

  @Test
  void matchLabelsAndExpressionsBecomeRequirements() {
    LabelSelector object = LabelSelector.builder()
        .putMatchLabels("app", "web")
        .addMatchExpressions(LabelSelectorRequirement.builder().key("tier").operator("In")
            .addValues("fe", "be").build())
        .addMatchExpressions(LabelSelectorRequirement.builder().key("canary").operator("DoesNotExist").build())
        .build();
    Selector selector = Selector.from(object);

    assertThat(selector.toString()).isEqualTo("app=web,!canary,tier in (be,fe)");
    assertThat(selector).isEqualTo(Selector.parse("app=web,tier in (fe,be),!canary"));
    assertThat(selector.matches(Map.of("app", "web", "tier", "fe"))).isTrue();
    assertThat(selector.matches(Map.of("app", "web", "tier", "fe", "canary", "yes"))).isFalse();
  }

  @Test
  void anEmptySelectorSelectsEverything() {
    assertThat(Selector.from(LabelSelector.builder().build()).isEmpty()).isTrue();
  }

  @Test
  void badExpressionsAreRefusedWithTheServersMessage() {
    LabelSelector missingValues = LabelSelector.builder()
        .addMatchExpressions(LabelSelectorRequirement.builder().key("tier").operator("In").build())
        .build();
    assertThatThrownBy(() -> Selector.from(missingValues)).isInstanceOf(InvalidSelectorException.class)
        .hasMessageContaining("for 'in', 'notin' operators, values set can't be empty");
    LabelSelector unknownOperator = LabelSelector.builder()
        .addMatchExpressions(LabelSelectorRequirement.builder().key("tier").operator("Near").addAllValues(List.of("x"))
            .build())
        .build();
    assertThatThrownBy(() -> Selector.from(unknownOperator)).isInstanceOf(InvalidSelectorException.class)
        .hasMessageContaining("Near");
  }
}
