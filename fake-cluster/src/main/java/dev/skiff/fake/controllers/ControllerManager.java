package dev.skiff.fake.controllers;

import dev.skiff.fake.store.ExpiredException;
import dev.skiff.fake.store.Store;
import dev.skiff.fake.store.WatchFilter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a cluster's controllers: their watches feed one work queue per controller, and a single worker takes keys
 * round-robin across controllers and reconciles them, so what the controllers do follows from the writes in a
 * deterministic order. {@link #awaitQuiescent(Duration)} waits until every queue is empty and the worker is idle:
 * from then on the cluster stays as it is until something else writes.
 *
 * <p>The worker is a task on a pool of daemon threads that every cluster of the JVM shares, queued when keys
 * arrive and ended when the queues are empty: a thread per cluster, started with the cluster and parked for its
 * life, was a large part of a cluster's start, and most clusters of a test suite have little to reconcile.
 */
public final class ControllerManager implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(ControllerManager.class.getName());
  /** How often a failing key is retried before the controller gives up on it (until its next event). */
  private static final int MAX_ATTEMPTS = 10;

  private final Store store;
  private final List<Controller> controllers;
  private final Map<Controller, LinkedHashSet<String>> queues = new LinkedHashMap<>();
  private final Map<String, Integer> attempts = new HashMap<>();
  private final List<Store.Registration> registrations = new ArrayList<>();
  private int next;
  /**
   * Whether the worker is queued or running; at most one is, which keeps reconciles in order. True while the
   * constructor registers the watches, so that the first reconcile sees every controller's initial keys.
   */
  private boolean working = true;
  private boolean busy;
  private boolean closed;

  /**
   * Starts controllers on a store: registers their watches, which queue what the controllers must look at
   * among the existing objects (and so start the worker).
   *
   * @param store the store the controllers watch
   * @param controllers the controllers, in the order their queues are served
   */
  public ControllerManager(Store store, List<Controller> controllers) {
    this.store = store;
    this.controllers = List.copyOf(controllers);
    for (Controller c : this.controllers) {
      queues.put(c, new LinkedHashSet<>());
      c.attach(this);
    }
    synchronized (store) { // no write slips in between the controllers' initial lists
      for (Controller c : this.controllers) {
        c.start();
      }
    }
    synchronized (this) {
      working = false;
      startWorker();
    }
  }

  /** The controllers, in the order their queues are served. */
  public List<Controller> controllers() {
    return controllers;
  }

  /** The kubelet stand-in, when it runs. */
  public java.util.Optional<Kubelet> kubelet() {
    for (Controller c : controllers) {
      if (c instanceof Kubelet) {
        return java.util.Optional.of((Kubelet) c);
      }
    }
    return java.util.Optional.empty();
  }

  /**
   * Waits until every controller's queue is empty and no reconcile runs.
   *
   * @param timeout the longest wait
   * @return whether the controllers became quiet in time
   * @throws InterruptedException when the waiting thread is interrupted
   */
  public boolean awaitQuiescent(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (this) {
      while (busy || pending() > 0) {
        long left = deadline - System.nanoTime();
        if (left <= 0 || closed) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(this, left);
      }
      return true;
    }
  }

  /** How many keys wait in all queues. */
  public synchronized int pending() {
    int n = 0;
    for (LinkedHashSet<String> q : queues.values()) {
      n += q.size();
    }
    return n;
  }

  void watch(Kinds.Kind kind, Controller.EventHandler handler) {
    try {
      registrations.add(store.watch(new WatchFilter(kind.storeKey(), null, o -> true), -1, (type, object) -> {
        handler.on(type, object);
        return true;
      }));
    } catch (ExpiredException e) {
      throw new IllegalStateException("a watch from the current state cannot expire", e);
    }
  }

  synchronized void enqueue(Controller controller, String key) {
    if (closed) {
      return;
    }
    LinkedHashSet<String> q = queues.get(controller);
    if (q.add(key)) {
      notifyAll();
      startWorker();
    }
  }

  /** Queues the worker on the shared pool unless it is queued or running already. Call with the lock held. */
  private void startWorker() {
    if (!working && !closed && pending() > 0) {
      working = true;
      Workers.POOL.execute(this::work);
    }
  }

  synchronized void retry(Controller controller, String key) {
    String id = controller.name() + "\u0000" + key;
    int n = attempts.merge(id, 1, Integer::sum);
    if (n > MAX_ATTEMPTS) {
      attempts.remove(id);
      LOG.log(System.Logger.Level.WARNING, controller.name() + ": giving up on " + key + " after " + MAX_ATTEMPTS
          + " attempts");
      return;
    }
    enqueue(controller, key);
  }

  /** Reconciles queued keys until the queues are empty or the manager is closed. */
  private void work() {
    while (true) {
      Controller controller;
      String key;
      synchronized (this) {
        if (closed || pending() == 0) {
          working = false;
          return;
        }
        controller = nextController();
        LinkedHashSet<String> q = queues.get(controller);
        key = q.iterator().next();
        q.remove(key);
        busy = true;
      }
      try {
        controller.reconcile(key);
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.WARNING, controller.name() + ": reconcile of " + key + " failed", e);
        retry(controller, key);
      } finally {
        synchronized (this) {
          busy = false;
          notifyAll();
        }
      }
    }
  }

  /** The next controller with queued keys, round-robin, so no controller starves the others. */
  private Controller nextController() {
    for (int i = 0; i < controllers.size(); i++) {
      Controller c = controllers.get((next + i) % controllers.size());
      if (!queues.get(c).isEmpty()) {
        next = (next + i + 1) % controllers.size();
        return c;
      }
    }
    throw new IllegalStateException("no queued key");
  }

  /** Stops the watches and the worker; a reconcile in progress finishes. Idempotent. */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      notifyAll();
    }
    for (Store.Registration r : registrations) {
      r.cancel();
    }
  }

  /** Initialization-on-demand holder of the shared pool. */
  private static final class Workers {
    private static final AtomicInteger COUNT = new AtomicInteger();
    /**
     * Unbounded, as each running cluster may need a worker at once; idle threads end after a minute. Daemons,
     * so that a test that forgets to close its cluster does not keep the JVM alive.
     */
    static final ExecutorService POOL = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS,
        new SynchronousQueue<>(), r -> {
          Thread t = new Thread(r, "skiff-fake-controllers-" + COUNT.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
  }
}
