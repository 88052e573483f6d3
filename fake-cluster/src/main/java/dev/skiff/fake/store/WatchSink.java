package dev.skiff.fake.store;

/**
 * Where a watcher's events go. Called with the store's lock held, so it must not block: it queues or drops.
 */
public interface WatchSink {

  /**
   * One event for the watcher.
   *
   * @param type {@code ADDED}, {@code MODIFIED} or {@code DELETED}
   * @param object the object the event carries
   * @return false when the watcher is gone or cannot keep up; the store then forgets it
   */
  boolean event(String type, StoredObject object);
}
