package dev.skiff.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skiff.client.internal.HttpClients;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import okhttp3.OkHttpClient;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.Test;

/** No toString() of a configuration type shows a token, password, private key or plugin secret. */
class SecretsStayOutOfTextTest {
  private static final String TOKEN = "tok-9f8e7d6c5b4a";
  private static final String PASSWORD = "pw-0a1b2c3d";
  private static final String PLUGIN_SECRET = "plugin-secret-5e6f";

  @Test
  void clientConfigRedactsTokenAndKeyAndPassword() {
    HeldCertificate ca = TestPki.ca("ca");
    HeldCertificate user = TestPki.rsaClient("user", ca);
    ClientConfig withToken = ClientConfig.builder().server("https://k8s.example").bearerToken(TOKEN)
        .clientCertificatePem(user.certificatePem(), user.privateKeyPkcs8Pem())
        .certificateAuthorityPem(ca.certificatePem()).build();
    ClientConfig withPassword = ClientConfig.builder().server("https://k8s.example").basicAuth("alice", PASSWORD).build();
    String keyBody = user.privateKeyPkcs8Pem().lines().skip(1).findFirst().orElseThrow();

    assertThat(withToken.toString())
        .contains("bearerToken=<redacted>", "clientKey=<redacted>", "server=https://k8s.example")
        .doesNotContain(TOKEN, keyBody, "PRIVATE KEY");
    assertThat(withPassword.toString()).contains("username=alice", "password=<redacted>").doesNotContain(PASSWORD);
    assertThat(withToken.toBuilder().namespace("x").build().toString()).doesNotContain(TOKEN);
  }

  @Test
  void execConfigShowsNeitherArgumentsNorEnvironmentValues() {
    ExecConfig exec = ExecConfig.builder().command("get-token").args(List.of("--secret", PLUGIN_SECRET))
        .env("API_KEY", PLUGIN_SECRET).build();
    ClientConfig config = ClientConfig.builder().server("https://k8s.example").exec(exec).build();
    assertThat(exec.toString()).contains("get-token", "API_KEY").doesNotContain(PLUGIN_SECRET);
    assertThat(config.toString()).contains("get-token").doesNotContain(PLUGIN_SECRET);
  }

  @Test
  void loaderShowsNoEnvironmentValues() {
    ConfigLoader loader = ConfigLoader.builder().environment(Map.of("KUBECONFIG", "/x", "SOME_TOKEN", TOKEN))
        .homeDirectory(Path.of("/home/u")).build();
    assertThat(loader.toString()).contains("/home/u").doesNotContain(TOKEN);
  }

  @Test
  void httpClientPartsShowNoSecrets() {
    ClientConfig config = ClientConfig.builder().server("https://k8s.example").bearerToken(TOKEN).build();
    OkHttpClient client = HttpClients.newBuilder(config).build();
    assertThat(client.interceptors()).isNotEmpty().allSatisfy(i -> assertThat(i.toString()).doesNotContain(TOKEN));
    assertThat(client.authenticator().toString()).doesNotContain(TOKEN);
  }
}
