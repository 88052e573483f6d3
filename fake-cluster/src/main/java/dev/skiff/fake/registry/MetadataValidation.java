package dev.skiff.fake.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.model.Names;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Validation of {@code metadata} shared by every kind, as Go's {@code ValidateObjectMeta} and
 * {@code ValidateObjectMetaUpdate}, plus the label and annotation rules other fields reuse (selectors, pod
 * template labels).
 */
final class MetadataValidation {
  /** Go's {@code TotalAnnotationSizeLimitB}: 256 KiB over all keys and values. */
  static final int TOTAL_ANNOTATION_SIZE_LIMIT = 256 * 1024;

  private MetadataValidation() {}

  /**
   * {@code ValidateObjectMeta}: generateName, name, namespace, generation, labels, annotations, owner references
   * and finalizers, in this order.
   *
   * @param meta the metadata object (may be null)
   * @param namespaced whether the kind lives in namespaces
   * @param rule the name rule of the kind
   * @param path the path of the metadata, normally {@code metadata}
   */
  static List<FieldError> validate(JsonNode meta, boolean namespaced, NameRule rule, String path) {
    List<FieldError> errors = new ArrayList<>();
    String generateName = Nodes.text(meta, "generateName");
    if (!generateName.isEmpty()) {
      for (String msg : rule.prefixErrors(generateName)) {
        errors.add(FieldError.invalid(path + ".generateName", generateName, msg));
      }
    }
    String name = Nodes.text(meta, "name");
    if (name.isEmpty()) {
      errors.add(FieldError.required(path + ".name", "name or generateName is required"));
    } else {
      for (String msg : rule.nameErrors(name)) {
        errors.add(FieldError.invalid(path + ".name", name, msg));
      }
    }
    String namespace = Nodes.text(meta, "namespace");
    if (namespaced) {
      if (namespace.isEmpty()) {
        errors.add(FieldError.required(path + ".namespace", ""));
      } else {
        for (String msg : Names.dns1123LabelErrors(namespace)) {
          errors.add(FieldError.invalid(path + ".namespace", namespace, msg));
        }
      }
    } else if (!namespace.isEmpty()) {
      errors.add(FieldError.forbidden(path + ".namespace", "not allowed on this type"));
    }
    JsonNode generation = meta == null ? null : meta.get("generation");
    if (generation != null && generation.isNumber() && generation.asLong() < 0) {
      errors.add(FieldError.invalid(path + ".generation", generation.asLong(),
          "must be greater than or equal to 0"));
    }
    errors.addAll(labels(meta, "labels", path + ".labels"));
    errors.addAll(annotations(meta, path + ".annotations"));
    errors.addAll(ownerReferences(meta, path + ".ownerReferences"));
    errors.addAll(finalizers(meta, path + ".finalizers"));
    errors.addAll(kubeFinalizerNames(meta, path + ".finalizers"));
    return errors;
  }

  /** The finalizers Kubernetes knows without a domain prefix (Go's {@code IsStandardFinalizerName}). */
  private static final List<String> STANDARD_FINALIZERS = List.of("kubernetes", "orphan", "foregroundDeletion");

  /**
   * Core's extra finalizer rule ({@code validateKubeFinalizerName}), reported per index: a finalizer without a
   * slash must be one of the standard names.
   */
  static List<FieldError> kubeFinalizerNames(JsonNode meta, String path) {
    List<FieldError> errors = new ArrayList<>();
    JsonNode finalizers = meta == null ? null : meta.get("finalizers");
    if (finalizers != null && finalizers.isArray()) {
      for (int i = 0; i < finalizers.size(); i++) {
        FieldError e = kubeFinalizerName(finalizers.get(i).asText(), path + "[" + i + "]");
        if (e != null) {
          errors.add(e);
        }
      }
    }
    return errors;
  }

  /** One finalizer name under core's rule; null when it is fine. */
  static FieldError kubeFinalizerName(String name, String path) {
    if (!name.contains("/") && !STANDARD_FINALIZERS.contains(name)) {
      return FieldError.invalid(path, name, "name is neither a standard finalizer name nor is it fully qualified");
    }
    return null;
  }

  /**
   * {@code ValidateObjectMetaUpdate}: a resourceVersion is required (the API layer fills it in from storage for
   * an unconditional update before validation, as the real server does), the identity fields may not change,
   * labels, annotations, owner references and finalizer names are checked again.
   *
   * @param meta the new metadata
   * @param old the stored metadata
   * @param path the path of the metadata, normally {@code metadata}
   */
  static List<FieldError> validateUpdate(JsonNode meta, JsonNode old, String path) {
    List<FieldError> errors = new ArrayList<>();
    if (Nodes.has(old, "deletionTimestamp")) {
      java.util.TreeSet<String> added = new java.util.TreeSet<>();
      if (Nodes.array(meta, "finalizers") != null) {
        Nodes.array(meta, "finalizers").forEach(f -> added.add(f.asText()));
      }
      if (Nodes.array(old, "finalizers") != null) {
        Nodes.array(old, "finalizers").forEach(f -> added.remove(f.asText()));
      }
      if (!added.isEmpty()) {
        // Go prints the set with %#v: []string{"a", "b"}.
        StringBuilder list = new StringBuilder("[]string{");
        int n = 0;
        for (String f : added) {
          list.append(n++ > 0 ? ", " : "").append(GoText.quote(f));
        }
        errors.add(FieldError.forbidden(path + ".finalizers",
            "no new finalizers can be added if the object is being deleted, found new finalizers "
                + list.append('}')));
      }
    }
    if (Nodes.text(meta, "resourceVersion").isEmpty()) {
      errors.add(FieldError.invalid(path + ".resourceVersion", "", "must be specified for an update"));
    }
    long generation = meta == null ? 0 : meta.path("generation").asLong(0);
    long oldGeneration = old == null ? 0 : old.path("generation").asLong(0);
    if (generation < oldGeneration) {
      errors.add(FieldError.invalid(path + ".generation", generation, "must not be decremented"));
    }
    for (String field : List.of("name", "namespace", "uid", "creationTimestamp", "deletionTimestamp",
        "deletionGracePeriodSeconds")) {
      JsonNode now = meta == null ? null : meta.get(field);
      JsonNode before = old == null ? null : old.get(field);
      if (!Nodes.semanticallyEqual(now, before)) {
        errors.add(FieldError.invalid(path + "." + field, now == null ? Nodes.F.textNode("") : now,
            "field is immutable"));
      }
    }
    errors.addAll(labels(meta, "labels", path + ".labels"));
    errors.addAll(annotations(meta, path + ".annotations"));
    errors.addAll(ownerReferences(meta, path + ".ownerReferences"));
    errors.addAll(kubeFinalizerNames(meta, path + ".finalizers"));
    return errors;
  }

  /**
   * {@code ValidateLabels} over the map at {@code field} of {@code node}: each key must be a qualified name and
   * each value a label value; every error carries the map's path, not the key's.
   */
  static List<FieldError> labels(JsonNode node, String field, String path) {
    List<FieldError> errors = new ArrayList<>();
    for (Map.Entry<String, String> e : Nodes.stringMap(node, field)) {
      for (String msg : Names.labelKeyErrors(e.getKey())) {
        errors.add(FieldError.invalid(path, e.getKey(), msg));
      }
      for (String msg : Names.labelValueErrors(e.getValue())) {
        errors.add(FieldError.invalid(path, e.getValue(), msg));
      }
    }
    return errors;
  }

  /** {@code ValidateAnnotations}: keys are qualified names (case-insensitive); 256 KiB in total. */
  static List<FieldError> annotations(JsonNode meta, String path) {
    List<FieldError> errors = new ArrayList<>();
    long size = 0;
    for (Map.Entry<String, String> e : Nodes.stringMap(meta, "annotations")) {
      for (String msg : Names.labelKeyErrors(e.getKey().toLowerCase(Locale.ROOT))) {
        errors.add(FieldError.invalid(path, e.getKey(), msg));
      }
      size += e.getKey().getBytes(StandardCharsets.UTF_8).length
          + e.getValue().getBytes(StandardCharsets.UTF_8).length;
    }
    if (size > TOTAL_ANNOTATION_SIZE_LIMIT) {
      errors.add(FieldError.tooLong(path, TOTAL_ANNOTATION_SIZE_LIMIT));
    }
    return errors;
  }

  /** {@code ValidateOwnerReferences}: required parts of each reference; at most one controller. */
  static List<FieldError> ownerReferences(JsonNode meta, String path) {
    List<FieldError> errors = new ArrayList<>();
    String firstController = "";
    for (ObjectNode ref : Nodes.objects(meta, "ownerReferences")) {
      String apiVersion = Nodes.text(ref, "apiVersion");
      String version = apiVersion.contains("/") ? apiVersion.substring(apiVersion.indexOf('/') + 1) : apiVersion;
      if (version.isEmpty()) {
        errors.add(FieldError.invalid(path + ".apiVersion", apiVersion, "version must not be empty"));
      }
      if (Nodes.text(ref, "kind").isEmpty()) {
        errors.add(FieldError.invalid(path + ".kind", "", "must not be empty"));
      }
      if (Nodes.text(ref, "name").isEmpty()) {
        errors.add(FieldError.invalid(path + ".name", "", "must not be empty"));
      }
      if (Nodes.text(ref, "uid").isEmpty()) {
        errors.add(FieldError.invalid(path + ".uid", "", "must not be empty"));
      }
      if (apiVersion.equals("v1") && Nodes.text(ref, "kind").equals("Event")) {
        errors.add(FieldError.invalid(path, ref, "/v1, Kind=Event is disallowed from being an owner"));
      }
      if (ref.path("controller").asBoolean(false)) {
        String current = Nodes.text(ref, "kind") + "/" + Nodes.text(ref, "name");
        if (firstController.isEmpty()) {
          firstController = current;
        } else {
          errors.add(FieldError.invalid(path, meta.get("ownerReferences"),
              "Only one reference can have Controller set to true. Found \"true\" in references for "
                  + firstController + " and " + current));
        }
      }
    }
    return errors;
  }

  /** {@code ValidateFinalizers}: qualified names; orphan and foregroundDeletion exclude each other. */
  static List<FieldError> finalizers(JsonNode meta, String path) {
    List<FieldError> errors = new ArrayList<>();
    boolean orphan = false;
    boolean foreground = false;
    if (Nodes.array(meta, "finalizers") == null) {
      return errors;
    }
    for (JsonNode f : Nodes.array(meta, "finalizers")) {
      String name = f.asText();
      for (String msg : Names.labelKeyErrors(name)) {
        errors.add(FieldError.invalid(path, name, msg));
      }
      orphan |= name.equals("orphan");
      foreground |= name.equals("foregroundDeletion");
    }
    if (orphan && foreground) {
      errors.add(FieldError.invalid(path, meta.get("finalizers"),
          "finalizer orphan and foregroundDeletion cannot be both set"));
    }
    return errors;
  }
}
