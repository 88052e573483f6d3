package dev.skiff.fake.http;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * One server's view of the {@linkplain SharedThreads shared} handler pool: it runs tasks there, knows which of
 * them are running, and on {@link #shutdown(long)} refuses new ones and waits for those in flight, interrupting
 * them after the timeout. This keeps what a pool per server gave (no handler of a closed server runs on after
 * its close returns) without a pool per server.
 */
final class ServerWorkers implements Executor {

  private final Executor pool;
  /** Tasks handed to the pool and not yet ended. Guarded by {@code this}. */
  private int inFlight;
  /** The threads running this server's tasks now. Guarded by {@code this}. */
  private final Set<Thread> running = new HashSet<>();
  private boolean shutdown;

  ServerWorkers(Executor pool) {
    this.pool = pool;
  }

  /**
   * Runs the task on the shared pool.
   *
   * @throws RejectedExecutionException after {@link #shutdown(long)}, as a stopped pool refuses work
   */
  @Override
  public void execute(Runnable task) {
    synchronized (this) {
      if (shutdown) {
        throw new RejectedExecutionException("the server is closed");
      }
      inFlight++;
    }
    try {
      pool.execute(() -> run(task));
    } catch (RuntimeException | Error e) {
      ended(null);
      throw e;
    }
  }

  private void run(Runnable task) {
    Thread self = Thread.currentThread();
    synchronized (this) {
      running.add(self);
    }
    try {
      task.run();
    } finally {
      ended(self);
      // Interrupts are sent under the lock only to threads still listed, so any interrupt meant for this task
      // has arrived by now: clear it, as the pool thread goes on to serve other servers.
      Thread.interrupted();
    }
  }

  private synchronized void ended(Thread thread) {
    if (thread != null) {
      running.remove(thread);
    }
    inFlight--;
    notifyAll();
  }

  /**
   * Refuses new tasks and waits for those handed over before; those still running after the timeout are
   * interrupted (and not awaited further), as {@code shutdownNow} did for a pool per server.
   *
   * @param timeoutMillis how long to wait
   */
  synchronized void shutdown(long timeoutMillis) {
    shutdown = true;
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    boolean interrupted = false;
    long left;
    while (inFlight > 0 && (left = deadline - System.nanoTime()) > 0) {
      try {
        TimeUnit.NANOSECONDS.timedWait(this, left);
      } catch (InterruptedException e) {
        interrupted = true;
        break;
      }
    }
    running.forEach(Thread::interrupt);
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
