package dev.skiff.watch;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with jitter for one watch stream: each failure in a row doubles the delay up to a cap;
 * each delay is drawn between half and all of the current step, so that clients failing together do not
 * retry together. Not thread-safe: a stream uses it from one phase at a time.
 */
final class Backoff {
  private final long initialMillis;
  private final long maxMillis;
  private final RandomGenerator random;
  private int failures;

  Backoff(Duration initial, Duration max, RandomGenerator random) {
    this.initialMillis = initial.toMillis();
    this.maxMillis = max.toMillis();
    this.random = random;
  }

  /** The delay before the next attempt, counting one more failure. */
  Duration next() {
    long step = initialMillis << Math.min(failures, 30);
    step = Math.min(step < 0 ? maxMillis : step, maxMillis);
    failures++;
    long half = step / 2;
    return Duration.ofMillis(half + (long) (random.nextDouble() * (step - half + 1)));
  }

  /** After a success: the next failure waits the initial delay again. */
  void reset() {
    failures = 0;
  }
}
