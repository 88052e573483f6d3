package dev.skiff.watch;

import dev.skiff.model.KubernetesObject;
import java.util.Objects;

/**
 * One event of a watch connection as the server sent it, decoded: the typed counterpart of the model's
 * untyped {@link dev.skiff.model.meta.v1.WatchEvent}. {@code ERROR} events are not events here: a
 * {@link ListWatch} turns them into a {@link ListWatchException} (410 into {@link ResourceExpiredException}).
 *
 * @param type what happened
 * @param object the object; for a bookmark, an object that carries only the resource version
 * @param <T> the model class
 */
public record ServerEvent<T extends KubernetesObject>(Type type, T object) {

  /** The event types of the watch protocol. */
  public enum Type {
    /** An object was created (or first seen by this watch). */
    ADDED,
    /** An object was changed. */
    MODIFIED,
    /** An object was deleted; the object is its last state. */
    DELETED,
    /** No change: the watch has seen everything up to the object's resource version. */
    BOOKMARK
  }

  /**
   * Validates the event.
   *
   * @param type what happened
   * @param object the object
   */
  public ServerEvent {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(object, "object");
  }
}
