package dev.skiff.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skiff.client.internal.HttpClients;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** In-cluster configuration from a service account directory and environment of the test's making. */
class ConfigLoaderInClusterTest {
  private static final HeldCertificate CA = TestPki.ca("cluster-ca");

  @TempDir Path dir;

  private Path serviceAccount;
  private final Map<String, String> environment = new HashMap<>();

  @BeforeEach
  void serviceAccount() throws IOException {
    serviceAccount = Files.createDirectories(dir.resolve("serviceaccount"));
    Files.writeString(serviceAccount.resolve("token"), "sa-token-1");
    Files.writeString(serviceAccount.resolve("ca.crt"), CA.certificatePem());
    Files.writeString(serviceAccount.resolve("namespace"), "payments\n");
    environment.put("KUBERNETES_SERVICE_HOST", "10.96.0.1");
    environment.put("KUBERNETES_SERVICE_PORT", "443");
  }

  private ConfigLoader loader() {
    return ConfigLoader.builder().environment(environment).homeDirectory(dir.resolve("home"))
        .serviceAccountDirectory(serviceAccount).build();
  }

  @Test
  void readsTheServiceAccount() {
    ClientConfig config = loader().inCluster();
    assertThat(config.server()).isEqualTo(URI.create("https://10.96.0.1:443"));
    assertThat(config.namespace()).isEqualTo("payments");
    assertThat(config.bearerTokenFile()).contains(serviceAccount.resolve("token"));
    assertThat(config.certificateAuthorityPem()).contains(CA.certificatePem());
  }

  @Test
  void bracketsAnIpv6Host() {
    environment.put("KUBERNETES_SERVICE_HOST", "fd00:10:96::1");
    assertThat(loader().inCluster().server()).isEqualTo(URI.create("https://[fd00:10:96::1]:443"));
  }

  @Test
  void podNamespaceWinsOverTheFileAndDefaultIsTheLastResort() throws IOException {
    environment.put("POD_NAMESPACE", "from-env");
    assertThat(loader().inCluster().namespace()).isEqualTo("from-env");
    environment.remove("POD_NAMESPACE");
    Files.delete(serviceAccount.resolve("namespace"));
    assertThat(loader().inCluster().namespace()).isEqualTo("default");
  }

  @Test
  void outsideAPodTheErrorSaysWhy() throws IOException {
    environment.remove("KUBERNETES_SERVICE_PORT");
    assertThatThrownBy(() -> loader().inCluster())
        .isInstanceOf(KubeConfigException.class)
        .hasMessage("not running in a Kubernetes pod: KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT are not set");
    environment.put("KUBERNETES_SERVICE_PORT", "443");
    Files.delete(serviceAccount.resolve("token"));
    assertThatThrownBy(() -> loader().inCluster())
        .isInstanceOf(KubeConfigException.class)
        .hasMessageContaining("the service account token " + serviceAccount.resolve("token") + " cannot be read");
  }

  @Test
  void talksToTheApiServerAndFollowsTokenRotation() throws Exception {
    try (MockWebServer server = new MockWebServer()) {
      server.useHttps(TestPki.serverSide(TestPki.server(CA, "127.0.0.1"), null).sslSocketFactory());
      server.start();
      environment.put("KUBERNETES_SERVICE_HOST", "127.0.0.1");
      environment.put("KUBERNETES_SERVICE_PORT", String.valueOf(server.getPort()));
      OkHttpClient client = HttpClients.newBuilder(loader().inCluster()).build();
      Request request = new Request.Builder().url(server.url("/api").newBuilder().host("127.0.0.1").build()).build();

      server.enqueue(new MockResponse.Builder().build());
      try (Response response = client.newCall(request).execute()) {
        assertThat(response.code()).isEqualTo(200);
      }
      assertThat(server.takeRequest().getHeaders().get("Authorization")).isEqualTo("Bearer sa-token-1");

      Path token = serviceAccount.resolve("token");
      Files.writeString(token, "sa-token-2");
      Files.setLastModifiedTime(token, FileTime.from(Files.getLastModifiedTime(token).toInstant().plusSeconds(60)));
      server.enqueue(new MockResponse.Builder().build());
      try (Response response = client.newCall(request).execute()) {
        assertThat(response.code()).isEqualTo(200);
      }
      assertThat(server.takeRequest().getHeaders().get("Authorization")).isEqualTo("Bearer sa-token-2");
    }
  }

  @Test
  void autoConfigurePrefersAKubeconfig() throws IOException {
    Path home = Files.createDirectories(dir.resolve("home/.kube"));
    Files.writeString(home.resolve("config"), """
        current-context: laptop
        clusters: [{name: c, cluster: {server: "https://laptop.example"}}]
        contexts: [{name: laptop, context: {cluster: c}}]
        """);
    assertThat(loader().autoConfigure().server()).hasHost("laptop.example");
  }

  @Test
  void autoConfigureFallsBackToTheServiceAccount() {
    environment.put("KUBECONFIG", dir.resolve("missing").toString());
    assertThat(loader().autoConfigure().server()).hasHost("10.96.0.1");
  }

  @Test
  void autoConfigureSaysWhatItTried() {
    environment.clear();
    assertThatThrownBy(() -> loader().autoConfigure())
        .isInstanceOf(KubeConfigException.class)
        .hasMessageContaining("no Kubernetes configuration found")
        .hasMessageContaining(dir.resolve("home/.kube/config").toString())
        .hasMessageContaining("KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT are not set");
  }
}
