package dev.skiff.fake.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** Pod creation replayed from the pod-defaults, generate-name and delete transcripts. */
class PodTranscriptTest {

  @Test
  void podDefaultsCreateMatchesTheRecordedBodyFieldByField() {
    Transcript t = Transcript.load("pod-defaults");
    ApiLayerStandIn api = ApiLayerStandIn.withDefaultServiceAccount(t.namespace());
    ApiLayerStandIn.Result result = api.create(t.namespace(), t.requestBody("create"));
    TranscriptAssert.matches(t, "create", result);
    // The same volume name in the volume and in every mount.
    String volume = result.body().at("/spec/volumes/0/name").asText();
    assertThat(volume).matches("kube-api-access-[bcdfghjklmnpqrstvwxz2456789]{5}");
    result.body().at("/spec/containers").forEach(c -> assertThat(c.at("/volumeMounts/0/name").asText())
        .isEqualTo(volume));
  }

  @Test
  void generatedPodNameAndBestEffortClassMatch() {
    Transcript t = Transcript.load("generate-name");
    ApiLayerStandIn api = ApiLayerStandIn.withDefaultServiceAccount(t.namespace());
    TranscriptAssert.matches(t, "pod", api.create(t.namespace(), t.requestBody("pod")), "gen-");
  }

  @Test
  void podOfTheDeleteScenarioMatches() {
    Transcript t = Transcript.load("delete");
    ApiLayerStandIn api = ApiLayerStandIn.withDefaultServiceAccount(t.namespace());
    TranscriptAssert.matches(t, "create/pod", api.create(t.namespace(), t.requestBody("create/pod")));
  }

  @Test
  void unscheduledPodIsDeletedWithoutGracePeriod() {
    Transcript t = Transcript.load("delete");
    ApiLayerStandIn api = ApiLayerStandIn.withDefaultServiceAccount(t.namespace());
    ObjectNode pod = api.create(t.namespace(), t.requestBody("create/pod")).body();
    Strategy strategy = api.registry.strategy("Pod");
    // The recorded DELETE answer carries deletionGracePeriodSeconds 0: the pod has no node.
    assertThat(t.responseBody("pod").at("/metadata/deletionGracePeriodSeconds").asLong()).isZero();
    assertThat(strategy.gracePeriodSeconds(pod, null)).hasValue(0);
    pod.with("spec").put("nodeName", "node-1");
    assertThat(strategy.gracePeriodSeconds(pod, null)).hasValue(30);
    assertThat(strategy.gracePeriodSeconds(pod, 5L)).hasValue(5);
    assertThat(strategy.gracePeriodSeconds(pod, -3L)).hasValue(1);
    assertThat(api.registry.strategy("ConfigMap").gracePeriodSeconds(pod, null)).isEmpty();
  }

  @Test
  void missingServiceAccountIsTheRealForbiddenStatus() {
    Transcript t = Transcript.load("pod-defaults");
    ApiLayerStandIn api = new ApiLayerStandIn();
    ApiLayerStandIn.Result result = api.create("ns1", t.requestBody("create"));
    assertThat(result.code()).isEqualTo(403);
    assertThat(result.body().toString()).isEqualTo("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},"
        + "\"status\":\"Failure\",\"message\":\"pods \\\"defaults\\\" is forbidden: error looking up service account "
        + "ns1/default: serviceaccount \\\"default\\\" not found\",\"reason\":\"Forbidden\","
        + "\"details\":{\"name\":\"defaults\",\"kind\":\"pods\"},\"code\":403}");
  }
}
