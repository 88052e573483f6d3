package dev.skiff.benchmarks;

import dev.skiff.fake.FakeCluster;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;

/**
 * The in-process fake API servers measured side by side: Skiff's {@link FakeCluster} and fabric8's
 * {@link KubernetesMockServer} in CRUD mode, both driven over loopback HTTP/1.1 by the same minimal
 * {@link WireClient}, so that only the servers differ.
 */
final class FakeServers {
  private FakeServers() {}

  /**
   * The mock server logs every request at INFO through java.util.logging, to the console: a cost of the test
   * setup, not of the server, so it is turned off (held here, as JUL keeps loggers weakly).
   */
  private static final java.util.logging.Logger MOCK_LOG = java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

  /** Turns the mock server's per-request console logging off. */
  static void quietMockServer() {
    MOCK_LOG.setLevel(java.util.logging.Level.WARNING);
  }

  /** A started server: its base URL and how to stop it. */
  interface Running extends AutoCloseable {
    /** Base URL without a trailing slash. */
    String url();

    @Override
    void close();
  }

  /**
   * Starts the named server on a free loopback port: {@code skiff} (the fake cluster's API server without
   * controllers, the counterpart of fabric8's CRUD mock), {@code skiff-controllers} (the default
   * {@link FakeCluster#start()}: controllers, scheduler, nodes and a kubelet too) or {@code fabric8}.
   */
  static Running start(String server) {
    switch (server) {
      case "skiff", "skiff-controllers": {
        // "skiff" is the API server alone, like fabric8's CRUD mock; "skiff-controllers" is FakeCluster.start()'s
        // default, with controllers, scheduler, nodes and kubelet running behind it.
        FakeCluster cluster = server.equals("skiff") ? FakeCluster.builder().controllers(false).start()
            : FakeCluster.start();
        return new Running() {
          @Override
          public String url() {
            String url = cluster.url().toString();
            return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
          }

          @Override
          public void close() {
            cluster.close();
          }
        };
      }
      case "fabric8": {
        quietMockServer();
        KubernetesMockServer mock = new KubernetesMockServer(
            new Context(), new MockWebServer(), new HashMap<>(), new KubernetesCrudDispatcher(), false);
        mock.init();
        String url = "http://" + mock.getHostName() + ":" + mock.getPort();
        return new Running() {
          @Override
          public String url() {
            return url;
          }

          @Override
          public void close() {
            mock.destroy();
          }
        };
      }
      default:
        throw new IllegalArgumentException("unknown server " + server);
    }
  }

  /**
   * A pod as a user would create it: one container with ports, env, resources and a probe; labels
   * {@code app} (every tenth pod {@code web}, the rest {@code batch}) and {@code tier}.
   */
  static byte[] podJson(int index) {
    String app = index % 10 == 0 ? "web" : "batch";
    return String.format(Locale.ROOT, """
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"pod-%d","namespace":"default",
         "labels":{"app":"%s","tier":"backend","pod-index":"%d"},
         "annotations":{"example.com/owner":"team-%d"}},
         "spec":{"containers":[{"name":"main","image":"registry.example.com/%s:1.%d",
          "ports":[{"name":"http","containerPort":8080}],
          "env":[{"name":"MODE","value":"production"},{"name":"INDEX","value":"%d"}],
          "resources":{"requests":{"cpu":"100m","memory":"128Mi"},"limits":{"memory":"256Mi"}},
          "readinessProbe":{"httpGet":{"path":"/ready","port":8080},"periodSeconds":5}}]}}
        """, index, app, index, index % 7, app, index % 5, index).getBytes(StandardCharsets.UTF_8);
  }
}
