package dev.skiff.watch.workqueue;

import io.reactivex.rxjava3.core.Scheduler;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/** The usual {@link RateLimiter}s, as in client-go's {@code util/workqueue}. */
public final class RateLimiters {
  private RateLimiters() {}

  /**
   * The default for controllers: the longer of a per-item exponential backoff from 5 ms to 1000 s and an
   * overall token bucket of 10 re-queues per second with bursts of 100.
   *
   * @param clock the scheduler whose clock the bucket uses
   * @param <K> the item type
   * @return the rate limiter
   */
  public static <K> RateLimiter<K> controllerDefault(Scheduler clock) {
    return maxOf(List.of(perItemExponential(Duration.ofMillis(5), Duration.ofSeconds(1000)),
        overallTokenBucket(10, 100, clock)));
  }

  /**
   * Per-item exponential backoff: {@code base * 2^n} after the n-th re-queue in a row, capped.
   *
   * @param base the first delay
   * @param max the longest delay
   * @param <K> the item type
   * @return the rate limiter
   */
  public static <K> RateLimiter<K> perItemExponential(Duration base, Duration max) {
    Objects.requireNonNull(base, "base");
    Objects.requireNonNull(max, "max");
    return new RateLimiter<>() {
      private final Map<K, Integer> failures = new HashMap<>();

      @Override
      public synchronized Duration when(K item) {
        int n = failures.merge(item, 1, Integer::sum) - 1;
        if (n >= 62 || base.toNanos() > max.toNanos() >> n) { // base * 2^n would pass the cap (or overflow)
          return max;
        }
        return Duration.ofNanos(base.toNanos() << n);
      }

      @Override
      public synchronized void forget(K item) {
        failures.remove(item);
      }

      @Override
      public synchronized int numRequeues(K item) {
        return failures.getOrDefault(item, 0);
      }
    };
  }

  /**
   * An overall token bucket: re-queues of all items together stay under {@code perSecond} per second, with
   * bursts of {@code burst}. A re-queue beyond that reserves the next token and waits for it.
   *
   * @param perSecond the sustained rate, positive
   * @param burst the bucket size, at least 1
   * @param clock the scheduler whose clock measures time
   * @param <K> the item type
   * @return the rate limiter; it counts no per-item re-queues
   */
  public static <K> RateLimiter<K> overallTokenBucket(double perSecond, int burst, Scheduler clock) {
    if (perSecond <= 0 || burst < 1) {
      throw new IllegalArgumentException("a token bucket needs perSecond > 0 and burst >= 1");
    }
    Objects.requireNonNull(clock, "clock");
    return new RateLimiter<>() {
      private double tokens = burst;
      private long last = clock.now(TimeUnit.NANOSECONDS);

      @Override
      public synchronized Duration when(K item) {
        long now = clock.now(TimeUnit.NANOSECONDS);
        tokens = Math.min(burst, tokens + (now - last) / 1e9 * perSecond);
        last = now;
        tokens -= 1; // reserve, even if it is not there yet: later callers wait behind this one
        return tokens >= 0 ? Duration.ZERO : Duration.ofNanos((long) Math.ceil(-tokens / perSecond * 1e9));
      }

      @Override
      public void forget(K item) {}

      @Override
      public int numRequeues(K item) {
        return 0;
      }
    };
  }

  /**
   * Combines rate limiters: the delay is the longest of theirs; the re-queue count the highest.
   *
   * @param limiters the rate limiters, at least one
   * @param <K> the item type
   * @return the combined rate limiter
   */
  public static <K> RateLimiter<K> maxOf(List<RateLimiter<K>> limiters) {
    List<RateLimiter<K>> all = List.copyOf(limiters);
    if (all.isEmpty()) {
      throw new IllegalArgumentException("no rate limiters");
    }
    return new RateLimiter<>() {
      @Override
      public Duration when(K item) {
        Duration longest = Duration.ZERO;
        for (RateLimiter<K> l : all) {
          Duration d = l.when(item);
          longest = d.compareTo(longest) > 0 ? d : longest;
        }
        return longest;
      }

      @Override
      public void forget(K item) {
        all.forEach(l -> l.forget(item));
      }

      @Override
      public int numRequeues(K item) {
        return all.stream().mapToInt(l -> l.numRequeues(item)).max().orElse(0);
      }
    };
  }
}
