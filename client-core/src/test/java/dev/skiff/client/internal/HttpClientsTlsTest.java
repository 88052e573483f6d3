package dev.skiff.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skiff.client.ClientConfig;
import dev.skiff.client.TestPki;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** TLS from a {@link ClientConfig}: server trust, hostname checks, tls-server-name and client certificates. */
class HttpClientsTlsTest {
  private static final HeldCertificate SERVER_CA = TestPki.ca("server-ca");
  private static final HeldCertificate CLIENT_CA = TestPki.ca("client-ca");
  private static final HeldCertificate LOCALHOST = TestPki.server(SERVER_CA, "localhost", "127.0.0.1");

  private final MockWebServer server = new MockWebServer();

  @TempDir Path dir;

  @AfterEach
  void stop() {
    server.close();
  }

  private ClientConfig.Builder serveHttps(HeldCertificate certificate, HeldCertificate clientCa) throws IOException {
    server.useHttps(TestPki.serverSide(certificate, clientCa).sslSocketFactory());
    if (clientCa != null) {
      server.requireClientAuth();
    }
    server.start();
    return ClientConfig.builder().server(server.url("/").toString());
  }

  private Response get(ClientConfig config) throws IOException {
    server.enqueue(new MockResponse.Builder().body("ok").build());
    OkHttpClient client = HttpClients.newBuilder(config).build();
    try (Response response = client.newCall(new Request.Builder().url(server.url("/version")).build()).execute()) {
      response.body().string();
      return response;
    }
  }

  @Test
  void trustsTheConfiguredCa() throws Exception {
    ClientConfig config = serveHttps(LOCALHOST, null).certificateAuthorityPem(SERVER_CA.certificatePem()).build();
    assertThat(get(config).code()).isEqualTo(200);
  }

  @Test
  void readsTheCaFromAFile() throws Exception {
    Path ca = Files.writeString(dir.resolve("ca.crt"), SERVER_CA.certificatePem());
    ClientConfig config = serveHttps(LOCALHOST, null).certificateAuthorityFile(ca).build();
    assertThat(get(config).code()).isEqualTo(200);
  }

  @Test
  void trustsOnlyTheConfiguredCa() throws Exception {
    HeldCertificate otherCa = TestPki.ca("other-ca");
    ClientConfig config = serveHttps(LOCALHOST, null).certificateAuthorityPem(otherCa.certificatePem()).build();
    assertThatThrownBy(() -> get(config)).isInstanceOf(SSLException.class);
  }

  @Test
  void verifiesAgainstTheJdkTrustStoreWhenNoCaIsConfigured() throws Exception {
    ClientConfig config = serveHttps(LOCALHOST, null).build();
    assertThatThrownBy(() -> get(config)).isInstanceOf(SSLException.class);
  }

  @Test
  void checksTheHostName() throws Exception {
    HeldCertificate elsewhere = TestPki.server(SERVER_CA, "elsewhere.example");
    ClientConfig config = serveHttps(elsewhere, null).certificateAuthorityPem(SERVER_CA.certificatePem()).build();
    assertThatThrownBy(() -> get(config)).isInstanceOf(SSLPeerUnverifiedException.class);
  }

  @Test
  void insecureSkipTlsVerifyAcceptsAnyCertificate() throws Exception {
    HeldCertificate selfSignedElsewhere = new HeldCertificate.Builder().commonName("elsewhere.example")
        .addSubjectAlternativeName("elsewhere.example").build();
    ClientConfig config = serveHttps(selfSignedElsewhere, null).insecureSkipTlsVerify(true).build();
    assertThat(get(config).code()).isEqualTo(200);
  }

  @Test
  void tlsServerNameIsSentAndVerified() throws Exception {
    HeldCertificate internal = TestPki.server(SERVER_CA, "kubernetes.internal");
    ClientConfig config = serveHttps(internal, null).certificateAuthorityPem(SERVER_CA.certificatePem())
        .tlsServerName("kubernetes.internal").build();
    assertThat(get(config).code()).isEqualTo(200);
    RecordedRequest recorded = server.takeRequest();
    assertThat(recorded.getHandshakeServerNames()).containsExactly("kubernetes.internal");
  }

  @Test
  void tlsServerNameMustMatchTheCertificate() throws Exception {
    HeldCertificate internal = TestPki.server(SERVER_CA, "kubernetes.internal");
    ClientConfig config = serveHttps(internal, null).certificateAuthorityPem(SERVER_CA.certificatePem())
        .tlsServerName("other.internal").build();
    assertThatThrownBy(() -> get(config)).isInstanceOf(SSLException.class);
  }

  /** The private key encodings kubeconfigs carry. */
  enum KeyFormat {
    RSA_PKCS1, RSA_PKCS8, EC_SEC1, EC_PKCS8;

    HeldCertificate certificate(HeldCertificate issuer) {
      return name().startsWith("RSA") ? TestPki.rsaClient("user-" + name(), issuer)
          : TestPki.ecClient("user-" + name(), issuer);
    }

    String keyPem(HeldCertificate c) {
      return switch (this) {
        case RSA_PKCS1 -> c.privateKeyPkcs1Pem();
        case EC_SEC1 -> TestPki.ecSec1Pem(c.keyPair());
        default -> c.privateKeyPkcs8Pem();
      };
    }
  }

  @ParameterizedTest
  @EnumSource(KeyFormat.class)
  void presentsTheClientCertificate(KeyFormat format) throws Exception {
    HeldCertificate user = format.certificate(CLIENT_CA);
    ClientConfig config = serveHttps(LOCALHOST, CLIENT_CA).certificateAuthorityPem(SERVER_CA.certificatePem())
        .clientCertificatePem(user.certificatePem(), format.keyPem(user)).build();
    assertThat(get(config).code()).isEqualTo(200);
    assertThat(server.takeRequest().getHandshake().peerPrincipal().getName()).contains("CN=user-" + format.name());
  }

  @Test
  void presentsTheClientCertificateFromFiles() throws Exception {
    HeldCertificate user = TestPki.ecClient("file-user", CLIENT_CA);
    Path cert = Files.writeString(dir.resolve("client.crt"), user.certificatePem());
    Path key = Files.writeString(dir.resolve("client.key"), TestPki.ecSec1Pem(user.keyPair()));
    ClientConfig config = serveHttps(LOCALHOST, CLIENT_CA).certificateAuthorityPem(SERVER_CA.certificatePem())
        .clientCertificateFiles(cert, key).build();
    assertThat(get(config).code()).isEqualTo(200);
    assertThat(server.takeRequest().getHandshake().peerPrincipal().getName()).contains("CN=file-user");
  }

  @Test
  void sendsIntermediatesSoTheServerCanBuildTheChain() throws Exception {
    HeldCertificate intermediate = TestPki.intermediate("client-intermediate", CLIENT_CA);
    HeldCertificate user = TestPki.rsaClient("chained-user", intermediate);
    ClientConfig config = serveHttps(LOCALHOST, CLIENT_CA).certificateAuthorityPem(SERVER_CA.certificatePem())
        .clientCertificatePem(user.certificatePem() + intermediate.certificatePem(), user.privateKeyPkcs1Pem())
        .build();
    assertThat(get(config).code()).isEqualTo(200);
    assertThat(server.takeRequest().getHandshake().peerPrincipal().getName()).contains("CN=chained-user");
  }

  @Test
  void failsWithoutTheClientCertificateTheServerRequires() throws Exception {
    ClientConfig config = serveHttps(LOCALHOST, CLIENT_CA).certificateAuthorityPem(SERVER_CA.certificatePem()).build();
    assertThatThrownBy(() -> get(config)).isInstanceOf(IOException.class);
  }

  @Test
  void rejectsAKeyThatDoesNotFitTheCertificate() {
    HeldCertificate rsa = TestPki.rsaClient("rsa", CLIENT_CA);
    HeldCertificate ec = TestPki.ecClient("ec", CLIENT_CA);
    assertThatThrownBy(() -> ClientConfig.builder().server("https://k8s.example")
        .clientCertificatePem(rsa.certificatePem(), ec.privateKeyPkcs8Pem()).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("does not match the client certificate");
    HeldCertificate otherRsa = TestPki.rsaClient("other-rsa", CLIENT_CA);
    assertThatThrownBy(() -> ClientConfig.builder().server("https://k8s.example")
        .clientCertificatePem(rsa.certificatePem(), otherRsa.privateKeyPkcs1Pem()).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("the client key (RSA) does not match the client certificate (RSA, CN=rsa)");
  }
}
