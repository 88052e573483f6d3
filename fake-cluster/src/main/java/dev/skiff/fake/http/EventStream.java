package dev.skiff.fake.http;

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
   * Queues one chunk like {@link #send}, then, while the transport's outbound buffer is above its high-water
   * mark, waits until the client has taken it. For a sender on a thread that may block with many chunks to
   * send (a watch's owed events): it goes at the client's pace and never holds much more than one high-water
   * mark of them in memory.
   *
   * @param chunk the chunk; the stream owns it from now on
   * @param timeoutMillis how long the client may take to read it
   * @return false when the client is gone or did not take the chunk in time
   * @throws InterruptedException when interrupted while waiting (the chunk stays queued)
   */
  boolean sendPaced(byte[] chunk, long timeoutMillis) throws InterruptedException;

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
