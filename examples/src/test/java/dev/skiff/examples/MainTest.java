package dev.skiff.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skiff.fake.FakeCluster;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dispatcher against a fake cluster reached through a kubeconfig, as against a real one. */
class MainTest {
  private FakeCluster cluster;
  private Path kubeconfig;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeEach
  void start(@TempDir Path dir) {
    cluster = FakeCluster.start();
    kubeconfig = cluster.writeKubeconfig(dir.resolve("kubeconfig"));
  }

  @AfterEach
  void stop() {
    cluster.close();
  }

  private int run(String... args) {
    return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void quickstartRunsEveryStep() {
    assertThat(run("quickstart", "--kubeconfig", kubeconfig.toString())).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("created pod web-fe", "pods matching 'app=web,tier in (fe)': [web-fe]",
            "pods matching 'tier=fe' after the patch: [web-be, web-fe]", "scaled hello: spec.replicas=5",
            "created service hello: clusterIP ", "pods left with app=web: 0");
    assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  @Test
  void flakeRunsTwentyFourPodsThenStopsAndRemovesThem() {
    assertThat(run("flake", "--kubeconfig", kubeconfig.toString(), "--wait", "60")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("the seed's name is rejected (checked before sending): ReplicationController \"flakeController\" "
            + "is invalid: metadata.name: Invalid value: \"flakeController\"")
        .contains("created replication controller flake-controller with 24 replicas", "pods with name=flake: 24 of 24",
            "stopped: scaled flake-controller to 0", "removed flake-controller");
    assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  @Test
  void flakeFailsWithOneLineWhenNoControllerCreatesPods(@TempDir Path dir) {
    try (FakeCluster controlPlaneOnly = FakeCluster.builder().controllers(false).start()) {
      Path config = controlPlaneOnly.writeKubeconfig(dir.resolve("kubeconfig"));
      assertThat(run("flake", "--kubeconfig", config.toString(), "--wait", "1")).isEqualTo(1);
    }
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("created replication controller flake-controller with 24 replicas", "removed flake-controller");
    assertThat(err.toString(StandardCharsets.UTF_8))
        .isEqualTo("flake failed: only 0 of 24 flake pods appeared within 1s: is the cluster's "
            + "replication-controller loop running?" + System.lineSeparator());
  }

  @Test
  void watchAndControllerRunThroughTheDispatcher() {
    assertThat(run("watch", "--kubeconfig", kubeconfig.toString(), "--wait", "60")).isZero();
    assertThat(run("controller", "--kubeconfig", kubeconfig.toString(), "--wait", "60")).isZero();
    assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  @Test
  void usageErrorsExitWithTwo() {
    assertThat(run("bogus")).isEqualTo(2);
    assertThat(run()).isEqualTo(2);
    assertThat(run("flake", "--kubeconfig")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown example 'bogus'", "name an example",
        "--kubeconfig needs a value");
  }

  @Test
  void anUnreachableClusterIsAOneLineFailure(@TempDir Path dir) {
    Path stale = cluster.writeKubeconfig(dir.resolve("stale"));
    cluster.close();
    assertThat(run("quickstart", "--kubeconfig", stale.toString())).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("quickstart failed: POST /api/v1/namespaces failed: ")
        .doesNotContain("\n" + "\tat");
  }
}
