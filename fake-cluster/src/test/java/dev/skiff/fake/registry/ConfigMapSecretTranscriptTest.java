package dev.skiff.fake.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** ConfigMaps and Secrets replayed from the configmap-secret, errors and delete transcripts. */
class ConfigMapSecretTranscriptTest {

  @ParameterizedTest
  @ValueSource(strings = {"secret-stringdata", "create/secret-tls-missing-keys", "create/configmap-binary",
      "create/configmap-bad-key", "create/configmap-duplicate-key", "create/configmap-immutable"})
  void createStepIsTheRecordedResponse(String step) {
    Transcript t = Transcript.load("configmap-secret");
    ApiLayerStandIn api = new ApiLayerStandIn();
    TranscriptAssert.matches(t, step, api.create(t.namespace(), t.requestBody(step)));
  }

  @Test
  void immutableConfigMapRefusesADataPatch() {
    Transcript t = Transcript.load("configmap-secret");
    ApiLayerStandIn api = new ApiLayerStandIn();
    api.create(t.namespace(), t.requestBody("create/configmap-immutable"));
    ApiLayerStandIn.Result result = api.mergePatch("ConfigMap", t.namespace(), "frozen",
        t.requestBody("immutable-update-rejected"));
    TranscriptAssert.matches(t, "immutable-update-rejected", result);
  }

  @Test
  void immutableConfigMapAcceptsALabelPatch() {
    Transcript t = Transcript.load("configmap-secret");
    ApiLayerStandIn api = new ApiLayerStandIn();
    api.create(t.namespace(), t.requestBody("create/configmap-immutable"));
    ObjectNode patch = Nodes.F.objectNode();
    patch.putObject("metadata").putObject("labels").put("tier", "web");
    ApiLayerStandIn.Result result = api.mergePatch("ConfigMap", t.namespace(), "frozen", patch);
    assertThat(result.code()).isEqualTo(200);
    assertThat(result.body().at("/metadata/labels/tier").asText()).isEqualTo("web");
  }

  @Test
  void configMapCreateAndUnconditionalUpdateOfTheErrorsScenario() {
    Transcript t = Transcript.load("errors");
    ApiLayerStandIn api = new ApiLayerStandIn();
    TranscriptAssert.matches(t, "create", api.create(t.namespace(), t.requestBody("create")));
    ObjectNode update = api.get("ConfigMap", t.namespace(), "exists").orElseThrow().deepCopy();
    update.with("data").put("k", "v2");
    TranscriptAssert.matches(t, "update", api.update(update, false));
  }

  @ParameterizedTest
  @ValueSource(strings = {"create/configmap", "create/coll-1", "create/coll-2"})
  void configMapsOfTheDeleteScenario(String step) {
    Transcript t = Transcript.load("delete");
    ApiLayerStandIn api = new ApiLayerStandIn();
    TranscriptAssert.matches(t, step, api.create(t.namespace(), t.requestBody(step)));
  }
}
