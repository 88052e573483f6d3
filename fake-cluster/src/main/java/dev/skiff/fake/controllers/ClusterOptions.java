package dev.skiff.fake.controllers;

import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What runs behind a fake cluster's API.
 *
 * @param controllers whether kube-controller-manager's controllers run at all
 * @param kubelet whether nodes, the scheduler and the kubelet stand-in run; without them pods stay Pending and
 *     unscheduled, as on a cluster that runs only a control plane
 * @param nodes how many nodes the kubelet stand-in registers
 * @param disabled names of single controllers not to run, e.g. {@code garbage-collector}
 */
public record ClusterOptions(boolean controllers, boolean kubelet, int nodes, Set<String> disabled) {

  /** Everything on, three nodes. */
  public static final ClusterOptions DEFAULTS = new ClusterOptions(true, true, 3, Set.of());

  /** Checks and copies the values. */
  public ClusterOptions {
    if (nodes < 1) {
      throw new IllegalArgumentException("nodes must be at least 1: " + nodes);
    }
    disabled = Set.copyOf(Objects.requireNonNull(disabled, "disabled"));
  }

  /** These options with the controllers switched on or off. */
  public ClusterOptions withControllers(boolean on) {
    return new ClusterOptions(on, kubelet, nodes, disabled);
  }

  /** These options with the kubelet (and scheduler) switched on or off. */
  public ClusterOptions withKubelet(boolean on) {
    return new ClusterOptions(controllers, on, nodes, disabled);
  }

  /** These options with another number of nodes. */
  public ClusterOptions withNodes(int count) {
    return new ClusterOptions(controllers, kubelet, count, disabled);
  }

  /** These options with one controller switched on or off by name. */
  public ClusterOptions withController(String name, boolean on) {
    Set<String> next = new TreeSet<>(disabled);
    if (on) {
      next.remove(name);
    } else {
      next.add(name);
    }
    return new ClusterOptions(controllers, kubelet, nodes, next);
  }
}
