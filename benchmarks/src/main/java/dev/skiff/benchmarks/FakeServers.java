package dev.skiff.benchmarks;

import dev.skiff.fake.FakeCluster;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;

/**
 * The in-process fake API servers measured side by side: Skiff's {@link FakeCluster} and fabric8's
 * {@link KubernetesMockServer} in CRUD mode, both driven over loopback HTTP/1.1 by the JDK's HTTP client so
 * that only the servers differ.
 */
final class FakeServers {
  private FakeServers() {}

  /** A started server: its base URL and how to stop it. */
  interface Running extends AutoCloseable {
    /** Base URL without a trailing slash. */
    String url();

    @Override
    void close();
  }

  /** Starts the named server ({@code skiff} or {@code fabric8}) on a free loopback port. */
  static Running start(String server) {
    switch (server) {
      case "skiff": {
        FakeCluster cluster = FakeCluster.start();
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

  /** A JDK HTTP/1.1 client, one per benchmark trial. */
  static HttpClient client() {
    return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
  }

  /** GET, failing unless 200; returns the body. */
  static byte[] get(HttpClient http, String url) {
    return send(http, HttpRequest.newBuilder(URI.create(url)).header("Accept", "application/json").GET().build(), 200);
  }

  /** POST of a JSON body, failing unless 201 (fabric8 answers 201 too). */
  static byte[] post(HttpClient http, String url, byte[] json) {
    return send(http, HttpRequest.newBuilder(URI.create(url))
        .header("Content-Type", "application/json").header("Accept", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(json)).build(), 201);
  }

  private static byte[] send(HttpClient http, HttpRequest request, int expected) {
    try {
      HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
      if (response.statusCode() != expected) {
        throw new IllegalStateException(request.method() + " " + request.uri() + " answered "
            + response.statusCode() + ": " + new String(response.body(), StandardCharsets.UTF_8));
      }
      return response.body();
    } catch (IOException e) {
      throw new IllegalStateException(request.method() + " " + request.uri() + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
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
