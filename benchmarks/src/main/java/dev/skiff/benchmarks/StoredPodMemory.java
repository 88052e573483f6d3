package dev.skiff.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Locale;

/**
 * Heap kept per stored pod by each fake server: live heap after a full GC with 10,000 pods created over HTTP,
 * minus the live heap of the same started server before, divided by the number of pods. One server per JVM
 * (run it once per server) so that neither sees the other's classes or caches.
 *
 * <p>Usage: {@code java -Xmx2g -cp benchmarks.jar dev.skiff.benchmarks.StoredPodMemory skiff|fabric8}; prints
 * {@code server<TAB>bytesPerPod}.
 */
public final class StoredPodMemory {
  private static final int PODS = 10_000;

  private StoredPodMemory() {}

  /**
   * Measures one server.
   *
   * @param args the server's name
   */
  public static void main(String[] args) {
    String server = args[0];
    try (FakeServers.Running running = FakeServers.start(server);
        WireClient http = new WireClient(running.url())) {
      String pods = "/api/v1/namespaces/default/pods";
      // Warm the request path with one pod so class loading and pools are in the baseline. Its index is past
      // the measured ones: a negative index would make the label value "-1", which a real server (and Skiff's
      // fake) refuses as an invalid label value.
      http.post(pods, FakeServers.podJson(PODS));
      http.get(pods);
      long before = liveHeap();
      for (int i = 0; i < PODS; i++) {
        http.post(pods, FakeServers.podJson(i));
      }
      long after = liveHeap();
      int stored = FakeServerBenchmark.countItems(http.get(pods));
      if (stored != PODS + 1) {
        throw new IllegalStateException(server + " lists " + stored + " pods, expected " + (PODS + 1));
      }
      System.out.printf(Locale.ROOT, "%s\t%d%n", server, (after - before) / PODS);
    }
  }

  private static long liveHeap() {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    long used = Long.MAX_VALUE;
    // Several collections: the minimum is the live set once finalizable and soft garbage is gone.
    for (int i = 0; i < 5; i++) {
      System.gc();
      used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
    }
    return used;
  }
}
