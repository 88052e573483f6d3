package dev.skiff.examples;

import dev.skiff.client.ClientConfig;
import dev.skiff.client.KubeClient;
import dev.skiff.client.error.KubeException;
import dev.skiff.fake.FakeCluster;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs an example: {@code quickstart}, {@code flake}, {@code watch}, {@code controller} or {@code demo}. With {@code --kubeconfig FILE} it talks
 * to that cluster; without, to an embedded fake cluster started for the run. Exits 0 on success, 1 with a
 * one-line reason on failure, 2 on a usage error.
 *
 * <pre>
 * java -jar examples-standalone.jar quickstart
 * java -jar examples-standalone.jar flake --kubeconfig ~/.kube/config --wait 120
 * </pre>
 */
public final class Main {
  private static final String USAGE =
      "usage: examples (quickstart|flake|watch|controller|demo) [--kubeconfig FILE] [--wait SECONDS]";

  private Main() {}

  /**
   * Parses the arguments, runs the example and exits.
   *
   * @param args the example's name and options
   */
  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /**
   * Runs an example without exiting the JVM.
   *
   * @param args the example's name and options
   * @param out where the example prints
   * @param err where the failure reason goes
   * @return the exit code
   */
  static int run(String[] args, PrintStream out, PrintStream err) {
    String example = null;
    Path kubeconfig = null;
    Duration wait = null;
    List<String> rest = new ArrayList<>(List.of(args));
    try {
      while (!rest.isEmpty()) {
        String a = rest.remove(0);
        switch (a) {
          case "--kubeconfig" -> kubeconfig = Path.of(value(rest, a));
          case "--wait" -> wait = Duration.ofSeconds(Long.parseLong(value(rest, a)));
          case "-h", "--help" -> {
            out.println(USAGE);
            return 0;
          }
          default -> {
            if (a.startsWith("-") || example != null) {
              throw new IllegalArgumentException("unexpected argument '" + a + "'");
            }
            example = a;
          }
        }
      }
      if (example == null) {
        throw new IllegalArgumentException("name an example");
      }
      if (!List.of("quickstart", "flake", "watch", "controller", "demo").contains(example)) {
        throw new IllegalArgumentException("unknown example '" + example + "'");
      }
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage() + "; " + USAGE);
      return 2;
    }

    if (example.equals("demo")) {
      Demo.main(new String[0]);
      return 0;
    }
    try {
      if (kubeconfig != null) {
        try (KubeClient client = KubeClient.create(ClientConfig.fromKubeconfig(kubeconfig))) {
          runOn(example, client, out, wait == null ? Duration.ofSeconds(120) : wait);
        }
      } else {
        try (FakeCluster cluster = FakeCluster.start();
            KubeClient client = KubeClient.create(ClientConfig.builder().server(cluster.url().toString()).build())) {
          out.println("started an embedded fake cluster at " + cluster.url());
          runOn(example, client, out, wait == null ? Duration.ofSeconds(10) : wait);
        }
      }
      return 0;
    } catch (KubeException | IllegalStateException e) {
      err.println(example + " failed: " + oneLine(e.getMessage()));
      return 1;
    } catch (RuntimeException e) {
      err.println(example + " failed: " + e.getClass().getSimpleName() + ": " + oneLine(e.getMessage()));
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println(example + " interrupted");
      return 1;
    }
  }

  private static void runOn(String example, KubeClient client, PrintStream out, Duration wait)
      throws InterruptedException {
    switch (example) {
      case "quickstart" -> new Quickstart(client, out).run();
      case "watch" -> new WatchExample(client, out, wait).run();
      case "controller" -> new ControllerExample(client, out, wait).run();
      default -> new Flake(client, out, wait).run();
    }
  }

  private static String value(List<String> rest, String option) {
    if (rest.isEmpty()) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return rest.remove(0);
  }

  private static String oneLine(String s) {
    return s == null ? "(no message)" : s.replaceAll("\\s*\\R\\s*", " ");
  }
}
