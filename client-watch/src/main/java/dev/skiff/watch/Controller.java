package dev.skiff.watch;

import dev.skiff.model.KubernetesObject;
import dev.skiff.model.ResourceType;
import dev.skiff.model.meta.v1.OwnerReference;
import dev.skiff.watch.workqueue.RateLimiters;
import dev.skiff.watch.workqueue.WorkQueue;
import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.disposables.CompositeDisposable;
import io.reactivex.rxjava3.schedulers.Schedulers;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a {@link Reconciler} for the objects of one primary type: every change of a primary object, and of a
 * secondary object it {@linkplain Builder#owns owns} (found through the secondary's controller
 * {@code ownerReference}), puts the primary's key in a {@link WorkQueue}; N worker threads take keys and
 * reconcile them, never one key on two workers at once, requeueing as the reconciler asks and retrying
 * failures with the queue's rate-limited backoff. Workers start once every informer has synced.
 *
 * <pre>{@code
 * Controller controller = Controller.builder(deployments, key -> {
 *       ... read from listers, write to the API server ...
 *       return Reconciler.Result.done();
 *     })
 *     .owns(replicaSets)
 *     .workers(4)
 *     .build();
 * controller.start();
 * }</pre>
 *
 * <p>The controller subscribes to the informers but does not start or stop them: their factory does.
 */
public final class Controller {
  private static final System.Logger LOG = System.getLogger(Controller.class.getName());

  private final Informer<?> primary;
  private final List<Informer<?>> secondaries;
  private final Reconciler reconciler;
  private final WorkQueue<ObjectKey> queue;
  private final int workers;
  private final ThreadFactory threadFactory;
  private final CompositeDisposable subscriptions = new CompositeDisposable();
  private final List<Thread> threads = new ArrayList<>();
  private boolean started; // guarded by this

  private Controller(Builder b) {
    this.primary = b.primary;
    this.secondaries = List.copyOf(b.secondaries);
    this.reconciler = b.reconciler;
    this.workers = b.workers;
    this.queue = b.queue != null ? b.queue
        : WorkQueue.<ObjectKey>builder().rateLimiter(RateLimiters.controllerDefault(Schedulers.computation()))
            .build();
    this.threadFactory = b.threadFactory != null ? b.threadFactory : daemonThreads(primary.resourceType());
  }

  /**
   * Starts describing a controller.
   *
   * @param primary the informer of the primary type, whose keys are reconciled
   * @param reconciler what to do with a key
   * @return a builder
   */
  public static Builder builder(Informer<?> primary, Reconciler reconciler) {
    return new Builder(primary, reconciler);
  }

  /**
   * Subscribes to the informers and starts the workers, which wait for the informers to sync. Idempotent.
   */
  public synchronized void start() {
    if (started) {
      return;
    }
    started = true;
    subscriptions.add(primary.events().subscribe(event -> {
      if (event.type() != WatchEvent.Type.SYNCED) {
        queue.add(event.key());
      }
    }, error -> LOG.log(Level.ERROR, "primary informer " + primary + " failed", error)));
    ResourceType<?> owner = primary.resourceType();
    for (Informer<?> secondary : secondaries) {
      subscriptions.add(secondary.events().subscribe(event -> {
        if (event.type() != WatchEvent.Type.SYNCED) {
          ownerKey(owner, event.object()).ifPresent(queue::add);
          event.oldObject().flatMap(old -> ownerKey(owner, old)).ifPresent(queue::add);
        }
      }, error -> LOG.log(Level.ERROR, "secondary informer " + secondary + " failed", error)));
    }
    List<Completable> synced = new ArrayList<>();
    synced.add(primary.synced());
    secondaries.forEach(s -> synced.add(s.synced()));
    Completable allSynced = Completable.merge(synced).cache();
    for (int i = 0; i < workers; i++) {
      Thread t = threadFactory.newThread(() -> work(allSynced));
      threads.add(t);
      t.start();
    }
  }

  /**
   * Stops taking changes, lets the workers finish what is queued and in progress, and waits for them.
   *
   * @param timeout how long to wait at most
   * @return true when every worker ended in time
   * @throws InterruptedException when interrupted while waiting
   */
  public boolean stop(Duration timeout) throws InterruptedException {
    subscriptions.dispose();
    long deadline = System.nanoTime() + timeout.toNanos();
    boolean drained = queue.shutDownAndDrain(timeout);
    List<Thread> running;
    synchronized (this) {
      running = List.copyOf(threads);
    }
    for (Thread t : running) {
      t.interrupt(); // workers still waiting for the informers to sync
      t.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
    }
    return drained && running.stream().noneMatch(Thread::isAlive);
  }

  /**
   * Queues a key for reconciliation, e.g. from an event source the controller does not know.
   *
   * @param key the primary object's key
   */
  public void enqueue(ObjectKey key) {
    queue.add(key);
  }

  private void work(Completable synced) {
    try {
      synced.blockingAwait();
    } catch (RuntimeException e) {
      if (!queue.isShuttingDown()) {
        LOG.log(Level.ERROR, "informers of " + primary + " did not sync; worker ends", e);
      }
      return;
    }
    while (true) {
      Optional<ObjectKey> next;
      try {
        next = queue.take();
      } catch (InterruptedException e) {
        return;
      }
      if (next.isEmpty()) {
        return;
      }
      ObjectKey key = next.get();
      try {
        Reconciler.Result result = reconciler.reconcile(key);
        if (result.isRateLimited()) {
          queue.addRateLimited(key);
        } else {
          queue.forget(key);
          if (result.after() != null) {
            queue.addAfter(key, result.after());
          }
        }
      } catch (Exception e) {
        LOG.log(Level.WARNING, "reconcile " + key + " failed; retrying with backoff", e);
        queue.addRateLimited(key);
      } finally {
        queue.done(key);
      }
    }
  }

  /** The key of the object's controlling owner if it is of the primary type. */
  private static Optional<ObjectKey> ownerKey(ResourceType<?> owner, KubernetesObject object) {
    if (object.metadata() == null) {
      return Optional.empty();
    }
    for (OwnerReference ref : object.metadata().ownerReferences()) {
      if (Boolean.TRUE.equals(ref.controller()) && ref.kind().equals(owner.kind())
          && group(ref.apiVersion()).equals(owner.group())) {
        String namespace = object.metadata().namespace();
        return Optional.of(new ObjectKey(namespace == null ? "" : namespace, ref.name()));
      }
    }
    return Optional.empty();
  }

  private static String group(String apiVersion) {
    int slash = apiVersion.indexOf('/');
    return slash < 0 ? "" : apiVersion.substring(0, slash);
  }

  private static ThreadFactory daemonThreads(ResourceType<?> type) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, "skiff-controller-" + type.plural() + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /** Builds a {@link Controller}. */
  public static final class Builder {
    private final Informer<?> primary;
    private final Reconciler reconciler;
    private final List<Informer<?>> secondaries = new ArrayList<>();
    private int workers = 1;
    private WorkQueue<ObjectKey> queue;
    private ThreadFactory threadFactory;

    private Builder(Informer<?> primary, Reconciler reconciler) {
      this.primary = Objects.requireNonNull(primary, "primary");
      this.reconciler = Objects.requireNonNull(reconciler, "reconciler");
    }

    /**
     * Also reconciles a primary object when an object it owns changes: objects of this informer whose
     * controller {@code ownerReference} points to the primary type (same group and kind) queue their owner's
     * key, in their own namespace.
     *
     * @param secondary the informer of an owned type
     * @return this builder
     */
    public Builder owns(Informer<?> secondary) {
      secondaries.add(Objects.requireNonNull(secondary, "secondary"));
      return this;
    }

    /**
     * Sets the number of worker threads; 1 by default.
     *
     * @param workers at least 1
     * @return this builder
     */
    public Builder workers(int workers) {
      if (workers < 1) {
        throw new IllegalArgumentException("at least one worker");
      }
      this.workers = workers;
      return this;
    }

    /**
     * Sets the work queue, e.g. to choose its rate limiter; by default one with
     * {@link RateLimiters#controllerDefault}. The controller shuts it down when it stops.
     *
     * @param queue the queue
     * @return this builder
     */
    public Builder queue(WorkQueue<ObjectKey> queue) {
      this.queue = Objects.requireNonNull(queue, "queue");
      return this;
    }

    /**
     * Sets where worker threads come from; by default daemon threads named after the primary type.
     *
     * @param threadFactory the thread factory
     * @return this builder
     */
    public Builder threadFactory(ThreadFactory threadFactory) {
      this.threadFactory = Objects.requireNonNull(threadFactory, "threadFactory");
      return this;
    }

    /**
     * Builds the controller, not yet started.
     *
     * @return the controller
     */
    public Controller build() {
      return new Controller(this);
    }
  }
}
