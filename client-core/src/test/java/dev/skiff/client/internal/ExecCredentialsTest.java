package dev.skiff.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skiff.client.ClientConfig;
import dev.skiff.client.CredentialException;
import dev.skiff.client.ExecConfig;
import dev.skiff.client.TestPki;
import dev.skiff.model.codec.ModelCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** Exec credential plugins, played by small shell scripts that count their runs. */
@DisabledOnOs(OS.WINDOWS)
class ExecCredentialsTest {
  /**
   * Prints a token numbered by how often it has run; records KUBERNETES_EXEC_INFO. Configured through its
   * environment: RUNS (a file it appends to), INFO (where the exec info goes), API, EXPIRES.
   */
  private static final String TOKEN_PLUGIN = """
      #!/bin/sh
      echo run >> "$RUNS"
      n=$(wc -l < "$RUNS" | tr -d ' ')
      printf '%s' "$KUBERNETES_EXEC_INFO" > "$INFO"
      printf '{"apiVersion":"%s","kind":"ExecCredential","status":{"token":"token-%s","expirationTimestamp":"%s"}}\\n' \
        "$API" "$n" "$EXPIRES"
      """;

  private final MockWebServer server = new MockWebServer();
  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

  @TempDir Path dir;

  @BeforeEach
  void start() throws IOException {
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private Path script(String name, String body) throws IOException {
    Path file = Files.writeString(dir.resolve(name), body);
    assertThat(file.toFile().setExecutable(true)).isTrue();
    return file;
  }

  private ExecConfig.Builder tokenPlugin(String apiVersion, String expires) throws IOException {
    return ExecConfig.builder()
        .command(script("token-plugin.sh", TOKEN_PLUGIN).toString())
        .apiVersion(apiVersion)
        .env("RUNS", dir.resolve("runs").toString())
        .env("INFO", dir.resolve("info.json").toString())
        .env("API", apiVersion)
        .env("EXPIRES", expires);
  }

  private OkHttpClient client(ExecConfig exec) {
    return HttpClients.newBuilder(ClientConfig.builder().server(server.url("/").toString()).exec(exec).build(), clock)
        .build();
  }

  private int get(OkHttpClient client) throws IOException {
    try (Response response = client.newCall(new Request.Builder().url(server.url("/api")).build()).execute()) {
      return response.code();
    }
  }

  private long runs() throws IOException {
    Path runs = dir.resolve("runs");
    return Files.exists(runs) ? Files.readAllLines(runs).size() : 0;
  }

  private String authorization() throws InterruptedException {
    return server.takeRequest().getHeaders().get("Authorization");
  }

  @Test
  void v1PluginTokenIsSentAndTheRequestSaysNotInteractive() throws Exception {
    server.enqueue(new MockResponse.Builder().build());
    assertThat(get(client(tokenPlugin(ExecConfig.V1, "").build()))).isEqualTo(200);
    assertThat(authorization()).isEqualTo("Bearer token-1");
    Map<?, ?> info = ModelCodec.standard().readJson(Files.readString(dir.resolve("info.json")), Map.class);
    assertThat(info.get("kind")).isEqualTo("ExecCredential");
    assertThat(info.get("apiVersion")).isEqualTo(ExecConfig.V1);
    assertThat(info.get("spec")).isEqualTo(Map.of("interactive", false));
  }

  @Test
  void v1beta1PluginTokenIsSent() throws Exception {
    server.enqueue(new MockResponse.Builder().build());
    assertThat(get(client(tokenPlugin(ExecConfig.V1BETA1, "").build()))).isEqualTo(200);
    assertThat(authorization()).isEqualTo("Bearer token-1");
    assertThat(Files.readString(dir.resolve("info.json"))).contains("\"apiVersion\":\"" + ExecConfig.V1BETA1 + "\"");
  }

  @Test
  void theCredentialIsCachedUntilItExpires() throws Exception {
    OkHttpClient client = client(tokenPlugin(ExecConfig.V1, "2026-01-01T00:10:00Z").build());
    for (int i = 0; i < 3; i++) {
      server.enqueue(new MockResponse.Builder().build());
      get(client);
      assertThat(authorization()).isEqualTo("Bearer token-1");
    }
    assertThat(runs()).isEqualTo(1);

    clock.advance(Duration.ofMinutes(10)); // now exactly at the expiry: expired
    server.enqueue(new MockResponse.Builder().build());
    get(client);
    // token-2 carries the same expiry, which has passed: every request now runs the plugin.
    assertThat(authorization()).isEqualTo("Bearer token-2");
    assertThat(runs()).isEqualTo(2);
  }

  @Test
  void concurrentRequestsShareOnePluginRun() throws Exception {
    OkHttpClient client = client(tokenPlugin(ExecConfig.V1, "").build());
    int requests = 8;
    for (int i = 0; i < requests; i++) {
      server.enqueue(new MockResponse.Builder().build());
    }
    ExecutorService pool = Executors.newFixedThreadPool(requests);
    try {
      List<Future<Integer>> codes = new ArrayList<>();
      for (int i = 0; i < requests; i++) {
        codes.add(pool.submit(() -> get(client)));
      }
      for (Future<Integer> code : codes) {
        assertThat(code.get()).isEqualTo(200);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(runs()).isEqualTo(1);
    for (int i = 0; i < requests; i++) {
      assertThat(authorization()).isEqualTo("Bearer token-1");
    }
  }

  @Test
  void aCredentialWithoutExpiryIsKept() throws Exception {
    OkHttpClient client = client(tokenPlugin(ExecConfig.V1, "").build());
    server.enqueue(new MockResponse.Builder().build());
    get(client);
    clock.advance(Duration.ofDays(365));
    server.enqueue(new MockResponse.Builder().build());
    get(client);
    assertThat(runs()).isEqualTo(1);
  }

  @Test
  void a401RunsThePluginAgainAndRetriesOnce() throws Exception {
    OkHttpClient client = client(tokenPlugin(ExecConfig.V1, "2099-01-01T00:00:00Z").build());
    server.enqueue(new MockResponse.Builder().code(401).build());
    server.enqueue(new MockResponse.Builder().build());
    assertThat(get(client)).isEqualTo(200);
    assertThat(authorization()).isEqualTo("Bearer token-1");
    assertThat(authorization()).isEqualTo("Bearer token-2");
    assertThat(runs()).isEqualTo(2);

    server.enqueue(new MockResponse.Builder().build());
    get(client);
    assertThat(authorization()).as("the fresh credential is cached").isEqualTo("Bearer token-2");
    assertThat(runs()).isEqualTo(2);
  }

  @Test
  void aServerThatKeepsRefusingGetsExactlyOneRetry() throws Exception {
    OkHttpClient client = client(tokenPlugin(ExecConfig.V1, "").build());
    server.enqueue(new MockResponse.Builder().code(401).build());
    server.enqueue(new MockResponse.Builder().code(401).build());
    server.enqueue(new MockResponse.Builder().code(401).build());
    assertThat(get(client)).isEqualTo(401);
    assertThat(server.getRequestCount()).isEqualTo(2);
    assertThat(runs()).isEqualTo(2);
  }

  @Test
  void aFailingPluginReportsItsStderrWithSecretsRedacted() throws Exception {
    Path plugin = script("failing.sh", """
        #!/bin/sh
        echo "error: refresh failed for token=sup3r-s3cret-value" >&2
        echo "hint: Authorization: Bearer abc123def456" >&2
        exit 3
        """);
    OkHttpClient client = client(ExecConfig.builder().command(plugin.toString()).build());
    assertThatThrownBy(() -> get(client))
        .isInstanceOf(CredentialException.class)
        .hasMessageContaining("failed with exit code 3")
        .hasMessageContaining("error: refresh failed for token=<redacted>")
        .hasMessageContaining("Bearer <redacted>")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("sup3r-s3cret-value", "abc123def456"));
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void aMissingCommandShowsTheInstallHint() {
    Path missing = dir.resolve("no-such-plugin");
    OkHttpClient client = client(ExecConfig.builder().command(missing.toString())
        .installHint("Install no-such-plugin from https://example.com/plugin").build());
    assertThatThrownBy(() -> get(client))
        .isInstanceOf(CredentialException.class)
        .hasMessageContaining("exec plugin \"" + missing + "\" cannot be run")
        .hasMessageContaining("Install no-such-plugin from https://example.com/plugin");
  }

  @Test
  void aPluginAnsweringInAnotherApiVersionIsRejected() throws Exception {
    ExecConfig exec = tokenPlugin(ExecConfig.V1, "").env("API", ExecConfig.V1BETA1).build();
    assertThatThrownBy(() -> get(client(exec)))
        .isInstanceOf(CredentialException.class)
        .hasMessageContaining("configured for apiVersion " + ExecConfig.V1)
        .hasMessageContaining("printed apiVersion \"" + ExecConfig.V1BETA1 + "\"");
  }

  @Test
  void outputThatIsNotJsonIsReportedWithoutQuotingIt() throws Exception {
    Path plugin = script("raw.sh", "#!/bin/sh\necho raw-secret-token-value\n");
    assertThatThrownBy(() -> get(client(ExecConfig.builder().command(plugin.toString()).build())))
        .isInstanceOf(CredentialException.class)
        .hasMessageContaining("printed no valid ExecCredential JSON")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("raw-secret-token-value"));
  }

  @Test
  void clusterInfoIsProvidedWhenAsked() throws Exception {
    server.enqueue(new MockResponse.Builder().build());
    get(client(tokenPlugin(ExecConfig.V1, "").provideClusterInfo(true).build()));
    Map<?, ?> info = ModelCodec.standard().readJson(Files.readString(dir.resolve("info.json")), Map.class);
    assertThat(((Map<?, ?>) info.get("spec")).get("cluster")).isEqualTo(Map.of("server", server.url("/").toString()));
  }

  /** An ExecCredential with a client certificate (EC key in SEC1 PEM) and an optional expiry, as JSON. */
  private static String certificateCredential(HeldCertificate user, String expires) {
    Map<String, Object> status = new LinkedHashMap<>();
    status.put("clientCertificateData", user.certificatePem());
    status.put("clientKeyData", TestPki.ecSec1Pem(user.keyPair()));
    if (expires != null) {
      status.put("expirationTimestamp", expires);
    }
    Map<String, Object> credential = new LinkedHashMap<>();
    credential.put("apiVersion", ExecConfig.V1);
    credential.put("kind", "ExecCredential");
    credential.put("status", status);
    return ModelCodec.standard().writeJson(credential);
  }

  @Test
  void aPluginCanSupplyAndRenewTheClientCertificate() throws Exception {
    HeldCertificate serverCa = TestPki.ca("exec-server-ca");
    HeldCertificate clientCa = TestPki.ca("exec-client-ca");
    server.close();
    try (MockWebServer https = new MockWebServer()) {
      https.useHttps(TestPki.serverSide(TestPki.server(serverCa, "localhost", "127.0.0.1"), clientCa).sslSocketFactory());
      https.requireClientAuth();
      https.start();

      // Run n prints credential-n.json: the first certificate expires at 00:05, the second later.
      Files.writeString(dir.resolve("credential-1.json"),
          certificateCredential(TestPki.ecClient("first-cert", clientCa), "2026-01-01T00:05:00Z"));
      Files.writeString(dir.resolve("credential-2.json"),
          certificateCredential(TestPki.ecClient("second-cert", clientCa), "2026-01-01T01:00:00Z"));
      Path plugin = script("cert.sh", """
          #!/bin/sh
          echo run >> "$RUNS"
          n=$(wc -l < "$RUNS" | tr -d ' ')
          cat "$DIR/credential-$n.json"
          """);
      ExecConfig exec = ExecConfig.builder().command(plugin.toString())
          .env("RUNS", dir.resolve("runs").toString()).env("DIR", dir.toString()).build();
      ClientConfig config = ClientConfig.builder().server(https.url("/").toString())
          .certificateAuthorityPem(serverCa.certificatePem()).exec(exec).build();
      OkHttpClient client = HttpClients.newBuilder(config, clock).build();
      Request request = new Request.Builder().url(https.url("/api")).build();

      for (int i = 0; i < 2; i++) {
        https.enqueue(new MockResponse.Builder().build());
        try (Response response = client.newCall(request).execute()) {
          assertThat(response.code()).isEqualTo(200);
        }
        var recorded = https.takeRequest();
        assertThat(recorded.getHandshake().peerPrincipal().getName()).contains("CN=first-cert");
        assertThat(recorded.getHeaders().get("Authorization")).isNull();
      }
      assertThat(runs()).isEqualTo(1);

      clock.advance(Duration.ofMinutes(5));
      https.enqueue(new MockResponse.Builder().build());
      try (Response response = client.newCall(request).execute()) {
        assertThat(response.code()).isEqualTo(200);
      }
      var recorded = https.takeRequest();
      assertThat(recorded.getHandshake().peerPrincipal().getName())
          .as("a new connection, authenticated with the renewed certificate").contains("CN=second-cert");
      assertThat(recorded.getConnectionIndex()).isEqualTo(1);
      assertThat(runs()).isEqualTo(2);
    }
  }

  @Test
  void credentialTextShowsNoToken() {
    assertThat(new ExecCredentials.Credential("s3cret-token", null, null).toString())
        .contains("token=<redacted>").doesNotContain("s3cret-token");
  }
}
