package dev.skiff.model.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skiff.model.meta.v1.ObjectMeta;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Managed-field sets are jumped over byte by byte; what follows them must decode exactly as before. */
class RawSkippingTest {
  private static final String TRICKY_SET =
      "{\"f:metadata\":{\"f:labels\":{\"k:{\\\"a\\\":\\\"}]{[\\\\\\\"\\\"}\":{}}},\"v:\\\"x\\\"\":{},\".\":{}}";

  @Test
  void fieldsAfterASkippedSetDecode() {
    String json = "{\"name\":\"a\",\"managedFields\":[{\"manager\":\"m\",\"fieldsV1\":" + TRICKY_SET
        + ",\"operation\":\"Apply\"},{\"fieldsV1\":" + TRICKY_SET + ",\"manager\":\"n\"}],\"namespace\":\"ns\"}";
    ObjectMeta meta = ModelCodec.standard().readJson(json.getBytes(StandardCharsets.UTF_8), ObjectMeta.class);

    assertThat(meta.namespace()).isEqualTo("ns");
    assertThat(meta.managedFields()).hasSize(2);
    assertThat(meta.managedFields().get(0).operation()).isEqualTo("Apply");
    assertThat(meta.managedFields().get(1).manager()).isEqualTo("n");
    assertThat(meta.managedFields().get(0).fieldsV1().json()).isEqualTo(TRICKY_SET);
    assertThat(meta.managedFields().get(1).fieldsV1()).isSameAs(meta.managedFields().get(0).fieldsV1());
    assertThat(tree(ModelCodec.standard().writeJson(meta))).isEqualTo(tree(json));
  }

  private static com.fasterxml.jackson.databind.JsonNode tree(String json) {
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void prettyPrintedSetsAreCompactedAndLinesStayRight() {
    String json = "{\n \"managedFields\": [{\"fieldsV1\": {\n  \"f:a\": {}\n }}],\n \"generation\": \"x\"\n}";
    assertThatThrownBy(() -> ModelCodec.standard().readJson(json.getBytes(StandardCharsets.UTF_8), ObjectMeta.class))
        .isInstanceOfSatisfying(DecodeException.class, e -> {
          assertThat(e.line()).isEqualTo(5);
          assertThat(e.path()).isEqualTo("/generation");
        });
    ObjectMeta meta = ModelCodec.standard().readJson(
        json.replace("\"x\"", "3").getBytes(StandardCharsets.UTF_8), ObjectMeta.class);
    assertThat(meta.managedFields().get(0).fieldsV1().json()).isEqualTo("{\"f:a\":{}}");
    assertThat(meta.generation()).isEqualTo(3L);
  }

  @Test
  void aTruncatedSetIsReportedAsMalformed() {
    String json = "{\"managedFields\":[{\"fieldsV1\":{\"f:a\":{\"f:b\":";
    assertThatThrownBy(() -> ModelCodec.standard().readJson(json.getBytes(StandardCharsets.UTF_8), ObjectMeta.class))
        .isInstanceOf(DecodeException.class).hasMessageContaining("malformed input");
  }
}
