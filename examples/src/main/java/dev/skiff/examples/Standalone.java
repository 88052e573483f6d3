package dev.skiff.examples;

import dev.skiff.client.ClientConfig;
import dev.skiff.client.KubeClient;
import dev.skiff.fake.FakeCluster;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Runs one example on its own: on an embedded fake cluster, or with {@code --kubeconfig FILE} on that
 * cluster. Exits 0 on success, 1 with a one-line reason on failure, 2 on a usage error. The watch and
 * controller examples use it for their {@code main}.
 */
final class Standalone {
  /** An example, given a client, what to print to and how long to wait for the cluster. */
  @FunctionalInterface
  interface Example {
    void run(KubeClient client, PrintStream out, Duration wait) throws Exception;
  }

  private Standalone() {}

  /**
   * Parses {@code [--kubeconfig FILE]}, runs the example and returns the exit code.
   *
   * @param name the example's name, for messages
   * @param args the command line
   * @param example the example
   * @param out where the example prints
   * @param err where the failure reason goes
   * @return the exit code
   */
  static int run(String name, String[] args, Example example, PrintStream out, PrintStream err) {
    Path kubeconfig = null;
    if (args.length == 2 && args[0].equals("--kubeconfig")) {
      kubeconfig = Path.of(args[1]);
    } else if (args.length != 0) {
      err.println("usage: " + name + " [--kubeconfig FILE]");
      return 2;
    }
    try {
      if (kubeconfig != null) {
        try (KubeClient client = KubeClient.create(ClientConfig.fromKubeconfig(kubeconfig))) {
          example.run(client, out, Duration.ofSeconds(60));
        }
      } else {
        try (FakeCluster cluster = FakeCluster.start();
            KubeClient client = KubeClient.create(ClientConfig.builder().server(cluster.url().toString()).build())) {
          out.println("started an embedded fake cluster at " + cluster.url());
          example.run(client, out, Duration.ofSeconds(20));
        }
      }
      return 0;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println(name + " interrupted");
      return 1;
    } catch (Exception e) {
      String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      err.println(name + " failed: " + message.replaceAll("\\s*\\R\\s*", " "));
      return 1;
    }
  }
}
