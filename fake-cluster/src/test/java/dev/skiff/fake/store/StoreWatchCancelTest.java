package dev.skiff.fake.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A watch ends while holding its own lock (the API layer's watch does), and the store delivers events under the
 * store's lock into that same lock: cancelling must not wait for the store, or the two wait for each other.
 */
class StoreWatchCancelTest {
  private static final long BOUND_NANOS = TimeUnit.SECONDS.toNanos(10);

  private final Store store = new Store(100, 0);

  /** A sink that, like the API layer's watch, takes its own lock for every event. */
  private static final class LockingSink implements WatchSink {
    final AtomicInteger events = new AtomicInteger();

    @Override
    public synchronized boolean event(String type, StoredObject object) {
      events.incrementAndGet();
      return true;
    }
  }

  @Test
  void aSinkCancelsWhileHoldingItsLockAsTheStoreDeliversItAnEvent() throws Exception {
    LockingSink sink = new LockingSink();
    Store.Registration registration = store.watch(new WatchFilter("pods", null, o -> true), 0, sink);
    Thread writer = new Thread(() -> store.put(null, rv -> pod("a", rv)), "writer");
    writer.setDaemon(true); // with the old lock order, it never ends
    AtomicReference<String> failure = new AtomicReference<>();
    Thread ending = new Thread(() -> {
      synchronized (sink) {
        writer.start();
        // The writer holds the store's lock and waits at the sink's: the moment the deadlock needed.
        long deadline = System.nanoTime() + BOUND_NANOS;
        while (writer.getState() != Thread.State.BLOCKED) {
          if (System.nanoTime() > deadline) {
            failure.set("the writer never reached the sink: " + writer.getState());
            return;
          }
          Thread.onSpinWait();
        }
        registration.cancel();
      }
    }, "ending watch");
    ending.setDaemon(true);
    ending.start();

    ending.join(TimeUnit.NANOSECONDS.toMillis(BOUND_NANOS));
    assertThat(failure.get()).isNull();
    assertThat(ending.isAlive()).as("cancel() waited for the store's lock while the store waited for the sink's")
        .isFalse();
    writer.join(TimeUnit.NANOSECONDS.toMillis(BOUND_NANOS));
    assertThat(writer.isAlive()).isFalse();
    // The event already on its way when the watch was cancelled may arrive; nothing after it does.
    assertThat(sink.events.get()).isBetween(0, 1);
    store.put(null, rv -> pod("b", rv));
    assertThat(sink.events.get()).isBetween(0, 1);
    assertThat(store.watcherCount()).isZero();
  }

  private static StoredObject pod(String name, long rv) {
    byte[] json = ("{\"kind\":\"Pod\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"" + name + "\"}}")
        .getBytes(StandardCharsets.UTF_8);
    return new StoredObject("pods", "default", name, "uid-" + name, rv, Map.of(), Map.of(), json,
        "\"kind\":\"Pod\",\"apiVersion\":\"v1\",".length());
  }
}
