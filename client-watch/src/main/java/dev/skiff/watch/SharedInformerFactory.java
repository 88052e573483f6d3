package dev.skiff.watch;

import dev.skiff.model.KubernetesObject;
import dev.skiff.model.ResourceType;
import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.core.Scheduler;
import io.reactivex.rxjava3.schedulers.Schedulers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Hands out {@link Informer}s so that every consumer of a resource type and scope shares one informer, one
 * cache and one watch. Informers asked for before {@link #start()} start with it; later ones start at once.
 * Thread-safe.
 *
 * <pre>{@code
 * SharedInformerFactory informers = SharedInformerFactory.builder().resyncPeriod(Duration.ofMinutes(10)).build();
 * Informer<ConfigMap> configMaps = informers.informer(configMapAccess, Scope.namespace("shop"));
 * informers.start();
 * informers.synced().blockingAwait();
 * }</pre>
 */
public final class SharedInformerFactory {
  private record Key(String resource, Scope scope) {}

  /** Where {@link #informer(ResourceType, Scope)} gets its access to a resource type: a client's watch support. */
  interface ListWatchSource {
    <T extends KubernetesObject> ListWatch<T> listWatch(ResourceType<T> type);
  }

  private final WatchOptions watchOptions;
  private final Duration resyncPeriod;
  private final Scheduler deliveryScheduler;
  private final ListWatchSource source; // null unless made by KubeWatch
  private final Map<Key, Informer<?>> informers = new LinkedHashMap<>();
  private boolean started;

  private SharedInformerFactory(Builder b) {
    this.watchOptions = b.watchOptions;
    this.resyncPeriod = b.resyncPeriod;
    this.deliveryScheduler = b.deliveryScheduler;
    this.source = b.source;
  }

  /**
   * Starts describing a factory.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The informer of a resource type and scope, created on first request.
   *
   * @param listWatch access to the resource type; the first one given for a resource type and scope serves
   * @param scope which objects
   * @param <T> the model class
   * @return the shared informer
   */
  @SuppressWarnings("unchecked")
  public synchronized <T extends KubernetesObject> Informer<T> informer(ListWatch<T> listWatch, Scope scope) {
    Key key = new Key(listWatch.resourceType().apiVersion() + "/" + listWatch.resourceType().plural(),
        Objects.requireNonNull(scope, "scope"));
    Informer<T> informer = (Informer<T>) informers.get(key);
    if (informer == null) {
      informer = Informer.builder(listWatch).scope(scope).watchOptions(watchOptions).resyncPeriod(resyncPeriod)
          .deliveryScheduler(deliveryScheduler).build();
      informers.put(key, informer);
      if (started) {
        informer.start();
      }
    }
    return informer;
  }

  /**
   * The informer of a resource type and scope, created on first request, for a factory obtained from
   * {@link KubeWatch#informers()}, which knows the client to list and watch with.
   *
   * @param type the resource type, e.g. {@code ResourceTypes.SERVICES}
   * @param scope which objects
   * @param <T> the model class
   * @return the shared informer
   * @throws IllegalStateException when the factory was built with {@link #builder()}, without a client: use
   *     {@link #informer(ListWatch, Scope)}
   */
  public <T extends KubernetesObject> Informer<T> informer(ResourceType<T> type, Scope scope) {
    if (source == null) {
      throw new IllegalStateException("this factory has no client: get it from KubeWatch.informers(), or pass "
          + "a ListWatch to informer(ListWatch, Scope)");
    }
    return informer(source.listWatch(Objects.requireNonNull(type, "type")), scope);
  }

  /**
   * Starts every informer handed out so far, and those handed out later as they are.
   */
  public synchronized void start() {
    started = true;
    informers.values().forEach(Informer::start);
  }

  /**
   * Completes when every informer handed out so far has synced.
   *
   * @return a completable; fails when an informer fails before syncing
   */
  public synchronized Completable synced() {
    List<Completable> all = new ArrayList<>();
    informers.values().forEach(i -> all.add(i.synced()));
    return Completable.merge(all);
  }

  /**
   * Stops every informer.
   */
  public synchronized void stop() {
    informers.values().forEach(Informer::stop);
  }

  /** Builds a {@link SharedInformerFactory}. */
  public static final class Builder {
    private WatchOptions watchOptions = WatchOptions.defaults();
    private Duration resyncPeriod = Duration.ZERO;
    private Scheduler deliveryScheduler = Schedulers.computation();
    private ListWatchSource source;

    private Builder() {}

    /** Makes {@link SharedInformerFactory#informer(ResourceType, Scope)} available; used by {@link KubeWatch}. */
    Builder listWatches(ListWatchSource source) {
      this.source = Objects.requireNonNull(source, "source");
      return this;
    }

    /**
     * Sets the watch options of every informer.
     *
     * @param options the options
     * @return this builder
     */
    public Builder watchOptions(WatchOptions options) {
      this.watchOptions = Objects.requireNonNull(options, "options");
      return this;
    }

    /**
     * Sets the resync period of every informer; zero (the default) for none.
     *
     * @param period zero or positive
     * @return this builder
     */
    public Builder resyncPeriod(Duration period) {
      if (period.isNegative()) {
        throw new IllegalArgumentException("negative resync period");
      }
      this.resyncPeriod = period;
      return this;
    }

    /**
     * Sets the scheduler informers deliver events on.
     *
     * @param scheduler the scheduler
     * @return this builder
     */
    public Builder deliveryScheduler(Scheduler scheduler) {
      this.deliveryScheduler = Objects.requireNonNull(scheduler, "scheduler");
      return this;
    }

    /**
     * Builds the factory.
     *
     * @return the factory
     */
    public SharedInformerFactory build() {
      return new SharedInformerFactory(this);
    }
  }
}
