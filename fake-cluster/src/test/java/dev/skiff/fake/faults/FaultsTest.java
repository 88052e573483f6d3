package dev.skiff.fake.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skiff.fake.FakeCluster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each fault against a running cluster, seen from a plain HTTP client. */
class FaultsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String MAPS = "/api/v1/namespaces/default/configmaps";

  private FakeCluster cluster;
  private HttpClient http;

  @BeforeEach
  void start() {
    cluster = FakeCluster.start();
    http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  }

  @AfterEach
  void stop() {
    cluster.close();
  }

  private HttpResponse<String> send(String method, String pathAndQuery, String body) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(cluster.url() + pathAndQuery))
        .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json");
    b = body == null ? b.method(method, HttpRequest.BodyPublishers.noBody())
        : b.method(method, HttpRequest.BodyPublishers.ofString(body));
    try {
      return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private long createConfigMap(String name) {
    HttpResponse<String> r = send("POST", MAPS,
        "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"" + name + "\"}}");
    assertThat(r.statusCode()).isEqualTo(201);
    return json(r.body()).path("metadata").path("resourceVersion").asLong();
  }

  private static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Opens a watch and collects its lines until the server ends it. */
  private CompletableFuture<List<String>> watch(String query) {
    HttpRequest request = HttpRequest.newBuilder(URI.create(cluster.url() + MAPS + "?watch=1" + query)).build();
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofLines())
        .thenApplyAsync(r -> {
          try (Stream<String> lines = r.body()) {
            return lines.collect(Collectors.toList());
          }
        });
  }

  private void awaitOpenWatches(int n) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (cluster.faults().openWatches() != n) {
      assertThat(System.nanoTime()).as("waiting for %d open watches", n).isLessThan(deadline);
      java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
    }
  }

  @Test
  void theNextRequestsThatMatchGetTheStatusWithAStatusBody() {
    FaultRule rule = cluster.faults().failNext(2, RequestMatcher.of("GET", MAPS), 503);

    assertThat(send("POST", MAPS, "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"a\"}}")
        .statusCode()).as("another method").isEqualTo(201);
    for (int i = 0; i < 2; i++) {
      HttpResponse<String> r = send("GET", MAPS, null);
      assertThat(r.statusCode()).isEqualTo(503);
      assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
      JsonNode status = json(r.body());
      assertThat(status.path("kind").asText()).isEqualTo("Status");
      assertThat(status.path("status").asText()).isEqualTo("Failure");
      assertThat(status.path("reason").asText()).isEqualTo("ServiceUnavailable");
      assertThat(status.path("code").asInt()).isEqualTo(503);
    }
    assertThat(rule.remaining()).isZero();
    assertThat(send("GET", MAPS, null).statusCode()).isEqualTo(200);
  }

  @Test
  void internalErrorsCarryTheirReason() {
    cluster.faults().failNext(1, RequestMatcher.of("*", "/api/**"), 500);
    HttpResponse<String> r = send("GET", "/api/v1/namespaces", null);
    assertThat(r.statusCode()).isEqualTo(500);
    assertThat(json(r.body()).path("reason").asText()).isEqualTo("InternalError");
  }

  @Test
  void tooManyRequestsSaysWhenToComeBack() {
    cluster.faults().tooManyRequests(1, RequestMatcher.any(), Duration.ofSeconds(3));
    HttpResponse<String> r = send("GET", MAPS, null);
    assertThat(r.statusCode()).isEqualTo(429);
    assertThat(r.headers().firstValue("Retry-After")).hasValue("3");
    JsonNode status = json(r.body());
    assertThat(status.path("reason").asText()).isEqualTo("TooManyRequests");
    assertThat(status.path("details").path("retryAfterSeconds").asInt()).isEqualTo(3);
    assertThat(send("GET", MAPS, null).statusCode()).isEqualTo(200);
  }

  @Test
  void patternsMatchWithinAndAcrossSegmentsAndWatchesSeparately() {
    FaultRule oneSegment = cluster.faults().failNext(1, RequestMatcher.of("GET", "/api/v1/namespaces/*"), 500);
    assertThat(send("GET", MAPS, null).statusCode()).as("* stays in its segment").isEqualTo(200);
    assertThat(send("GET", "/api/v1/namespaces/default", null).statusCode()).isEqualTo(500);
    assertThat(oneSegment.remaining()).isZero();

    FaultRule watches = cluster.faults().failNext(1, RequestMatcher.of("GET", "/api/**").watchesOnly(), 503);
    assertThat(send("GET", MAPS, null).statusCode()).as("a list is no watch").isEqualTo(200);
    assertThat(watches.remaining()).isEqualTo(1);
    assertThat(send("GET", MAPS + "?watch=true&timeoutSeconds=1", null).statusCode()).isEqualTo(503);

    FaultRule lists = cluster.faults().failNext(1, RequestMatcher.of("GET", MAPS).exceptWatches(), 503);
    lists.remove();
    assertThat(send("GET", MAPS, null).statusCode()).as("removed").isEqualTo(200);
    assertThatThrownBy(() -> cluster.faults().failNext(1, RequestMatcher.any(), 200))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void latencyDelaysMatchingRequestsUntilRemoved() {
    FaultRule slow = cluster.faults().addLatency(RequestMatcher.of("GET", MAPS), Duration.ofMillis(700));
    long started = System.nanoTime();
    assertThat(send("GET", MAPS, null).statusCode()).isEqualTo(200);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(700));
    assertThat(slow.remaining()).isEqualTo(Integer.MAX_VALUE);

    slow.remove();
    assertThat(slow.remaining()).isZero();
    long again = System.nanoTime();
    assertThat(send("GET", MAPS, null).statusCode()).isEqualTo(200);
    assertThat(Duration.ofNanos(System.nanoTime() - again)).isLessThan(Duration.ofMillis(700));
  }

  @Test
  void droppingWatchesEndsEveryOpenWatch() throws Exception {
    long rv = createConfigMap("before");
    CompletableFuture<List<String>> first = watch("&resourceVersion=" + rv);
    CompletableFuture<List<String>> second = watch("");
    awaitOpenWatches(2);
    createConfigMap("during");

    assertThat(cluster.faults().dropWatches()).isEqualTo(2);
    List<String> lines = first.get(10, TimeUnit.SECONDS);
    assertThat(lines).hasSize(1).allMatch(l -> l.contains("\"ADDED\"") && l.contains("\"during\""));
    assertThat(second.get(10, TimeUnit.SECONDS)).hasSize(2); // the initial ADDED of both
    assertThat(cluster.faults().openWatches()).isZero();
  }

  @Test
  void afterExpiringTheHistoryWatchesFromOlderVersionsGet410() throws Exception {
    long first = createConfigMap("one");
    long current = createConfigMap("two");
    cluster.faults().expireWatchHistory();

    List<String> expired = watch("&resourceVersion=" + first).get(10, TimeUnit.SECONDS);
    assertThat(expired).hasSize(1);
    JsonNode event = json(expired.get(0));
    assertThat(event.path("type").asText()).isEqualTo("ERROR");
    assertThat(event.path("object").path("code").asInt()).isEqualTo(410);
    assertThat(event.path("object").path("reason").asText()).isEqualTo("Expired");

    CompletableFuture<List<String>> fromNow = watch("&resourceVersion=" + current + "&timeoutSeconds=2");
    awaitOpenWatches(1);
    createConfigMap("three");
    List<String> lines = fromNow.get(10, TimeUnit.SECONDS);
    assertThat(lines).hasSize(1).allMatch(l -> l.contains("\"three\""));

    // Ended by the server's own timeout, not by dropWatches(): a drop could cut the synthetic ADDED events short.
    List<String> fresh = new ArrayList<>(watch("&timeoutSeconds=2").get(10, TimeUnit.SECONDS));
    assertThat(fresh).as("a watch without a version lists everything").hasSize(3);
  }
}
