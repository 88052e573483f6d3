package dev.skiff.fake.api.replay;

import dev.skiff.fake.http.EventStream;
import dev.skiff.fake.http.HttpResponder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One request's answer captured in memory: a whole body, or a stream of chunks that a test can await. Stands
 * in for the transport, so tests call {@code ApiServer.handle} directly.
 */
public final class InProcessExchange implements HttpResponder {

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private int status;
  private String contentType;
  private Map<String, String> headers = Map.of();
  private byte[] body;
  private final List<byte[]> chunks = new ArrayList<>();
  private boolean streaming;
  private boolean closed;
  private final List<Runnable> onClosed = new ArrayList<>();
  private int answers;
  private volatile boolean writable = true;
  private boolean goneBeforeStream;

  @Override
  public void send(int status, String contentType, Map<String, String> headers, byte[] body) {
    lock.lock();
    try {
      answers++;
      this.status = status;
      this.contentType = contentType;
      this.headers = headers;
      this.body = body;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public EventStream stream(int status, String contentType, Map<String, String> headers) {
    lock.lock();
    try {
      answers++;
      this.status = status;
      this.contentType = contentType;
      this.headers = headers;
      this.streaming = true;
      this.closed = goneBeforeStream;
      return new Stream();
    } finally {
      lock.unlock();
    }
  }

  /** The stream side the API layer writes into. */
  private final class Stream implements EventStream {
    @Override
    public boolean send(byte[] chunk) {
      lock.lock();
      try {
        if (closed) {
          return false;
        }
        chunks.add(chunk);
        changed.signalAll();
        return true;
      } finally {
        lock.unlock();
      }
    }

    @Override
    public boolean sendPaced(java.util.Iterator<byte[]> chunks, long timeoutMillis) {
      while (chunks.hasNext()) {
        if (!send(chunks.next())) { // held in memory: the test reads at its own pace
          return false;
        }
      }
      return true;
    }

    @Override
    public boolean isOpen() {
      lock.lock();
      try {
        return !closed;
      } finally {
        lock.unlock();
      }
    }

    @Override
    public boolean isWritable() {
      return writable;
    }

    @Override
    public void onClosed(Runnable callback) {
      boolean runNow;
      lock.lock();
      try {
        runNow = closed;
        if (!runNow) {
          onClosed.add(callback);
        }
      } finally {
        lock.unlock();
      }
      if (runNow) {
        callback.run();
      }
    }

    @Override
    public void close() {
      InProcessExchange.this.close();
    }
  }

  /** Ends the stream as a client leaving would; runs the close callbacks once. */
  public void close() {
    List<Runnable> callbacks;
    lock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      callbacks = new ArrayList<>(onClosed);
      onClosed.clear();
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    callbacks.forEach(Runnable::run);
  }

  /** Makes a stream start already closed, as when the client leaves before the answer begins. */
  public void goneBeforeStream() {
    lock.lock();
    try {
      goneBeforeStream = true;
    } finally {
      lock.unlock();
    }
  }

  /** Makes the stream report itself unwritable (a slow client), or writable again. */
  public void setWritable(boolean writable) {
    this.writable = writable;
  }

  /** Waits until at least {@code count} chunks arrived or the stream ended, at most {@code timeout}. */
  public List<byte[]> awaitChunks(int count, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    lock.lock();
    try {
      while (chunks.size() < count && !closed) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          break;
        }
        changed.awaitNanos(left);
      }
      return new ArrayList<>(chunks);
    } finally {
      lock.unlock();
    }
  }

  /** Waits until the stream has ended, at most {@code timeout}; whether it did. */
  public boolean awaitClosed(Duration timeout) throws InterruptedException {
    lock.lock();
    try {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (!closed) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        changed.awaitNanos(left);
      }
      return true;
    } finally {
      lock.unlock();
    }
  }

  /** The chunks so far. */
  public List<byte[]> chunks() {
    lock.lock();
    try {
      return new ArrayList<>(chunks);
    } finally {
      lock.unlock();
    }
  }

  /** The chunks so far as text lines. */
  public List<String> lines() {
    List<String> out = new ArrayList<>();
    for (byte[] c : chunks()) {
      out.add(new String(c, StandardCharsets.UTF_8).trim());
    }
    return out;
  }

  public int status() {
    return status;
  }

  public String contentType() {
    return contentType;
  }

  public Map<String, String> headers() {
    return headers;
  }

  public byte[] body() {
    return body;
  }

  public boolean streaming() {
    return streaming;
  }

  public boolean closed() {
    lock.lock();
    try {
      return closed;
    } finally {
      lock.unlock();
    }
  }

  /** How many times the API layer answered (must be exactly once). */
  public int answers() {
    return answers;
  }
}
