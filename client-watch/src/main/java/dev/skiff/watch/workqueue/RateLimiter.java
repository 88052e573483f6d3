package dev.skiff.watch.workqueue;

import java.time.Duration;

/**
 * Decides how long an item waits before it is re-queued after a failure, as client-go's
 * {@code TypedRateLimiter}. See {@link RateLimiters} for the usual ones. Implementations are thread-safe.
 *
 * @param <K> the item type
 */
public interface RateLimiter<K> {

  /**
   * The delay before the item may be processed again; counts one more re-queue of the item.
   *
   * @param item the item
   * @return the delay, zero for none
   */
  Duration when(K item);

  /**
   * Forgets the item's failures: its next delay starts over. Call it when the item was processed successfully.
   *
   * @param item the item
   */
  void forget(K item);

  /**
   * How often the item has been re-queued since it was last forgotten.
   *
   * @param item the item
   * @return the count, zero for an unknown item
   */
  int numRequeues(K item);
}
