package dev.skiff.client.internal;

import java.time.Duration;

/** Waits between retries; tests substitute one that records instead of waiting. Not public API. */
@FunctionalInterface
public interface Sleeper {
  /** The real clock. */
  Sleeper SYSTEM = d -> Thread.sleep(d.toMillis(), d.toNanosPart() % 1_000_000);

  /**
   * Waits.
   *
   * @param duration how long
   * @throws InterruptedException when the thread is interrupted
   */
  void sleep(Duration duration) throws InterruptedException;
}
