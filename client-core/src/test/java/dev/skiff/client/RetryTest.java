package dev.skiff.client;

import static dev.skiff.client.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skiff.client.error.ServerErrorException;
import dev.skiff.client.error.TooManyRequestsException;
import dev.skiff.client.internal.RetryInterceptor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

/** Which requests are retried, how often, and how long the client waits in between. */
class RetryTest {
  @StartStop
  private final MockWebServer server = new MockWebServer();

  private final List<Duration> waits = new ArrayList<>();

  private static final String UNAVAILABLE =
      Fixtures.status(503, "ServiceUnavailable", "the server is currently unable to handle the request", null);
  private static final String THROTTLED =
      Fixtures.status(429, "TooManyRequests", "Too many requests, please try again later.", null);

  /** An OkHttp client with the retry interceptor, a recording clock and no jitter (random 0). */
  private OkHttpClient recording(RetryPolicy policy) {
    return new OkHttpClient.Builder().addInterceptor(new RetryInterceptor(policy, waits::add, () -> 0.0)).build();
  }

  @Test
  void throttledGetWaitsAsRetryAfterSaysThenSucceeds() throws Exception {
    server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "2")
        .addHeader("Content-Type", "application/json").body(THROTTLED).build());
    server.enqueue(json(200, Fixtures.pod("web-1", "1")));
    try (Response r = recording(RetryPolicy.defaults()).newCall(new Request.Builder().url(server.url("/x")).build())
        .execute()) {
      assertThat(r.code()).isEqualTo(200);
    }
    assertThat(waits).containsExactly(Duration.ofSeconds(2));
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void retryAfterIsBoundedByThePolicy() throws Exception {
    server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "3600").body(THROTTLED).build());
    server.enqueue(json(200, "{}"));
    RetryPolicy policy = RetryPolicy.builder().maxRetryAfter(Duration.ofSeconds(10)).build();
    recording(policy).newCall(new Request.Builder().url(server.url("/x")).build()).execute().close();
    assertThat(waits).containsExactly(Duration.ofSeconds(10));
  }

  @Test
  void unavailableIsRetriedWithGrowingBackoffThenGivenUp() {
    for (int i = 0; i < 4; i++) {
      server.enqueue(json(503, UNAVAILABLE));
    }
    KubeClient client = Fixtures.client(server);
    assertThatThrownBy(() -> client.pods("demo").get("x")).isInstanceOf(ServerErrorException.class)
        .hasMessage("503 ServiceUnavailable: the server is currently unable to handle the request");
    assertThat(server.getRequestCount()).isEqualTo(4);
    client.close();

    waits.clear();
    for (int i = 0; i < 4; i++) {
      server.enqueue(json(503, UNAVAILABLE));
    }
    RetryPolicy policy = RetryPolicy.builder().initialBackoff(Duration.ofMillis(100))
        .maxBackoff(Duration.ofMillis(300)).build();
    try (Response r = recording(policy).newCall(new Request.Builder().url(server.url("/x")).build()).execute()) {
      assertThat(r.code()).isEqualTo(503);
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
    // Jitter 0 gives half of 100, 200, then the 300 cap.
    assertThat(waits).containsExactly(Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(150));
  }

  @Test
  void postIsNotRetriedOnServerErrors() {
    server.enqueue(json(503, UNAVAILABLE));
    server.enqueue(json(201, Fixtures.pod("web-1", "1")));
    try (KubeClient client = Fixtures.client(server)) {
      assertThatThrownBy(() -> client.pods("demo").create(
          dev.skiff.model.core.v1.Pod.builder().metadata(
              dev.skiff.model.meta.v1.ObjectMeta.builder().name("web-1").build()).build()))
          .isInstanceOf(ServerErrorException.class);
      assertThat(server.getRequestCount()).isEqualTo(1);
    }
  }

  @Test
  void patchIsNotRetriedWhenTheConnectionBreaksAfterSending() throws Exception {
    server.enqueue(new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build());
    server.enqueue(json(200, "{}"));
    Request patch = new Request.Builder().url(server.url("/x"))
        .patch(RequestBody.create("{}", okhttp3.MediaType.get("application/merge-patch+json"))).build();
    OkHttpClient http = recording(RetryPolicy.defaults()).newBuilder().retryOnConnectionFailure(false).build();
    assertThatThrownBy(() -> http.newCall(patch).execute()).isInstanceOf(java.io.IOException.class);
    assertThat(server.getRequestCount()).isEqualTo(1);
    assertThat(waits).isEmpty();
  }

  @Test
  void getIsRetriedWhenTheConnectionBreaks() throws Exception {
    server.enqueue(new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build());
    server.enqueue(json(200, "{}"));
    OkHttpClient http = recording(RetryPolicy.defaults()).newBuilder().retryOnConnectionFailure(false).build();
    try (Response r = http.newCall(new Request.Builder().url(server.url("/x")).build()).execute()) {
      assertThat(r.code()).isEqualTo(200);
    }
    assertThat(waits).hasSize(1);
  }

  @Test
  void postIsRetriedOn429BecauseNothingWasProcessed() {
    server.enqueue(json(429, THROTTLED));
    server.enqueue(json(201, Fixtures.pod("web-1", "1")));
    try (KubeClient client = Fixtures.client(server)) {
      client.pods("demo").create(dev.skiff.model.core.v1.Pod.builder().metadata(
          dev.skiff.model.meta.v1.ObjectMeta.builder().name("web-1").build()).build());
      assertThat(server.getRequestCount()).isEqualTo(2);
    }
  }

  @Test
  void postIsNotRetriedOn429WhenThePolicySaysSo() {
    server.enqueue(json(429, THROTTLED));
    RetryPolicy policy = Fixtures.fastRetries().toBuilder().retryNonIdempotentOn429(false).build();
    try (KubeClient client = Fixtures.client(server, policy)) {
      assertThatThrownBy(() -> client.pods("demo").create(dev.skiff.model.core.v1.Pod.builder().metadata(
          dev.skiff.model.meta.v1.ObjectMeta.builder().name("web-1").build()).build()))
          .isInstanceOf(TooManyRequestsException.class);
      assertThat(server.getRequestCount()).isEqualTo(1);
    }
  }

  @Test
  void backoffStaysWithinItsJitterBoundsAndCap() {
    RetryPolicy policy = RetryPolicy.builder().initialBackoff(Duration.ofMillis(200))
        .maxBackoff(Duration.ofSeconds(5)).build();
    assertThat(policy.backoff(1, 0.0)).isEqualTo(Duration.ofMillis(100));
    assertThat(policy.backoff(1, 0.999_999)).isBetween(Duration.ofMillis(199), Duration.ofMillis(200));
    assertThat(policy.backoff(3, 0.0)).isEqualTo(Duration.ofMillis(400));
    assertThat(policy.backoff(40, 0.0)).isEqualTo(Duration.ofMillis(2500));
    assertThat(policy.backoff(40, 0.999_999)).isBetween(Duration.ofMillis(4999), Duration.ofSeconds(5));
  }
}
