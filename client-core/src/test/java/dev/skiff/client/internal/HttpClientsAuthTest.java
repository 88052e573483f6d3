package dev.skiff.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skiff.client.ClientConfig;
import dev.skiff.client.CredentialException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Credentials and fixed headers from a {@link ClientConfig}, over plain HTTP. */
class HttpClientsAuthTest {
  @StartStop private final MockWebServer server = new MockWebServer();

  @TempDir Path dir;

  private ClientConfig.Builder config() {
    return ClientConfig.builder().server(server.url("/").toString());
  }

  private int get(OkHttpClient client, Request.Builder request) throws IOException {
    try (Response response = client.newCall(request.url(server.url("/api")).build()).execute()) {
      return response.code();
    }
  }

  private int get(OkHttpClient client) throws IOException {
    server.enqueue(new MockResponse.Builder().build());
    return get(client, new Request.Builder());
  }

  @Test
  void sendsTheBearerToken() throws Exception {
    OkHttpClient client = HttpClients.newBuilder(config().bearerToken("abc.def").build()).build();
    assertThat(get(client)).isEqualTo(200);
    assertThat(server.takeRequest().getHeaders().get("Authorization")).isEqualTo("Bearer abc.def");
  }

  @Test
  void picksUpARotatedTokenFile() throws Exception {
    Path token = Files.writeString(dir.resolve("token"), "first-token\n");
    OkHttpClient client = HttpClients.newBuilder(config().bearerTokenFile(token).build()).build();
    get(client);
    assertThat(server.takeRequest().getHeaders().get("Authorization")).isEqualTo("Bearer first-token");

    // The kubelet replaces the file; its modification time moves on.
    Files.writeString(token, "second-token\n");
    Files.setLastModifiedTime(token, FileTime.from(Files.getLastModifiedTime(token).toInstant().plusSeconds(5)));
    get(client);
    assertThat(server.takeRequest().getHeaders().get("Authorization")).isEqualTo("Bearer second-token");
  }

  @Test
  void tokenFileWinsOverAFixedToken() throws Exception {
    Path token = Files.writeString(dir.resolve("token"), "from-file");
    OkHttpClient client = HttpClients.newBuilder(config().bearerToken("fixed").bearerTokenFile(token).build()).build();
    get(client);
    assertThat(server.takeRequest().getHeaders().get("Authorization")).isEqualTo("Bearer from-file");
  }

  @Test
  void anUnreadableTokenFileFailsTheCall() {
    Path missing = dir.resolve("no-such-token");
    OkHttpClient client = HttpClients.newBuilder(config().bearerTokenFile(missing).build()).build();
    assertThatThrownBy(() -> get(client, new Request.Builder()))
        .isInstanceOf(CredentialException.class)
        .hasMessageContaining(missing.toString());
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void sendsBasicAuth() throws Exception {
    OkHttpClient client = HttpClients.newBuilder(config().basicAuth("alice", "s3cret").build()).build();
    get(client);
    assertThat(server.takeRequest().getHeaders().get("Authorization")).isEqualTo("Basic YWxpY2U6czNjcmV0");
  }

  @Test
  void aCallersOwnAuthorizationHeaderWins() throws Exception {
    OkHttpClient client = HttpClients.newBuilder(config().bearerToken("configured").build()).build();
    server.enqueue(new MockResponse.Builder().build());
    get(client, new Request.Builder().header("Authorization", "Bearer explicit"));
    assertThat(server.takeRequest().getHeaders().get("Authorization")).isEqualTo("Bearer explicit");
  }

  @Test
  void aFixedTokenIsNotRetriedOn401() throws Exception {
    OkHttpClient client = HttpClients.newBuilder(config().bearerToken("stale").build()).build();
    server.enqueue(new MockResponse.Builder().code(401).build());
    assertThat(get(client, new Request.Builder())).isEqualTo(401);
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void aRejectedTokenFileIsReadAgainOnce() throws Exception {
    Path token = Files.writeString(dir.resolve("token"), "old");
    FileTime modified = Files.getLastModifiedTime(token);
    OkHttpClient client = HttpClients.newBuilder(config().bearerTokenFile(token).build()).build();
    get(client);
    server.takeRequest();
    // Rotated, but within the same modification time tick: only the 401 reveals it.
    Files.writeString(token, "new");
    Files.setLastModifiedTime(token, modified);
    server.enqueue(new MockResponse.Builder().code(401).build());
    server.enqueue(new MockResponse.Builder().build());
    assertThat(get(client, new Request.Builder())).isEqualTo(200);
    assertThat(server.takeRequest().getHeaders().get("Authorization")).isEqualTo("Bearer old");
    assertThat(server.takeRequest().getHeaders().get("Authorization")).isEqualTo("Bearer new");
  }

  @Test
  void sendsUserAgentAndImpersonationHeaders() throws Exception {
    ClientConfig c = config().bearerToken("t").userAgent("skiff-test/1.0").impersonateUser("jane")
        .impersonateGroups(List.of("devs", "ops")).build();
    get(HttpClients.newBuilder(c).build());
    RecordedRequest request = server.takeRequest();
    assertThat(request.getHeaders().get("User-Agent")).isEqualTo("skiff-test/1.0");
    assertThat(request.getHeaders().get("Impersonate-User")).isEqualTo("jane");
    assertThat(request.getHeaders().values("Impersonate-Group")).containsExactly("devs", "ops");
  }

  @Test
  void sendsNoCredentialsWhenNoneAreConfigured() throws Exception {
    get(HttpClients.newBuilder(config().build()).build());
    assertThat(server.takeRequest().getHeaders().get("Authorization")).isNull();
  }

  @Test
  void rejectsConflictingCredentials() {
    assertThatThrownBy(() -> config().bearerToken("t").basicAuth("u", "p").build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exclude each other");
  }
}
