package dev.skiff.fake;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a fake cluster as a process, for kubectl and clients in other languages:
 *
 * <pre>
 * java -jar fake-cluster-&lt;version&gt;-standalone.jar --port 8080
 * Fake cluster listening on http://127.0.0.1:8080
 * </pre>
 *
 * <p>The one line on standard output appears when the cluster accepts connections (scripts wait for it);
 * diagnostics go to standard error. SIGTERM or Ctrl-C stop the cluster and the process exits with status 0.
 * Run with {@code --help} for the options.
 */
public final class FakeClusterMain {

  private static final String USAGE = String.join("\n",
      "Usage: java -jar fake-cluster-<version>-standalone.jar [options]",
      "",
      "Runs an in-process Kubernetes API server on 127.0.0.1 until SIGTERM or Ctrl-C.",
      "Prints one line, 'Fake cluster listening on <url>', when it accepts connections.",
      "",
      "Options:",
      "  --port N           listen on port N (default 8080, kubectl's historical default); 0 picks a free port",
      "  --tls              serve HTTPS with a certificate from a fresh self-signed CA",
      "                     (clients trust it through the kubeconfig written by --kubeconfig)",
      "  --token T          require 'Authorization: Bearer T' on every request",
      "  --kubeconfig FILE  write a kubeconfig for this cluster to FILE (server, CA data, token)",
      "  --kubelet=off      pods stay Pending, as on a cluster without nodes; this is the default",
      "                     and the only choice until the simulated kubelet lands",
      "  --help             print this text and exit",
      "");

  private FakeClusterMain() {}

  /**
   * Starts the cluster and serves until the process is told to stop.
   *
   * @param args the options; see {@code --help}
   */
  public static void main(String[] args) {
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("fake-cluster: " + e.getMessage());
      System.err.print(USAGE);
      System.exit(2);
      return;
    }
    if (options.help()) {
      System.out.print(USAGE);
      return;
    }
    FakeCluster cluster;
    try {
      cluster = start(options, System.out);
    } catch (UncheckedIOException | IllegalArgumentException e) {
      System.err.println("fake-cluster: " + e.getMessage());
      System.exit(1);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      cluster.close();
      System.out.flush();
      stopped.countDown();
      // The JVM's own exit status after SIGTERM is 143; a cluster told to stop has stopped successfully.
      Runtime.getRuntime().halt(0);
    }, "fake-cluster-shutdown"));
    try {
      stopped.await(); // the cluster's threads are daemons: this thread keeps the process alive
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Starts a cluster for parsed options, writes the kubeconfig if asked, and prints the ready line.
   *
   * @param options the parsed options
   * @param out where the ready line goes
   * @return the running cluster
   */
  static FakeCluster start(Options options, PrintStream out) {
    FakeCluster.Builder builder = FakeCluster.builder().port(options.port()).tls(options.tls());
    if (options.token().isPresent()) {
      builder = builder.bearerToken(options.token().get());
    }
    FakeCluster cluster = builder.start();
    try {
      options.kubeconfig().ifPresent(cluster::writeKubeconfig);
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
    out.println("Fake cluster listening on " + cluster.url());
    out.flush();
    return cluster;
  }

  /** The command line, parsed. */
  record Options(int port, boolean tls, Optional<String> token, Optional<Path> kubeconfig, boolean help) {

    /** Parses {@code --name value} and {@code --name=value} forms. */
    static Options parse(String... args) {
      int port = 8080;
      boolean tls = false;
      Optional<String> token = Optional.empty();
      Optional<Path> kubeconfig = Optional.empty();
      boolean help = false;
      for (int i = 0; i < args.length; i++) {
        String arg = args[i];
        String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
        String inline = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : null;
        switch (name) {
          case "--help", "-h" -> help = true;
          case "--tls" -> tls = flag(name, inline);
          case "--port" -> {
            String value = inline != null ? inline : value(args, ++i, name);
            try {
              port = Integer.parseInt(value);
            } catch (NumberFormatException e) {
              throw new IllegalArgumentException("--port needs a number, not '" + value + "'");
            }
            if (port < 0 || port > 65_535) {
              throw new IllegalArgumentException("--port must be 0..65535, not " + port);
            }
          }
          case "--token" -> token = Optional.of(inline != null ? inline : value(args, ++i, name));
          case "--kubeconfig" -> kubeconfig = Optional.of(Path.of(inline != null ? inline : value(args, ++i, name)));
          case "--kubelet" -> {
            String value = inline != null ? inline : value(args, ++i, name);
            if (!value.equals("off")) {
              throw new IllegalArgumentException("--kubelet=" + value + " is not available yet: pods stay Pending "
                  + "(--kubelet=off) until the simulated kubelet lands");
            }
          }
          default -> throw new IllegalArgumentException("unknown option '" + arg + "'");
        }
      }
      return new Options(port, tls, token, kubeconfig, help);
    }

    private static boolean flag(String name, String inline) {
      if (inline == null || inline.equals("true")) {
        return true;
      }
      if (inline.equals("false")) {
        return false;
      }
      throw new IllegalArgumentException(name + " is true or false, not '" + inline + "'");
    }

    private static String value(String[] args, int i, String name) {
      if (i >= args.length) {
        throw new IllegalArgumentException(name + " needs a value");
      }
      return args[i];
    }
  }
}
