package dev.skiff.fake.api;

import dev.skiff.fake.http.EventStream;
import dev.skiff.fake.store.Store;
import dev.skiff.fake.store.StoredObject;
import dev.skiff.fake.store.WatchSink;
import java.io.ByteArrayOutputStream;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * One watch answered over HTTP: turns store events into {@code {"type":..,"object":..}\n} chunks on the
 * stream, and closes a watcher that cannot keep up instead of buffering without bound.
 *
 * <p>A new watch first sends what it is owed from before it was registered ({@link #sendOwed}) at the
 * client's pace, however many events that is, as the real server's cache watcher sends its initial events
 * before anything else; live events that arrive meanwhile wait behind them, and a watcher that lets more than
 * its backlog of them pile up is closed, as the real server closes a watcher whose buffer fills.
 */
final class HttpWatch implements WatchSink {
  /** How long a client may take to read a batch of owed events before the watch gives up on it. */
  private static final long OWED_TIMEOUT_MILLIS = 60_000;

  private final EventStream stream;
  private final int maxBacklog;
  private final Function<StoredObject, byte[]> form;
  private final AtomicBoolean closed = new AtomicBoolean();
  private int behind;
  /** Live events waiting for the owed ones to go out; null once they have (guarded by this). */
  private ArrayDeque<Store.WatchEvent> waiting = new ArrayDeque<>();
  private volatile Store.Registration registration;
  private volatile ScheduledFuture<?> bookmarks;
  private volatile ScheduledFuture<?> timeout;

  HttpWatch(EventStream stream, int maxBacklog) {
    this(stream, maxBacklog, StoredObject::json);
  }

  /**
   * A watch whose events carry the object in another form: a one-row Table for a client that asked for
   * {@code as=Table} (kubectl get -w), which prints each event as a row under the list's columns.
   *
   * @param form the bytes of an event's object; called in event order, one event at a time
   */
  HttpWatch(EventStream stream, int maxBacklog, Function<StoredObject, byte[]> form) {
    this.stream = stream;
    this.maxBacklog = maxBacklog;
    this.form = form;
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
  public synchronized boolean event(String type, StoredObject object) {
    if (waiting != null) {
      if (closed.get() || waiting.size() >= maxBacklog) {
        close();
        return false;
      }
      waiting.add(new Store.WatchEvent(type, object));
      return true;
    }
    // Synchronized so that a form that treats the first event specially sees events in the order they go out.
    return send(frame(type, form.apply(object)));
  }

  /**
   * Sends the events the watch is owed from before its registration, on the calling thread and at the
   * client's pace (it blocks while the client is behind), then {@code endMark} (the initial-events-end
   * bookmark) if not null, then the live events that arrived meanwhile; from then on live events go out as
   * they come. Ends the watch when the client leaves, stops reading, or the thread is interrupted.
   */
  void sendOwed(List<Store.WatchEvent> owed, byte[] endMark) {
    Iterator<Store.WatchEvent> events = owed.iterator();
    // form is called without the lock: no other thread calls it while live events only queue
    Iterator<byte[]> frames = new Iterator<>() {
      @Override
      public boolean hasNext() {
        return !closed.get() && events.hasNext();
      }

      @Override
      public byte[] next() {
        Store.WatchEvent e = events.next();
        return frame(e.type(), form.apply(e.object()));
      }
    };
    try {
      if (!stream.sendPaced(frames, OWED_TIMEOUT_MILLIS) || closed.get()) {
        close();
        return;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      close();
      return;
    }
    synchronized (this) {
      ArrayDeque<Store.WatchEvent> live = waiting;
      waiting = null;
      if (endMark != null && !send(endMark)) {
        return;
      }
      for (Store.WatchEvent e : live) {
        if (!send(frame(e.type(), form.apply(e.object())))) {
          return;
        }
      }
    }
  }

  /**
   * Sends a periodic bookmark, unless owed events are still going out: a bookmark among them would tell the
   * client it has reached a resourceVersion it has not.
   */
  synchronized void bookmark(byte[] chunk) {
    if (waiting == null) {
      send(chunk);
    }
  }

  /** Sends an ERROR event instead of anything owed, and ends the watch. */
  synchronized void fail(byte[] chunk) {
    waiting = null;
    send(chunk);
    close();
  }

  /** Sends a ready event; false (and the watch ends) when the client is gone or too far behind. */
  private synchronized boolean send(byte[] chunk) {
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
