package dev.skiff.fake.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.OptionalLong;

/**
 * What the real server does per kind on writes (its registry "strategy" plus the admission plugins that
 * change objects): defaulting, status and generation rules, allocation (service IPs, node ports), validation.
 * The API layer does the kind-independent parts (uid, resourceVersion, timestamps, namespace, generateName,
 * managedFields, storage). Get one from {@link Registry#strategy(String)}; {@link Registry} documents the order
 * of the calls.
 */
public interface Strategy {

  /**
   * The kind this strategy handles, e.g. {@code Pod}.
   *
   * @return the kind
   */
  String kind();

  /**
   * The API group of the kind, empty for the core group (e.g. {@code apps}).
   *
   * @return the group
   */
  String group();

  /**
   * Whether objects of the kind live in namespaces.
   *
   * @return true for namespaced kinds
   */
  boolean namespaced();

  /**
   * Only the defaults the real server's decoder applies (and its v1 conversion quirks: a Secret's
   * {@code stringData} merged into {@code data}, a Pod's {@code serviceAccount} mirroring
   * {@code serviceAccountName}): no admission, status or generation. This is the body a create's
   * {@code managedFields} are computed from. {@link #prepareForCreate} and {@link #prepareForUpdate} apply it
   * themselves.
   *
   * @param object the request body; mutated
   */
  void applyDefaults(ObjectNode object);

  /**
   * Before a create: defaults (as the server's decoder applies them), mutating admission (pods: service
   * account, default tolerations, priority), status reset, generation 1. Mutates the object. Call it after the
   * namespace from the URL is set and before a name is generated from {@code generateName}.
   *
   * @param object the object to create
   * @throws AdmissionDeniedException when admission refuses the object (answer 403 with its status)
   */
  void prepareForCreate(ObjectNode object);

  /**
   * Before an update of the main resource: defaults, generation kept from the stored object and bumped when
   * the spec changed, status kept from the stored object, allocated values (clusterIP, nodePorts) kept when the
   * request left them out.
   *
   * @param object the new object; mutated
   * @param old the stored object; not modified
   */
  void prepareForUpdate(ObjectNode object, ObjectNode old);

  /**
   * Before an update through the {@code status} subresource: everything but status comes from the stored
   * object.
   *
   * @param object the new object; mutated
   * @param old the stored object; not modified
   */
  void prepareForStatusUpdate(ObjectNode object, ObjectNode old);

  /**
   * Validation of a new object (after {@link #prepareForCreate} and name generation); empty when valid.
   *
   * @param object the object to create
   * @return the errors in the server's order
   */
  List<FieldError> validate(ObjectNode object);

  /**
   * Validation of an update of the main resource (immutable fields too); empty when valid.
   *
   * @param object the new object, after {@link #prepareForUpdate}
   * @param old the stored object
   * @return the errors in the server's order
   */
  List<FieldError> validateUpdate(ObjectNode object, ObjectNode old);

  /**
   * Validation of an update through the {@code status} subresource; empty when valid.
   *
   * @param object the new object, after {@link #prepareForStatusUpdate}
   * @param old the stored object
   * @return the errors in the server's order
   */
  default List<FieldError> validateStatusUpdate(ObjectNode object, ObjectNode old) {
    return MetadataValidation.validateUpdate(object.get("metadata"), old.get("metadata"), "metadata");
  }

  /**
   * The last step before storing a valid object: takes what it needs from cluster-wide pools (a Service's
   * cluster IP and node ports) and fills what depends on the final name (a Namespace's
   * {@code kubernetes.io/metadata.name} label). Values the request asked for are reserved or refused.
   *
   * @param object the object about to be stored; mutated
   * @param old the stored object for an update, or null for a create
   * @return errors for values that cannot be had (e.g. an IP already allocated); empty on success
   */
  default List<FieldError> allocate(ObjectNode object, ObjectNode old) {
    return List.of();
  }

  /**
   * Whether {@link #allocate} changes anything: when not, a create can write the stored form before taking the
   * store's lock, as nothing changes the object there.
   *
   * @return true when the kind overrides {@link #allocate}
   */
  default boolean allocates() {
    return false;
  }

  /**
   * Gives back what {@link #allocate} took: call it when the object is finally removed from storage, or when
   * storing it failed after {@link #allocate} (e.g. AlreadyExists).
   *
   * @param object the removed object
   */
  default void release(ObjectNode object) {}

  /**
   * How a DELETE without finalizers proceeds for this kind: empty when the object is removed at once; else the
   * grace period to record in {@code metadata.deletionGracePeriodSeconds} (0 means removal right after the
   * deletion timestamp is set, which still bumps {@code generation}, as for an unscheduled pod).
   *
   * @param object the stored object
   * @param requestedSeconds the {@code gracePeriodSeconds} of the delete options, or null
   * @return the grace period, or empty for kinds without graceful deletion
   */
  default OptionalLong gracePeriodSeconds(ObjectNode object, Long requestedSeconds) {
    return OptionalLong.empty();
  }

  /**
   * The 422 Status body for validation errors of an object of this kind.
   *
   * @param object the object that failed validation (its name is used)
   * @param errors the errors
   * @return the Status object
   */
  default ObjectNode invalidStatus(ObjectNode object, List<FieldError> errors) {
    return InvalidStatus.of(group(), kind(), Nodes.text(object.get("metadata"), "name"), errors);
  }
}
