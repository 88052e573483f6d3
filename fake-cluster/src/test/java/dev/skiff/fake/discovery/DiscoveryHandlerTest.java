package dev.skiff.fake.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skiff.fake.http.HttpRequest;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Routing, content negotiation and caching of the discovery handler. */
class DiscoveryHandlerTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static DiscoveryHandler handler;

  @BeforeAll
  static void setUp() {
    handler = new DiscoveryHandler();
  }

  private static HttpRequest request(String method, String path) {
    return new HttpRequest(method, path, Map.of(), Map.of(), new byte[0], false);
  }

  private static CapturingResponder get(String path) {
    return CapturingResponder.get(handler, path, Map.of());
  }

  @Test
  void claimsOnlyNonResourcePaths() {
    for (String path : List.of("/version", "/version/", "/api", "/api/", "/api/v1", "/apis", "/apis/apps",
        "/apis/apps/v1", "/apis/apps/v1/", "/openapi/v3", "/openapi/v3/api/v1", "/openapi/v2", "/healthz",
        "/livez", "/readyz")) {
      assertThat(handler.handles(request("GET", path))).as(path).isTrue();
    }
    for (String path : List.of("/", "/api/v1/pods", "/api/v1/namespaces/default/pods",
        "/apis/apps/v1/deployments", "/apis/apps/v1/namespaces/x/deployments/y", "/metrics", "/versions")) {
      assertThat(handler.handles(request("GET", path))).as(path).isFalse();
    }
  }

  @Test
  void versionWithTrailingSlashAndHealth() throws IOException {
    CapturingResponder v = get("/version/");
    assertThat(v.status).isEqualTo(200);
    assertThat(v.contentType).isEqualTo("application/json");
    assertThat(MAPPER.readTree(v.body).path("minor").asText()).isEqualTo("34");
    for (String path : List.of("/healthz", "/livez", "/readyz")) {
      CapturingResponder r = get(path);
      assertThat(r.status).isEqualTo(200);
      assertThat(r.contentType).startsWith("text/plain");
      assertThat(r.text()).isEqualTo("ok");
    }
  }

  @Test
  void groupDocumentsAndUnknownGroups() throws IOException {
    JsonNode apps = MAPPER.readTree(get("/apis/apps").body);
    assertThat(apps.path("kind").asText()).isEqualTo("APIGroup");
    assertThat(apps.path("preferredVersion").path("groupVersion").asText()).isEqualTo("apps/v1");
    JsonNode lease = MAPPER.readTree(get("/apis/coordination.k8s.io/v1").body);
    assertThat(lease.path("resources").get(0).path("name").asText()).isEqualTo("leases");
    CapturingResponder autoscaling = get("/apis/autoscaling/v1");
    assertThat(autoscaling.status).as("Scale is only a subresource kind").isEqualTo(404);
    assertThat(autoscaling.contentType).isEqualTo("text/plain; charset=utf-8");
    assertThat(autoscaling.text()).isEqualTo("404 page not found\n");
    assertThat(get("/apis/batch").status).isEqualTo(404);
    assertThat(get("/api/v2").status).isEqualTo(404);
  }

  @Test
  void aggregatedDiscoveryIsChosenByAcceptOrder() throws IOException {
    String kubectl = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,"
        + "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json";
    CapturingResponder aggregated = CapturingResponder.get(handler, "/apis", Map.of("Accept", kubectl));
    assertThat(aggregated.contentType).isEqualTo(DiscoveryHandler.AGGREGATED_V2);
    JsonNode items = MAPPER.readTree(aggregated.body).path("items");
    assertThat(items.findValuesAsText("name")).containsExactly("apps", "coordination.k8s.io");

    CapturingResponder v2beta1Only = CapturingResponder.get(handler, "/api", Map.of("Accept",
        "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json"));
    assertThat(v2beta1Only.contentType).isEqualTo("application/json");
    assertThat(MAPPER.readTree(v2beta1Only.body).path("kind").asText()).isEqualTo("APIVersions");

    CapturingResponder plainFirst = CapturingResponder.get(handler, "/api", Map.of("Accept",
        "application/json, " + DiscoveryHandler.AGGREGATED_V2));
    assertThat(plainFirst.contentType).isEqualTo("application/json");

    CapturingResponder refused = CapturingResponder.get(handler, "/apis", Map.of("Accept", "text/html"));
    assertThat(refused.status).isEqualTo(406);
    assertThat(MAPPER.readTree(refused.body).path("reason").asText()).isEqualTo("NotAcceptable");
  }

  @Test
  void apiReportsTheAddressTheClientUsed() throws IOException {
    JsonNode api = MAPPER.readTree(CapturingResponder.get(handler, "/api", Map.of("Host", "127.0.0.1:41234")).body);
    assertThat(api.path("serverAddressByClientCIDRs").get(0).path("serverAddress").asText())
        .isEqualTo("127.0.0.1:41234");
  }

  @Test
  void openApiIsServedWithEtagsAndRevalidation() throws IOException {
    CapturingResponder index = get("/openapi/v3");
    assertThat(index.status).isEqualTo(200);
    String url = MAPPER.readTree(index.body).path("paths").path("api/v1").path("serverRelativeURL").asText();
    String hash = url.substring(url.indexOf("hash=") + 5);
    CapturingResponder doc = get("/openapi/v3/api/v1");
    assertThat(doc.contentType).isEqualTo("application/json");
    assertThat(doc.headers.get("ETag")).isEqualTo("\"" + hash + "\"");
    CapturingResponder again = CapturingResponder.get(handler, "/openapi/v3/api/v1",
        Map.of("If-None-Match", "\"" + hash + "\""));
    assertThat(again.status).isEqualTo(304);
    assertThat(again.body).isEmpty();
    CapturingResponder pinned = CapturingResponder.get(handler, "/openapi/v3/api/v1", Map.of("hash", hash),
        Map.of());
    assertThat(pinned.status).isEqualTo(200);
    assertThat(pinned.headers.get("Cache-Control")).isEqualTo("public, immutable");
    CapturingResponder stale = CapturingResponder.get(handler, "/openapi/v3/api/v1", Map.of("hash", "0BAD"),
        Map.of());
    assertThat(stale.status).isEqualTo(301);
    assertThat(stale.headers.get("Location")).isEqualTo(url);
    assertThat(get("/openapi/v3/apis/apps/v1").status).isEqualTo(200);
    assertThat(get("/openapi/v3/apis/batch/v1").status).isEqualTo(404);
  }

  @Test
  void openApiV2IsJsonOnlyForJsonClients() throws IOException {
    CapturingResponder protobuf = CapturingResponder.get(handler, "/openapi/v2",
        Map.of("Accept", "application/com.github.proto-openapi.spec.v2@v1.0+protobuf"));
    assertThat(protobuf.status).isEqualTo(406);
    CapturingResponder json = CapturingResponder.get(handler, "/openapi/v2", Map.of("Accept", "application/json"));
    assertThat(json.status).isEqualTo(200);
    assertThat(MAPPER.readTree(json.body).path("swagger").asText()).isEqualTo("2.0");
  }

  @Test
  void onlyReadsAreAllowed() {
    CapturingResponder r = new CapturingResponder();
    handler.handle(request("POST", "/api"), r);
    assertThat(r.status).isEqualTo(405);
    assertThat(r.contentType).isEqualTo("application/json");
  }
}
