package dev.skiff.watch;

import io.reactivex.rxjava3.core.Scheduler;
import io.reactivex.rxjava3.schedulers.Schedulers;
import java.time.Duration;
import java.util.Objects;
import java.util.Random;
import java.util.random.RandomGenerator;

/**
 * How a watch stream lists, watches and retries. Immutable; start from {@link #defaults()} and change what
 * you need: {@code WatchOptions.defaults().toBuilder().pageSize(100).build()}.
 */
public final class WatchOptions {
  private static final WatchOptions DEFAULTS = new Builder().build();

  private final int pageSize;
  private final Duration minWatchTimeout;
  private final Duration initialBackoff;
  private final Duration maxBackoff;
  private final Duration idleTimeout;
  private final Scheduler timerScheduler;
  private final Scheduler listScheduler;
  private final RandomGenerator random;

  private WatchOptions(Builder b) {
    this.pageSize = b.pageSize;
    this.minWatchTimeout = b.minWatchTimeout;
    this.initialBackoff = b.initialBackoff;
    this.maxBackoff = b.maxBackoff;
    this.idleTimeout = b.idleTimeout;
    this.timerScheduler = b.timerScheduler;
    this.listScheduler = b.listScheduler;
    this.random = b.random;
  }

  /**
   * The defaults: pages of 500, watches of 5 to 10 minutes, backoff from 800 ms to 30 s, a connection that
   * stays silent for 3 minutes while events are wanted counts as dead; timers on
   * {@link Schedulers#computation()}, list calls on {@link Schedulers#io()}.
   *
   * @return the default options
   */
  public static WatchOptions defaults() {
    return DEFAULTS;
  }

  /**
   * A builder starting from these options.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** @return the page size of list calls */
  public int pageSize() {
    return pageSize;
  }

  /** @return the shortest server-side watch timeout; each watch asks for a random one between this and twice this */
  public Duration minWatchTimeout() {
    return minWatchTimeout;
  }

  /** @return the first delay after a failure */
  public Duration initialBackoff() {
    return initialBackoff;
  }

  /** @return the longest delay after repeated failures */
  public Duration maxBackoff() {
    return maxBackoff;
  }

  /** @return how long a watch may stay silent (no event, no bookmark) while events are wanted before it is dropped */
  public Duration idleTimeout() {
    return idleTimeout;
  }

  /** @return the scheduler for delays and timeouts, and the stream's clock */
  public Scheduler timerScheduler() {
    return timerScheduler;
  }

  /** @return the scheduler blocking list calls run on */
  public Scheduler listScheduler() {
    return listScheduler;
  }

  /** @return the source of jitter */
  public RandomGenerator random() {
    return random;
  }

  /** Builds {@link WatchOptions}. */
  public static final class Builder {
    private int pageSize = 500;
    private Duration minWatchTimeout = Duration.ofMinutes(5);
    private Duration initialBackoff = Duration.ofMillis(800);
    private Duration maxBackoff = Duration.ofSeconds(30);
    private Duration idleTimeout = Duration.ofMinutes(3);
    private Scheduler timerScheduler = Schedulers.computation();
    private Scheduler listScheduler = Schedulers.io();
    private RandomGenerator random = new Random();

    private Builder() {}

    private Builder(WatchOptions o) {
      pageSize = o.pageSize;
      minWatchTimeout = o.minWatchTimeout;
      initialBackoff = o.initialBackoff;
      maxBackoff = o.maxBackoff;
      idleTimeout = o.idleTimeout;
      timerScheduler = o.timerScheduler;
      listScheduler = o.listScheduler;
      random = o.random;
    }

    /**
     * Sets the page size of list calls.
     *
     * @param pageSize at least 1
     * @return this builder
     */
    public Builder pageSize(int pageSize) {
      if (pageSize < 1) {
        throw new IllegalArgumentException("pageSize must be at least 1");
      }
      this.pageSize = pageSize;
      return this;
    }

    /**
     * Sets the shortest server-side watch timeout; each watch asks for a random one up to twice as long, so
     * that many clients do not reconnect in step.
     *
     * @param timeout at least one second
     * @return this builder
     */
    public Builder minWatchTimeout(Duration timeout) {
      if (timeout.getSeconds() < 1) {
        throw new IllegalArgumentException("minWatchTimeout must be at least one second");
      }
      this.minWatchTimeout = timeout;
      return this;
    }

    /**
     * Sets the backoff after failures: the delay starts at {@code initial}, doubles with each failure in a
     * row up to {@code max}, with random jitter, and starts over after a success.
     *
     * @param initial the first delay, positive
     * @param max the longest delay, not shorter than {@code initial}
     * @return this builder
     */
    public Builder backoff(Duration initial, Duration max) {
      if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
        throw new IllegalArgumentException("backoff needs 0 < initial <= max");
      }
      this.initialBackoff = initial;
      this.maxBackoff = max;
      return this;
    }

    /**
     * Sets how long a watch connection may stay silent, neither an event nor a bookmark, while the subscriber
     * wants events, before it counts as half-open and is replaced. Time a slow subscriber takes does not
     * count. Servers send bookmarks about once a minute.
     *
     * @param timeout positive
     * @return this builder
     */
    public Builder idleTimeout(Duration timeout) {
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("idleTimeout must be positive");
      }
      this.idleTimeout = timeout;
      return this;
    }

    /**
     * Sets the scheduler for backoff delays and idle timeouts, also the stream's clock; tests pass a
     * {@code TestScheduler}.
     *
     * @param scheduler the scheduler
     * @return this builder
     */
    public Builder timerScheduler(Scheduler scheduler) {
      this.timerScheduler = Objects.requireNonNull(scheduler, "scheduler");
      return this;
    }

    /**
     * Sets the scheduler blocking list calls run on.
     *
     * @param scheduler the scheduler, {@link Schedulers#io()} by default
     * @return this builder
     */
    public Builder listScheduler(Scheduler scheduler) {
      this.listScheduler = Objects.requireNonNull(scheduler, "scheduler");
      return this;
    }

    /**
     * Sets the source of jitter; tests pass a seeded one.
     *
     * @param random the generator
     * @return this builder
     */
    public Builder random(RandomGenerator random) {
      this.random = Objects.requireNonNull(random, "random");
      return this;
    }

    /**
     * Builds the options.
     *
     * @return the options
     */
    public WatchOptions build() {
      return new WatchOptions(this);
    }
  }
}
