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
import java.util.concurrent.TimeUnit;

/**
 * Runs a cluster's controllers: their watches feed one work queue per controller, and a single worker thread
 * takes keys round-robin across controllers and reconciles them, so what the controllers do follows from the
 * writes in a deterministic order. {@link #awaitQuiescent(Duration)} waits until every queue is empty and the
 * worker is idle: from then on the cluster stays as it is until something else writes.
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
  private final Thread worker;
  private int next;
  private boolean busy;
  private boolean closed;

  /**
   * Starts controllers on a store: registers their watches (which queue every existing object) and starts the
   * worker.
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
    worker = new Thread(this::work, "skiff-fake-controllers");
    worker.setDaemon(true);
    worker.start();
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

  private void work() {
    while (true) {
      Controller controller;
      String key;
      synchronized (this) {
        while (!closed && pending() == 0) {
          try {
            wait();
          } catch (InterruptedException e) {
            return;
          }
        }
        if (closed) {
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
    worker.interrupt();
  }
}
