package dev.skiff.fake.controllers;

import dev.skiff.fake.api.ApiServer;
import dev.skiff.fake.api.ApiServerOptions;
import dev.skiff.fake.store.ExpiredException;
import dev.skiff.fake.store.RecordedWrites;
import dev.skiff.fake.store.Store;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The kubelet stand-in's node registration on a new server, recorded once per node count and replayed (see
 * {@link RecordedWrites}) with each cluster's uids and times.
 *
 * <p>Why: each node's create and status update went through the full write path (managedFields of a large
 * status, above all), most of the start of a cluster with its kubelet. What they store depends on nothing but
 * the node's index, the uid and the two clocks: on a server where nothing was written after its system objects,
 * with a body limit at least the default one (which the recorded requests passed), the kubelet's requests would
 * store exactly the recorded objects under the recorded resourceVersions. Anywhere else (preloaded objects, a
 * tiny body limit) the kubelet sends its requests.
 */
final class NodeRegistrations {

  /** The recorded server time (creation, managedFields); replays replace each occurrence of its text. */
  private static final Instant SERVER_TIME = Instant.parse("2001-02-03T04:05:06Z");
  /** The recorded kubelet time (conditions); another text than {@link #SERVER_TIME}'s, as replays may differ. */
  private static final Instant KUBELET_TIME = Instant.parse("2002-03-04T05:06:07Z");

  /** Node count -> its registration's writes; a test suite uses one or a few counts. */
  private static final Map<Integer, RecordedWrites> RECORDINGS = new ConcurrentHashMap<>();

  private NodeRegistrations() {}

  /**
   * Replays the registration of nodes {@code node-1..node-N} when the server is as new as the recording's.
   *
   * @param server the server
   * @param nodes how many nodes
   * @param kubeletClock the kubelet's clock, for the times it writes
   * @return whether it replayed; when not, nothing was written
   */
  static boolean replay(ApiServer server, int nodes, Clock kubeletClock) {
    if (server.options().maxBodyBytes() < ApiServerOptions.defaults().maxBodyBytes()
        || 2 * nodes > ApiServerOptions.defaults().watchHistorySize()) { // the recording reads the history
      return false;
    }
    RecordedWrites writes = RECORDINGS.computeIfAbsent(nodes, NodeRegistrations::record);
    Store store = server.store();
    synchronized (store) { // no write slips in between the check and the replay
      if (store.resourceVersion() != writes.after()) {
        return false;
      }
      writes.replay(store, List.of(Json.timestamp(server.clock().instant()),
          Json.timestamp(kubeletClock.instant())));
      return true;
    }
  }

  /** Registers the nodes through the write path on a new server with fixed clocks and records the writes. */
  private static RecordedWrites record(int nodes) {
    try (ApiServer server = new ApiServer(ApiServerOptions.defaults(), Clock.fixed(SERVER_TIME, ZoneOffset.UTC),
        new SplittableRandom(0))) {
      long after = server.store().resourceVersion();
      Kubelet kubelet = new Kubelet(new ApiClient(server, Kubelet.USER_AGENT), nodes,
          Clock.fixed(KUBELET_TIME, ZoneOffset.UTC));
      kubelet.registerNodes(false);
      RecordedWrites writes = RecordedWrites.record(server.store(), after,
          List.of(Json.timestamp(SERVER_TIME), Json.timestamp(KUBELET_TIME)));
      if (writes.size() != 2 * nodes) {
        throw new IllegalStateException("registering " + nodes + " nodes made " + writes.size() + " writes, not "
            + 2 * nodes);
      }
      return writes;
    } catch (ExpiredException e) {
      throw new AssertionError("the history keeps every write of a registration this small", e);
    }
  }
}
