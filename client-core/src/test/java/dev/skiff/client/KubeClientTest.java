package dev.skiff.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skiff.client.internal.ClientInternals;
import java.time.Duration;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

/** Client construction, settings and the release of resources on close. */
class KubeClientTest {
  @StartStop
  private final MockWebServer server = new MockWebServer();

  @Test
  void builderSettingsReachTheHttpClient() throws Exception {
    ClientConfig config = ClientConfig.builder().server(server.url("/").toString()).namespace("team-a").build();
    try (KubeClient client = KubeClient.builder(config).connectTimeout(Duration.ofSeconds(3))
        .readTimeout(Duration.ofSeconds(4)).writeTimeout(Duration.ofSeconds(5)).userAgent("ctl/1.0")
        .pingInterval(Duration.ofSeconds(7)).customizeOkHttp(b -> b.followRedirects(false)).build()) {
      OkHttpClient http = client.okHttpClient();
      assertThat(http.connectTimeoutMillis()).isEqualTo(3000);
      assertThat(http.readTimeoutMillis()).isEqualTo(4000);
      assertThat(http.writeTimeoutMillis()).isEqualTo(5000);
      assertThat(http.pingIntervalMillis()).isEqualTo(7000);
      assertThat(http.followRedirects()).isFalse();
      assertThat(client.namespace()).isEqualTo("team-a");
      server.enqueue(Fixtures.json(200, Fixtures.pod("p", "1")));
      client.pods().get("p");
      var r = server.takeRequest();
      assertThat(r.getHeaders().get("User-Agent")).isEqualTo("ctl/1.0");
      assertThat(r.getTarget()).isEqualTo("/api/v1/namespaces/team-a/pods/p");
    }
  }

  @Test
  void eachClientHasItsOwnPoolAndCloseReleasesIt() {
    ClientConfig config = ClientConfig.builder().server(server.url("/").toString()).build();
    KubeClient a = KubeClient.create(config);
    KubeClient b = KubeClient.create(config);
    assertThat(a.okHttpClient().connectionPool()).isNotSameAs(b.okHttpClient().connectionPool());
    assertThat(a.okHttpClient().dispatcher()).isNotSameAs(b.okHttpClient().dispatcher());
    server.enqueue(Fixtures.json(200, Fixtures.pod("p", "1")));
    a.pods("demo").get("p");
    assertThat(a.okHttpClient().connectionPool().connectionCount()).isEqualTo(1);
    a.close();
    assertThat(a.okHttpClient().connectionPool().connectionCount()).isZero();
    assertThat(a.okHttpClient().dispatcher().executorService().isShutdown()).isTrue();
    assertThat(b.okHttpClient().dispatcher().executorService().isShutdown()).isFalse();
    b.close();
  }

  @Test
  void otherModulesReachTheTransport() {
    ClientConfig config = ClientConfig.builder().server(server.url("/base").toString()).build();
    try (KubeClient client = KubeClient.create(config)) {
      assertThat(ClientInternals.transport(client).server().toString()).isEqualTo(server.url("/base/").toString());
      assertThat(ClientInternals.transport(client).http()).isSameAs(client.okHttpClient());
    }
  }
}
