package dev.skiff.fake.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The write rules every kind shares, with hooks for what differs: defaults, status reset, the generation
 * rule, body validation. Mirrors the generic registry's {@code BeforeCreate}/{@code BeforeUpdate}.
 */
abstract class KindStrategy implements Strategy {
  private final String kind;
  private final String group;
  private final boolean namespaced;
  private final NameRule nameRule;

  KindStrategy(String kind, String group, boolean namespaced, NameRule nameRule) {
    this.kind = kind;
    this.group = group;
    this.namespaced = namespaced;
    this.nameRule = nameRule;
  }

  @Override
  public String kind() {
    return kind;
  }

  @Override
  public String group() {
    return group;
  }

  @Override
  public boolean namespaced() {
    return namespaced;
  }

  /** The rule for {@code metadata.name} of this kind. */
  NameRule nameRule() {
    return nameRule;
  }

  @Override
  public void applyDefaults(ObjectNode object) {}

  /** Mutating admission on create; none for most kinds. */
  void admit(ObjectNode object) {}

  /** What the kind's REST storage adds to a new object before validation (after defaults and admission). */
  void prepareCreateBody(ObjectNode object) {}

  /**
   * Whether the kind tracks {@code metadata.generation}: 1 on create, +1 when {@link #specChanged} says so.
   * Kinds without it leave generation as the request sent it on create and as stored on update.
   */
  boolean tracksGeneration() {
    return false;
  }

  /** Whether the kind has a status the server owns: reset on create, kept from storage on update. */
  boolean hasStatus() {
    return false;
  }

  /** The status a new object starts with (Go's zero status as written on the wire); null for none. */
  JsonNode initialStatus(ObjectNode object) {
    return null;
  }

  /** Whether an update changed what bumps the generation (the spec, by default). */
  boolean specChanged(ObjectNode object, ObjectNode old) {
    return !Nodes.semanticallyEqual(object.get("spec"), old.get("spec"));
  }

  /** Kind-specific preparation of an update, after defaults and before the generation rule. */
  void prepareUpdateBody(ObjectNode object, ObjectNode old) {}

  /** Validation of everything but metadata for a new object. */
  List<FieldError> validateBody(ObjectNode object) {
    return List.of();
  }

  /**
   * The kind's own update validation (Go's {@code ValidateXUpdate}). By default the metadata update rules and
   * then the whole create validation of the new object, metadata included, as ConfigMaps, Secrets, Services,
   * ServiceAccounts and Endpoints do; kinds that validate only their spec on update override this.
   */
  List<FieldError> validateBodyUpdate(ObjectNode object, ObjectNode old) {
    List<FieldError> errors = new ArrayList<>(
        MetadataValidation.validateUpdate(object.get("metadata"), old.get("metadata"), "metadata"));
    errors.addAll(validate(object));
    return errors;
  }

  @Override
  public final void prepareForCreate(ObjectNode object) {
    ObjectNode meta = Nodes.metadata(object);
    if (!namespaced) {
      meta.remove("namespace");
    }
    applyDefaults(object);
    admit(object);
    prepareCreateBody(object);
    if (hasStatus()) {
      JsonNode status = initialStatus(object);
      if (status == null) {
        object.remove("status");
      } else {
        object.set("status", status);
      }
    }
    if (tracksGeneration()) {
      meta.put("generation", 1);
    }
  }

  @Override
  public final void prepareForUpdate(ObjectNode object, ObjectNode old) {
    ObjectNode meta = Nodes.metadata(object);
    applyDefaults(object);
    // The request cannot set the generation (BeforeUpdate copies it from storage before the strategy runs).
    copyField(Nodes.object(old, "metadata"), meta, "generation");
    if (hasStatus()) {
      copyField(old, object, "status");
    }
    prepareUpdateBody(object, old);
    if (tracksGeneration() && specChanged(object, old)) {
      long generation = Nodes.object(old, "metadata").path("generation").asLong(0) + 1;
      // An int node when it fits, as a JSON parser would produce, so that trees compare equal.
      meta.set("generation", generation <= Integer.MAX_VALUE ? Nodes.F.numberNode((int) generation)
          : Nodes.F.numberNode(generation));
    }
  }

  @Override
  public void prepareForStatusUpdate(ObjectNode object, ObjectNode old) {
    JsonNode status = object.get("status");
    List<String> fields = new ArrayList<>();
    object.fieldNames().forEachRemaining(fields::add);
    for (String f : fields) {
      if (!f.equals("metadata") && !f.equals("status") && !f.equals("kind") && !f.equals("apiVersion")) {
        object.remove(f);
      }
    }
    old.fieldNames().forEachRemaining(f -> {
      if (!f.equals("metadata") && !f.equals("status") && !f.equals("kind") && !f.equals("apiVersion")) {
        object.set(f, old.get(f).deepCopy());
      }
    });
    if (status == null) {
      object.remove("status");
    }
    ObjectNode meta = Nodes.metadata(object);
    copyField(Nodes.object(old, "metadata"), meta, "generation");
    // Status writers (old kubelets) must not corrupt owner references, so they always come from storage.
    copyField(Nodes.object(old, "metadata"), meta, "ownerReferences");
  }

  @Override
  public final List<FieldError> validate(ObjectNode object) {
    List<FieldError> errors = new ArrayList<>(
        MetadataValidation.validate(object.get("metadata"), namespaced, nameRule, "metadata"));
    errors.addAll(validateBody(object));
    return errors;
  }

  @Override
  public final List<FieldError> validateUpdate(ObjectNode object, ObjectNode old) {
    // The generic update path checks metadata first (validateCommonFields), then the kind's own rules.
    List<FieldError> errors = new ArrayList<>(
        MetadataValidation.validate(object.get("metadata"), namespaced, NameRule.PATH_SEGMENT, "metadata"));
    errors.addAll(MetadataValidation.validateUpdate(object.get("metadata"), old.get("metadata"), "metadata"));
    errors.addAll(validateBodyUpdate(object, old));
    return errors;
  }

  /** Sets {@code to.field} to a copy of {@code from.field}, or removes it when {@code from} has none. */
  static void copyField(ObjectNode from, ObjectNode to, String field) {
    JsonNode v = from == null ? null : from.get(field);
    if (v == null) {
      to.remove(field);
    } else {
      to.set(field, v.deepCopy());
    }
  }
}
