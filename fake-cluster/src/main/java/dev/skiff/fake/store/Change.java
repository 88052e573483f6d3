package dev.skiff.fake.store;

/**
 * One write as the watch history keeps it.
 *
 * @param resourceVersion the counter value the write got
 * @param type {@code ADDED}, {@code MODIFIED} or {@code DELETED}
 * @param previous the object before the write, null for ADDED
 * @param object the object after the write; for DELETED its last state with the deletion's resourceVersion
 */
public record Change(long resourceVersion, String type, StoredObject previous, StoredObject object) {

  /** The resource the changed object belongs to. */
  public String resource() {
    return object.resource();
  }
}
