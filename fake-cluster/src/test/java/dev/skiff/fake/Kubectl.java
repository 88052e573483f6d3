package dev.skiff.fake;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs the kubectl found on PATH against a kubeconfig, with a private discovery cache (so no run reads a cache
 * another server wrote) and a bound on every invocation.
 */
final class Kubectl {

  private static final long TIMEOUT_SECONDS = 60;

  private final Path binary;
  private final Path kubeconfig;
  private final Path cacheDir;

  Kubectl(Path binary, Path kubeconfig, Path cacheDir) {
    this.binary = binary;
    this.kubeconfig = kubeconfig;
    this.cacheDir = cacheDir;
  }

  /** The kubectl on PATH, if any. */
  static Optional<Path> find() {
    String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
    return Stream.of(path.split(java.io.File.pathSeparator))
        .filter(dir -> !dir.isEmpty())
        .map(dir -> Path.of(dir, "kubectl"))
        .filter(Files::isExecutable)
        .findFirst();
  }

  /** What one invocation printed and returned. */
  record Result(int exitCode, String out, String err) {
    @Override
    public String toString() {
      return "exit " + exitCode + "\nstdout: " + out + "\nstderr: " + err;
    }
  }

  private ProcessBuilder command(String... args) {
    List<String> command = new ArrayList<>(List.of(binary.toString(), "--kubeconfig", kubeconfig.toString(),
        "--cache-dir", cacheDir.toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().remove("KUBECONFIG");
    return pb;
  }

  /** Runs kubectl to its end (bounded). */
  Result run(String... args) {
    try {
      Process p = command(args).start();
      CompletableFuture<String> out = drain(p, false);
      CompletableFuture<String> err = drain(p, true);
      if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("kubectl " + String.join(" ", args) + " did not finish in " + TIMEOUT_SECONDS + " s");
      }
      return new Result(p.exitValue(), out.get(10, TimeUnit.SECONDS), err.get(10, TimeUnit.SECONDS));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /** Starts a long-running kubectl (a watch) whose stdout lines arrive in a queue. */
  Running start(String... args) {
    try {
      Process p = command(args).redirectError(ProcessBuilder.Redirect.DISCARD).start();
      BlockingQueue<String> lines = new LinkedBlockingQueue<>();
      Thread reader = new Thread(() -> {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
          for (String line = r.readLine(); line != null; line = r.readLine()) {
            lines.add(line);
          }
        } catch (IOException e) {
          // the process ended
        }
      }, "kubectl-stdout");
      reader.setDaemon(true);
      reader.start();
      return new Running(p, lines);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A kubectl still running. */
  record Running(Process process, BlockingQueue<String> lines) {
    /** The next line of output, waiting at most the given seconds. */
    String nextLine(long seconds) throws InterruptedException {
      String line = lines.poll(seconds, TimeUnit.SECONDS);
      if (line == null) {
        throw new AssertionError("kubectl printed no line within " + seconds + " s");
      }
      return line;
    }
  }

  private static CompletableFuture<String> drain(Process p, boolean err) {
    return CompletableFuture.supplyAsync(() -> {
      try {
        return new String((err ? p.getErrorStream() : p.getInputStream()).readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }
}
