package dev.skiff.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skiff.client.ClientConfig;
import java.net.URI;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

/** The kubeconfig's proxy-url, with MockWebServer playing the HTTP proxy. */
class HttpClientsProxyTest {
  @StartStop private final MockWebServer proxy = new MockWebServer();

  private int get(OkHttpClient client) throws Exception {
    Request request = new Request.Builder().url(HttpUrl.get("http://kubernetes.invalid:6443/api")).build();
    try (Response response = client.newCall(request).execute()) {
      return response.code();
    }
  }

  private ClientConfig.Builder config(String proxyUrl) {
    return ClientConfig.builder().server("http://kubernetes.invalid:6443").proxy(URI.create(proxyUrl));
  }

  @Test
  void sendsRequestsThroughTheProxy() throws Exception {
    proxy.enqueue(new MockResponse.Builder().build());
    OkHttpClient client = HttpClients.newBuilder(config("http://localhost:" + proxy.getPort()).build()).build();
    assertThat(get(client)).isEqualTo(200);
    RecordedRequest request = proxy.takeRequest();
    assertThat(request.getTarget()).isEqualTo("http://kubernetes.invalid:6443/api");
  }

  @Test
  void answersTheProxysChallengeOnceWithTheUrlsCredentials() throws Exception {
    proxy.enqueue(new MockResponse.Builder().code(407).addHeader("Proxy-Authenticate", "Basic realm=\"proxy\"").build());
    proxy.enqueue(new MockResponse.Builder().build());
    OkHttpClient client = HttpClients.newBuilder(config("http://bob:p%40ss@localhost:" + proxy.getPort()).build())
        .build();
    assertThat(get(client)).isEqualTo(200);
    assertThat(proxy.takeRequest().getHeaders().get("Proxy-Authorization")).isNull();
    assertThat(proxy.takeRequest().getHeaders().get("Proxy-Authorization")).isEqualTo("Basic Ym9iOnBAc3M=");

    proxy.enqueue(new MockResponse.Builder().code(407).build());
    proxy.enqueue(new MockResponse.Builder().code(407).build());
    assertThat(get(client)).as("refused credentials are not sent again and again").isEqualTo(407);
    assertThat(proxy.getRequestCount()).isEqualTo(4);
  }

  @Test
  void keepsProxyCredentialsOutOfText() {
    ClientConfig config = config("http://bob:hunter2@proxy.example:3128").build();
    assertThat(config.toString()).contains("proxy=http://<redacted>@proxy.example:3128").doesNotContain("hunter2");
    assertThatThrownBy(() -> config("https://bob:hunter2@proxy.example").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("https:// proxies are not supported")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("hunter2"));
  }
}
