package dev.skiff.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FakeClusterMainTest {

  private static final String READY = "Fake cluster listening on http://127\\.0\\.0\\.1:\\d+";

  @Test
  void parses_the_options() {
    FakeClusterMain.Options defaults = FakeClusterMain.Options.parse();
    assertThat(defaults.port()).isEqualTo(8080);
    assertThat(defaults.tls()).isFalse();
    assertThat(defaults.token()).isEmpty();

    FakeClusterMain.Options all = FakeClusterMain.Options.parse(
        "--port", "0", "--tls", "--token=abc", "--kubeconfig", "/tmp/k", "--kubelet=off");
    assertThat(all).isEqualTo(new FakeClusterMain.Options(0, true, Optional.of("abc"), Optional.of(Path.of("/tmp/k")),
        false));
    assertThat(FakeClusterMain.Options.parse("--port=1234", "--help").help()).isTrue();

    assertThatThrownBy(() -> FakeClusterMain.Options.parse("--port", "http")).hasMessageContaining("number");
    assertThatThrownBy(() -> FakeClusterMain.Options.parse("--port", "70000")).hasMessageContaining("0..65535");
    assertThatThrownBy(() -> FakeClusterMain.Options.parse("--port")).hasMessageContaining("needs a value");
    assertThatThrownBy(() -> FakeClusterMain.Options.parse("--kubelet=on")).hasMessageContaining("not available yet");
    assertThatThrownBy(() -> FakeClusterMain.Options.parse("--verbose")).hasMessageContaining("unknown option");
  }

  @Test
  void prints_exactly_one_ready_line_and_writes_the_kubeconfig(@TempDir Path dir) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Path kubeconfig = dir.resolve("config");
    FakeClusterMain.Options options = FakeClusterMain.Options.parse("--port", "0", "--kubeconfig", kubeconfig.toString());
    try (FakeCluster cluster = FakeClusterMain.start(options, new PrintStream(out, true, StandardCharsets.UTF_8))) {
      List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
      assertThat(lines).containsExactly("Fake cluster listening on " + cluster.url());
      assertThat(lines.get(0)).matches(READY);
      assertThat(Files.readString(kubeconfig)).isEqualTo(cluster.kubeconfig());
    }
  }

  /** The real thing: a JVM of its own, the ready line on stdout, SIGTERM, exit status 0. */
  @Test
  void runs_as_a_process_and_exits_0_on_sigterm() throws Exception {
    Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), FakeClusterMain.class.getName(), "--port", "0")
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
    try {
      BufferedReader stdout = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      String line = CompletableFuture.supplyAsync(() -> {
        try {
          return stdout.readLine();
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }).get(60, TimeUnit.SECONDS);
      assertThat(line).matches(READY);

      URI url = URI.create(line.substring(line.lastIndexOf(' ') + 1));
      int status = HttpClient.newHttpClient().send(HttpRequest.newBuilder(url.resolve("/api")).build(),
          BodyHandlers.discarding()).statusCode();
      assertThat(status).isBetween(200, 499); // served by the API layer, whatever it answers

      process.toHandle().destroy(); // SIGTERM on POSIX systems (Process.destroy would also close our pipes)
      assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(process.exitValue()).isZero();
      assertThat(stdout.readLine()).isNull(); // nothing else was printed
    } finally {
      process.destroyForcibly();
    }
  }

  @Test
  void help_and_bad_options_exit_without_starting() throws Exception {
    Process help = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), FakeClusterMain.class.getName(), "--help").start();
    Process bad = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), FakeClusterMain.class.getName(), "--nope").start();
    try {
      assertThat(help.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(help.exitValue()).isZero();
      assertThat(new String(help.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).contains("--port N", "--kubelet=off");
      assertThat(bad.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(bad.exitValue()).isEqualTo(2);
      assertThat(new String(bad.getErrorStream().readAllBytes(), StandardCharsets.UTF_8)).contains("unknown option '--nope'");
    } finally {
      help.destroyForcibly();
      bad.destroyForcibly();
    }
  }
}
