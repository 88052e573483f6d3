package dev.skiff.fake.controllers;

import dev.skiff.fake.api.ApiServer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Starts what runs next to a cluster's API server: kube-controller-manager's controllers (replicationcontroller,
 * replicaset, deployment, endpoint, garbage-collector, namespace) and, unless the kubelet is off, nodes, a scheduler
 * ({@code scheduler}) and the kubelet stand-in ({@code kubelet}).
 */
public final class ClusterControllers {

  /** The user agent of kube-controller-manager's requests; its first segment is the managedFields manager. */
  static final String CONTROLLER_MANAGER_AGENT = "kube-controller-manager/v1.34.0 (linux/amd64) kubernetes";

  /** The user agent of the scheduler's requests. */
  static final String SCHEDULER_AGENT = "kube-scheduler/v1.34.0 (linux/amd64) kubernetes";

  private ClusterControllers() {}

  /**
   * Starts the controllers on a server.
   *
   * @param server the API server they are clients of
   * @param disabled names of controllers not to run (see {@link Controller#name()})
   * @param kubelet whether to run nodes, the scheduler and the kubelet stand-in; without them pods stay Pending
   *     and unscheduled, as on a cluster that runs only a control plane
   * @param nodes how many nodes the kubelet stand-in registers (ignored without the kubelet)
   * @param clock the time of timestamps the controllers write
   * @return the running controllers; {@link ControllerManager#close()} stops them
   */
  public static ControllerManager start(ApiServer server, Set<String> disabled, boolean kubelet, int nodes,
      Clock clock) {
    Objects.requireNonNull(server, "server");
    ApiClient kcm = new ApiClient(server, CONTROLLER_MANAGER_AGENT);
    List<Controller> all = new ArrayList<>();
    all.add(new ReplicaController(Kinds.REPLICATION_CONTROLLER, kcm, clock));
    all.add(new ReplicaController(Kinds.REPLICA_SET, kcm, clock));
    all.add(new DeploymentController(kcm, clock));
    all.add(new EndpointsController(kcm, clock));
    all.add(new GarbageCollector(kcm));
    all.add(new NamespaceController(kcm, clock));
    if (kubelet) {
      all.add(new Scheduler(new ApiClient(server, SCHEDULER_AGENT), clock));
      Kubelet k = new Kubelet(new ApiClient(server, Kubelet.USER_AGENT), nodes, clock);
      k.registerNodes(true);
      server.servePodLogs(k.logSource());
      all.add(k);
    }
    List<Controller> enabled = new ArrayList<>();
    for (Controller c : all) {
      if (!disabled.contains(c.name())) {
        enabled.add(c);
      }
    }
    server.delegateNamespaceDeletion(!disabled.contains("namespace"));
    return new ControllerManager(server.store(), enabled);
  }
}
