package dev.skiff.examples;

import dev.skiff.client.KubeClient;
import dev.skiff.client.ResourceClient;
import dev.skiff.client.error.AlreadyExistsException;
import dev.skiff.client.error.NotFoundException;
import dev.skiff.model.ResourceTypes;
import dev.skiff.model.core.v1.ConfigMap;
import dev.skiff.model.core.v1.Namespace;
import dev.skiff.model.core.v1.Service;
import dev.skiff.model.core.v1.ServicePort;
import dev.skiff.model.core.v1.ServiceSpec;
import dev.skiff.model.meta.v1.ObjectMeta;
import dev.skiff.model.meta.v1.OwnerReference;
import dev.skiff.watch.Controller;
import dev.skiff.watch.Informer;
import dev.skiff.watch.KubeWatch;
import dev.skiff.watch.ObjectKey;
import dev.skiff.watch.Reconciler;
import dev.skiff.watch.Scope;
import dev.skiff.watch.SharedInformerFactory;
import dev.skiff.watch.leader.LeaderElector;
import java.io.PrintStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/**
 * A custom controller with leader election: it keeps one ConfigMap {@code <service>-info} per Service,
 * holding the service's cluster IP and ports, owned by the service. Two replicas compete for a Lease; only the
 * leader's controller runs. The example creates, changes and deletes services, checks the config maps follow,
 * then stops the leader and checks that the other replica takes over.
 *
 * <pre>
 * java -cp examples-standalone.jar dev.skiff.examples.ControllerExample [--kubeconfig FILE]
 * </pre>
 */
public final class ControllerExample {
  /** The namespace the example works in; created when missing. */
  static final String NAMESPACE = "skiff-controller";
  private static final String LEASE = "service-info-controller";

  private final KubeClient client;
  private final PrintStream out;
  private final Duration wait;

  /**
   * Creates the example.
   *
   * @param client the client to use
   * @param out where the steps are printed
   * @param wait how long to wait for the controller to act at each step
   */
  public ControllerExample(KubeClient client, PrintStream out, Duration wait) {
    this.client = client;
    this.out = out;
    this.wait = wait;
  }

  /**
   * Runs the example on an embedded fake cluster, or with {@code --kubeconfig FILE} on that cluster, and exits
   * 0 on success or 1 with a one-line reason.
   *
   * @param args {@code [--kubeconfig FILE]}
   */
  public static void main(String[] args) {
    System.exit(Standalone.run("controller", args,
        (client, out, wait) -> new ControllerExample(client, out, wait).run(), System.out, System.err));
  }

  /** One replica of the controller: its elector, and its controller that runs while it leads. */
  private final class Replica {
    final String identity;
    final Controller controller;
    final LeaderElector elector;

    Replica(String identity, KubeWatch watch, Informer<Service> services, Informer<ConfigMap> configMaps) {
      this.identity = identity;
      this.controller = Controller.builder(services, key -> reconcile(key, services, configMaps))
          .owns(configMaps).build();
      this.elector = watch.leaderElector(NAMESPACE, LEASE, identity)
          .timing(Duration.ofSeconds(6), Duration.ofSeconds(4), Duration.ofMillis(500))
          // Callbacks must return quickly: starting the controller only starts its threads.
          .onStartedLeading(() -> {
            out.println(identity + " leads: its controller starts");
            controller.start();
          })
          // A replica that stops leading must stop acting at once; its controller cannot start again, so the
          // replica leaves the election, as a client-go controller exits when it loses its lease.
          .onStoppedLeading(() -> {
            out.println(identity + " stopped leading");
            Thread stopping = new Thread(this::leave, identity + "-stopping");
            stopping.setDaemon(true);
            stopping.start();
          })
          .build();
    }

    void leave() {
      try {
        controller.stop(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      elector.stop();
    }
  }

  /**
   * Runs the steps.
   *
   * @throws InterruptedException when interrupted while waiting
   * @throws IllegalStateException when the controller does not converge in time
   * @throws dev.skiff.client.error.KubeException when the cluster fails a request
   */
  public void run() throws InterruptedException {
    ensureNamespace();
    KubeWatch watch = KubeWatch.of(client);
    SharedInformerFactory informers = watch.informers();
    Informer<Service> services = informers.informer(ResourceTypes.SERVICES, Scope.namespace(NAMESPACE));
    Informer<ConfigMap> configMaps = informers.informer(ResourceTypes.CONFIGMAPS,
        Scope.namespace(NAMESPACE).withLabels("app.kubernetes.io/managed-by=" + LEASE));
    informers.start();
    Replica first = new Replica("replica-1", watch, services, configMaps);
    Replica second = new Replica("replica-2", watch, services, configMaps);
    ResourceClient<Service> serviceClient = client.services(NAMESPACE);
    try {
      first.elector.start();
      await("replica-1 leads", first.elector::isLeader);
      second.elector.start();

      serviceClient.create(service("web", 80));
      serviceClient.create(service("api", 8080));
      await("config maps for web and api", () -> infoMatches("web") && infoMatches("api"));
      out.println("web-info: " + client.configMaps(NAMESPACE).get("web-info").data());

      serviceClient.edit("api", s -> s.withSpec(s.spec().withPorts(List.of(port(8080), port(9090)))));
      await("api-info lists the new port", () -> infoMatches("api"));
      out.println("api-info: " + client.configMaps(NAMESPACE).get("api-info").data());

      serviceClient.delete("web");
      await("web-info removed with its service", () -> find("web-info").isEmpty());
      out.println("web-info was removed with its service");

      out.println("stopping replica-1: it steps down and releases the lease");
      first.controller.stop(wait);
      first.elector.stop();
      await("replica-2 takes over", second.elector::isLeader);
      serviceClient.create(service("db", 5432));
      await("db-info made by replica-2", () -> infoMatches("db"));
      out.println("db-info: " + client.configMaps(NAMESPACE).get("db-info").data());
      if (first.elector.isLeader()) {
        throw new IllegalStateException("replica-1 still leads after stopping");
      }
      out.println("the controller kept one config map per service through a change of leader");
    } finally {
      second.controller.stop(wait);
      second.elector.stop();
      first.controller.stop(wait);
      first.elector.stop();
      informers.stop();
      for (String name : List.of("web", "api", "db")) {
        try {
          serviceClient.delete(name);
        } catch (NotFoundException e) {
          // deleted by the steps above
        }
        try {
          client.configMaps(NAMESPACE).delete(name + "-info");
        } catch (NotFoundException e) {
          // removed by the controller
        }
      }
    }
  }

  /** Brings the service's config map in line with the service, or removes it when the service is gone. */
  private Reconciler.Result reconcile(ObjectKey key, Informer<Service> services, Informer<ConfigMap> configMaps) {
    ResourceClient<ConfigMap> maps = client.configMaps(key.namespace());
    String name = key.name() + "-info";
    Optional<Service> service = services.lister().get(key);
    Optional<ConfigMap> existing = configMaps.lister().get(new ObjectKey(key.namespace(), name));
    if (service.isEmpty()) {
      if (existing.isPresent()) {
        try {
          maps.delete(name); // a real cluster's garbage collector would do it too, through the owner reference
        } catch (NotFoundException e) {
          // gone already
        }
        out.println("reconciled " + key + ": service gone, deleted " + name);
      }
      return Reconciler.Result.done();
    }
    Map<String, String> desired = desired(service.get());
    if (existing.isEmpty()) {
      Service s = service.get();
      try {
        maps.create(ConfigMap.builder()
            .metadata(ObjectMeta.builder().name(name).putLabels("app.kubernetes.io/managed-by", LEASE)
                .addOwnerReferences(OwnerReference.builder().apiVersion("v1").kind("Service")
                    .name(s.metadata().name()).uid(s.metadata().uid()).controller(true).build())
                .build())
            .data(desired).build());
      } catch (AlreadyExistsException e) {
        return Reconciler.Result.requeue(); // the cache is behind: look again once it caught up
      }
      out.println("reconciled " + key + ": created " + name);
    } else if (!desired.equals(existing.get().data())) {
      // Based on the cached version: a stale cache fails with a conflict and the key is retried.
      maps.update(existing.get().withData(desired));
      out.println("reconciled " + key + ": updated " + name);
    }
    return Reconciler.Result.done();
  }

  private static Map<String, String> desired(Service service) {
    Map<String, String> data = new LinkedHashMap<>();
    data.put("clusterIP", String.valueOf(service.spec().clusterIP()));
    data.put("ports", service.spec().ports().stream().map(p -> Integer.toString(p.port()))
        .collect(Collectors.joining(",")));
    return data;
  }

  private boolean infoMatches(String service) {
    Optional<Service> s = findService(service);
    Optional<ConfigMap> info = find(service + "-info");
    return s.isPresent() && info.isPresent() && desired(s.get()).equals(info.get().data());
  }

  private Optional<ConfigMap> find(String name) {
    return client.configMaps(NAMESPACE).find(name);
  }

  private Optional<Service> findService(String name) {
    return client.services(NAMESPACE).find(name);
  }

  private void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + wait.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("timed out after " + wait.toSeconds() + "s waiting for " + what);
      }
      TimeUnit.MILLISECONDS.sleep(100); // polling the cluster, as a user would; bounded by the deadline
    }
    out.println("ok: " + what);
  }

  private static Service service(String name, int port) {
    return Service.builder()
        .metadata(ObjectMeta.builder().name(name).build())
        .spec(ServiceSpec.builder().putSelector("app", name).addPorts(port(port)).build())
        .build();
  }

  private static ServicePort port(int port) {
    return ServicePort.builder().name("p" + port).port(port).build();
  }

  private void ensureNamespace() {
    try {
      client.namespaces().create(Namespace.builder().metadata(ObjectMeta.builder().name(NAMESPACE).build()).build());
    } catch (AlreadyExistsException e) {
      // kept from an earlier run
    }
  }
}
