package dev.skiff.fake.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.model.Names;
import java.util.ArrayList;
import java.util.List;

/**
 * Namespaces: a DNS-1123 label as name, the {@code kubernetes.io/metadata.name} label always equal to the
 * name, the {@code kubernetes} finalizer and phase {@code Active} on create; finalizers and status kept from
 * storage on update.
 */
final class NamespaceStrategy extends KindStrategy {
  /** The label every namespace carries, equal to its name. */
  static final String NAME_LABEL = "kubernetes.io/metadata.name";

  NamespaceStrategy() {
    super("Namespace", "", false, NameRule.DNS1123_LABEL);
  }

  @Override
  public void applyDefaults(ObjectNode namespace) {
    setNameLabel(namespace);
  }

  @Override
  boolean hasStatus() {
    return true;
  }

  @Override
  JsonNode initialStatus(ObjectNode namespace) {
    ObjectNode spec = Nodes.objectOrCreate(namespace, "spec");
    ArrayNode finalizers = Nodes.arrayOrCreate(spec, "finalizers");
    boolean hasKubernetes = false;
    for (JsonNode f : finalizers) {
      hasKubernetes |= f.asText().equals("kubernetes");
    }
    if (!hasKubernetes) {
      finalizers.add("kubernetes");
    }
    ObjectNode status = Nodes.F.objectNode();
    status.put("phase", "Active");
    return status;
  }

  @Override
  void prepareUpdateBody(ObjectNode namespace, ObjectNode old) {
    // Finalizers change only through the finalize subresource.
    ObjectNode spec = Nodes.objectOrCreate(namespace, "spec");
    KindStrategy.copyField(Nodes.object(old, "spec"), spec, "finalizers");
  }

  @Override
  public boolean allocates() {
    return true;
  }

  @Override
  public List<FieldError> allocate(ObjectNode namespace, ObjectNode old) {
    // Canonicalize: a generated name is only known now.
    setNameLabel(namespace);
    return List.of();
  }

  @Override
  List<FieldError> validateBody(ObjectNode namespace) {
    // ValidateNamespace: every finalizer is a qualified name, and a standard name unless it has a domain prefix.
    List<FieldError> errors = new ArrayList<>();
    ArrayNode finalizers = Nodes.array(Nodes.object(namespace, "spec"), "finalizers");
    if (finalizers != null) {
      for (JsonNode f : finalizers) {
        String name = f.asText();
        for (String msg : Names.labelKeyErrors(name)) {
          errors.add(FieldError.invalid("spec.finalizers", name, msg));
        }
        FieldError kube = MetadataValidation.kubeFinalizerName(name, "spec.finalizers");
        if (kube != null) {
          errors.add(kube);
        }
      }
    }
    return errors;
  }

  @Override
  List<FieldError> validateBodyUpdate(ObjectNode namespace, ObjectNode old) {
    return MetadataValidation.validateUpdate(namespace.get("metadata"), old.get("metadata"), "metadata");
  }

  /** Go's {@code ValidateNamespaceStatusUpdate}: the phase follows the deletion timestamp. */
  @Override
  public List<FieldError> validateStatusUpdate(ObjectNode namespace, ObjectNode old) {
    List<FieldError> errors = new ArrayList<>(
        MetadataValidation.validateUpdate(namespace.get("metadata"), old.get("metadata"), "metadata"));
    String phase = Nodes.text(Nodes.object(namespace, "status"), "phase");
    if (!Nodes.has(Nodes.object(namespace, "metadata"), "deletionTimestamp")) {
      if (!phase.equals("Active")) {
        errors.add(FieldError.invalid("status.Phase", phase, "may only be 'Active' if `deletionTimestamp` is empty"));
      }
    } else if (!phase.equals("Terminating")) {
      errors.add(FieldError.invalid("status.Phase", phase,
          "may only be 'Terminating' if `deletionTimestamp` is not empty"));
    }
    return errors;
  }

  private static void setNameLabel(ObjectNode namespace) {
    ObjectNode meta = Nodes.metadata(namespace);
    String name = Nodes.text(meta, "name");
    if (!name.isEmpty()) {
      Nodes.objectOrCreate(meta, "labels").put(NAME_LABEL, name);
    }
  }
}
