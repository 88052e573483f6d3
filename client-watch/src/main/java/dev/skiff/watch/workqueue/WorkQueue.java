package dev.skiff.watch.workqueue;

import io.reactivex.rxjava3.core.Scheduler;
import io.reactivex.rxjava3.disposables.Disposable;
import io.reactivex.rxjava3.schedulers.Schedulers;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A queue of items (usually {@link dev.skiff.watch.ObjectKey}s) for workers to process, as client-go's
 * rate-limiting work queue.
 *
 * <ul>
 *   <li><b>Fair:</b> items are handed out in the order they were first added.
 *   <li><b>Stingy:</b> an item is in the queue at most once however often it is added, and is never handed to
 *       two workers at once. An item added while a worker processes it is marked dirty and queued again when
 *       the worker calls {@link #done}, so that no change is missed and none is processed concurrently.
 *   <li><b>Delays:</b> {@link #addAfter} queues an item later (the earliest pending time wins);
 *       {@link #addRateLimited} asks the {@link RateLimiter} for the delay; {@link #forget} resets it.
 *   <li><b>Shutdown:</b> after {@link #shutDown()} additions are ignored and {@link #take()} hands out what is
 *       left, then returns empty. {@link #shutDownAndDrain} also waits for items being processed.
 * </ul>
 *
 * <p>A worker loop: {@code for (Optional<K> k; (k = queue.take()).isPresent(); ) { try { process(k.get());
 * queue.forget(k.get()); } catch (Exception e) { queue.addRateLimited(k.get()); } finally {
 * queue.done(k.get()); } }}. Thread-safe.
 *
 * @param <K> the item type, with meaningful {@code equals} and {@code hashCode}
 */
public final class WorkQueue<K> {
  private final RateLimiter<K> rateLimiter;
  private final Scheduler scheduler;
  private final Deque<K> queue = new ArrayDeque<>();
  private final Set<K> dirty = new HashSet<>();
  private final Set<K> processing = new HashSet<>();
  private final Map<K, Waiting> waiting = new HashMap<>();
  private boolean shuttingDown;

  private record Waiting(long readyAtNanos, Disposable timer) {}

  private WorkQueue(Builder<K> b) {
    this.scheduler = b.scheduler;
    this.rateLimiter = b.rateLimiter != null ? b.rateLimiter : RateLimiters.controllerDefault(b.scheduler);
  }

  /**
   * Starts describing a queue.
   *
   * @param <K> the item type
   * @return a builder
   */
  public static <K> Builder<K> builder() {
    return new Builder<>();
  }

  /**
   * Queues an item unless it is queued already; if it is being processed, queues it again once done.
   * Ignored after shutdown.
   *
   * @param item the item
   */
  public synchronized void add(K item) {
    Objects.requireNonNull(item, "item");
    if (shuttingDown || !dirty.add(item)) {
      return;
    }
    if (!processing.contains(item)) {
      queue.addLast(item);
      notify();
    }
  }

  /**
   * Queues an item after a delay. If the item already waits, the earlier time wins. Ignored after shutdown.
   *
   * @param item the item
   * @param delay the delay; zero or negative adds at once
   */
  public synchronized void addAfter(K item, Duration delay) {
    Objects.requireNonNull(item, "item");
    if (shuttingDown) {
      return;
    }
    if (delay.isZero() || delay.isNegative()) {
      add(item);
      return;
    }
    long readyAt = scheduler.now(TimeUnit.NANOSECONDS) + delay.toNanos();
    Waiting existing = waiting.get(item);
    if (existing != null) {
      if (existing.readyAtNanos() <= readyAt) {
        return;
      }
      existing.timer().dispose();
    }
    Disposable timer = scheduler.scheduleDirect(() -> ready(item, readyAt), delay.toNanos(), TimeUnit.NANOSECONDS);
    waiting.put(item, new Waiting(readyAt, timer));
  }

  /**
   * Queues an item after the delay the rate limiter gives, counting a re-queue.
   *
   * @param item the item
   */
  public void addRateLimited(K item) {
    addAfter(item, rateLimiter.when(item));
  }

  /**
   * Resets the item's rate limiting, after it was processed successfully. It does not remove the item.
   *
   * @param item the item
   */
  public void forget(K item) {
    rateLimiter.forget(item);
  }

  /**
   * How often the item was re-queued with {@link #addRateLimited} since it was last forgotten.
   *
   * @param item the item
   * @return the count
   */
  public int numRequeues(K item) {
    return rateLimiter.numRequeues(item);
  }

  /**
   * Waits for an item to process. The caller must call {@link #done} with it afterwards.
   *
   * @return the next item, or empty once the queue is shut down and empty
   * @throws InterruptedException when interrupted while waiting
   */
  public synchronized Optional<K> take() throws InterruptedException {
    while (queue.isEmpty() && !shuttingDown) {
      wait();
    }
    return poll();
  }

  /**
   * Takes an item if one is queued, without waiting. The caller must call {@link #done} with it afterwards.
   *
   * @return the next item, or empty
   */
  public synchronized Optional<K> poll() {
    K item = queue.pollFirst();
    if (item == null) {
      return Optional.empty();
    }
    processing.add(item);
    dirty.remove(item);
    return Optional.of(item);
  }

  /**
   * Marks an item as processed; if it was added meanwhile, it is queued again.
   *
   * @param item an item {@link #take()} or {@link #poll()} returned
   */
  public synchronized void done(K item) {
    if (!processing.remove(item)) {
      throw new IllegalStateException("done(" + item + ") for an item not being processed");
    }
    if (dirty.contains(item)) {
      queue.addLast(item);
    }
    notifyAll();
  }

  /**
   * The number of items queued, not counting items being processed or waiting for a delay.
   *
   * @return the queue length
   */
  public synchronized int size() {
    return queue.size();
  }

  /**
   * The number of items waiting for a delay ({@link #addAfter}, {@link #addRateLimited}) before being queued.
   *
   * @return the number of delayed items
   */
  public synchronized int delayed() {
    return waiting.size();
  }

  /**
   * Stops accepting items and drops waiting delayed ones; workers get what is queued, then empty.
   */
  public synchronized void shutDown() {
    shuttingDown = true;
    waiting.values().forEach(w -> w.timer().dispose());
    waiting.clear();
    notifyAll();
  }

  /**
   * Shuts down, then waits until no item is queued or being processed.
   *
   * @param timeout how long to wait at most
   * @return true when drained, false when the timeout passed first
   * @throws InterruptedException when interrupted while waiting
   */
  public synchronized boolean shutDownAndDrain(Duration timeout) throws InterruptedException {
    shutDown();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!queue.isEmpty() || !processing.isEmpty()) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    return true;
  }

  /**
   * Whether {@link #shutDown()} was called.
   *
   * @return true after shutdown
   */
  public synchronized boolean isShuttingDown() {
    return shuttingDown;
  }

  private synchronized void ready(K item, long readyAt) {
    Waiting w = waiting.get(item);
    if (w != null && w.readyAtNanos() == readyAt) {
      waiting.remove(item);
      add(item);
    }
  }

  /**
   * Builds a {@link WorkQueue}.
   *
   * @param <K> the item type
   */
  public static final class Builder<K> {
    private RateLimiter<K> rateLimiter;
    private Scheduler scheduler = Schedulers.computation();

    private Builder() {}

    /**
     * Sets the rate limiter of {@link #addRateLimited}; {@link RateLimiters#controllerDefault} by default.
     *
     * @param rateLimiter the rate limiter
     * @return this builder
     */
    public Builder<K> rateLimiter(RateLimiter<K> rateLimiter) {
      this.rateLimiter = Objects.requireNonNull(rateLimiter, "rateLimiter");
      return this;
    }

    /**
     * Sets the scheduler for delays, also the clock; {@link Schedulers#computation()} by default, a
     * {@code TestScheduler} in tests.
     *
     * @param scheduler the scheduler
     * @return this builder
     */
    public Builder<K> scheduler(Scheduler scheduler) {
      this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
      return this;
    }

    /**
     * Builds the queue.
     *
     * @return the queue
     */
    public WorkQueue<K> build() {
      return new WorkQueue<>(this);
    }
  }
}
