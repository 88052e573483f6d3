package dev.skiff.fake.http;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads every {@link HttpServer} of a JVM shares: one Netty event-loop group that moves bytes and one
 * cached pool that runs handlers.
 *
 * <p>Why shared: a test suite starts a server per test, and creating, starting and then gracefully stopping an
 * event-loop group and a pool per server was most of a server's start and stop time. Sharing loses nothing: the
 * event loops never run handler code (a slow handler cannot stall another server's sockets), and each server
 * still tracks and awaits its own handler tasks on close (see {@link ServerWorkers}).
 *
 * <p>Both are created on first use and never shut down. Their threads are daemons, so they never keep a JVM
 * alive; idle pool threads end after a minute; the two event-loop threads stay parked in {@code select} at no
 * cost.
 */
final class SharedThreads {

  /** How long an idle worker thread waits for another task before it ends. */
  private static final long WORKER_KEEP_ALIVE_SECONDS = 60;

  private SharedThreads() {}

  /**
   * The shared event loops: at most two, as one server on loopback never needs more and the JVM may host
   * several servers.
   *
   * @return the group, created on first call
   */
  static EventLoopGroup eventLoops() {
    return Holder.EVENT_LOOPS;
  }

  /**
   * The shared handler pool: unbounded and cached, as handlers may block (a watch's initial list, a long
   * request); threads are reused across servers and end after a minute idle.
   *
   * @return the pool, created on first call
   */
  static ExecutorService workers() {
    return Holder.WORKERS;
  }

  /** Initialization-on-demand: the JVM creates the threads' owners once, on first use, without locking. */
  private static final class Holder {
    static final EventLoopGroup EVENT_LOOPS = new MultiThreadIoEventLoopGroup(
        Math.min(2, Runtime.getRuntime().availableProcessors()),
        new DefaultThreadFactory("skiff-fake-io", true), NioIoHandler.newFactory());

    static final ExecutorService WORKERS = new ThreadPoolExecutor(0, Integer.MAX_VALUE,
        WORKER_KEEP_ALIVE_SECONDS, TimeUnit.SECONDS, new SynchronousQueue<>(), daemonThreads("skiff-fake-worker-"));

    private static java.util.concurrent.ThreadFactory daemonThreads(String prefix) {
      AtomicInteger n = new AtomicInteger();
      return r -> {
        Thread t = new Thread(r, prefix + n.incrementAndGet());
        // Daemon threads: a test that forgets close() must not keep its JVM alive.
        t.setDaemon(true);
        return t;
      };
    }
  }
}
