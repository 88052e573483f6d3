package dev.skiff.fake.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Replays the steps of the recorded kube-apiserver 1.34 discovery transcript against the handler and compares
 * status, Content-Type and body, with the harness's subset rules ({@code subsetBy}/{@code require} of the
 * corpus). One deliberate difference: aggregated discovery's nested {@code subresources} are compared as a
 * subset too, because the fake announces only the subresources it serves (see {@link DiscoveryHandler}).
 */
class DiscoveryTranscriptTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static JsonNode steps;
  private static DiscoveryHandler handler;

  @BeforeAll
  static void load() throws IOException {
    try (InputStream in = DiscoveryTranscriptTest.class.getResourceAsStream("/discovery/discovery.json")) {
      steps = MAPPER.readTree(in).path("steps");
    }
    handler = new DiscoveryHandler();
  }

  private static JsonNode step(String name) {
    for (JsonNode s : steps) {
      if (s.path("name").asText().equals(name)) {
        return s;
      }
    }
    throw new AssertionError("no step " + name);
  }

  /** Runs a recorded request and compares status, Content-Type and body; returns the parsed body. */
  private static JsonNode replay(String name, Map<String, String> subsetBy) throws IOException {
    JsonNode step = step(name);
    JsonNode request = step.path("request");
    Map<String, String> headers = MAPPER.convertValue(request.path("headers"), Map.class) == null
        ? Map.of() : MAPPER.convertValue(request.path("headers"), Map.class);
    CapturingResponder r = CapturingResponder.get(handler, request.path("path").asText(), headers);
    JsonNode response = step.path("response");
    assertThat(r.status).isEqualTo(response.path("status").asInt());
    assertThat(r.contentType).isEqualTo(response.path("contentType").asText());
    JsonNode actual = MAPPER.readTree(r.body);
    JsonNode expected = response.path("body").deepCopy();
    if (name.equals("version")) {
      TranscriptComparator.maskValues((ObjectNode) expected);
      TranscriptComparator.maskValues((ObjectNode) actual);
    }
    if (name.equals("api")) {
      ((ObjectNode) expected.path("serverAddressByClientCIDRs").get(0)).put("serverAddress", "<masked>");
      ((ObjectNode) actual.path("serverAddressByClientCIDRs").get(0)).put("serverAddress", "<masked>");
    }
    assertThat(new TranscriptComparator(subsetBy).compare(expected, actual)).isEmpty();
    return actual;
  }

  @Test
  void versionHasEveryFieldOfTheRealServer() throws IOException {
    JsonNode v = replay("version", Map.of());
    assertThat(handler.version().minor()).isEqualTo("34");
    assertThat(v.size()).isEqualTo(13);
  }

  @Test
  void apiListsTheCoreVersionAndAServerAddress() throws IOException {
    replay("api", Map.of());
  }

  @Test
  void coreResourcesAreTheRealEntriesOfWhatIsServed() throws IOException {
    JsonNode body = replay("api-v1", Map.of("$.resources", "name"));
    assertThat(TranscriptComparator.missingKeys(body.path("resources"), "name", List.of("pods", "pods/status",
        "pods/log", "replicationcontrollers", "replicationcontrollers/status", "replicationcontrollers/scale",
        "services", "services/status", "endpoints", "namespaces", "namespaces/status", "nodes", "nodes/status",
        "events", "configmaps", "secrets", "serviceaccounts"))).isEmpty();
    assertThat(body.path("resources").findValuesAsText("name")).doesNotContain("pods/exec", "pods/eviction",
        "serviceaccounts/token", "namespaces/finalize", "nodes/proxy", "services/proxy");
  }

  @Test
  void groupsAreOnlyThoseWithAServedResource() throws IOException {
    JsonNode body = replay("apis", Map.of("$.groups", "name"));
    assertThat(body.path("groups").findValuesAsText("name")).containsExactly("apps", "coordination.k8s.io");
  }

  @Test
  void appsResourcesAreTheRealEntries() throws IOException {
    JsonNode body = replay("apis-apps-v1", Map.of("$.resources", "name"));
    assertThat(TranscriptComparator.missingKeys(body.path("resources"), "name", List.of("deployments",
        "deployments/status", "deployments/scale", "replicasets", "replicasets/status", "replicasets/scale")))
        .isEmpty();
  }

  @Test
  void aggregatedDiscoveryOfTheCoreGroup() throws IOException {
    JsonNode body = replay("api-aggregated-v2", Map.of(
        "$.items[*].versions[*].resources", "resource",
        "$.items[*].versions[*].resources[*].subresources", "subresource"));
    JsonNode resources = body.path("items").get(0).path("versions").get(0).path("resources");
    assertThat(TranscriptComparator.missingKeys(resources, "resource", List.of("pods", "replicationcontrollers",
        "services", "endpoints", "namespaces", "nodes", "events", "configmaps", "secrets", "serviceaccounts")))
        .isEmpty();
  }
}
