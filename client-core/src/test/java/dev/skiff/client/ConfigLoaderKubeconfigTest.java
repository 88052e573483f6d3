package dev.skiff.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading and merging kubeconfig files, with an environment and home directory of the test's making. */
class ConfigLoaderKubeconfigTest {
  private static final HeldCertificate CA = TestPki.ca("kubeconfig-ca");
  private static final HeldCertificate USER = TestPki.ecClient("kubeconfig-user", CA);

  @TempDir Path dir;

  private Path write(String relative, String text) throws IOException {
    Path file = dir.resolve(relative);
    Files.createDirectories(file.getParent());
    return Files.writeString(file, text);
  }

  private ConfigLoader loader(Map<String, String> environment) {
    return ConfigLoader.builder().environment(environment).homeDirectory(dir.resolve("home"))
        .serviceAccountDirectory(dir.resolve("no-service-account")).build();
  }

  private ConfigLoader kubeconfigList(Path... files) {
    StringBuilder list = new StringBuilder();
    for (Path f : files) {
      list.append(f).append(File.pathSeparator);
    }
    return loader(Map.of("KUBECONFIG", list.toString()));
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void readsTheCurrentContextWithInlineData() throws Exception {
    Path file = write("config", """
        apiVersion: v1
        kind: Config
        current-context: dev
        clusters:
        - name: dev-cluster
          cluster:
            server: https://dev.example:6443
            certificate-authority-data: %s
            tls-server-name: api.dev.internal
        users:
        - name: dev-user
          user:
            client-certificate-data: %s
            client-key-data: %s
        contexts:
        - name: dev
          context:
            cluster: dev-cluster
            user: dev-user
            namespace: shop
        - name: other
          context: {cluster: dev-cluster}
        """.formatted(base64(CA.certificatePem()), base64(USER.certificatePem()),
            base64(TestPki.ecSec1Pem(USER.keyPair()))));
    ClientConfig config = loader(Map.of()).kubeconfig(file);
    assertThat(config.server()).isEqualTo(URI.create("https://dev.example:6443"));
    assertThat(config.namespace()).isEqualTo("shop");
    assertThat(config.certificateAuthorityPem()).contains(CA.certificatePem());
    assertThat(config.tlsServerName()).contains("api.dev.internal");
    assertThat(config.clientCertificatePem()).contains(USER.certificatePem());
    assertThat(config.clientKeyPem()).contains(TestPki.ecSec1Pem(USER.keyPair()));
    assertThat(config.insecureSkipTlsVerify()).isFalse();

    ClientConfig other = loader(Map.of()).kubeconfig(file, "other");
    assertThat(other.namespace()).isEqualTo("default");
    assertThat(other.clientCertificatePem()).isEmpty();
    assertThat(other.bearerToken()).isEmpty();
  }

  @Test
  void mergesTheKubeconfigListFirstFileWinning() throws Exception {
    Path first = write("a/config", """
        clusters:
        - name: shared
          cluster: {server: "https://first.example"}
        users:
        - name: shared-user
          user: {token: from-first}
        contexts:
        - name: first
          context: {cluster: shared, user: shared-user}
        """);
    Path second = write("b/config", """
        current-context: second
        clusters:
        - name: shared
          cluster: {server: "https://second.example"}
        - name: only-second
          cluster: {server: "https://only-second.example", insecure-skip-tls-verify: true}
        users:
        - name: shared-user
          user: {token: from-second}
        contexts:
        - name: second
          context: {cluster: shared, user: shared-user, namespace: two}
        - name: first
          context: {cluster: only-second}
        """);
    Path third = write("c/config", "current-context: third\n");
    Path missing = dir.resolve("missing/config");
    ConfigLoader loader = kubeconfigList(missing, first, second, first, third);

    ClientConfig current = loader.kubeconfig();
    assertThat(current.server()).as("cluster 'shared' from the first file").hasHost("first.example");
    assertThat(current.bearerToken()).contains("from-first");
    assertThat(current.namespace()).as("context 'second' from the second file").isEqualTo("two");

    ClientConfig first1 = loader.kubeconfig("first");
    assertThat(first1.server()).as("context 'first' from the first file").hasHost("first.example");
    assertThat(first1.bearerToken()).contains("from-first");
  }

  @Test
  void currentContextComesFromTheFirstFileThatSetsIt() throws Exception {
    Path first = write("a/config", """
        current-context: ""
        clusters:
        - {name: c, cluster: {server: "https://c.example"}}
        contexts:
        - {name: one, context: {cluster: c, namespace: one}}
        - {name: two, context: {cluster: c, namespace: two}}
        """);
    Path second = write("b/config", "current-context: two\n");
    Path third = write("c/config", "current-context: one\n");
    assertThat(kubeconfigList(first, second, third).kubeconfig().namespace()).isEqualTo("two");
  }

  @Test
  void usesHomeKubeConfigWhenKubeconfigIsUnset() throws Exception {
    write("home/.kube/config", """
        current-context: home
        clusters: [{name: c, cluster: {server: "https://home.example"}}]
        contexts: [{name: home, context: {cluster: c}}]
        """);
    assertThat(loader(Map.of()).kubeconfig().server()).hasHost("home.example");
    assertThat(loader(Map.of("KUBECONFIG", "")).kubeconfig().server()).hasHost("home.example");
  }

  @Test
  void resolvesRelativePathsAgainstTheKubeconfigsDirectory() throws Exception {
    write("kube/pki/ca.crt", CA.certificatePem());
    write("kube/pki/user.crt", USER.certificatePem());
    write("kube/pki/user.key", USER.privateKeyPkcs8Pem());
    write("kube/token", "file-token");
    Path file = write("kube/config", """
        current-context: ctx
        clusters:
        - name: c
          cluster: {server: "https://c.example", certificate-authority: pki/ca.crt}
        users:
        - name: u
          user: {client-certificate: pki/user.crt, client-key: ./pki/user.key, tokenFile: token}
        contexts:
        - name: ctx
          context: {cluster: c, user: u}
        """);
    ClientConfig config = kubeconfigList(file).kubeconfig();
    assertThat(config.certificateAuthorityPem()).contains(CA.certificatePem());
    assertThat(config.clientCertificatePem()).contains(USER.certificatePem());
    assertThat(config.clientKeyPem()).contains(USER.privateKeyPkcs8Pem());
    assertThat(config.bearerTokenFile()).contains(dir.resolve("kube/token").toAbsolutePath());
  }

  @Test
  void readsExecBasicAuthAndImpersonation() throws Exception {
    Path file = write("kube/config", """
        current-context: exec
        clusters: [{name: c, cluster: {server: "https://c.example"}}]
        users:
        - name: exec-user
          user:
            as: jane
            as-groups: [devs, ops]
            exec:
              apiVersion: client.authentication.k8s.io/v1beta1
              command: ./bin/get-token
              args: [--cluster, prod]
              env:
              - {name: AWS_PROFILE, value: prod}
              installHint: install get-token
              provideClusterInfo: true
              interactiveMode: IfAvailable
        - name: basic-user
          user: {username: alice, password: 1e3}
        - name: path-user
          user:
            exec: {apiVersion: client.authentication.k8s.io/v1, command: aws}
        contexts:
        - {name: exec, context: {cluster: c, user: exec-user}}
        - {name: basic, context: {cluster: c, user: basic-user}}
        - {name: path, context: {cluster: c, user: path-user}}
        """);
    ConfigLoader loader = kubeconfigList(file);
    ClientConfig exec = loader.kubeconfig();
    ExecConfig plugin = exec.exec().orElseThrow();
    assertThat(plugin.command()).isEqualTo(dir.resolve("kube/bin/get-token").toAbsolutePath().toString());
    assertThat(plugin.args()).containsExactly("--cluster", "prod");
    assertThat(plugin.env()).isEqualTo(Map.of("AWS_PROFILE", "prod"));
    assertThat(plugin.apiVersion()).isEqualTo(ExecConfig.V1BETA1);
    assertThat(plugin.installHint()).contains("install get-token");
    assertThat(plugin.provideClusterInfo()).isTrue();
    assertThat(exec.impersonateUser()).contains("jane");
    assertThat(exec.impersonateGroups()).containsExactly("devs", "ops");

    ClientConfig basic = loader.kubeconfig("basic");
    assertThat(basic.username()).contains("alice");
    assertThat(basic.password()).as("a YAML number kept as written").contains("1e3");

    assertThat(loader.kubeconfig("path").exec().orElseThrow().command()).as("looked up on the PATH").isEqualTo("aws");
  }

  @Test
  void resolvesYamlAnchors() throws Exception {
    Path file = write("config", """
        current-context: b
        clusters:
        - name: a
          cluster: &shared {server: "https://shared.example", insecure-skip-tls-verify: yes}
        - name: b
          cluster: *shared
        contexts:
        - {name: b, context: {cluster: b}}
        """);
    ClientConfig config = kubeconfigList(file).kubeconfig();
    assertThat(config.server()).hasHost("shared.example");
    assertThat(config.insecureSkipTlsVerify()).isTrue();
  }

  @Test
  void readsTheProxyUrl() throws Exception {
    Path file = write("config", """
        current-context: x
        clusters: [{name: c, cluster: {server: "https://c.example", proxy-url: "socks5://localhost:1080"}}]
        contexts: [{name: x, context: {cluster: c}}]
        """);
    assertThat(kubeconfigList(file).kubeconfig().proxy()).contains(URI.create("socks5://localhost:1080"));
  }

  @Test
  void emptySectionsAreFine() throws Exception {
    Path file = write("config", """
        apiVersion: v1
        kind: Config
        preferences: {}
        current-context: x
        clusters: [{name: c, cluster: {server: "https://c.example"}}]
        users:
        contexts:
        - name: x
          context:
            cluster: c
            user: ""
        """);
    ClientConfig config = kubeconfigList(file).kubeconfig();
    assertThat(config.bearerToken()).isEmpty();
    assertThat(config.exec()).isEmpty();
  }

  @Test
  void anEmptyFileInTheListIsFine() throws Exception {
    Path empty = write("empty", "# nothing yet\n");
    Path file = write("config", """
        current-context: x
        clusters: [{name: c, cluster: {server: "https://c.example"}}]
        contexts: [{name: x, context: {cluster: c}}]
        """);
    assertThat(kubeconfigList(empty, file).kubeconfig().server()).hasHost("c.example");
  }

  // ---- errors

  private static final String VALID = """
      current-context: ctx
      clusters: [{name: c, cluster: {server: "https://c.example"}}]
      users: [{name: u, user: {token: t0ps3cret}}]
      contexts: [{name: ctx, context: {cluster: c, user: u}}, {name: lost, context: {cluster: gone, user: u}},
                 {name: nobody, context: {cluster: c, user: ghost}}]
      """;

  @Test
  void aMissingContextIsNamedWithTheFilesAndTheDefinedContexts() throws Exception {
    Path file = write("config", VALID);
    assertThatThrownBy(() -> kubeconfigList(file).kubeconfig("prod"))
        .isInstanceOf(KubeConfigException.class)
        .hasMessage("context \"prod\" is not defined in " + file + " (defined: ctx, lost, nobody)");
  }

  @Test
  void aMissingClusterOrUserIsNamedWithItsContextAndFile() throws Exception {
    Path file = write("config", VALID);
    assertThatThrownBy(() -> kubeconfigList(file).kubeconfig("lost"))
        .isInstanceOf(KubeConfigException.class)
        .hasMessage("context \"lost\" in " + file + " refers to cluster \"gone\", which is not defined in " + file);
    assertThatThrownBy(() -> kubeconfigList(file).kubeconfig("nobody"))
        .isInstanceOf(KubeConfigException.class)
        .hasMessage("context \"nobody\" in " + file + " refers to user \"ghost\", which is not defined in " + file);
  }

  @Test
  void noCurrentContextIsReported() throws Exception {
    Path file = write("config", VALID.replace("current-context: ctx", ""));
    assertThatThrownBy(() -> kubeconfigList(file).kubeconfig())
        .isInstanceOf(KubeConfigException.class)
        .hasMessageContaining("no current-context is set in " + file)
        .hasMessageContaining("[ctx, lost, nobody]");
  }

  @Test
  void aClusterWithoutServerIsReported() throws Exception {
    Path file = write("config", VALID.replace("server: \"https://c.example\"", "insecure-skip-tls-verify: true"));
    assertThatThrownBy(() -> kubeconfigList(file).kubeconfig())
        .isInstanceOf(KubeConfigException.class)
        .hasMessage("cluster \"c\" in " + file + " has no server");
  }

  @Test
  void noKubeconfigAtAllSaysWhereItLooked() {
    assertThatThrownBy(() -> loader(Map.of()).kubeconfig())
        .isInstanceOf(KubeConfigException.class)
        .hasMessageContaining(dir.resolve("home/.kube/config").toString());
    assertThatThrownBy(() -> loader(Map.of("KUBECONFIG", "/nonexistent/a:/nonexistent/b")).kubeconfig())
        .isInstanceOf(KubeConfigException.class)
        .hasMessageContaining("KUBECONFIG=/nonexistent/a:/nonexistent/b names no existing file");
    Path missing = dir.resolve("absent.yaml");
    assertThatThrownBy(() -> loader(Map.of()).kubeconfig(missing))
        .isInstanceOf(KubeConfigException.class)
        .hasMessageContaining("cannot read kubeconfig " + missing);
  }

  @Test
  void invalidYamlSaysWhereButNotWhat() throws Exception {
    Path file = write("config", "users:\n- name: u\n  user: {token: \"s3cret-token-value\n");
    assertThatThrownBy(() -> kubeconfigList(file).kubeconfig())
        .isInstanceOf(KubeConfigException.class)
        .hasMessageStartingWith("kubeconfig " + file + " is not valid YAML (line ")
        .hasNoCause()
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cret-token-value"));
  }

  @Test
  void badInlineDataNamesTheFieldNotItsContents() throws Exception {
    Path file = write("config", VALID.replace("token: t0ps3cret", "client-certificate-data: '%%%%', client-key-data: "
        + base64(USER.privateKeyPkcs8Pem())));
    assertThatThrownBy(() -> kubeconfigList(file).kubeconfig())
        .isInstanceOf(KubeConfigException.class)
        .hasMessage("user \"u\" in " + file + ": client-certificate-data is not valid base64");

    Path notPem = write("config2", VALID.replace("token: t0ps3cret", "client-certificate-data: "
        + base64(USER.certificatePem()) + ", client-key-data: " + base64("not a key at all")));
    assertThatThrownBy(() -> kubeconfigList(notPem).kubeconfig())
        .isInstanceOf(KubeConfigException.class)
        .hasMessageContaining("user \"u\" in " + notPem)
        .hasMessageContaining("client key: no PEM private key found");
  }

  @Test
  void aMissingReferencedFileIsNamed() throws Exception {
    Path file = write("kube/config", VALID.replace("server: \"https://c.example\"",
        "server: \"https://c.example\", certificate-authority: ca.crt"));
    assertThatThrownBy(() -> kubeconfigList(file).kubeconfig())
        .isInstanceOf(KubeConfigException.class)
        .hasMessageContaining("cluster \"c\" in " + file)
        .hasMessageContaining(dir.resolve("kube/ca.crt").toString());
  }

  @Test
  void unsupportedUserSettingsAreExplained() throws Exception {
    Path provider = write("provider", VALID.replace("{token: t0ps3cret}", "{auth-provider: {name: gcp}}"));
    assertThatThrownBy(() -> kubeconfigList(provider).kubeconfig())
        .isInstanceOf(KubeConfigException.class)
        .hasMessageContaining("user \"u\" in " + provider + " uses the auth-provider \"gcp\"")
        .hasMessageContaining("use an exec plugin");
    Path interactive = write("interactive", VALID.replace("{token: t0ps3cret}",
        "{exec: {apiVersion: client.authentication.k8s.io/v1, command: login, interactiveMode: Always}}"));
    assertThatThrownBy(() -> kubeconfigList(interactive).kubeconfig())
        .isInstanceOf(KubeConfigException.class)
        .hasMessageContaining("interactiveMode Always");
    Path noApi = write("noapi", VALID.replace("{token: t0ps3cret}", "{exec: {command: login}}"));
    assertThatThrownBy(() -> kubeconfigList(noApi).kubeconfig())
        .isInstanceOf(KubeConfigException.class)
        .hasMessageContaining("exec has no apiVersion");
  }

  @Test
  void conflictingSettingsNameTheContext() throws Exception {
    Path file = write("config", VALID.replace("{token: t0ps3cret}", "{token: t0ps3cret, username: a, password: b}"));
    assertThatThrownBy(() -> kubeconfigList(file).kubeconfig())
        .isInstanceOf(KubeConfigException.class)
        .hasMessageContaining("context \"ctx\" in " + file)
        .hasMessageContaining("exclude each other")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("t0ps3cret"));
  }

  @Test
  void wrongShapesAreReported() throws Exception {
    Path list = write("list", "- just\n- a list\n");
    assertThatThrownBy(() -> kubeconfigList(list).kubeconfig()).hasMessage("kubeconfig " + list + " is not a YAML mapping");
    Path clusters = write("clusters", "clusters: {name: c}\n");
    assertThatThrownBy(() -> kubeconfigList(clusters).kubeconfig())
        .hasMessage("kubeconfig " + clusters + ": clusters must be a list");
    Path unnamed = write("unnamed", "contexts: [{context: {cluster: c}}]\n");
    assertThatThrownBy(() -> kubeconfigList(unnamed).kubeconfig())
        .hasMessage("kubeconfig " + unnamed + ": contexts[0] has no name");
    Path bool = write("bool", VALID.replace("server: \"https://c.example\"",
        "server: \"https://c.example\", insecure-skip-tls-verify: sometimes"));
    assertThatThrownBy(() -> kubeconfigList(bool).kubeconfig())
        .hasMessage("cluster \"c\" in " + bool + ": insecure-skip-tls-verify must be true or false");
  }

  @Test
  void emptyEntriesOfTheKubeconfigListAreIgnored() throws Exception {
    Path file = write("config", VALID);
    ConfigLoader loader = loader(Map.of("KUBECONFIG", File.pathSeparator + file + File.pathSeparator));
    assertThat(loader.kubeconfig().bearerToken()).contains("t0ps3cret");
  }
}
