package dev.skiff.watch;

import dev.skiff.model.KubernetesObject;
import dev.skiff.model.ResourceType;
import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Scheduler;
import io.reactivex.rxjava3.disposables.CompositeDisposable;
import io.reactivex.rxjava3.processors.UnicastProcessor;
import io.reactivex.rxjava3.schedulers.Schedulers;
import io.reactivex.rxjava3.subjects.CompletableSubject;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A local cache of the objects of one resource type in one {@link Scope}, kept up to date by one
 * {@linkplain WatchStreams watch stream}, with indexes, {@linkplain #lister() listers} and an event stream per
 * subscriber. Many consumers share one informer (and so one watch) through a {@link SharedInformerFactory}.
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li><b>Eventual consistency.</b> The cache follows the server with a delay; it can be behind what a
 *       direct read would return, never ahead, and it reaches the server's state once changes stop and the
 *       stream is connected. After a relist it equals the server's state at the list's version. A handler
 *       must therefore act on what it reads as a hint, and let writes fail on a resource version conflict.
 *   <li><b>Synced.</b> {@link #hasSynced()} turns true (and {@link #synced()} completes) once the first list is
 *       in the cache; before that the cache is incomplete and listers must not be trusted to be complete.
 *   <li><b>Per-object order.</b> Every subscriber sees the changes of one object in the order the cache
 *       applied them, and each change after the cache holds it: a lister read from a handler shows the event's
 *       state or a newer one. There is no order across objects beyond the order of the watch.
 *   <li><b>Joining late.</b> A subscriber that subscribes to {@link #events()} while the informer runs first
 *       gets the cache's content as {@code ADDED} events (then {@code SYNCED} if synced), then live changes.
 *   <li><b>Resync.</b> With a resync period, every cached object is re-delivered as a {@code MODIFIED} event
 *       whose old and new states are the same instance ({@link WatchEvent#isResync()}), so that handlers
 *       re-check objects without waiting for a change. It does not call the server.
 *   <li><b>What a handler may do.</b> Read listers, enqueue keys, call the API server. Events reach each
 *       subscriber on the {@linkplain Builder#deliveryScheduler delivery scheduler}, one at a time; a slow
 *       subscriber delays only itself: its events wait in its own queue (not bounded: keep handlers quick
 *       and move work to a {@link dev.skiff.watch.workqueue.WorkQueue}).
 *   <li><b>What a handler must not do.</b> Mutate the objects (they are shared, immutable model objects;
 *       build a copy with {@code with*}), or block for long on its delivery thread.
 *   <li><b>Failure.</b> Transient failures are retried by the watch stream and not seen here. An error that
 *       retrying cannot fix (e.g. 403) ends every subscriber's events with it and fails {@link #synced()};
 *       the cache keeps its last content.
 * </ul>
 *
 * @param <T> the model class
 */
public final class Informer<T extends KubernetesObject> {
  private final ListWatch<T> listWatch;
  private final Scope scope;
  private final WatchOptions watchOptions;
  private final Duration resyncPeriod;
  private final Scheduler deliveryScheduler;
  private final IndexedStore<T> store = new IndexedStore<>();
  /** Written under store.lock; copy-on-write because a subscriber may cancel while being delivered to. */
  private final List<UnicastProcessor<WatchEvent<T>>> subscribers = new CopyOnWriteArrayList<>();
  private final CompletableSubject synced = CompletableSubject.create();
  private final CompositeDisposable running = new CompositeDisposable();
  private volatile boolean hasSynced;
  private String syncedVersion = ""; // guarded by store.lock
  private Throwable failure; // guarded by store.lock
  private boolean stopped; // guarded by store.lock
  private boolean started; // guarded by this

  private Informer(Builder<T> b) {
    this.listWatch = b.listWatch;
    this.scope = b.scope;
    this.watchOptions = b.watchOptions;
    this.resyncPeriod = b.resyncPeriod;
    this.deliveryScheduler = b.deliveryScheduler;
  }

  /**
   * Starts describing an informer of one resource type. Prefer a {@link SharedInformerFactory}, which shares
   * informers between consumers.
   *
   * @param listWatch access to the resource type
   * @param <T> the model class
   * @return a builder
   */
  public static <T extends KubernetesObject> Builder<T> builder(ListWatch<T> listWatch) {
    return new Builder<>(listWatch);
  }

  /**
   * Starts the watch (and the resync timer). Idempotent.
   */
  public synchronized void start() {
    if (started) {
      return;
    }
    started = true;
    running.add(WatchStreams.events(listWatch, scope, watchOptions).subscribe(this::apply, this::fail));
    if (!resyncPeriod.isZero()) {
      long millis = resyncPeriod.toMillis();
      running.add(Flowable.interval(millis, millis, TimeUnit.MILLISECONDS, watchOptions.timerScheduler())
          .subscribe(tick -> resync()));
    }
  }

  /**
   * Stops the watch and completes every subscriber's events. The cache keeps its content. An informer cannot
   * be restarted.
   */
  public void stop() {
    running.dispose();
    store.lock.writeLock().lock();
    try {
      stopped = true;
      List<UnicastProcessor<WatchEvent<T>>> ending = List.copyOf(subscribers);
      subscribers.clear();
      ending.forEach(UnicastProcessor::onComplete);
    } finally {
      store.lock.writeLock().unlock();
    }
  }

  /**
   * Whether the first list is in the cache.
   *
   * @return true once synced; it stays true
   */
  public boolean hasSynced() {
    return hasSynced;
  }

  /**
   * Completes once the first list is in the cache; fails if the watch ends with an error before.
   *
   * @return a hot completable
   */
  public Completable synced() {
    return synced.hide();
  }

  /**
   * Read access to the cache.
   *
   * @return the lister, valid for the informer's lifetime
   */
  public Lister<T> lister() {
    return store;
  }

  /**
   * Adds an index to the cache, for {@link Lister#byIndex}. It may be added while the informer runs: it then
   * indexes what is cached already.
   *
   * @param name the index name, unique per informer
   * @param function what the index maps each object to
   * @throws IllegalArgumentException when an index of this name exists
   */
  public void addIndex(String name, IndexFunction<T> function) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(function, "function");
    store.lock.writeLock().lock();
    try {
      store.addIndex(name, function);
    } finally {
      store.lock.writeLock().unlock();
    }
  }

  /**
   * The changes of the cache, for one subscriber: the cache's current content as {@code ADDED} events
   * ({@code SYNCED} after them if synced), then every change as the cache applies it. Each subscription gets
   * its own queue and delivery on the delivery scheduler; see the contract above.
   *
   * @return a flowable; each subscription is a new subscriber
   */
  public Flowable<WatchEvent<T>> events() {
    return Flowable.defer(() -> {
      UnicastProcessor<WatchEvent<T>> queue = UnicastProcessor.create();
      store.lock.writeLock().lock();
      try {
        if (failure != null) {
          return Flowable.error(failure);
        }
        for (T object : store.values()) {
          queue.onNext(WatchEvent.added(object));
        }
        if (hasSynced) {
          queue.onNext(WatchEvent.synced(syncedVersion));
        }
        if (stopped) {
          queue.onComplete(); // the cache as it was left, and nothing more
        } else {
          subscribers.add(queue);
        }
      } finally {
        store.lock.writeLock().unlock();
      }
      return queue.observeOn(deliveryScheduler).doFinally(() -> unsubscribe(queue));
    });
  }

  /**
   * The resource type cached.
   *
   * @return the resource type
   */
  public ResourceType<T> resourceType() {
    return listWatch.resourceType();
  }

  /**
   * The scope cached.
   *
   * @return namespace and selectors
   */
  public Scope scope() {
    return scope;
  }

  /**
   * The resource type and scope, for messages.
   *
   * @return e.g. {@code configmaps in namespace=shop}
   */
  @Override
  public String toString() {
    return listWatch.resourceType().plural() + " in " + scope;
  }

  private void unsubscribe(UnicastProcessor<WatchEvent<T>> queue) {
    store.lock.writeLock().lock();
    try {
      subscribers.remove(queue);
    } finally {
      store.lock.writeLock().unlock();
    }
  }

  /** Applies a change to the cache and hands it to every subscriber, in one step. */
  private void apply(WatchEvent<T> event) {
    boolean firstSync = false;
    store.lock.writeLock().lock();
    try {
      switch (event.type()) {
        case ADDED:
        case MODIFIED:
          store.put(event.object());
          break;
        case DELETED:
          store.remove(event.key());
          break;
        case SYNCED:
          syncedVersion = event.resourceVersion();
          firstSync = !hasSynced;
          hasSynced = true;
          break;
        default:
          throw new IllegalStateException("unknown event type " + event.type());
      }
      for (UnicastProcessor<WatchEvent<T>> queue : subscribers) {
        queue.onNext(event);
      }
    } finally {
      store.lock.writeLock().unlock();
    }
    if (firstSync) {
      synced.onComplete();
    }
  }

  private void fail(Throwable error) {
    store.lock.writeLock().lock();
    try {
      failure = error;
      List<UnicastProcessor<WatchEvent<T>>> ending = List.copyOf(subscribers);
      subscribers.clear();
      ending.forEach(queue -> queue.onError(error));
    } finally {
      store.lock.writeLock().unlock();
    }
    if (!hasSynced) {
      synced.onError(error);
    }
  }

  private void resync() {
    store.lock.writeLock().lock();
    try {
      for (T object : store.values()) {
        WatchEvent<T> event = WatchEvent.modified(object, object);
        for (UnicastProcessor<WatchEvent<T>> queue : subscribers) {
          queue.onNext(event);
        }
      }
    } finally {
      store.lock.writeLock().unlock();
    }
  }

  /**
   * Builds an {@link Informer}.
   *
   * @param <T> the model class
   */
  public static final class Builder<T extends KubernetesObject> {
    private final ListWatch<T> listWatch;
    private Scope scope = Scope.allNamespaces();
    private WatchOptions watchOptions = WatchOptions.defaults();
    private Duration resyncPeriod = Duration.ZERO;
    private Scheduler deliveryScheduler = Schedulers.computation();

    private Builder(ListWatch<T> listWatch) {
      this.listWatch = Objects.requireNonNull(listWatch, "listWatch");
    }

    /**
     * Sets which objects to cache; all namespaces, no selectors by default.
     *
     * @param scope the scope
     * @return this builder
     */
    public Builder<T> scope(Scope scope) {
      this.scope = Objects.requireNonNull(scope, "scope");
      return this;
    }

    /**
     * Sets how the watch stream lists, watches and retries.
     *
     * @param options the options
     * @return this builder
     */
    public Builder<T> watchOptions(WatchOptions options) {
      this.watchOptions = Objects.requireNonNull(options, "options");
      return this;
    }

    /**
     * Sets the resync period: how often every cached object is re-delivered; zero (the default) for never.
     * The timer runs on the watch options' timer scheduler.
     *
     * @param period zero or positive
     * @return this builder
     */
    public Builder<T> resyncPeriod(Duration period) {
      if (period.isNegative()) {
        throw new IllegalArgumentException("negative resync period");
      }
      this.resyncPeriod = period;
      return this;
    }

    /**
     * Sets the scheduler events reach subscribers on; {@link Schedulers#computation()} by default.
     *
     * @param scheduler the scheduler
     * @return this builder
     */
    public Builder<T> deliveryScheduler(Scheduler scheduler) {
      this.deliveryScheduler = Objects.requireNonNull(scheduler, "scheduler");
      return this;
    }

    /**
     * Builds the informer, not yet started.
     *
     * @return the informer
     */
    public Informer<T> build() {
      return new Informer<>(this);
    }
  }
}
