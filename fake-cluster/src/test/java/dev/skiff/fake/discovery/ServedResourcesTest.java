package dev.skiff.fake.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skiff.gen.Schema;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What is announced: group order, subresource filtering, and the recorded entries when everything is served. */
class ServedResourcesTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static Schema schema;

  @BeforeAll
  static void load() {
    schema = Schema.load();
  }

  @Test
  void coreGroupFirstThenTheRealServersGroupOrder() {
    ServedResources served = ServedResources.fakeCluster(schema);
    assertThat(served.groupVersions()).extracting(ServedResources.GroupVersion::groupVersion)
        .containsExactly("v1", "apps/v1", "coordination.k8s.io/v1");
    assertThat(served.groups()).containsExactly("apps", "coordination.k8s.io");
    assertThat(served.versionsOf("autoscaling")).isEmpty();
  }

  @Test
  void fakeClusterServesStatusScaleAndLogOnly() {
    ServedResources served = ServedResources.fakeCluster(schema);
    ServedResources.ServedKind pods = served.kinds().stream().filter(k -> k.plural().equals("pods")).findFirst()
        .orElseThrow();
    assertThat(pods.subresources()).extracting(Schema.Subresource::name).containsExactly("log", "status");
    ServedResources.ServedKind rcs = served.kinds().stream()
        .filter(k -> k.plural().equals("replicationcontrollers")).findFirst().orElseThrow();
    assertThat(rcs.subresource("scale").orElseThrow().group()).isEqualTo("autoscaling");
  }

  @Test
  void excludedKindsAndTheirEmptyGroupsDisappear() {
    ServedResources served = ServedResources.of(schema, Set.of("Lease"), ServedResources.FAKE_CLUSTER_SUBRESOURCES);
    assertThat(served.groups()).containsExactly("apps");
  }

  @Test
  void servingEverySubresourceReproducesTheRecordedAggregatedEntries() throws IOException {
    ServedResources everything = ServedResources.of(schema, Set.of(), name -> true);
    JsonNode aggregated = new DiscoveryDocuments(everything).aggregated(true);
    JsonNode recorded;
    try (InputStream in = getClass().getResourceAsStream("/discovery/discovery.json")) {
      recorded = null;
      for (JsonNode step : MAPPER.readTree(in).path("steps")) {
        if (step.path("name").asText().equals("api-aggregated-v2")) {
          recorded = step.path("response").path("body");
        }
      }
    }
    assertThat(recorded).isNotNull();
    // Whole entries, nested subresources included: only the by-resource subset rule remains.
    List<String> differences = new TranscriptComparator(Map.of("$.items[*].versions[*].resources", "resource"))
        .compare(recorded, aggregated);
    assertThat(differences).isEmpty();
  }
}
