package dev.skiff.client;

import java.time.Duration;
import java.util.Objects;

/**
 * When and how often a {@link KubeClient} retries a failed request.
 *
 * <p>What is retried:
 * <ul>
 *   <li>{@code GET}, {@code PUT} and {@code DELETE} (idempotent: repeating them cannot do the work twice) on
 *       429, on 500, 502, 503 and 504, and on I/O failures;</li>
 *   <li>{@code POST} and {@code PATCH} only when the connection could not be established (nothing was sent),
 *       and on 429 when {@link #retryNonIdempotentOn429()} is set (the default): the API server's priority and
 *       fairness filter and max-in-flight limit reject a request with 429 before any handler runs, so
 *       nothing was processed. A 5xx or a broken connection after sending may mean the object was created
 *       or patched, so those are never retried.</li>
 * </ul>
 * Waits grow exponentially from {@link #initialBackoff()} up to {@link #maxBackoff()}, with random jitter
 * (each wait is between half and all of the exponential value) so that many clients do not retry in step.
 * A {@code Retry-After} header (seconds or an HTTP date) sets a longer wait, bounded by
 * {@link #maxRetryAfter()}. The {@code 409 Conflict} retries of {@code ResourceClient.edit} are counted
 * separately, by {@link #maxConflictRetries()}.
 *
 * <pre>{@code
 * RetryPolicy policy = RetryPolicy.builder().maxAttempts(6).initialBackoff(Duration.ofMillis(100)).build();
 * }</pre>
 */
public final class RetryPolicy {
  private static final RetryPolicy DEFAULTS = builder().build();
  private static final RetryPolicy NONE = builder().maxAttempts(1).maxConflictRetries(0).build();

  private final int maxAttempts;
  private final Duration initialBackoff;
  private final Duration maxBackoff;
  private final Duration maxRetryAfter;
  private final boolean retryNonIdempotentOn429;
  private final int maxConflictRetries;

  private RetryPolicy(Builder b) {
    this.maxAttempts = b.maxAttempts;
    this.initialBackoff = b.initialBackoff;
    this.maxBackoff = b.maxBackoff;
    this.maxRetryAfter = b.maxRetryAfter;
    this.retryNonIdempotentOn429 = b.retryNonIdempotentOn429;
    this.maxConflictRetries = b.maxConflictRetries;
  }

  /**
   * The default policy: 4 attempts, backoff from 200 ms to 5 s, {@code Retry-After} honoured up to 30 s,
   * POST/PATCH retried on 429, 5 conflict retries in {@code edit}.
   *
   * @return the default policy
   */
  public static RetryPolicy defaults() {
    return DEFAULTS;
  }

  /**
   * A policy that never retries.
   *
   * @return one attempt per request, no conflict retries
   */
  public static RetryPolicy none() {
    return NONE;
  }

  /**
   * Starts from the defaults.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder holding this policy's settings.
   *
   * @return a builder to derive a changed policy from
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.maxAttempts = maxAttempts;
    b.initialBackoff = initialBackoff;
    b.maxBackoff = maxBackoff;
    b.maxRetryAfter = maxRetryAfter;
    b.retryNonIdempotentOn429 = retryNonIdempotentOn429;
    b.maxConflictRetries = maxConflictRetries;
    return b;
  }

  /** @return the most attempts per request, counting the first; at least 1 */
  public int maxAttempts() {
    return maxAttempts;
  }

  /** @return the wait before the first retry, before jitter */
  public Duration initialBackoff() {
    return initialBackoff;
  }

  /** @return the longest exponential wait, before jitter */
  public Duration maxBackoff() {
    return maxBackoff;
  }

  /** @return the longest wait a {@code Retry-After} header may ask for */
  public Duration maxRetryAfter() {
    return maxRetryAfter;
  }

  /** @return whether POST and PATCH are retried on 429 */
  public boolean retryNonIdempotentOn429() {
    return retryNonIdempotentOn429;
  }

  /** @return how often {@code edit} re-reads and retries after a 409 Conflict */
  public int maxConflictRetries() {
    return maxConflictRetries;
  }

  /**
   * The wait before retry number {@code retry} (1 for the first retry), with jitter.
   *
   * @param retry the retry number, from 1
   * @param random a value in [0, 1) to apply as jitter
   * @return the wait
   */
  public Duration backoff(int retry, double random) {
    long initial = initialBackoff.toNanos();
    long cap = maxBackoff.toNanos();
    int shift = Math.min(retry - 1, 30);
    long exp = initial > (cap >> shift) ? cap : Math.min(cap, initial << shift);
    return Duration.ofNanos((long) (exp * (0.5 + random / 2)));
  }

  @Override
  public String toString() {
    return "RetryPolicy{maxAttempts=" + maxAttempts + ", initialBackoff=" + initialBackoff + ", maxBackoff="
        + maxBackoff + ", maxRetryAfter=" + maxRetryAfter + ", retryNonIdempotentOn429="
        + retryNonIdempotentOn429 + ", maxConflictRetries=" + maxConflictRetries + "}";
  }

  /** Builds a {@link RetryPolicy}. */
  public static final class Builder {
    private int maxAttempts = 4;
    private Duration initialBackoff = Duration.ofMillis(200);
    private Duration maxBackoff = Duration.ofSeconds(5);
    private Duration maxRetryAfter = Duration.ofSeconds(30);
    private boolean retryNonIdempotentOn429 = true;
    private int maxConflictRetries = 5;

    private Builder() {}

    /**
     * The most attempts per request, counting the first (default 4).
     *
     * @param maxAttempts at least 1; 1 disables retries
     * @return this builder
     */
    public Builder maxAttempts(int maxAttempts) {
      if (maxAttempts < 1) {
        throw new IllegalArgumentException("maxAttempts must be at least 1: " + maxAttempts);
      }
      this.maxAttempts = maxAttempts;
      return this;
    }

    /**
     * The wait before the first retry, doubled for each further retry (default 200 ms).
     *
     * @param initialBackoff a non-negative duration
     * @return this builder
     */
    public Builder initialBackoff(Duration initialBackoff) {
      this.initialBackoff = nonNegative(initialBackoff, "initialBackoff");
      return this;
    }

    /**
     * The cap on the exponential wait (default 5 s).
     *
     * @param maxBackoff a non-negative duration
     * @return this builder
     */
    public Builder maxBackoff(Duration maxBackoff) {
      this.maxBackoff = nonNegative(maxBackoff, "maxBackoff");
      return this;
    }

    /**
     * The cap on a wait the server asks for with {@code Retry-After} (default 30 s).
     *
     * @param maxRetryAfter a non-negative duration
     * @return this builder
     */
    public Builder maxRetryAfter(Duration maxRetryAfter) {
      this.maxRetryAfter = nonNegative(maxRetryAfter, "maxRetryAfter");
      return this;
    }

    /**
     * Whether POST and PATCH are retried on 429 (default true; see the class comment for why that is safe).
     *
     * @param retry true to retry them
     * @return this builder
     */
    public Builder retryNonIdempotentOn429(boolean retry) {
      this.retryNonIdempotentOn429 = retry;
      return this;
    }

    /**
     * How often {@code edit} re-reads the object and tries again after a 409 Conflict (default 5).
     *
     * @param maxConflictRetries 0 or more
     * @return this builder
     */
    public Builder maxConflictRetries(int maxConflictRetries) {
      if (maxConflictRetries < 0) {
        throw new IllegalArgumentException("maxConflictRetries must not be negative: " + maxConflictRetries);
      }
      this.maxConflictRetries = maxConflictRetries;
      return this;
    }

    /**
     * Creates the policy.
     *
     * @return an immutable policy
     */
    public RetryPolicy build() {
      return new RetryPolicy(this);
    }

    private static Duration nonNegative(Duration d, String what) {
      Objects.requireNonNull(d, what);
      if (d.isNegative()) {
        throw new IllegalArgumentException(what + " must not be negative: " + d);
      }
      return d;
    }
  }
}
