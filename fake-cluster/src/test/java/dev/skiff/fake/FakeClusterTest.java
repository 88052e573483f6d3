package dev.skiff.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import okhttp3.tls.Certificates;
import okhttp3.tls.HandshakeCertificates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FakeClusterTest {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private static HttpResponse<String> get(HttpClient client, URI base, String path, String token) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return client.send(b.build(), BodyHandlers.ofString());
  }

  /**
   * Whether a server accepts connections on the URL's port. A connection to a closed loopback port can, rarely,
   * connect to itself (TCP simultaneous open) when the system picks that same port as its source: no server
   * took it.
   */
  private static boolean accepts(URI url) {
    try (Socket s = new Socket(url.getHost(), url.getPort())) {
      return s.getLocalPort() != s.getPort();
    } catch (IOException e) {
      return false;
    }
  }

  @Test
  void starts_on_a_free_loopback_port_and_closes_idempotently() {
    FakeCluster cluster = FakeCluster.start();
    URI url = cluster.url();
    assertThat(url.toString()).matches("http://127\\.0\\.0\\.1:\\d+");
    assertThat(cluster.caCertificatePem()).isEmpty();
    assertThat(cluster.bearerToken()).isEmpty();
    assertThat(accepts(url)).isTrue();

    cluster.close();
    cluster.close();
    assertThat(accepts(url)).isFalse();
    assertThat(cluster.toString()).endsWith("closed]");
  }

  @Test
  void clusters_side_by_side_have_their_own_ports() throws Exception {
    try (FakeCluster a = FakeCluster.start(); FakeCluster b = FakeCluster.start()) {
      assertThat(a.url().getPort()).isNotEqualTo(b.url().getPort());
      HttpClient client = HttpClient.newHttpClient();
      assertThat(get(client, a.url(), "/api", null).headers().firstValue("content-type")).contains("application/json");
      b.close();
      assertThat(accepts(b.url())).isFalse();
      assertThat(accepts(a.url())).isTrue();
    }
  }

  @Test
  void a_taken_port_fails_start_with_the_reason() {
    try (FakeCluster first = FakeCluster.start()) {
      assertThatThrownBy(() -> FakeCluster.builder().port(first.url().getPort()).start())
          .isInstanceOf(java.io.UncheckedIOException.class)
          .hasMessageContaining("127.0.0.1:" + first.url().getPort());
    }
  }

  @Test
  void tls_and_token_reach_the_kubeconfig_and_are_enforced() throws Exception {
    try (FakeCluster cluster = FakeCluster.builder().tls(true).bearerToken("t0k:en#1").start()) {
      assertThat(cluster.url().getScheme()).isEqualTo("https");
      String ca = cluster.caCertificatePem().orElseThrow();
      assertThat(cluster.bearerToken()).contains("t0k:en#1");

      JsonNode config = YAML.readTree(cluster.kubeconfig());
      assertThat(config.path("current-context").asText()).isEqualTo("skiff-fake");
      JsonNode clusterEntry = config.path("clusters").get(0).path("cluster");
      assertThat(clusterEntry.path("server").asText()).isEqualTo(cluster.url().toString());
      assertThat(new String(Base64.getDecoder().decode(clusterEntry.path("certificate-authority-data").asText()),
          StandardCharsets.US_ASCII)).isEqualTo(ca);
      assertThat(config.path("users").get(0).path("user").path("token").asText()).isEqualTo("t0k:en#1");
      assertThat(config.path("contexts").get(0).path("context").path("namespace").asText()).isEqualTo("default");

      HttpClient client = HttpClient.newBuilder().sslContext(new HandshakeCertificates.Builder()
          .addTrustedCertificate(Certificates.decodeCertificatePem(ca)).build().sslContext()).build();
      assertThat(get(client, cluster.url(), "/api", null).statusCode()).isEqualTo(401);
      assertThat(get(client, cluster.url(), "/api", "t0k:en#1").statusCode()).isNotEqualTo(401);
    }
  }

  @Test
  void a_plain_cluster_kubeconfig_has_no_credentials(@TempDir Path dir) throws Exception {
    try (FakeCluster cluster = FakeCluster.start()) {
      Path file = cluster.writeKubeconfig(dir.resolve("nested/kubeconfig"));
      JsonNode config = YAML.readTree(Files.readString(file));
      assertThat(config.path("clusters").get(0).path("cluster").has("certificate-authority-data")).isFalse();
      assertThat(config.path("users").get(0).path("user").isEmpty()).isTrue();
      assertThat(config.path("clusters").get(0).path("cluster").path("server").asText())
          .isEqualTo(cluster.url().toString());
      if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
      }
    }
  }

  @Test
  void the_builder_is_immutable_and_checks_its_values() {
    FakeCluster.Builder base = FakeCluster.builder();
    FakeCluster.Builder secured = base.tls(true).bearerToken("x").port(0).watchHistorySize(3).maxBodyBytes(10);
    assertThat(base.toString()).contains("tls=false", "bearerToken=none", "watchHistorySize=10000",
        "maxBodyBytes=3145728");
    assertThat(secured.toString()).contains("tls=true", "bearerToken=(set)", "watchHistorySize=3", "maxBodyBytes=10");
    assertThat(secured.toString()).doesNotContain("x,"); // the token itself is not printed

    assertThatThrownBy(() -> base.port(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> base.watchHistorySize(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> base.maxBodyBytes(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> base.bearerToken("has space")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> base.preloadYaml("kind: [unclosed")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> base.preloadYaml("apiVersion: v1\nmetadata: {name: x}\n"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("kind");
    assertThatThrownBy(() -> base.preloadYaml(Path.of("/no/such/file.yaml")))
        .isInstanceOf(java.io.UncheckedIOException.class);
  }

  @Test
  void the_body_limit_reaches_the_transport() throws Exception {
    try (FakeCluster cluster = FakeCluster.builder().maxBodyBytes(16).start()) {
      HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(cluster.url()
          + "/api/v1/namespaces/default/configmaps")).POST(HttpRequest.BodyPublishers.ofString("x".repeat(17)))
          .build(), BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(413);
      assertThat(r.body()).contains("\"message\":\"Request entity too large: limit is 16\"");
    }
  }

  @Test
  void a_closed_cluster_refuses_connections_quickly() {
    FakeCluster cluster = FakeCluster.start();
    long start = System.nanoTime();
    cluster.close();
    // Generous bound: "prompt" means no multi-second graceful waits on an idle cluster.
    assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(2_000);
    // Bounded retry: once (in CI, rarely) a connect right after close() still succeeded; another JVM's or
    // test's server may also take the freed ephemeral port, which a single attempt cannot tell apart.
    long deadline = System.nanoTime() + 2_000_000_000L;
    boolean refused = false;
    while (!refused && System.nanoTime() < deadline) {
      try (Socket s = new Socket(cluster.url().getHost(), cluster.url().getPort())) {
        Thread.onSpinWait();
      } catch (ConnectException e) {
        refused = true;
      } catch (java.io.IOException e) {
        // another failure to connect also means nobody serves the port
        refused = true;
      }
    }
    assertThat(refused).as("connections to the closed cluster's port are refused").isTrue();
  }
}
