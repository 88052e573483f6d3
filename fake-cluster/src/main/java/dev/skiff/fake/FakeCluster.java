package dev.skiff.fake;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.fake.api.ApiServer;
import dev.skiff.fake.api.ApiServerOptions;
import dev.skiff.fake.controllers.ClusterControllers;
import dev.skiff.fake.controllers.ClusterOptions;
import dev.skiff.fake.controllers.ControllerManager;
import dev.skiff.fake.controllers.Kubelet;
import dev.skiff.fake.faults.Faults;
import dev.skiff.fake.http.HttpServer;
import dev.skiff.fake.http.HttpServerConfig;
import dev.skiff.fake.http.ServerTls;
import dev.skiff.model.ApiObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An in-process Kubernetes API server for tests: the real server's HTTP API on a loopback port, so that any
 * client (Skiff, kubectl, fabric8, the official clients) can talk to it as to a real cluster.
 *
 * <pre>{@code
 * try (FakeCluster cluster = FakeCluster.start()) {
 *   cluster.writeKubeconfig(dir.resolve("kubeconfig"));
 *   // point the client under test at cluster.url() or at the kubeconfig
 * }
 *
 * FakeCluster secured = FakeCluster.builder()
 *     .tls(true)
 *     .bearerToken("test-token")
 *     .preloadYaml(Path.of("src/test/resources/fixtures.yaml"))
 *     .start();
 * }</pre>
 *
 * <p>Each cluster has its own storage and its own port; clusters side by side never share state. Their
 * network, handler and controller threads are daemons shared by every cluster of the JVM, and what a new
 * cluster stores at start is replayed from a recording made once per JVM, so that in a warm JVM a start costs a
 * fraction of a millisecond. {@link #close()} ends open watches, closes connections and waits for the cluster's requests
 * still being handled; it is prompt and may be called more than once. In JUnit 5 tests, {@link FakeClusterExtension} starts and closes clusters for you.
 */
public final class FakeCluster implements AutoCloseable {

  private final ApiServer api;
  private final HttpServer server;
  private final Optional<String> caPem;
  private final Optional<String> bearerToken;
  private final AtomicBoolean closed = new AtomicBoolean();
  /** The controllers behind the API, or null when they are off. */
  private volatile ControllerManager controllers;
  private final Faults faults;

  private FakeCluster(ApiServer api, Faults faults, HttpServer server, Optional<String> caPem,
      Optional<String> bearerToken) {
    this.api = api;
    this.faults = faults;
    this.server = server;
    this.caPem = caPem;
    this.bearerToken = bearerToken;
  }

  /**
   * Starts a cluster with the defaults: plain HTTP on a free port of {@code 127.0.0.1}, no authentication,
   * empty storage (plus what a real cluster creates at start).
   *
   * @return the running cluster
   * @throws UncheckedIOException when no port can be bound
   */
  public static FakeCluster start() {
    return builder().start();
  }

  /**
   * Starts configuring a cluster. The builder is immutable: every method returns a new one, so a shared
   * builder is a safe template.
   *
   * @return a builder with the defaults of {@link #start()}
   */
  public static Builder builder() {
    return Builder.DEFAULTS;
  }

  /**
   * The base URL of the API, for clients and kubeconfigs.
   *
   * @return {@code http://127.0.0.1:<port>}, or {@code https://...} with TLS; no trailing slash
   */
  public URI url() {
    return server.url();
  }

  /**
   * The certificate authority clients must trust to verify the cluster's serving certificate.
   *
   * @return the PEM text ({@code -----BEGIN CERTIFICATE-----}), or empty when the cluster serves plain HTTP
   */
  public Optional<String> caCertificatePem() {
    return caPem;
  }

  /**
   * The token every request must carry as {@code Authorization: Bearer <token>}.
   *
   * @return the token, or empty when the cluster does not authenticate
   */
  public Optional<String> bearerToken() {
    return bearerToken;
  }

  /**
   * A kubeconfig for this cluster: server URL, CA data (with TLS) and token (with authentication), in one
   * cluster, user and context named {@code skiff-fake} with namespace {@code default}. kubectl and every
   * kubeconfig-reading client accept it.
   *
   * @return the kubeconfig YAML text
   */
  public String kubeconfig() {
    return Kubeconfig.render(url(), caPem, bearerToken);
  }

  /**
   * Writes {@link #kubeconfig()} to a file (readable by its owner only where the file system allows, as it
   * may hold a token), creating parent directories and replacing an existing file.
   *
   * @param file where to write, e.g. a JUnit {@code @TempDir} path
   * @return the file
   * @throws UncheckedIOException when the file cannot be written
   */
  public Path writeKubeconfig(Path file) {
    Objects.requireNonNull(file, "file");
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(file, kubeconfig(), StandardCharsets.UTF_8);
      try {
        Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        // Not a POSIX file system (Windows): the default permissions stay.
      }
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the kubeconfig to " + file, e);
    }
  }

  /**
   * Fault injection: drop watch connections, answer requests with errors, add latency, expire the watch
   * history. Faults apply to requests arriving after they are installed.
   *
   * @return the cluster's faults
   */
  public Faults faults() {
    return faults;
  }

  /**
   * Stops the cluster: open watches end, connections close, requests being handled finish, the port is
   * released. Prompt and idempotent; the storage is gone afterwards.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    if (controllers != null) {
      controllers.close(); // no controller writes while the server shuts down
    }
    try {
      api.close(); // ends watches cleanly first, so watchers see the end of their stream rather than a reset
    } finally {
      server.close();
    }
  }

  /**
   * Waits until the cluster's controllers (and scheduler and kubelet) have nothing left to do: their work
   * queues are empty and none is reconciling. After a write, this is the point where a real cluster would have
   * settled, e.g. a ReplicationController's pods exist and its status counts them.
   *
   * @param timeout the longest wait
   * @return whether they settled in time (true at once when the controllers are off)
   * @throws InterruptedException when the waiting thread is interrupted
   */
  public boolean awaitQuiescent(Duration timeout) throws InterruptedException {
    return controllers == null || controllers.awaitQuiescent(timeout);
  }

  /**
   * The kubelet stand-in's test hooks: hold pods Pending, fail or complete them, set their logs.
   *
   * @return the kubelet
   * @throws IllegalStateException when the cluster runs without a kubelet
   */
  public Kubelet kubelet() {
    if (controllers == null) {
      throw new IllegalStateException("this cluster runs without controllers (controllers(false))");
    }
    return controllers.kubelet()
        .orElseThrow(() -> new IllegalStateException("this cluster runs without a kubelet (kubelet(false))"));
  }

  @Override
  public String toString() {
    return "FakeCluster[" + url() + (closed.get() ? ", closed]" : "]");
  }

  /**
   * Settings for a {@link FakeCluster}. Immutable: every method returns a new builder.
   */
  public static final class Builder {

    static final Builder DEFAULTS = new Builder(false, Optional.empty(), 0, ApiServerOptions.defaults().watchHistorySize(),
        ApiServerOptions.defaults().maxBodyBytes(), List.of(), ClusterOptions.DEFAULTS);

    private final boolean tls;
    private final Optional<String> bearerToken;
    private final int port;
    private final int watchHistorySize;
    private final int maxBodyBytes;
    private final List<ObjectNode> preload;
    private final ClusterOptions cluster;

    private Builder(boolean tls, Optional<String> bearerToken, int port, int watchHistorySize, int maxBodyBytes,
        List<ObjectNode> preload, ClusterOptions cluster) {
      this.cluster = cluster;
      this.tls = tls;
      this.bearerToken = bearerToken;
      this.port = port;
      this.watchHistorySize = watchHistorySize;
      this.maxBodyBytes = maxBodyBytes;
      this.preload = preload;
    }

    /**
     * Serves HTTPS with a certificate made at start by a fresh certificate authority (see {@link
     * FakeCluster#caCertificatePem()}), valid for {@code 127.0.0.1} and {@code localhost}. Default: plain HTTP.
     *
     * @param tls whether to serve HTTPS
     * @return a new builder
     */
    public Builder tls(boolean tls) {
      return new Builder(tls, bearerToken, port, watchHistorySize, maxBodyBytes, preload, cluster);
    }

    /**
     * Requires {@code Authorization: Bearer <token>} on every request; anything else is answered with 401
     * {@code Unauthorized}, as the real server answers. Default: no authentication.
     *
     * @param token non-empty printable ASCII without spaces
     * @return a new builder
     * @throws IllegalArgumentException when no client could send the token
     */
    public Builder bearerToken(String token) {
      Objects.requireNonNull(token, "token");
      // Checked now rather than at start, so the mistake points at this line.
      new HttpServerConfig(0, 0, Optional.empty(), Optional.of(token));
      return new Builder(tls, Optional.of(token), port, watchHistorySize, maxBodyBytes, preload, cluster);
    }

    /**
     * Listens on this port of {@code 127.0.0.1}. Default: 0, any free port, which tests should keep so that
     * they can run in parallel; such a port is taken from the dynamic range 49152-65535 (the system picks one
     * only if that range is crowded).
     *
     * @param port 0..65535
     * @return a new builder
     */
    public Builder port(int port) {
      if (port < 0 || port > 65_535) {
        throw new IllegalArgumentException("port must be 0 (any free port) or 1..65535: " + port);
      }
      return new Builder(tls, bearerToken, port, watchHistorySize, maxBodyBytes, preload, cluster);
    }

    /**
     * How many past changes a watch can resume from. A watch from an older {@code resourceVersion} gets 410
     * {@code Expired}, as on a real server after compaction; a small value lets a test force that.
     * Default: 10,000.
     *
     * @param changes at least 1
     * @return a new builder
     */
    public Builder watchHistorySize(int changes) {
      if (changes < 1) {
        throw new IllegalArgumentException("watchHistorySize must be at least 1: " + changes);
      }
      return new Builder(tls, bearerToken, port, changes, maxBodyBytes, preload, cluster);
    }

    /**
     * The largest request body accepted; larger ones get 413 {@code RequestEntityTooLarge}. Default: 3 MiB,
     * the real server's limit.
     *
     * @param bytes at least 0
     * @return a new builder
     */
    public Builder maxBodyBytes(int bytes) {
      if (bytes < 0) {
        throw new IllegalArgumentException("maxBodyBytes must not be negative: " + bytes);
      }
      return new Builder(tls, bearerToken, port, watchHistorySize, bytes, preload, cluster);
    }

    /**
     * Objects to create at start, as if a client had created them (so defaulting and validation apply, and
     * an invalid object fails {@link #start()}). Namespaces are created first; other objects in the order
     * given. Calls add up.
     *
     * @param objects model objects such as {@code Pod} or {@code ConfigMap}, with their namespace set in
     *     their metadata where they are namespaced
     * @return a new builder
     */
    public Builder preload(ApiObject... objects) {
      List<ObjectNode> more = new ArrayList<>(preload);
      for (ApiObject object : objects) {
        more.add(Preloads.fromModel(Objects.requireNonNull(object, "object")));
      }
      return withPreload(more);
    }

    /**
     * Objects to create at start from a manifest: one or more YAML documents separated by {@code ---}, or a
     * {@code List}; any kind the cluster serves, modelled by Skiff or not. Calls add up.
     *
     * @param yaml the manifest text
     * @return a new builder
     * @throws IllegalArgumentException when the YAML is malformed or a document has no kind
     */
    public Builder preloadYaml(String yaml) {
      List<ObjectNode> more = new ArrayList<>(preload);
      more.addAll(Preloads.fromYaml(Objects.requireNonNull(yaml, "yaml")));
      return withPreload(more);
    }

    /**
     * Objects to create at start from a manifest file; see {@link #preloadYaml(String)}.
     *
     * @param file a YAML file
     * @return a new builder
     * @throws UncheckedIOException when the file cannot be read
     * @throws IllegalArgumentException when the YAML is malformed or a document has no kind
     */
    public Builder preloadYaml(Path file) {
      try {
        return preloadYaml(Files.readString(file, StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + file, e);
      }
    }

    /**
     * Runs the cluster's controllers (replication controllers, replica sets, endpoints, garbage collection) or
     * not. Default: on.
     *
     * @param on whether they run
     * @return a new builder
     */
    public Builder controllers(boolean on) {
      return withCluster(cluster.withControllers(on));
    }

    /**
     * Runs one controller or not, by name: {@code replicationcontroller}, {@code replicaset}, {@code endpoint},
     * {@code deployment}, {@code garbage-collector}, {@code namespace}, {@code scheduler}, {@code kubelet}. Default:
     * all on.
     *
     * @param name the controller's name
     * @param on whether it runs
     * @return a new builder
     */
    public Builder controller(String name, boolean on) {
      return withCluster(cluster.withController(Objects.requireNonNull(name, "name"), on));
    }

    /**
     * Runs nodes, a scheduler and a kubelet stand-in, which bind pods and move them to Running, or not: without
     * them pods stay Pending and unscheduled, as on a cluster that runs only a control plane (the recorded
     * transcripts come from such a cluster). Default: on; {@link FakeCluster#kubelet()} gives the test hooks.
     *
     * @param on whether they run
     * @return a new builder
     */
    public Builder kubelet(boolean on) {
      return withCluster(cluster.withKubelet(on));
    }

    /**
     * How many nodes the kubelet stand-in registers: {@code node-1} to {@code node-N}, pod CIDR
     * {@code 10.244.N.0/24}. Default: 3.
     *
     * @param count at least 1
     * @return a new builder
     */
    public Builder nodes(int count) {
      return withCluster(cluster.withNodes(count));
    }

    private Builder withCluster(ClusterOptions options) {
      return new Builder(tls, bearerToken, port, watchHistorySize, maxBodyBytes, preload, options);
    }

    private Builder withPreload(List<ObjectNode> objects) {
      return new Builder(tls, bearerToken, port, watchHistorySize, maxBodyBytes, List.copyOf(objects), cluster);
    }

    /**
     * Starts a cluster with these settings.
     *
     * @return the running cluster
     * @throws UncheckedIOException when the port cannot be bound
     * @throws IllegalArgumentException when a preloaded object is refused
     */
    public FakeCluster start() {
      ApiServer api = new ApiServer(new ApiServerOptions(watchHistorySize, maxBodyBytes));
      try {
        List<ObjectNode> ordered = new ArrayList<>(preload);
        // A namespaced object needs its namespace: create namespaces first, the rest in the order given.
        ordered.sort(Comparator.comparing(o -> !"Namespace".equals(o.path("kind").asText())));
        for (ObjectNode object : ordered) {
          create(api, object.deepCopy());
        }
        Optional<ServerTls> serverTls = tls ? Optional.of(ServerTls.selfSigned()) : Optional.empty();
        ControllerManager controllers = !cluster.controllers() ? null : ClusterControllers.start(api,
            cluster.disabled(), cluster.kubelet(), cluster.nodes(), Clock.systemUTC());
        Faults faults = new Faults(api.store());
        HttpServer server;
        try {
          server = HttpServer.start(new HttpServerConfig(port, maxBodyBytes, serverTls, bearerToken),
              faults.handler(api));
        } catch (RuntimeException | Error e) {
          if (controllers != null) {
            controllers.close();
          }
          throw e;
        }
        FakeCluster started = new FakeCluster(api, faults, server, serverTls.map(ServerTls::caCertificatePem),
            bearerToken);
        started.controllers = controllers;
        return started;
      } catch (RuntimeException | Error e) {
        api.close();
        throw e;
      }
    }

    private static void create(ApiServer api, ObjectNode object) {
      try {
        api.create(object);
      } catch (RuntimeException e) {
        throw new IllegalArgumentException("cannot preload " + object.path("kind").asText() + " "
            + object.path("metadata").path("name").asText() + ": " + e.getMessage(), e);
      }
    }

    @Override
    public String toString() {
      return "FakeCluster.Builder[tls=" + tls + ", bearerToken=" + (bearerToken.isPresent() ? "(set)" : "none")
          + ", port=" + port + ", watchHistorySize=" + watchHistorySize + ", maxBodyBytes=" + maxBodyBytes
          + ", preload=" + preload.size() + " objects, " + cluster + "]";
    }
  }
}
