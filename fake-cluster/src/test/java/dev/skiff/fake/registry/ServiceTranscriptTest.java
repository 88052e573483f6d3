package dev.skiff.fake.registry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Services replayed from the services transcript. */
class ServiceTranscriptTest {

  @Test
  void clusterIpServiceGetsTheRecordedDefaultsAndAnAddressFromTheRange() {
    Transcript t = Transcript.load("services");
    ApiLayerStandIn api = new ApiLayerStandIn();
    ApiLayerStandIn.Result result = api.create(t.namespace(), t.requestBody("create"));
    TranscriptAssert.matches(t, "create", result);
    String ip = result.body().at("/spec/clusterIP").asText();
    assertThat(ip).startsWith("10.0.0.").isNotIn("10.0.0.0", "10.0.0.1", "10.0.0.255");
    assertThat(result.body().at("/spec/clusterIPs/0").asText()).isEqualTo(ip);
  }

  @Test
  void headlessServiceKeepsNone() {
    Transcript t = Transcript.load("services");
    ApiLayerStandIn api = new ApiLayerStandIn();
    TranscriptAssert.matches(t, "headless", api.create(t.namespace(), t.requestBody("headless")));
  }

  @Test
  void changingTheClusterIpIsTheRecordedError() {
    Transcript t = Transcript.load("services");
    ApiLayerStandIn api = new ApiLayerStandIn();
    api.create(t.namespace(), t.requestBody("create"));
    ApiLayerStandIn.Result result = api.mergePatch("Service", t.namespace(), "web",
        t.requestBody("clusterip-immutable"));
    TranscriptAssert.matches(t, "clusterip-immutable", result);
  }
}
