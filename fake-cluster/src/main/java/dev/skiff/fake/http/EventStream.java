package dev.skiff.fake.http;

import java.util.Iterator;

/**
 * A long-lived streamed answer, such as a watch. Thread-safe: any thread may send. One {@link #send} is one
 * watch event: one HTTP chunk (the API layer ends each event with a newline) or one WebSocket text frame
 * (the transport drops the trailing newline).
 */
public interface EventStream extends AutoCloseable {

  /**
   * Queues one chunk for the client without blocking.
   *
   * @param chunk the chunk; the stream owns it from now on (the caller must not change it)
   * @return false when the client is gone (the chunk is dropped)
   */
  boolean send(byte[] chunk);

  /**
   * Sends chunks in order at the client's pace, blocking while the transport's outbound buffer is above its
   * high-water mark: for a sender on a thread that may block with many chunks to send (a watch's owed events),
   * so that no more than about one high-water mark of them is ever held in memory. Chunks are taken from the
   * iterator only as they are sent, and several may go out in one transport write (one HTTP chunk carrying
   * several event lines); each stays one WebSocket frame.
   *
   * @param chunks the chunks; the stream owns each one it takes
   * @param timeoutMillis how long the client may take to read one transport write
   * @return false when the client is gone or stopped reading; what was not sent is dropped
   * @throws InterruptedException when interrupted while waiting for the client
   */
  boolean sendPaced(Iterator<byte[]> chunks, long timeoutMillis) throws InterruptedException;

  /** Whether the client is still connected and the stream not closed. */
  boolean isOpen();

  /**
   * Whether the client keeps up: false while the transport's outbound buffer is above its high-water mark.
   * A watcher that stays unwritable is closed by the API layer, as the real server closes slow watchers.
   */
  boolean isWritable();

  /** Runs the callback once when the stream ends, by the client leaving or by {@link #close}. */
  void onClosed(Runnable callback);

  /** Ends the stream cleanly (last chunk, or WebSocket close frame). Idempotent. */
  @Override
  void close();
}
