package dev.skiff.fake;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kubectl verifies the cluster's certificate from the kubeconfig's CA data and sends its token. */
@WithFakeCluster(tls = true, bearerToken = "kubectl-t0ken")
class KubectlTlsTest {

  @Test
  void trusts_the_ca_and_authenticates_with_the_token(FakeCluster cluster, @TempDir Path dir) {
    Path binary = Kubectl.find().orElse(null);
    Assumptions.assumeTrue(binary != null, "kubectl is not on PATH");
    Kubectl kubectl = new Kubectl(binary, cluster.writeKubeconfig(dir.resolve("kubeconfig")), dir.resolve("cache"));

    Kubectl.Result ok = kubectl.run("get", "pods");
    assertThat(ok.exitCode()).as("%s", ok).isZero();
    assertThat(ok.err()).contains("No resources found in default namespace.");

    Kubectl.Result wrong = kubectl.run("--token", "not-the-token", "get", "pods");
    assertThat(wrong.exitCode()).isEqualTo(1);
    assertThat(wrong.err()).contains("You must be logged in to the server (Unauthorized)");
  }
}
