package dev.skiff.fake.controllers;

import dev.skiff.fake.store.StoredObject;

/**
 * One control loop: it says which resources it watches and how a watch event maps to keys, and reconciles one
 * key at a time. The {@link ControllerManager} owns the queue and the worker; a controller only decides.
 */
public abstract class Controller {
  private ControllerManager manager;

  /** The controller's name, as {@code kube-controller-manager --controllers} spells it, e.g. {@code replicationcontroller}. */
  public abstract String name();

  /**
   * Registers the controller's watches with {@link #watch(Kinds.Kind, EventHandler)}; called once, before the
   * worker starts.
   */
  abstract void start();

  /**
   * Brings the cluster in line with the desired state of one key: reads the current state, writes what
   * differs. Called on the manager's worker thread only.
   *
   * @param key the key, as the controller enqueued it
   */
  abstract void reconcile(String key);

  /** What a controller does with one watch event: usually enqueue one or more keys. */
  @FunctionalInterface
  interface EventHandler {
    /**
     * One event; called with the store's lock held, so it must only compute keys and enqueue them.
     *
     * @param type {@code ADDED}, {@code MODIFIED} or {@code DELETED}
     * @param object the object
     */
    void on(String type, StoredObject object);
  }

  final void attach(ControllerManager manager) {
    this.manager = manager;
  }

  /** Watches a resource from now on, after an ADDED event for every existing object (an informer's list). */
  final void watch(Kinds.Kind kind, EventHandler handler) {
    manager.watch(kind, handler);
  }

  /** Adds a key to this controller's queue (no-op when it is queued already). */
  final void enqueue(String key) {
    manager.enqueue(this, key);
  }

  /**
   * Puts a key back after a failed attempt (a conflict, say); gives up after a few attempts so a permanent
   * error cannot keep the cluster busy forever.
   */
  final void retry(String key) {
    manager.retry(this, key);
  }
}
