package dev.skiff.fake.api;

import dev.skiff.fake.store.ExpiredException;
import dev.skiff.fake.store.RecordedWrites;
import dev.skiff.fake.store.Store;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The objects every new {@link ApiServer} starts with (the system namespaces and their {@code default}
 * ServiceAccounts), made once per class loader through the full write path and then copied into each new
 * server with that server's own uids and creation time.
 *
 * <p>Why: creating them through defaulting, validation, managedFields tracking and JSON encoding on every
 * start was most of the cost of starting a cluster. Their stored form depends on nothing but the uid and the
 * time: the names are fixed, and a new store always gives them the resourceVersions 1 to 8 in the same order.
 * So the write path's own writes, recorded once and replayed with other uids and times (see
 * {@link RecordedWrites}), are byte for byte what it would store, with the same counter, history and watch
 * events.
 */
final class SystemObjects {

  /** The recorded creation time; any would do, as replays replace each occurrence of its text. */
  private static final Instant TEMPLATE_TIME = Instant.parse("2001-02-03T04:05:06Z");

  private SystemObjects() {}

  /**
   * Stores the system objects into a new server's empty store, as the write path would have.
   *
   * @param store the new server's store, with nothing written yet
   * @param timestamp the creation time to give them, as the server formats it
   */
  static void replayInto(Store store, String timestamp) {
    Recording.WRITES.replay(store, List.of(timestamp));
  }

  /** Initialization-on-demand: recorded on the first server's start, without locking afterwards. */
  private static final class Recording {
    static final RecordedWrites WRITES = record();
  }

  private static RecordedWrites record() {
    try (ApiServer full = new ApiServer(ApiServerOptions.defaults(), Clock.fixed(TEMPLATE_TIME, ZoneOffset.UTC),
        new SplittableRandom(0), false)) {
      return RecordedWrites.record(full.store(), 0, List.of(DateTimeFormatter.ISO_INSTANT.format(TEMPLATE_TIME)));
    } catch (ExpiredException e) {
      throw new AssertionError("a new store keeps its first writes", e);
    }
  }
}
