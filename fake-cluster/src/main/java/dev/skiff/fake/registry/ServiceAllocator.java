package dev.skiff.fake.registry;

import java.util.BitSet;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.random.RandomGenerator;

/**
 * The cluster-wide pools a Service takes from: cluster IPs from {@code 10.0.0.0/24} (the network and broadcast
 * addresses are never handed out, and {@code 10.0.0.1} is only given on request, to the {@code kubernetes}
 * service) and node
 * ports from {@code 30000-32767}. Thread-safe.
 */
final class ServiceAllocator {
  /** The service CIDR, as in the error messages. */
  static final String SERVICE_CIDR = "10.0.0.0/24";
  static final int NODE_PORT_MIN = 30000;
  static final int NODE_PORT_MAX = 32767;
  private static final String PREFIX = "10.0.0.";

  private final BitSet ips = new BitSet(256);
  private final BitSet nodePorts = new BitSet(NODE_PORT_MAX + 1);
  private final RandomGenerator random;

  ServiceAllocator(RandomGenerator random) {
    this.random = random;
    ips.set(0);
    ips.set(255);
  }

  /** A free cluster IP chosen at random, or empty when the range is full. */
  synchronized Optional<String> allocateIp() {
    // Random picks start at .2: .1 is only handed out on request, to the kubernetes service.
    int free = 0;
    for (int i = ips.nextClearBit(2); i < 255; i = ips.nextClearBit(i + 1)) {
      free++;
    }
    if (free == 0) {
      return Optional.empty();
    }
    int skip;
    synchronized (random) { // shared with the rest of the API server
      skip = random.nextInt(free);
    }
    int i = ips.nextClearBit(2);
    while (skip-- > 0) {
      i = ips.nextClearBit(i + 1);
    }
    ips.set(i);
    return Optional.of(PREFIX + i);
  }

  /**
   * Reserves a requested cluster IP.
   *
   * @return null on success, else the reason in the server's words
   */
  synchronized String reserveIp(String ip) {
    int host = hostPart(ip);
    if (host <= 0 || host == 255) {
      return "the provided IP (" + ip + ") is not in the valid range. The range of valid IPs is " + SERVICE_CIDR;
    }
    if (ips.get(host)) {
      return "provided IP is already allocated";
    }
    ips.set(host);
    return null;
  }

  /** Frees a cluster IP taken before; other values are ignored. */
  synchronized void releaseIp(String ip) {
    int host = hostPart(ip);
    if (host > 0 && host < 255) {
      ips.clear(host);
    }
  }

  /** A free node port chosen at random, or empty when the range is full. */
  synchronized OptionalInt allocateNodePort() {
    int size = NODE_PORT_MAX - NODE_PORT_MIN + 1;
    int free = size - nodePorts.get(NODE_PORT_MIN, NODE_PORT_MAX + 1).cardinality();
    if (free == 0) {
      return OptionalInt.empty();
    }
    int start;
    synchronized (random) {
      start = NODE_PORT_MIN + random.nextInt(size);
    }
    int p = nodePorts.nextClearBit(start);
    if (p > NODE_PORT_MAX) {
      p = nodePorts.nextClearBit(NODE_PORT_MIN);
    }
    nodePorts.set(p);
    return OptionalInt.of(p);
  }

  /**
   * Reserves a requested node port.
   *
   * @return null on success, else the reason in the server's words
   */
  synchronized String reserveNodePort(int port) {
    if (port < NODE_PORT_MIN || port > NODE_PORT_MAX) {
      return "provided port is not in the valid range. The range of valid ports is " + NODE_PORT_MIN + "-"
          + NODE_PORT_MAX;
    }
    if (nodePorts.get(port)) {
      return "provided port is already allocated";
    }
    nodePorts.set(port);
    return null;
  }

  /** Frees a node port taken before. */
  synchronized void releaseNodePort(int port) {
    if (port >= NODE_PORT_MIN && port <= NODE_PORT_MAX) {
      nodePorts.clear(port);
    }
  }

  /** Whether a node port is taken. */
  synchronized boolean nodePortTaken(int port) {
    return port >= NODE_PORT_MIN && port <= NODE_PORT_MAX && nodePorts.get(port);
  }

  /** The last octet of an address in the range, or -1. */
  private static int hostPart(String ip) {
    if (!ip.startsWith(PREFIX)) {
      return -1;
    }
    String rest = ip.substring(PREFIX.length());
    if (!rest.matches("0|[1-9][0-9]{0,2}")) {
      return -1;
    }
    int host = Integer.parseInt(rest);
    return host <= 255 ? host : -1;
  }
}
