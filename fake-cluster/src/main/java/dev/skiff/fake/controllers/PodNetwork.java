package dev.skiff.fake.controllers;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Pod IPs of the nodes' pod CIDRs ({@code 10.244.N.0/24} for node N): one address per pod, unique while the
 * pod holds it, released when the pod is deleted. Like the host-local IPAM plugin, a node hands out addresses
 * round-robin from {@code .2} ({@code .1} is the bridge's gateway), so a released address is not reused at once.
 */
final class PodNetwork {
  private final Map<String, NodeRange> nodes = new HashMap<>();
  /** pod uid -> address. */
  private final Map<String, String> byPod = new HashMap<>();

  /** A node's range: {@code 10.244.<index>.2} to {@code .254}. */
  private static final class NodeRange {
    final int index;
    final boolean[] used = new boolean[256];
    int last = 1;

    NodeRange(int index) {
      this.index = index;
    }
  }

  /** The pod CIDR of node number {@code index}. */
  static String cidr(int index) {
    return "10.244." + index + ".0/24";
  }

  /** Registers a node with its index (its CIDR's third octet). */
  synchronized void addNode(String node, int index) {
    nodes.put(node, new NodeRange(index));
  }

  /**
   * The pod's address on a node: the one it has, or a new one.
   *
   * @return the address, or empty when the node is unknown or its range is exhausted
   */
  synchronized Optional<String> allocate(String node, String podUid) {
    String existing = byPod.get(podUid);
    if (existing != null) {
      return Optional.of(existing);
    }
    NodeRange range = nodes.get(node);
    if (range == null) {
      return Optional.empty();
    }
    for (int i = 1; i <= 253; i++) {
      int candidate = 2 + (range.last - 2 + i + 253) % 253;
      if (!range.used[candidate]) {
        range.used[candidate] = true;
        range.last = candidate;
        String ip = "10.244." + range.index + "." + candidate;
        byPod.put(podUid, ip);
        return Optional.of(ip);
      }
    }
    return Optional.empty();
  }

  /** Frees a pod's address; no-op when it has none. */
  synchronized void release(String podUid) {
    String ip = byPod.remove(podUid);
    if (ip == null) {
      return;
    }
    String[] octets = ip.split("\\.");
    int index = Integer.parseInt(octets[2]);
    for (NodeRange r : nodes.values()) {
      if (r.index == index) {
        r.used[Integer.parseInt(octets[3])] = false;
      }
    }
  }

  /** How many addresses are in use, for tests. */
  synchronized int inUse() {
    return byPod.size();
  }
}
