package dev.skiff.fake.http;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * What chunked and WebSocket streams share: the open/closed state, the close callbacks, and the rule that
 * every write happens on the connection's event loop in the order the API layer made it.
 *
 * <p>Chunks are handed to Netty on the caller's thread under this object's lock, and the end of the stream is
 * queued on the event loop under the same lock, so a {@link #send} that returned true is always written before
 * the end, whichever threads call {@link #send} and {@link #close}. Handing chunks to Netty directly (rather than
 * in tasks of our own) lets Netty count them against the water marks at once, so {@link #isWritable} turns
 * false as soon as a fast writer outruns the client.
 */
abstract class AbstractEventStream implements EventStream {

  /**
   * How many bytes of paced chunks go out in one write: one task for the event loop and one system call per
   * batch rather than per event, which is most of the cost of sending many small events.
   */
  private static final int PACED_WRITE_BYTES = 64 * 1024;

  protected final Channel channel;
  private final Executor callbackExecutor;
  private final ChannelFutureListener onDisconnect = f -> ended();

  private boolean open = true; // guarded by this
  private boolean ended; // guarded by this
  private List<Runnable> callbacks = new ArrayList<>(1); // guarded by this

  AbstractEventStream(Channel channel, Executor callbackExecutor) {
    this.channel = channel;
    this.callbackExecutor = callbackExecutor;
    channel.closeFuture().addListener(onDisconnect);
  }

  @Override
  public final synchronized boolean send(byte[] chunk) {
    if (!isOpen()) {
      return false;
    }
    writeChunk(chunk);
    return true;
  }

  @Override
  public final boolean sendPaced(Iterator<byte[]> chunks, long timeoutMillis) throws InterruptedException {
    List<byte[]> batch = new ArrayList<>();
    int bytes = 0;
    while (chunks.hasNext()) {
      byte[] chunk = chunks.next();
      batch.add(chunk);
      bytes += chunk.length;
      if (bytes >= PACED_WRITE_BYTES) {
        if (!sendPaced(batch, timeoutMillis)) {
          return false;
        }
        batch = new ArrayList<>();
        bytes = 0;
      }
    }
    return batch.isEmpty() || sendPaced(batch, timeoutMillis);
  }

  /** Writes a batch; above the high-water mark, waits until the client has taken it. */
  private boolean sendPaced(List<byte[]> batch, long timeoutMillis) throws InterruptedException {
    ChannelFuture written;
    synchronized (this) {
      if (!isOpen()) {
        return false;
      }
      written = writeChunks(batch);
    }
    if (channel.isWritable()) {
      return true;
    }
    return written.await(timeoutMillis) && written.isSuccess();
  }

  @Override
  public final synchronized boolean isOpen() {
    return open && channel.isActive();
  }

  @Override
  public final boolean isWritable() {
    return isOpen() && channel.isWritable();
  }

  @Override
  public final void onClosed(Runnable callback) {
    synchronized (this) {
      if (!ended) {
        callbacks.add(callback);
        return;
      }
    }
    runCallback(callback);
  }

  @Override
  public final void close() {
    synchronized (this) {
      if (!open) {
        return;
      }
      open = false;
    }
    try {
      channel.eventLoop().execute(() -> {
        writeEnd();
        ended();
      });
    } catch (RejectedExecutionException e) {
      ended(); // the server has shut down: the connection is gone already
    }
  }

  /** Writes the answer's head; runs on the event loop before any chunk. */
  abstract void writeHead();

  /**
   * Writes one chunk; runs on the sender's thread, under the stream's lock.
   *
   * @return completes when the chunk has been written to the socket (or failed)
   */
  abstract ChannelFuture writeChunk(byte[] chunk);

  /**
   * Writes several chunks in order, flushed together; runs on the sender's thread, under the stream's lock.
   *
   * @return completes when the last of them has been written to the socket (or failed)
   */
  abstract ChannelFuture writeChunks(List<byte[]> chunks);

  /** Writes the end of the stream and hands the connection back (or closes it); runs on the event loop. */
  abstract void writeEnd();

  /** Marks the stream ended, once, by {@link #close} or by the client leaving, and runs the callbacks. */
  final void ended() {
    List<Runnable> toRun;
    synchronized (this) {
      if (ended) {
        return;
      }
      ended = true;
      open = false;
      toRun = callbacks;
      callbacks = List.of();
    }
    // A stream that ended by close() leaves a keep-alive connection open: drop the listener so a long-lived
    // connection does not collect one per watch.
    channel.closeFuture().removeListener(onDisconnect);
    toRun.forEach(this::runCallback);
  }

  /** Callbacks may take the API layer's locks: never on the event loop. */
  private void runCallback(Runnable callback) {
    try {
      callbackExecutor.execute(callback);
    } catch (RejectedExecutionException e) {
      callback.run(); // the server is shutting down; the worker pool is gone
    }
  }
}
