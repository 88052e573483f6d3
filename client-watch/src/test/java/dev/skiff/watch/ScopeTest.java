package dev.skiff.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skiff.model.InvalidSelectorException;
import dev.skiff.model.meta.v1.LabelSelector;
import dev.skiff.model.meta.v1.LabelSelectorRequirement;
import org.junit.jupiter.api.Test;

/** {@link Scope}: selectors in text and object form, and equality, on which informer sharing relies. */
class ScopeTest {

  @Test
  void aLabelSelectorObjectAndItsTextGiveEqualScopes() {
    LabelSelector object = LabelSelector.builder().putMatchLabels("app", "web")
        .addMatchExpressions(LabelSelectorRequirement.builder().key("tier").operator("In")
            .addValues("fe", "be").build())
        .build();
    Scope fromObject = Scope.namespace("shop").withLabels(object);
    Scope fromText = Scope.namespace("shop").withLabels("tier in (be,fe), app=web");

    assertThat(fromObject).isEqualTo(fromText).hasSameHashCodeAs(fromText);
    assertThat(fromObject.labels()).hasToString("app=web,tier in (be,fe)");
    assertThat(fromObject.namespace()).contains("shop");
    assertThat(fromObject).isNotEqualTo(fromObject.withFields("status.phase=Running"));
    assertThat(fromObject.withFields(" status.phase=Running ").fields()).isEqualTo("status.phase=Running");
  }

  @Test
  void allNamespacesHasNoRestrictionAndBadInputIsRefused() {
    assertThat(Scope.allNamespaces().namespace()).isEmpty();
    assertThat(Scope.allNamespaces().labels().isEmpty()).isTrue();
    assertThat(Scope.allNamespaces().fields()).isEmpty();
    assertThatThrownBy(() -> Scope.namespace("")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Scope.allNamespaces().withLabels("a in (")).isInstanceOf(InvalidSelectorException.class);
  }
}
