package dev.skiff.fake.faults;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.fake.api.ApiException;
import dev.skiff.fake.http.EventStream;
import dev.skiff.fake.http.HttpHandler;
import dev.skiff.fake.http.HttpRequest;
import dev.skiff.fake.http.HttpResponder;
import dev.skiff.fake.store.Store;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Faults a test injects into a running fake cluster, to show that a client copes with what real clusters do:
 *
 * <pre>{@code
 * cluster.faults().dropWatches();                                          // every open watch ends now
 * cluster.faults().failNext(2, RequestMatcher.of("GET", "/api/v1/pods"), 503);
 * cluster.faults().tooManyRequests(1, RequestMatcher.any(), Duration.ofSeconds(1));
 * cluster.faults().addLatency(RequestMatcher.of("*", "/apis/**"), Duration.ofMillis(200));
 * cluster.faults().expireWatchHistory();                                   // resumed watches get 410
 * cluster.faults().clear();
 * }</pre>
 *
 * <p>Faults sit in front of the API server: an error answer is sent without the request reaching it, with the
 * {@code Status} body the real server sends for that code. Thread-safe.
 */
public final class Faults {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String JSON_TYPE = "application/json";

  private final Store store;
  private final List<StatusRule> statusRules = new CopyOnWriteArrayList<>();
  private final List<LatencyRule> latencyRules = new CopyOnWriteArrayList<>();
  private final Set<EventStream> watches = ConcurrentHashMap.newKeySet();
  /** Watches resuming from a version older than this get 410; 0 while the history was never expired. */
  private final AtomicLong expiredBefore = new AtomicLong();

  private record StatusRule(Rule rule, int status, Duration retryAfter) {}

  private record LatencyRule(Rule rule, Duration delay) {}

  /**
   * Faults for the API server that keeps its objects in a store. {@code FakeCluster} creates one and serves
   * through {@link #handler}; tests reach it with {@code cluster.faults()}.
   *
   * @param store the API server's store, whose resource version marks what {@link #expireWatchHistory} expires
   */
  public Faults(Store store) {
    this.store = Objects.requireNonNull(store, "store");
  }

  /**
   * The API server with these faults in front of it.
   *
   * @param apiServer the handler that serves requests no fault answers
   * @return the handler to serve with
   */
  public HttpHandler handler(HttpHandler apiServer) {
    Objects.requireNonNull(apiServer, "apiServer");
    return (request, responder) -> handle(request, responder, apiServer);
  }

  /**
   * Ends every open watch now, as a restarting server or a load balancer does: each client sees the end of
   * its stream and must resume (or relist).
   *
   * @return how many watches were ended
   */
  public int dropWatches() {
    int dropped = 0;
    for (EventStream stream : List.copyOf(watches)) {
      watches.remove(stream);
      if (stream.isOpen()) {
        stream.close();
        dropped++;
      }
    }
    return dropped;
  }

  /**
   * How many watches are open now.
   *
   * @return the number of open watch streams
   */
  public int openWatches() {
    watches.removeIf(s -> !s.isOpen());
    return watches.size();
  }

  /**
   * Answers the next {@code times} requests that match with an error status and the real server's
   * {@code Status} body for it, e.g. 500 {@code InternalError} or 503 {@code ServiceUnavailable}. A 429 gets
   * {@code Retry-After: 1}; use {@link #tooManyRequests} for another delay.
   *
   * @param times how many requests, at least 1
   * @param matcher which requests
   * @param status an HTTP status from 400 to 599
   * @return the rule, to check it was used up or remove it
   */
  public FaultRule failNext(int times, RequestMatcher matcher, int status) {
    if (status < 400 || status > 599) {
      throw new IllegalArgumentException("an error status is 400..599: " + status);
    }
    return addStatusRule(times, matcher, status, status == 429 ? Duration.ofSeconds(1) : Duration.ZERO);
  }

  /**
   * Answers the next {@code times} requests that match with 429 {@code TooManyRequests}, a {@code Retry-After}
   * header and the matching {@code details.retryAfterSeconds}, as API priority and fairness does.
   *
   * @param times how many requests, at least 1
   * @param matcher which requests
   * @param retryAfter how long clients are asked to wait, whole seconds, at least 1
   * @return the rule, to check it was used up or remove it
   */
  public FaultRule tooManyRequests(int times, RequestMatcher matcher, Duration retryAfter) {
    if (retryAfter.getSeconds() < 1 || retryAfter.getNano() != 0) {
      throw new IllegalArgumentException("Retry-After is in whole seconds, at least 1: " + retryAfter);
    }
    return addStatusRule(times, matcher, 429, retryAfter);
  }

  /**
   * Delays every matching request before it is served (or failed by another fault), until the rule is
   * removed. Delays of several matching rules add up. A delayed watch is delayed in opening only.
   *
   * @param matcher which requests
   * @param delay how long, positive
   * @return the rule, to remove it
   */
  public FaultRule addLatency(RequestMatcher matcher, Duration delay) {
    Objects.requireNonNull(matcher, "matcher");
    if (delay.isNegative() || delay.isZero()) {
      throw new IllegalArgumentException("latency must be positive: " + delay);
    }
    LatencyRule rule = new LatencyRule(new Rule(matcher, Integer.MAX_VALUE), delay);
    latencyRules.add(rule);
    return rule.rule();
  }

  /**
   * Expires the watch history now, as a compaction does on a real server: a watch that resumes from any
   * resource version older than the current one gets a 410 {@code Expired} {@code ERROR} event, so the
   * client must relist. Watches from the current version or later, and new watches without a version, work.
   * Open watches are not affected; combine with {@link #dropWatches()} to force every client to resume.
   */
  public void expireWatchHistory() {
    long now = store.resourceVersion();
    expiredBefore.accumulateAndGet(now, Math::max);
  }

  /** Removes every status and latency rule. Expired history stays expired. */
  public void clear() {
    statusRules.forEach(r -> r.rule().remove());
    latencyRules.forEach(r -> r.rule().remove());
    statusRules.clear();
    latencyRules.clear();
  }

  private FaultRule addStatusRule(int times, RequestMatcher matcher, int status, Duration retryAfter) {
    Objects.requireNonNull(matcher, "matcher");
    if (times < 1) {
      throw new IllegalArgumentException("times must be at least 1: " + times);
    }
    StatusRule rule = new StatusRule(new Rule(matcher, times), status, retryAfter);
    statusRules.add(rule);
    return rule.rule();
  }

  private void handle(HttpRequest request, HttpResponder responder, HttpHandler apiServer) {
    delay(request);
    for (StatusRule rule : statusRules) {
      if (rule.rule().claim(request)) {
        if (rule.rule().remaining() == 0) {
          statusRules.remove(rule);
        }
        fail(responder, rule.status(), rule.retryAfter());
        return;
      }
    }
    if (RequestMatcher.isWatch(request)) {
      if (expired(request, responder)) {
        return;
      }
      apiServer.handle(request, new WatchTracking(responder));
      return;
    }
    apiServer.handle(request, responder);
  }

  private void delay(HttpRequest request) {
    long millis = 0;
    for (LatencyRule rule : latencyRules) {
      if (rule.rule().claim(request)) {
        millis += rule.delay().toMillis();
      }
    }
    latencyRules.removeIf(r -> r.rule().remaining() == 0);
    if (millis > 0) {
      try {
        // The server's worker threads are a cached pool: a delayed request holds one thread, like a slow server.
        TimeUnit.MILLISECONDS.sleep(millis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt(); // the cluster is closing: serve at once
      }
    }
  }

  /** Answers a watch from an expired version the way the real server does: 200, then a 410 ERROR event. */
  private boolean expired(HttpRequest request, HttpResponder responder) {
    long limit = expiredBefore.get();
    String rv = request.queryParam("resourceVersion").orElse("");
    long from;
    try {
      from = rv.isEmpty() ? 0 : Long.parseLong(rv);
    } catch (NumberFormatException e) {
      return false; // the API server answers a malformed version
    }
    if (from <= 0 || from >= limit) {
      return false;
    }
    ObjectNode status = ApiException.expired("too old resource version: " + from + " (" + limit + ")").status();
    EventStream stream = responder.stream(200, JSON_TYPE, Map.of());
    ObjectNode event = JsonNodeFactory.instance.objectNode();
    event.put("type", "ERROR").set("object", status);
    stream.send((write(event) + "\n").getBytes(StandardCharsets.UTF_8));
    stream.close();
    return true;
  }

  private static void fail(HttpResponder responder, int status, Duration retryAfter) {
    ObjectNode details = null;
    if (status == 429) {
      details = JsonNodeFactory.instance.objectNode().put("retryAfterSeconds", retryAfter.getSeconds());
    }
    ObjectNode body = new ApiException(status, reason(status), message(status), details).status();
    Map<String, String> headers = status == 429 ? Map.of("Retry-After", Long.toString(retryAfter.getSeconds()))
        : Map.of();
    responder.send(status, JSON_TYPE, headers, write(body).getBytes(StandardCharsets.UTF_8));
  }

  /** The real server's {@code Status.reason} for a code (Go's {@code metav1.StatusReason}). */
  private static String reason(int status) {
    return switch (status) {
      case 400 -> "BadRequest";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "NotFound";
      case 405 -> "MethodNotAllowed";
      case 409 -> "Conflict";
      case 410 -> "Gone";
      case 422 -> "Invalid";
      case 429 -> "TooManyRequests";
      case 500 -> "InternalError";
      case 503 -> "ServiceUnavailable";
      case 504 -> "Timeout";
      default -> "Unknown";
    };
  }

  private static String message(int status) {
    return switch (status) {
      case 429 -> "Too many requests, please try again later.";
      case 500 -> "Internal error occurred: injected fault";
      case 503 -> "The server is currently unable to handle the request (injected fault)";
      default -> "injected fault";
    };
  }

  private static String write(ObjectNode node) {
    try {
      return JSON.writeValueAsString(node);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Remembers the streams a watch opens, so that {@link #dropWatches()} can end them. */
  private final class WatchTracking implements HttpResponder {
    private final HttpResponder delegate;

    WatchTracking(HttpResponder delegate) {
      this.delegate = delegate;
    }

    @Override
    public void send(int status, String contentType, Map<String, String> headers, byte[] body) {
      delegate.send(status, contentType, headers, body);
    }

    @Override
    public EventStream stream(int status, String contentType, Map<String, String> headers) {
      EventStream stream = delegate.stream(status, contentType, headers);
      watches.add(stream);
      stream.onClosed(() -> watches.remove(stream));
      return stream;
    }
  }
}
