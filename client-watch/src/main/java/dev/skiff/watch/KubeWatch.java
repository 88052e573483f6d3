package dev.skiff.watch;

import dev.skiff.client.KubeClient;
import dev.skiff.client.internal.ClientInternals;
import dev.skiff.client.internal.Transport;
import dev.skiff.model.KubernetesObject;
import dev.skiff.model.ResourceType;
import dev.skiff.watch.leader.LeaderElector;
import dev.skiff.watch.leader.LeaseStore;
import io.reactivex.rxjava3.core.Flowable;
import java.time.Duration;
import java.util.Objects;

/**
 * Watch streams, informers and leader election for a {@link KubeClient}: the entry point of client-watch.
 *
 * <pre>{@code
 * KubeWatch watch = KubeWatch.of(client);
 * watch.events(ResourceTypes.PODS, Scope.namespace("demo").withLabels("app=web"))
 *     .subscribe(event -> System.out.println(event));
 *
 * SharedInformerFactory informers = watch.informers();
 * Informer<Service> services = informers.informer(ResourceTypes.SERVICES, Scope.namespace("demo"));
 * informers.start();
 *
 * LeaderElector elector = watch.leaderElector("demo", "my-controller", podName)
 *     .onStartedLeading(...).onStoppedLeading(...).build();
 * }</pre>
 *
 * <p>Immutable and thread-safe, apart from {@link #informers()}, which hands out the one factory of this
 * instance. Everything works while the client is open; closing the client ends its watches.
 */
public final class KubeWatch {
  private final KubeClient client;
  private final Transport transport;
  private final WatchOptions watchOptions;
  private final Duration resyncPeriod;
  private SharedInformerFactory informers; // guarded by this

  private KubeWatch(Builder b) {
    this.client = b.client;
    this.transport = ClientInternals.transport(b.client);
    this.watchOptions = b.watchOptions;
    this.resyncPeriod = b.resyncPeriod;
  }

  /**
   * Watch support for a client with the default {@linkplain WatchOptions#defaults() watch options} and no
   * informer resync.
   *
   * @param client the client
   * @return the entry point
   */
  public static KubeWatch of(KubeClient client) {
    return builder(client).build();
  }

  /**
   * Starts describing watch support for a client with other options.
   *
   * @param client the client
   * @return a builder
   */
  public static Builder builder(KubeClient client) {
    return new Builder(client);
  }

  /**
   * Access to one resource type, for {@link WatchStreams}, {@link Informer} and {@link SharedInformerFactory}
   * when used directly.
   *
   * @param type the resource type, e.g. {@code ResourceTypes.PODS}
   * @param <T> the model class
   * @return lists and watches over this client
   */
  public <T extends KubernetesObject> ListWatch<T> listWatch(ResourceType<T> type) {
    return new KubeListWatch<>(transport, type);
  }

  /**
   * Every change of the objects of a resource type in a scope, as {@link WatchStreams#events} describes:
   * the current objects as {@code ADDED}, a {@code SYNCED} marker, then changes; recovering from dropped
   * connections and expired versions on its own.
   *
   * @param type the resource type
   * @param scope namespace and selectors, e.g. {@code Scope.namespace("demo").withLabels("app=web")}
   * @param <T> the model class
   * @return a cold flowable: each subscription lists and watches anew
   */
  public <T extends KubernetesObject> Flowable<WatchEvent<T>> events(ResourceType<T> type, Scope scope) {
    return WatchStreams.events(listWatch(type), scope, watchOptions);
  }

  /**
   * The informer factory of this instance, created on first call, whose
   * {@link SharedInformerFactory#informer(ResourceType, Scope)} serves any resource type over this client.
   *
   * @return the same factory on every call
   */
  public synchronized SharedInformerFactory informers() {
    if (informers == null) {
      informers = SharedInformerFactory.builder().watchOptions(watchOptions).resyncPeriod(resyncPeriod)
          .listWatches(this::listWatch).build();
    }
    return informers;
  }

  /**
   * A store for one Lease, for a {@link LeaderElector} built by hand.
   *
   * @param namespace the lease's namespace
   * @param name the lease's name
   * @return the store
   */
  public LeaseStore leaseStore(String namespace, String name) {
    if (!dev.skiff.model.Names.isDns1123Subdomain(Objects.requireNonNull(name, "name"))) {
      throw new IllegalArgumentException("not a valid lease name (a DNS-1123 subdomain): " + name);
    }
    return new KubeLeaseStore(client.leases(Objects.requireNonNull(namespace, "namespace")), name);
  }

  /**
   * A leader elector competing for a Lease, created on first attempt if missing. Set the callbacks (and
   * timing) on the builder.
   *
   * @param leaseNamespace the lease's namespace
   * @param leaseName the lease's name, shared by every candidate
   * @param identity this candidate's identity, unique among candidates (e.g. the pod name)
   * @return a builder of the elector
   */
  public LeaderElector.Builder leaderElector(String leaseNamespace, String leaseName, String identity) {
    return LeaderElector.builder(leaseStore(leaseNamespace, leaseName), identity);
  }

  /** For messages. */
  @Override
  public String toString() {
    return "KubeWatch[" + client + "]";
  }

  /** Builds a {@link KubeWatch}. */
  public static final class Builder {
    private final KubeClient client;
    private WatchOptions watchOptions = WatchOptions.defaults();
    private Duration resyncPeriod = Duration.ZERO;

    private Builder(KubeClient client) {
      this.client = Objects.requireNonNull(client, "client");
    }

    /**
     * Sets how watch streams and informers list, watch and retry.
     *
     * @param options the options
     * @return this builder
     */
    public Builder watchOptions(WatchOptions options) {
      this.watchOptions = Objects.requireNonNull(options, "options");
      return this;
    }

    /**
     * Sets the resync period of the informers of {@link KubeWatch#informers()}; zero (the default) for none.
     *
     * @param period zero or positive
     * @return this builder
     */
    public Builder resyncPeriod(Duration period) {
      if (Objects.requireNonNull(period, "period").isNegative()) {
        throw new IllegalArgumentException("negative resync period");
      }
      this.resyncPeriod = period;
      return this;
    }

    /**
     * Builds the entry point.
     *
     * @return the entry point
     */
    public KubeWatch build() {
      return new KubeWatch(this);
    }
  }
}
