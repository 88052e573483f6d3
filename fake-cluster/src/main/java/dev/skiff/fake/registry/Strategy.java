package dev.skiff.fake.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * What the real server does per kind on writes (its registry "strategy"): defaulting, status and generation
 * rules, allocation (service IPs), validation. The API layer does the kind-independent parts (uid,
 * resourceVersion, timestamps, namespace, managedFields).
 *
 * <p>SCAFFOLD: the agreed signatures; the real implementation may extend them.
 */
public interface Strategy {

  /** Before a create: defaults, admission, status reset, generation 1, allocations. Mutates the object. */
  void prepareForCreate(ObjectNode object);

  /** Before an update of the main resource: keeps status, bumps generation when spec changed. */
  void prepareForUpdate(ObjectNode object, ObjectNode old);

  /** Before an update through the {@code status} subresource: keeps everything but status. */
  void prepareForStatusUpdate(ObjectNode object, ObjectNode old);

  /** Validation of a new object; empty when valid. */
  List<FieldError> validate(ObjectNode object);

  /** Validation of an update (immutable fields too); empty when valid. */
  List<FieldError> validateUpdate(ObjectNode object, ObjectNode old);
}
