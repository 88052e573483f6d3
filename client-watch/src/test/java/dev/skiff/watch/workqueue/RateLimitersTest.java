package dev.skiff.watch.workqueue;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactivex.rxjava3.schedulers.TestScheduler;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The {@link RateLimiters}, with a {@link TestScheduler} as the clock. */
class RateLimitersTest {
  private final TestScheduler clock = new TestScheduler();

  @Test
  void perItemExponentialDoublesPerItemUpToTheCap() {
    RateLimiter<String> limiter = RateLimiters.perItemExponential(Duration.ofMillis(5), Duration.ofSeconds(1));
    assertThat(limiter.when("a")).isEqualTo(Duration.ofMillis(5));
    assertThat(limiter.when("a")).isEqualTo(Duration.ofMillis(10));
    assertThat(limiter.when("b")).isEqualTo(Duration.ofMillis(5));
    for (int i = 0; i < 100; i++) {
      limiter.when("a");
    }
    assertThat(limiter.when("a")).isEqualTo(Duration.ofSeconds(1));
    limiter.forget("a");
    assertThat(limiter.when("a")).isEqualTo(Duration.ofMillis(5));
  }

  @Test
  void theOverallTokenBucketAllowsABurstThenSpacesRequeuesAtTheRate() {
    RateLimiter<String> limiter = RateLimiters.overallTokenBucket(2, 3, clock);
    assertThat(List.of(limiter.when("a"), limiter.when("b"), limiter.when("c")))
        .containsOnly(Duration.ZERO);
    assertThat(limiter.when("d")).isEqualTo(Duration.ofMillis(500));
    assertThat(limiter.when("e")).isEqualTo(Duration.ofMillis(1000));
    clock.advanceTimeBy(1, TimeUnit.SECONDS); // pays back the two reservations
    assertThat(limiter.when("f")).isEqualTo(Duration.ofMillis(500));
    clock.advanceTimeBy(1, TimeUnit.MINUTES);
    assertThat(limiter.when("g")).isEqualTo(Duration.ZERO);
  }

  @Test
  void theControllerDefaultTakesTheLongerOfBothDelays() {
    RateLimiter<String> limiter = RateLimiters.controllerDefault(clock);
    for (int i = 0; i < 100; i++) {
      assertThat(limiter.when("key" + i)).isEqualTo(Duration.ofMillis(5)); // within the burst of 100
    }
    assertThat(limiter.when("key100")).isEqualTo(Duration.ofMillis(100)); // the bucket: 10 per second
    assertThat(limiter.numRequeues("key0")).isEqualTo(1);
  }
}
