package dev.skiff.watch;

import dev.skiff.model.KubernetesObject;
import dev.skiff.model.Nullable;
import java.util.Objects;
import java.util.Optional;

/**
 * A change a watch stream or an informer reports, typed and with the object's previous state where known.
 * (The model's {@link dev.skiff.model.meta.v1.WatchEvent} is the untyped wire form.)
 *
 * <ul>
 *   <li>{@link Type#ADDED}: {@link #object()} is new to the stream.
 *   <li>{@link Type#MODIFIED}: {@link #object()} is the new state, {@link #oldObject()} the previous one.
 *       An informer's periodic resync reports every cached object as modified with the same instance as old
 *       and new state ({@link #isResync()}).
 *   <li>{@link Type#DELETED}: {@link #object()} is the last state known. After a relist, objects missing from
 *       the new list are reported deleted with {@link #finalStateUnknown()}: they were deleted while the
 *       stream was not watching and their final state was never seen.
 *   <li>{@link Type#SYNCED}: a marker, no object. Everything before it brings the subscriber's view to the
 *       server's state at {@link #resourceVersion()}; sent after the first list and after every relist.
 * </ul>
 *
 * @param <T> the model class
 */
public final class WatchEvent<T extends KubernetesObject> {

  /** What happened. */
  public enum Type {
    /** An object appeared. */
    ADDED,
    /** An object changed. */
    MODIFIED,
    /** An object disappeared. */
    DELETED,
    /** A list or relist has been fully reported. */
    SYNCED
  }

  private final Type type;
  private final T object;
  private final T oldObject;
  private final boolean finalStateUnknown;
  private final String resourceVersion;

  private WatchEvent(Type type, T object, T oldObject, boolean finalStateUnknown, String resourceVersion) {
    this.type = type;
    this.object = object;
    this.oldObject = oldObject;
    this.finalStateUnknown = finalStateUnknown;
    this.resourceVersion = resourceVersion;
  }

  /**
   * An object appeared.
   *
   * @param object the object
   * @param <T> the model class
   * @return the event
   */
  public static <T extends KubernetesObject> WatchEvent<T> added(T object) {
    return new WatchEvent<>(Type.ADDED, Objects.requireNonNull(object, "object"), null, false, version(object));
  }

  /**
   * An object changed.
   *
   * @param oldObject the previous state
   * @param object the new state
   * @param <T> the model class
   * @return the event
   */
  public static <T extends KubernetesObject> WatchEvent<T> modified(T oldObject, T object) {
    return new WatchEvent<>(Type.MODIFIED, Objects.requireNonNull(object, "object"),
        Objects.requireNonNull(oldObject, "oldObject"), false, version(object));
  }

  /**
   * An object was deleted and the watch saw its final state.
   *
   * @param object the final state
   * @param <T> the model class
   * @return the event
   */
  public static <T extends KubernetesObject> WatchEvent<T> deleted(T object) {
    return new WatchEvent<>(Type.DELETED, Objects.requireNonNull(object, "object"), null, false, version(object));
  }

  /**
   * An object was found missing by a relist: it was deleted at some point the stream did not see.
   *
   * @param lastKnown the last state the stream saw
   * @param listVersion the resource version of the list that found it missing
   * @param <T> the model class
   * @return the event, with {@link #finalStateUnknown()} set
   */
  public static <T extends KubernetesObject> WatchEvent<T> deletedFinalStateUnknown(T lastKnown, String listVersion) {
    return new WatchEvent<>(Type.DELETED, Objects.requireNonNull(lastKnown, "lastKnown"), null, true,
        Objects.requireNonNull(listVersion, "listVersion"));
  }

  /**
   * The marker after a list or relist.
   *
   * @param listVersion the resource version of the list
   * @param <T> the model class
   * @return the event
   */
  public static <T extends KubernetesObject> WatchEvent<T> synced(String listVersion) {
    return new WatchEvent<>(Type.SYNCED, null, null, false, Objects.requireNonNull(listVersion, "listVersion"));
  }

  /**
   * What happened.
   *
   * @return the type
   */
  public Type type() {
    return type;
  }

  /**
   * The object: the new state, or for a deletion the last known state.
   *
   * @return the object
   * @throws IllegalStateException for a {@link Type#SYNCED} marker, which has none
   */
  public T object() {
    if (object == null) {
      throw new IllegalStateException("a SYNCED marker has no object");
    }
    return object;
  }

  /**
   * The previous state of a modified object.
   *
   * @return the previous state, or empty for other types
   */
  public Optional<T> oldObject() {
    return Optional.ofNullable(oldObject);
  }

  /**
   * The key of the object.
   *
   * @return the object's namespace and name
   * @throws IllegalStateException for a {@link Type#SYNCED} marker
   */
  public ObjectKey key() {
    return ObjectKey.of(object());
  }

  /**
   * Whether a deletion was inferred from a relist rather than seen.
   *
   * @return true when {@link #object()} may not be the final state
   */
  public boolean finalStateUnknown() {
    return finalStateUnknown;
  }

  /**
   * Whether this is an informer's periodic resync: a modification with the same instance as old and new.
   *
   * @return true for a resync notification
   */
  public boolean isResync() {
    return type == Type.MODIFIED && oldObject == object;
  }

  /**
   * The resource version the event brings the stream to: the object's, or the list's for a marker and an
   * inferred deletion.
   *
   * @return the resource version, empty when the object carries none
   */
  public String resourceVersion() {
    return resourceVersion;
  }

  /** For messages and test failures, e.g. {@code MODIFIED shop/web@42}. */
  @Override
  public String toString() {
    return type + (object == null ? "" : " " + key()) + "@" + resourceVersion
        + (finalStateUnknown ? " (final state unknown)" : "");
  }

  /** Equal when type, objects, flag and version are equal. */
  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof WatchEvent<?> e && e.type == type && Objects.equals(e.object, object)
        && Objects.equals(e.oldObject, oldObject) && e.finalStateUnknown == finalStateUnknown
        && e.resourceVersion.equals(resourceVersion);
  }

  /** A hash consistent with {@link #equals(Object)}. */
  @Override
  public int hashCode() {
    return Objects.hash(type, object, oldObject, finalStateUnknown, resourceVersion);
  }

  static String version(KubernetesObject object) {
    String rv = object.metadata() == null ? null : object.metadata().resourceVersion();
    return rv == null ? "" : rv;
  }
}
