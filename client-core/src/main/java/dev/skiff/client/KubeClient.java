package dev.skiff.client;

import dev.skiff.client.internal.ClientInternals;
import dev.skiff.client.internal.HttpClients;
import dev.skiff.client.internal.RetryInterceptor;
import dev.skiff.client.internal.Transport;
import dev.skiff.model.KubernetesObject;
import dev.skiff.model.ResourceType;
import dev.skiff.model.ResourceTypes;
import dev.skiff.model.apps.v1.Deployment;
import dev.skiff.model.apps.v1.ReplicaSet;
import dev.skiff.model.codec.ModelCodec;
import dev.skiff.model.coordination.v1.Lease;
import dev.skiff.model.core.v1.ConfigMap;
import dev.skiff.model.core.v1.Endpoints;
import dev.skiff.model.core.v1.Event;
import dev.skiff.model.core.v1.Namespace;
import dev.skiff.model.core.v1.Node;
import dev.skiff.model.core.v1.ReplicationController;
import dev.skiff.model.core.v1.Secret;
import dev.skiff.model.core.v1.Service;
import dev.skiff.model.core.v1.ServiceAccount;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;
import okhttp3.Dispatcher;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * A client of one Kubernetes API server. Start from {@link #create(ClientConfig)} or, to change timeouts,
 * retries or the user agent, {@link #builder(ClientConfig)}; then pick a resource:
 *
 * <pre>{@code
 * try (KubeClient client = KubeClient.create(config)) {
 *   Pod created = client.pods("demo").create(pod);
 *   KubernetesList<Pod> web = client.pods("demo").list("app=web,tier in (fe,be)");
 *   client.replicationControllers("demo").scale("flake", 0);
 *   Single<Pod> later = client.pods("demo").async().get("web-1");
 * }
 * }</pre>
 *
 * <p>Thread-safe, with no global state: each client has its own connection pool and dispatcher threads,
 * which {@link #close()} releases. Share one client per server in an application.
 */
public final class KubeClient implements AutoCloseable {
  static {
    ClientInternals.register(c -> c.transport);
  }

  /** The User-Agent when neither the builder nor the configuration sets one. */
  static final String DEFAULT_USER_AGENT = "skiff/0.1.0 (java)";

  private final Transport transport;
  private final ClientSettings settings;
  private final String defaultNamespace;

  private KubeClient(Builder b) {
    OkHttpClient.Builder http = HttpClients.newBuilder(b.config)
        // HttpClients gives each builder its own connection pool (its exec credentials evict that pool);
        // a dispatcher of our own too, so close() releases both without touching other clients.
        .dispatcher(new Dispatcher())
        .connectTimeout(b.connectTimeout)
        .readTimeout(b.readTimeout)
        .writeTimeout(b.writeTimeout)
        .pingInterval(b.pingInterval);
    String userAgent = b.userAgent != null ? b.userAgent : b.config.userAgent().orElse(DEFAULT_USER_AGENT);
    http.addInterceptor(chain -> chain.proceed(chain.request().newBuilder().header("User-Agent", userAgent).build()));
    http.addInterceptor(new RetryInterceptor(b.retryPolicy));
    if (b.customizer != null) {
      b.customizer.accept(http);
    }
    HttpUrl server = HttpUrl.get(b.config.server().toString());
    this.transport = new Transport(http.build(), server, ModelCodec.standard());
    this.settings = new ClientSettings(b.retryPolicy, b.fieldManager, b.validate);
    String ns = b.config.namespace();
    this.defaultNamespace = ns == null || ns.isEmpty() ? "default" : ns;
  }

  /**
   * A client with the default settings.
   *
   * @param config where to connect and with which credentials
   * @return the client; close it when done
   */
  public static KubeClient create(ClientConfig config) {
    return builder(config).build();
  }

  /**
   * A client of the current context of the kubeconfig ({@code $KUBECONFIG}, else {@code ~/.kube/config}).
   *
   * @return the client; close it when done
   * @throws KubeConfigException when there is no kubeconfig, or it lacks what is needed
   * @see ClientConfig#fromKubeconfig()
   */
  public static KubeClient fromKubeconfig() {
    return create(ClientConfig.fromKubeconfig());
  }

  /**
   * A client of the cluster this process runs in, with its pod's service account token.
   *
   * @return the client; close it when done
   * @throws KubeConfigException when not running in a pod
   * @see ClientConfig#inCluster()
   */
  public static KubeClient inCluster() {
    return create(ClientConfig.inCluster());
  }

  /**
   * A client configured as client-go and kubectl are: a kubeconfig when there is one, else the pod's
   * service account.
   *
   * @return the client; close it when done
   * @throws KubeConfigException when neither is available
   * @see ClientConfig#autoConfigure()
   */
  public static KubeClient autoConfigure() {
    return create(ClientConfig.autoConfigure());
  }

  /**
   * Starts configuring a client.
   *
   * @param config where to connect and with which credentials
   * @return a builder
   */
  public static Builder builder(ClientConfig config) {
    return new Builder(config);
  }

  /** @return the namespace used by the methods that take none */
  public String namespace() {
    return defaultNamespace;
  }

  /**
   * The OkHttp client underneath, for requests Skiff has no method for. It shares this client's connections,
   * credentials and retries; do not shut it down, close this client instead.
   *
   * @return the OkHttp client
   */
  public OkHttpClient okHttpClient() {
    return transport.http();
  }

  /**
   * Objects of any resource in the default namespace (or cluster-scoped), including custom resources
   * described with {@link ResourceType#builder} or {@link GenericObject#resourceType}. Use
   * {@link ResourceClient#inNamespace} for another namespace.
   *
   * @param type the resource, e.g. {@code ResourceTypes.DEPLOYMENTS}
   * @param <T> its model class
   * @return the client
   */
  public <T extends KubernetesObject> ResourceClient<T> resources(ResourceType<T> type) {
    return new ResourceClient<>(transport, settings, type, type.namespaced() ? defaultNamespace : null);
  }

  /**
   * Objects of any namespaced resource in a namespace.
   *
   * @param type the resource
   * @param namespace the namespace
   * @param <T> its model class
   * @return the client
   */
  public <T extends KubernetesObject> ResourceClient<T> resources(ResourceType<T> type, String namespace) {
    return new ResourceClient<>(transport, settings, type, Objects.requireNonNull(namespace, "namespace"));
  }

  /**
   * Pods in a namespace, with logs.
   *
   * @param namespace the namespace
   * @return the client
   */
  public PodClient pods(String namespace) {
    return new PodClient(transport, settings, Objects.requireNonNull(namespace, "namespace"));
  }

  /** @return pods in the default namespace */
  public PodClient pods() {
    return pods(defaultNamespace);
  }

  /**
   * Replication controllers in a namespace; they scale.
   *
   * @param namespace the namespace
   * @return the client
   */
  public ResourceClient<ReplicationController> replicationControllers(String namespace) {
    return resources(ResourceTypes.REPLICATIONCONTROLLERS, namespace);
  }

  /**
   * Services in a namespace.
   *
   * @param namespace the namespace
   * @return the client
   */
  public ResourceClient<Service> services(String namespace) {
    return resources(ResourceTypes.SERVICES, namespace);
  }

  /**
   * Endpoints in a namespace.
   *
   * @param namespace the namespace
   * @return the client
   */
  public ResourceClient<Endpoints> endpoints(String namespace) {
    return resources(ResourceTypes.ENDPOINTS, namespace);
  }

  /**
   * Config maps in a namespace.
   *
   * @param namespace the namespace
   * @return the client
   */
  public ResourceClient<ConfigMap> configMaps(String namespace) {
    return resources(ResourceTypes.CONFIGMAPS, namespace);
  }

  /**
   * Secrets in a namespace.
   *
   * @param namespace the namespace
   * @return the client
   */
  public ResourceClient<Secret> secrets(String namespace) {
    return resources(ResourceTypes.SECRETS, namespace);
  }

  /**
   * Events in a namespace.
   *
   * @param namespace the namespace
   * @return the client
   */
  public ResourceClient<Event> events(String namespace) {
    return resources(ResourceTypes.EVENTS, namespace);
  }

  /**
   * Service accounts in a namespace.
   *
   * @param namespace the namespace
   * @return the client
   */
  public ResourceClient<ServiceAccount> serviceAccounts(String namespace) {
    return resources(ResourceTypes.SERVICEACCOUNTS, namespace);
  }

  /**
   * Deployments ({@code apps/v1}) in a namespace; they scale.
   *
   * @param namespace the namespace
   * @return the client
   */
  public ResourceClient<Deployment> deployments(String namespace) {
    return resources(ResourceTypes.DEPLOYMENTS, namespace);
  }

  /**
   * Replica sets ({@code apps/v1}) in a namespace; they scale.
   *
   * @param namespace the namespace
   * @return the client
   */
  public ResourceClient<ReplicaSet> replicaSets(String namespace) {
    return resources(ResourceTypes.REPLICASETS, namespace);
  }

  /**
   * Leases ({@code coordination.k8s.io/v1}) in a namespace.
   *
   * @param namespace the namespace
   * @return the client
   */
  public ResourceClient<Lease> leases(String namespace) {
    return resources(ResourceTypes.LEASES, namespace);
  }

  /** @return namespaces (cluster-scoped) */
  public ResourceClient<Namespace> namespaces() {
    return resources(ResourceTypes.NAMESPACES);
  }

  /** @return nodes (cluster-scoped) */
  public ResourceClient<Node> nodes() {
    return resources(ResourceTypes.NODES);
  }

  /**
   * Releases the connection pool, the dispatcher's threads and the cache. Calls in flight fail with a
   * {@link dev.skiff.client.error.KubeConnectionException}; open log streams end.
   */
  @Override
  public void close() {
    transport.close();
  }

  @Override
  public String toString() {
    return "KubeClient{" + transport.server() + ", namespace=" + defaultNamespace + "}";
  }

  /** Configures a {@link KubeClient}. */
  public static final class Builder {
    private final ClientConfig config;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration readTimeout = Duration.ofSeconds(30);
    private Duration writeTimeout = Duration.ofSeconds(30);
    private Duration pingInterval = Duration.ZERO;
    private RetryPolicy retryPolicy = RetryPolicy.defaults();
    private String userAgent;
    private String fieldManager = "skiff";
    private boolean validate = true;
    private Consumer<OkHttpClient.Builder> customizer;

    private Builder(ClientConfig config) {
      this.config = Objects.requireNonNull(config, "config");
    }

    /**
     * How long to wait for a TCP and TLS connection (default 10 s).
     *
     * @param timeout a positive duration, or zero for none
     * @return this builder
     */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = nonNegative(timeout, "connectTimeout");
      return this;
    }

    /**
     * How long a response may stay silent (default 30 s). Does not apply to followed logs and watches,
     * which have their own idle timeout.
     *
     * @param timeout a positive duration, or zero for none
     * @return this builder
     */
    public Builder readTimeout(Duration timeout) {
      this.readTimeout = nonNegative(timeout, "readTimeout");
      return this;
    }

    /**
     * How long sending a request body may stall (default 30 s).
     *
     * @param timeout a positive duration, or zero for none
     * @return this builder
     */
    public Builder writeTimeout(Duration timeout) {
      this.writeTimeout = nonNegative(timeout, "writeTimeout");
      return this;
    }

    /**
     * How often to ping the server on HTTP/2 connections (default: never). A ping without an answer within
     * the interval fails the connection and the streams on it, which detects a dead peer under a followed
     * log or a watch. HTTP/1.1 has no pings: there, streams rely on their idle timeout.
     *
     * @param interval a positive duration, or zero for no pings
     * @return this builder
     */
    public Builder pingInterval(Duration interval) {
      this.pingInterval = nonNegative(interval, "pingInterval");
      return this;
    }

    /**
     * When to retry (default {@link RetryPolicy#defaults()}).
     *
     * @param policy the policy; {@link RetryPolicy#none()} disables retries
     * @return this builder
     */
    public Builder retryPolicy(RetryPolicy policy) {
      this.retryPolicy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /**
     * The {@code User-Agent} header; it shows in audit logs. Default: the configuration's, else
     * {@code skiff/0.1.0 (java)}.
     *
     * @param userAgent e.g. {@code my-controller/1.2}
     * @return this builder
     */
    public Builder userAgent(String userAgent) {
      this.userAgent = Objects.requireNonNull(userAgent, "userAgent");
      return this;
    }

    /**
     * The field manager of server-side apply when {@link PatchOptions} names none (default {@code skiff}).
     *
     * @param fieldManager e.g. {@code my-controller}
     * @return this builder
     */
    public Builder fieldManager(String fieldManager) {
      this.fieldManager = Objects.requireNonNull(fieldManager, "fieldManager");
      return this;
    }

    /**
     * Whether writes check names and labels before sending (default true). Turn off only to test how a
     * server rejects bad objects.
     *
     * @param validate false to send objects unchecked
     * @return this builder
     */
    public Builder validateBeforeSending(boolean validate) {
      this.validate = validate;
      return this;
    }

    /**
     * Changes the OkHttp client before it is built: proxies, event listeners, extra interceptors, a ping
     * interval for HTTP/2. Runs after Skiff's own settings, so it can override them; a connection pool or
     * dispatcher set here is still shut down by {@link KubeClient#close()}.
     *
     * @param customizer changes the builder
     * @return this builder
     */
    public Builder customizeOkHttp(Consumer<OkHttpClient.Builder> customizer) {
      this.customizer = Objects.requireNonNull(customizer, "customizer");
      return this;
    }

    /** @return the client; close it when done */
    public KubeClient build() {
      return new KubeClient(this);
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
