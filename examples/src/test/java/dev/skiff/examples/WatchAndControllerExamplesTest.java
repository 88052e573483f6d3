package dev.skiff.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skiff.fake.FakeCluster;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The watch and controller examples, on their embedded cluster and through a kubeconfig. */
class WatchAndControllerExamplesTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String name, Standalone.Example example, String... args) {
    return Standalone.run(name, args, example, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void theWatchExamplePrintsEveryExpectedEventInOrder() {
    assertThat(run("watch", (c, o, w) -> new WatchExample(c, o, w).run())).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).containsSubsequence(
        "event: SYNCED", "event: ADDED web-1", "event: MODIFIED web-1 labels={app=web, tier=fe}",
        "event: DELETED web-1 labels={app=db, tier=fe}", "event: ADDED db-1", "event: DELETED db-1",
        "every expected event arrived in order");
    assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  @Test
  void theControllerExampleKeepsOneConfigMapPerServiceThroughAChangeOfLeader(@TempDir Path dir) {
    try (FakeCluster cluster = FakeCluster.start()) {
      Path kubeconfig = cluster.writeKubeconfig(dir.resolve("kubeconfig"));
      assertThat(run("controller", (c, o, w) -> new ControllerExample(c, o, w).run(),
          "--kubeconfig", kubeconfig.toString())).isZero();
    }
    assertThat(out.toString(StandardCharsets.UTF_8)).containsSubsequence(
        // The cluster's garbage collector may remove web-info (owned by its Service) before the controller does.
        "replica-1 leads", "created web-info", "updated api-info", "web-info was removed with its service",
        "replica-1 stopped leading",
        "replica-2 leads", "created db-info", "the controller kept one config map per service");
    assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  @Test
  void aMissingKubeconfigFailsWithOneLine() {
    assertThat(run("watch", (c, o, w) -> new WatchExample(c, o, w).run(), "--kubeconfig", "/nonexistent/kubeconfig"))
        .isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("watch failed: ").endsWith(System.lineSeparator())
        .hasLineCount(1);
  }
}
