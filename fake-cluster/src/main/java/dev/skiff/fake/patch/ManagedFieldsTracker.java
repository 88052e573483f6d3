package dev.skiff.fake.patch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Optional;

/**
 * Keeps {@code metadata.managedFields} as the real server does, and implements server-side apply.
 *
 * <p>SCAFFOLD: placeholder with the agreed signatures; the real implementation replaces it.
 */
public final class ManagedFieldsTracker {

  /**
   * Records a non-apply write (create, update, patch) by {@code manager}: fields it set or changed move to its
   * {@code Update} entry; {@code newObject}'s managedFields are rewritten in place.
   *
   * @param oldObject the stored object before the write, empty on create
   * @param newObject the object about to be stored
   * @param typeName schema type name, e.g. {@code Pod}
   * @param manager field manager (query {@code fieldManager}, else the User-Agent up to the first '/')
   * @param subresource {@code ""} or e.g. {@code status}
   * @param now the write's time
   */
  public void update(Optional<ObjectNode> oldObject, ObjectNode newObject, String typeName, String manager,
      String subresource, Instant now) {
    throw new UnsupportedOperationException("scaffold");
  }

  /**
   * Server-side apply of {@code applied} by {@code manager} to the live object (empty: create).
   *
   * @return the object to store, with managedFields
   * @throws ApplyConflictException when another manager owns a field with a different value and not
   *     {@code force}
   */
  public ObjectNode apply(Optional<ObjectNode> live, ObjectNode applied, String typeName, String manager,
      boolean force, String subresource, Instant now) throws ApplyConflictException {
    throw new UnsupportedOperationException("scaffold");
  }
}
