package dev.skiff.fake.api;

import dev.skiff.fake.http.EventStream;
import dev.skiff.fake.store.Store;
import dev.skiff.fake.store.StoredObject;
import dev.skiff.fake.store.WatchSink;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One watch answered over HTTP: turns store events into {@code {"type":..,"object":..}\n} chunks on the
 * stream, and closes a watcher that cannot keep up instead of buffering without bound.
 */
final class HttpWatch implements WatchSink {

  private final EventStream stream;
  private final int maxBacklog;
  private final AtomicBoolean closed = new AtomicBoolean();
  private int behind;
  private volatile Store.Registration registration;
  private volatile ScheduledFuture<?> bookmarks;
  private volatile ScheduledFuture<?> timeout;

  HttpWatch(EventStream stream, int maxBacklog) {
    this.stream = stream;
    this.maxBacklog = maxBacklog;
  }

  /** Remembers what to undo at the end, and ends now if the client already left. */
  void attach(Store.Registration registration, ScheduledFuture<?> bookmarks, ScheduledFuture<?> timeout) {
    this.registration = registration;
    this.bookmarks = bookmarks;
    this.timeout = timeout;
    if (!stream.isOpen()) {
      close();
    }
    if (closed.get()) {
      release(); // closed before these existed: undo them here, close() will not run again
    }
  }

  @Override
  public boolean event(String type, StoredObject object) {
    return send(frame(type, object.json()));
  }

  /** Sends a ready event; false (and the watch ends) when the client is gone or too far behind. */
  synchronized boolean send(byte[] chunk) {
    if (closed.get()) {
      return false;
    }
    if (!stream.isWritable()) {
      if (++behind > maxBacklog) {
        close(); // the real server drops watchers that cannot keep up; the client relists
        return false;
      }
    } else {
      behind = 0;
    }
    if (!stream.send(chunk)) {
      close();
      return false;
    }
    return true;
  }

  /** Whether the watch has ended. */
  boolean isClosed() {
    return closed.get();
  }

  /** Ends the watch: unregisters, stops timers, ends the stream. Idempotent. */
  void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    release();
    stream.close();
  }

  /** Unregisters and stops the timers known so far. Idempotent. */
  private void release() {
    Store.Registration r = registration;
    if (r != null) {
      r.cancel();
    }
    ScheduledFuture<?> b = bookmarks;
    if (b != null) {
      b.cancel(false);
    }
    ScheduledFuture<?> t = timeout;
    if (t != null) {
      t.cancel(false);
    }
  }

  /** One event as the wire carries it. */
  static byte[] frame(String type, byte[] objectJson) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(objectJson.length + 32);
    out.writeBytes(("{\"type\":\"" + type + "\",\"object\":").getBytes(StandardCharsets.UTF_8));
    out.writeBytes(objectJson);
    out.writeBytes("}\n".getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }
}
