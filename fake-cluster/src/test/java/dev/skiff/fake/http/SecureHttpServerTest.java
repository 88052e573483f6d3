package dev.skiff.fake.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import okhttp3.tls.Certificates;
import okhttp3.tls.HandshakeCertificates;
import org.junit.jupiter.api.Test;

class SecureHttpServerTest {

  private static final String UNAUTHORIZED = "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},"
      + "\"status\":\"Failure\",\"message\":\"Unauthorized\",\"reason\":\"Unauthorized\",\"code\":401}";

  private static SSLContext trusting(String caPem) {
    return new HandshakeCertificates.Builder()
        .addTrustedCertificate(Certificates.decodeCertificatePem(caPem))
        .build()
        .sslContext();
  }

  private static java.net.http.HttpRequest get(URI url, String path) {
    return java.net.http.HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(10)).build();
  }

  @Test
  void serves_https_with_a_certificate_signed_by_its_own_ca() throws Exception {
    ServerTls tls = ServerTls.selfSigned();
    assertThat(tls.caCertificatePem()).startsWith("-----BEGIN CERTIFICATE-----");
    try (HttpServer server = HttpServer.start(
        new HttpServerConfig(0, 1024, Optional.of(tls), Optional.empty()), new TestHandler())) {
      assertThat(server.url().toString()).startsWith("https://127.0.0.1:");
      HttpClient client = HttpClient.newBuilder().sslContext(trusting(tls.caCertificatePem())).build();

      HttpResponse<String> r = client.send(get(server.url(), "/secure"), BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.version()).isEqualTo(HttpClient.Version.HTTP_1_1); // no h2 offered, the client falls back
      // The certificate names localhost as well as 127.0.0.1.
      URI byName = URI.create("https://localhost:" + server.address().getPort());
      assertThat(client.send(get(byName, "/by-name"), BodyHandlers.ofString()).statusCode()).isEqualTo(200);

      // A client that does not trust the CA is refused: nothing is served to an unverified client.
      HttpClient stranger = HttpClient.newBuilder().sslContext(trusting(ServerTls.selfSigned().caCertificatePem())).build();
      assertThatThrownBy(() -> stranger.send(get(server.url(), "/secure"), BodyHandlers.ofString()))
          .isInstanceOf(SSLHandshakeException.class);
    }
  }

  @Test
  void requires_the_bearer_token_when_one_is_set() throws Exception {
    try (HttpServer server = HttpServer.start(
        new HttpServerConfig(0, 1024, Optional.empty(), Optional.of("s3cret")), new TestHandler())) {
      HttpClient client = HttpClient.newHttpClient();

      HttpResponse<String> missing = client.send(get(server.url(), "/api"), BodyHandlers.ofString());
      assertThat(missing.statusCode()).isEqualTo(401);
      assertThat(missing.headers().firstValue("content-type")).contains("application/json");
      assertThat(missing.body()).isEqualTo(UNAUTHORIZED);

      HttpResponse<String> wrong = client.send(java.net.http.HttpRequest.newBuilder(URI.create(server.url() + "/api"))
          .header("Authorization", "Bearer s3creT").build(), BodyHandlers.ofString());
      assertThat(wrong.statusCode()).isEqualTo(401);
      assertThat(wrong.body()).isEqualTo(UNAUTHORIZED);

      HttpResponse<String> right = client.send(java.net.http.HttpRequest.newBuilder(URI.create(server.url() + "/api"))
          .header("Authorization", "Bearer s3cret").build(), BodyHandlers.ofString());
      assertThat(right.statusCode()).isEqualTo(200);
    }
  }

  @Test
  void rejects_tokens_no_client_could_send() {
    assertThatThrownBy(() -> new HttpServerConfig(0, 1, Optional.empty(), Optional.of("two words")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new HttpServerConfig(70_000, 1, Optional.empty(), Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
