package dev.skiff.watch;

import java.time.Duration;
import java.util.Objects;

/**
 * Brings the world in line with one primary object, for a {@link Controller}. It gets only the key: read the
 * object (and whatever else) from informers' listers, which may be behind the server, and write with
 * optimistic concurrency. Reconcile must be idempotent: it runs again after any change of the object or of an
 * object it owns, after resyncs, and after failures. The controller never runs it for the same key on two
 * workers at once.
 */
@FunctionalInterface
public interface Reconciler {

  /**
   * Reconciles the object with this key (which may have been deleted meanwhile).
   *
   * @param key the primary object's namespace and name
   * @return what to do next with the key
   * @throws Exception on failure: the key is retried with the queue's rate-limited backoff
   */
  Result reconcile(ObjectKey key) throws Exception;

  /** What a reconcile asks the controller to do next with its key. */
  final class Result {
    private static final Result DONE = new Result(null, false);
    private static final Result REQUEUE = new Result(null, true);

    private final Duration after;
    private final boolean rateLimited;

    private Result(Duration after, boolean rateLimited) {
      this.after = after;
      this.rateLimited = rateLimited;
    }

    /**
     * Done: forget the key's failures; it runs again on the next change.
     *
     * @return the result
     */
    public static Result done() {
      return DONE;
    }

    /**
     * Not done yet: run again after the queue's rate-limited backoff, as after a failure but without one.
     *
     * @return the result
     */
    public static Result requeue() {
      return REQUEUE;
    }

    /**
     * Done for now, but run again after a delay (e.g. to check on something that takes time), forgetting the
     * key's failures.
     *
     * @param delay the delay, positive
     * @return the result
     */
    public static Result requeueAfter(Duration delay) {
      if (Objects.requireNonNull(delay, "delay").isNegative() || delay.isZero()) {
        throw new IllegalArgumentException("requeueAfter needs a positive delay");
      }
      return new Result(delay, false);
    }

    boolean isRateLimited() {
      return rateLimited;
    }

    Duration after() {
      return after;
    }

    /** {@code done}, {@code requeue} or {@code requeueAfter(PT5S)}. */
    @Override
    public String toString() {
      return rateLimited ? "requeue" : after == null ? "done" : "requeueAfter(" + after + ")";
    }
  }
}
