package dev.skiff.fake.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skiff.fake.discovery.ServedResources;
import dev.skiff.fake.discovery.ServedResources.GroupVersion;
import dev.skiff.fake.discovery.ServedResources.ServedKind;
import dev.skiff.gen.Schema;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Structure of the generated OpenAPI documents: operations per kind, resolvable references, schema facts. */
class OpenApiDocumentsTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static ServedResources served;
  private static OpenApiDocuments docs;

  @BeforeAll
  static void setUp() {
    served = ServedResources.fakeCluster(Schema.load());
    docs = new OpenApiDocuments(served, "1.34");
  }

  private static JsonNode v3(String path) throws IOException {
    return MAPPER.readTree(docs.v3(path).orElseThrow().json());
  }

  private static JsonNode schema(String path, String name) throws IOException {
    JsonNode s = v3(path).path("components").path("schemas").path(name);
    assertThat(s.isMissingNode()).as(name).isFalse();
    return s;
  }

  @Test
  void indexNamesEveryServedGroupVersionWithTheHashOfItsDocument() throws IOException {
    JsonNode index = MAPPER.readTree(docs.index().json());
    assertThat(index.path("paths").size()).isEqualTo(served.groupVersions().size());
    assertThat(index.path("paths").path("api/v1").path("serverRelativeURL").asText())
        .isEqualTo("/openapi/v3/api/v1?hash=" + docs.v3("api/v1").orElseThrow().hash());
    assertThat(index.path("paths").has("apis/apps/v1")).isTrue();
    assertThat(index.path("paths").has("apis/coordination.k8s.io/v1")).isTrue();
    assertThat(docs.v3("api/v1").orElseThrow().hash()).matches("[0-9A-F]{128}");
    assertThat(docs.v3("apis/autoscaling/v1")).isEmpty();
  }

  @Test
  void hashesAreStableAcrossGenerations() {
    OpenApiDocuments again = new OpenApiDocuments(ServedResources.fakeCluster(Schema.load()), "1.34");
    assertThat(again.index().hash()).isEqualTo(docs.index().hash());
  }

  @Test
  void everyServedKindHasItsOperationsWithTheirGroupVersionKind() throws IOException {
    for (GroupVersion gv : served.groupVersions()) {
      JsonNode paths = v3(OpenApiDocuments.v3Path(gv)).path("paths");
      String prefix = gv.group().isEmpty() ? "/api/v1" : "/apis/" + gv.groupVersion();
      for (ServedKind k : gv.kinds()) {
        String collection = prefix + (k.resource().namespaced() ? "/namespaces/{namespace}/" : "/") + k.plural();
        JsonNode item = paths.path(collection + "/{name}");
        for (String method : List.of("get", "put", "delete", "patch")) {
          JsonNode op = item.path(method);
          assertThat(op.isMissingNode()).as(k.kind() + " " + method).isFalse();
          assertThat(op.path("x-kubernetes-group-version-kind").path("kind").asText()).isEqualTo(k.kind());
          assertThat(op.path("x-kubernetes-group-version-kind").path("group").asText()).isEqualTo(k.group());
        }
        JsonNode patch = item.path("patch");
        assertThat(patch.path("x-kubernetes-action").asText()).isEqualTo("patch");
        assertThat(patch.path("parameters").findValuesAsText("name"))
            .contains("fieldValidation", "fieldManager", "dryRun", "force");
        assertThat(patch.path("requestBody").path("content").has("application/apply-patch+yaml")).isTrue();
        assertThat(paths.path(collection).path("post").path("parameters").findValuesAsText("name"))
            .contains("fieldValidation", "fieldManager", "dryRun");
        assertThat(paths.path(collection).path("get").path("x-kubernetes-action").asText()).isEqualTo("list");
      }
    }
  }

  @Test
  void subresourcesCarryTheirOwnKind() throws IOException {
    JsonNode paths = v3("api/v1").path("paths");
    JsonNode scale = paths.path("/api/v1/namespaces/{namespace}/replicationcontrollers/{name}/scale").path("patch");
    assertThat(scale.path("operationId").asText()).isEqualTo("patchCoreV1NamespacedReplicationControllerScale");
    assertThat(scale.path("x-kubernetes-group-version-kind").toString())
        .isEqualTo("{\"group\":\"autoscaling\",\"kind\":\"Scale\",\"version\":\"v1\"}");
    JsonNode log = paths.path("/api/v1/namespaces/{namespace}/pods/{name}/log");
    assertThat(log.path("get").path("responses").path("200").path("content").has("text/plain")).isTrue();
    assertThat(log.path("parameters").findValuesAsText("name")).contains("container", "follow", "tailLines");
    assertThat(paths.has("/api/v1/namespaces/{namespace}/pods/{name}/exec")).isFalse();
    assertThat(paths.path("/api/v1/namespaces/{name}").path("patch").path("operationId").asText())
        .isEqualTo("patchCoreV1Namespace");
    assertThat(paths.path("/api/v1/namespaces").has("delete")).as("namespaces have no deletecollection").isFalse();
  }

  @Test
  void everyReferenceResolves() throws IOException {
    for (GroupVersion gv : served.groupVersions()) {
      JsonNode doc = v3(OpenApiDocuments.v3Path(gv));
      List<String> refs = new ArrayList<>();
      collectRefs(doc, refs);
      assertThat(refs).isNotEmpty();
      for (String ref : refs) {
        assertThat(ref).startsWith("#/components/schemas/");
        assertThat(doc.path("components").path("schemas").has(ref.substring("#/components/schemas/".length())))
            .as(ref).isTrue();
      }
    }
    JsonNode v2 = MAPPER.readTree(docs.v2().json());
    List<String> refs = new ArrayList<>();
    collectRefs(v2, refs);
    for (String ref : refs) {
      assertThat(ref).startsWith("#/definitions/");
      assertThat(v2.path("definitions").has(ref.substring("#/definitions/".length()))).as(ref).isTrue();
    }
  }

  private static void collectRefs(JsonNode node, List<String> out) {
    if (node.isObject()) {
      node.fields().forEachRemaining(e -> {
        if (e.getKey().equals("$ref")) {
          out.add(e.getValue().asText());
        } else {
          collectRefs(e.getValue(), out);
        }
      });
    } else if (node.isArray()) {
      node.forEach(x -> collectRefs(x, out));
    }
  }

  @Test
  void schemasCarryTheFactsClientsActOn() throws IOException {
    JsonNode pod = schema("api/v1", "io.k8s.api.core.v1.Pod");
    assertThat(pod.path("x-kubernetes-group-version-kind").toString())
        .isEqualTo("[{\"group\":\"\",\"kind\":\"Pod\",\"version\":\"v1\"}]");
    assertThat(pod.path("properties").path("metadata").path("allOf").get(0).path("$ref").asText())
        .isEqualTo("#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta");

    JsonNode containers = schema("api/v1", "io.k8s.api.core.v1.PodSpec").path("properties").path("containers");
    assertThat(containers.path("type").asText()).isEqualTo("array");
    assertThat(containers.path("x-kubernetes-patch-strategy").asText()).isEqualTo("merge");
    assertThat(containers.path("x-kubernetes-patch-merge-key").asText()).isEqualTo("name");
    assertThat(containers.path("x-kubernetes-list-type").asText()).isEqualTo("map");
    assertThat(containers.path("x-kubernetes-list-map-keys").toString()).isEqualTo("[\"name\"]");
    assertThat(containers.path("items").path("allOf").get(0).path("$ref").asText())
        .endsWith("io.k8s.api.core.v1.Container");

    JsonNode container = schema("api/v1", "io.k8s.api.core.v1.Container");
    assertThat(container.path("required").toString()).isEqualTo("[\"name\"]");
    assertThat(container.path("description").asText()).isNotEmpty();
    JsonNode protocol = schema("api/v1", "io.k8s.api.core.v1.ContainerPort").path("properties").path("protocol");
    assertThat(protocol.path("default").asText()).isEqualTo("TCP");
    assertThat(protocol.path("enum").toString()).isEqualTo("[\"SCTP\",\"TCP\",\"UDP\"]");
    assertThat(schema("api/v1", "io.k8s.api.core.v1.PodSpec").path("properties").path("nodeSelector")
        .path("x-kubernetes-map-type").asText()).isEqualTo("atomic");
    assertThat(schema("api/v1", "io.k8s.api.core.v1.PodSpec").path("properties").path("priority")
        .path("format").asText()).isEqualTo("int32");

    assertThat(schema("api/v1", "io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector")
        .path("x-kubernetes-map-type").asText()).isEqualTo("atomic");
    assertThat(schema("api/v1", "io.k8s.api.core.v1.PodSpec").has("x-kubernetes-map-type")).isFalse();
    assertThat(schema("api/v1", SchemaNames.INT_OR_STRING).path("format").asText()).isEqualTo("int-or-string");
    assertThat(schema("api/v1", SchemaNames.QUANTITY).path("oneOf").size()).isEqualTo(2);
    assertThat(schema("api/v1", SchemaNames.TIME).path("format").asText()).isEqualTo("date-time");
    assertThat(schema("api/v1", "io.k8s.api.autoscaling.v1.Scale").path("x-kubernetes-group-version-kind")
        .get(0).path("group").asText()).isEqualTo("autoscaling");
    assertThat(schema("apis/apps/v1", "io.k8s.api.apps.v1.Deployment").path("x-kubernetes-group-version-kind")
        .get(0).path("group").asText()).isEqualTo("apps");
    assertThat(schema("apis/coordination.k8s.io/v1", "io.k8s.api.coordination.v1.Lease")
        .path("properties").path("spec").path("allOf").get(0).path("$ref").asText())
        .endsWith("io.k8s.api.coordination.v1.LeaseSpec");
  }

  @Test
  void swaggerV2PutsReferencesBesideDescriptionsAndBodiesAsParameters() throws IOException {
    JsonNode v2 = MAPPER.readTree(docs.v2().json());
    assertThat(v2.path("swagger").asText()).isEqualTo("2.0");
    JsonNode metadata = v2.path("definitions").path("io.k8s.api.core.v1.Pod").path("properties").path("metadata");
    assertThat(metadata.path("$ref").asText()).isEqualTo("#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta");
    assertThat(metadata.has("allOf")).isFalse();
    assertThat(v2.path("definitions").path(SchemaNames.INT_OR_STRING).path("type").asText()).isEqualTo("string");
    JsonNode patch = v2.path("paths").path("/apis/apps/v1/namespaces/{namespace}/deployments/{name}").path("patch");
    assertThat(patch.path("parameters").get(0).path("in").asText()).isEqualTo("body");
    assertThat(patch.path("consumes").size()).isEqualTo(4);
    assertThat(patch.path("parameters").get(1).path("type").asText()).isEqualTo("string");
  }
}
