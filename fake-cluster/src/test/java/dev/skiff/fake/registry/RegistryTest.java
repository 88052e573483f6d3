package dev.skiff.fake.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skiff.gen.Schema;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Every kind the schema serves has a strategy with the schema's group and scope. */
class RegistryTest {
  private final Registry registry = new Registry((kind, namespace, name) -> java.util.Optional.empty());

  @Test
  void everyServedKindHasAStrategyThatAgreesWithTheSchema() {
    Schema schema = Schema.load();
    Set<String> served = schema.types().values().stream().filter(t -> t.resource().isPresent())
        .map(Schema.TypeDef::name).collect(Collectors.toSet());
    assertThat(registry.kinds()).containsExactlyInAnyOrderElementsOf(served);
    for (String kind : served) {
      Schema.TypeDef type = schema.type(kind);
      Strategy strategy = registry.strategy(kind);
      assertThat(strategy.group()).as(kind).isEqualTo(type.group());
      assertThat(strategy.namespaced()).as(kind).isEqualTo(type.resource().orElseThrow().namespaced());
    }
  }

  /**
   * A create writes the stored JSON before the store's lock unless the kind allocates: a strategy that changes
   * objects in {@code allocate} and does not say so would store them without what it allocated.
   */
  @Test
  void everyKindThatAllocatesSaysSo() throws Exception {
    for (String kind : registry.kinds()) {
      Strategy strategy = registry.strategy(kind);
      boolean overrides = false;
      for (Class<?> c = strategy.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
        try {
          c.getDeclaredMethod("allocate", com.fasterxml.jackson.databind.node.ObjectNode.class,
              com.fasterxml.jackson.databind.node.ObjectNode.class);
          overrides = true;
          break;
        } catch (NoSuchMethodException e) {
          // not declared here: look at the superclass
        }
      }
      assertThat(strategy.allocates()).as(kind).isEqualTo(overrides);
    }
    assertThat(registry.strategy("Service").allocates()).isTrue();
    assertThat(registry.strategy("Namespace").allocates()).isTrue();
  }

  @Test
  void unknownKindIsRefused() {
    assertThatThrownBy(() -> registry.strategy("Widget")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("no strategy for kind Widget");
  }
}
