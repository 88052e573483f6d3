package dev.skiff.fake.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The 422 bodies of the invalid-names and generate-name transcripts, replayed request by request. */
class ValidationTranscriptTest {

  @ParameterizedTest
  @ValueSource(strings = {"names/pod-Bad_Name", "names/configmap-254-chars", "names/configmap-trailing-dash",
      "names/service-leading-digit", "names/namespace-with-dot", "names/missing-name", "fields/label-value",
      "fields/pod-no-containers", "fields/pod-bad-restart-policy"})
  void invalidNamesStepIsTheRecordedStatus(String step) {
    Transcript t = Transcript.load("invalid-names");
    ApiLayerStandIn api = ApiLayerStandIn.withDefaultServiceAccount(t.namespace());
    ApiLayerStandIn.Result result = api.create(t.namespace(), t.requestBody(step));
    TranscriptAssert.matches(t, step, result);
  }

  @Test
  void everyRequestOfInvalidNamesIsCovered() {
    Transcript t = Transcript.load("invalid-names");
    int requests = 0;
    for (String batch : new String[] {"names", "fields"}) {
      for (JsonNode sub : t.step(batch).path("subs")) {
        requests++;
        assertThat(sub.path("response").path("status").asInt()).isEqualTo(422);
      }
    }
    assertThat(requests).isEqualTo(9);
  }

  @ParameterizedTest
  @ValueSource(strings = {"configmaps/name-wins", "configmaps/long-prefix", "configmaps/invalid-prefix"})
  void generateNameStepIsTheRecordedResponse(String step) {
    Transcript t = Transcript.load("generate-name");
    ApiLayerStandIn api = new ApiLayerStandIn();
    ApiLayerStandIn.Result result = api.create(t.namespace(), t.requestBody(step));
    TranscriptAssert.matches(t, step, result, "ignored-", "Bad_",
        "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx");
  }
}
