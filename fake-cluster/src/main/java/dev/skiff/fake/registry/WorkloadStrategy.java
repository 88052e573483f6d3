package dev.skiff.fake.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Controllers of pods from a template: ReplicationController (v1, map selector defaulted from the template
 * labels), ReplicaSet and Deployment (apps/v1, label selector required and immutable). Defaults, zero status on
 * create, generation tracking, selector/template/replicas validation.
 */
final class WorkloadStrategy extends KindStrategy {
  private final boolean replicationController;
  private final boolean deployment;

  private WorkloadStrategy(String kind, String group, boolean replicationController, boolean deployment) {
    super(kind, group, true, NameRule.DNS1123_SUBDOMAIN);
    this.replicationController = replicationController;
    this.deployment = deployment;
  }

  /** The v1 ReplicationController strategy. */
  static WorkloadStrategy replicationController() {
    return new WorkloadStrategy("ReplicationController", "", true, false);
  }

  /** The apps/v1 ReplicaSet strategy. */
  static WorkloadStrategy replicaSet() {
    return new WorkloadStrategy("ReplicaSet", "apps", false, false);
  }

  /** The apps/v1 Deployment strategy. */
  static WorkloadStrategy deployment() {
    return new WorkloadStrategy("Deployment", "apps", false, true);
  }

  @Override
  void applyDefaults(ObjectNode object) {
    ObjectNode spec = Nodes.objectOrCreate(object, "spec");
    if (replicationController) {
      ObjectNode template = Nodes.object(spec, "template");
      ObjectNode labels = Nodes.object(Nodes.object(template, "metadata"), "labels");
      if (labels != null) {
        if (Nodes.isEmpty(spec, "selector")) {
          spec.set("selector", labels.deepCopy());
        }
        ObjectNode meta = Nodes.metadata(object);
        if (Nodes.isEmpty(meta, "labels")) {
          meta.set("labels", labels.deepCopy());
        }
      }
    }
    Nodes.defaultValue(spec, "replicas", Nodes.F.numberNode(1));
    if (deployment) {
      ObjectNode strategy = Nodes.objectOrCreate(spec, "strategy");
      Nodes.defaultText(strategy, "type", "RollingUpdate");
      if (Nodes.text(strategy, "type").equals("RollingUpdate")) {
        ObjectNode rolling = Nodes.objectOrCreate(strategy, "rollingUpdate");
        Nodes.defaultValue(rolling, "maxUnavailable", Nodes.F.textNode("25%"));
        Nodes.defaultValue(rolling, "maxSurge", Nodes.F.textNode("25%"));
      }
      Nodes.defaultValue(spec, "revisionHistoryLimit", Nodes.F.numberNode(10));
      Nodes.defaultValue(spec, "progressDeadlineSeconds", Nodes.F.numberNode(600));
    }
    PodDefaults.applyToTemplate(object);
  }

  @Override
  boolean tracksGeneration() {
    return true;
  }

  @Override
  boolean hasStatus() {
    return true;
  }

  @Override
  JsonNode initialStatus(ObjectNode object) {
    ObjectNode status = Nodes.F.objectNode();
    // replicas has no omitempty in RC and ReplicaSet status; every Deployment status field has.
    if (!deployment) {
      status.put("replicas", 0);
    }
    return status;
  }

  @Override
  boolean specChanged(ObjectNode object, ObjectNode old) {
    // Deployments also bump on annotation changes: annotations are copied to their ReplicaSets.
    return super.specChanged(object, old) || deployment && !Nodes.semanticallyEqual(
        Nodes.object(object, "metadata").get("annotations"), Nodes.object(old, "metadata").get("annotations"));
  }

  @Override
  List<FieldError> validateBody(ObjectNode object) {
    List<FieldError> errors = new ArrayList<>();
    ObjectNode spec = Nodes.object(object, "spec");
    if (spec == null) {
      spec = Nodes.F.objectNode();
    }
    JsonNode replicas = spec.get("replicas");
    if (replicas != null && replicas.isNumber() && replicas.asLong() < 0) {
      errors.add(FieldError.invalid("spec.replicas", replicas.asLong(), "must be greater than or equal to 0"));
    }
    if (replicationController) {
      validateMapSelector(spec, errors);
    } else {
      validateLabelSelector(spec, errors);
    }
    if (deployment) {
      validateDeploymentFields(spec, errors);
    }
    return errors;
  }

  /** ReplicationController: a non-empty map selector that the template labels match; restartPolicy Always. */
  private static void validateMapSelector(ObjectNode spec, List<FieldError> errors) {
    ObjectNode selector = Nodes.object(spec, "selector");
    if (selector == null || selector.isEmpty()) {
      errors.add(FieldError.required("spec.selector", ""));
    }
    errors.addAll(MetadataValidation.labels(spec, "selector", "spec.selector"));
    ObjectNode template = Nodes.object(spec, "template");
    if (template == null) {
      errors.add(FieldError.required("spec.template", ""));
      return;
    }
    ObjectNode labels = Nodes.object(Nodes.object(template, "metadata"), "labels");
    if (selector != null && !selector.isEmpty() && !matches(selector, labels)) {
      errors.add(FieldError.invalid("spec.template.metadata.labels", labels == null ? Nodes.F.nullNode() : labels,
          "`selector` does not match template `labels`"));
    }
    validateTemplate(template, errors);
  }

  /** ReplicaSet and Deployment: a required, non-empty label selector that the template labels match. */
  private void validateLabelSelector(ObjectNode spec, List<FieldError> errors) {
    ObjectNode selector = Nodes.object(spec, "selector");
    if (selector == null) {
      errors.add(FieldError.required("spec.selector", ""));
    } else {
      errors.addAll(MetadataValidation.labels(selector, "matchLabels", "spec.selector.matchLabels"));
      if (Nodes.isEmpty(selector, "matchLabels") && Nodes.isEmpty(selector, "matchExpressions")) {
        errors.add(FieldError.invalid("spec.selector", selector,
            "empty selector is invalid for " + (deployment ? "deployment" : "replicaset")));
      }
    }
    ObjectNode template = Nodes.object(spec, "template");
    ObjectNode labels = Nodes.object(Nodes.object(template, "metadata"), "labels");
    if (selector != null && !selectorMatches(selector, labels)) {
      errors.add(FieldError.invalid("spec.template.metadata.labels", labels == null ? Nodes.F.nullNode() : labels,
          "`selector` does not match template `labels`"));
    }
    validateTemplate(template == null ? Nodes.F.objectNode() : template, errors);
  }

  /** Template labels and pod spec; controllers only run pods that restart. */
  private static void validateTemplate(ObjectNode template, List<FieldError> errors) {
    errors.addAll(MetadataValidation.labels(Nodes.object(template, "metadata"), "labels",
        "spec.template.metadata.labels"));
    errors.addAll(MetadataValidation.annotations(Nodes.object(template, "metadata"),
        "spec.template.metadata.annotations"));
    ObjectNode podSpec = Nodes.object(template, "spec");
    errors.addAll(PodSpecValidation.validate(podSpec, "spec.template.spec"));
    String restartPolicy = Nodes.text(podSpec, "restartPolicy");
    if (!restartPolicy.isEmpty() && !restartPolicy.equals("Always")
        && PodSpecValidation.RESTART_POLICIES.contains(restartPolicy)) {
      errors.add(FieldError.notSupported("spec.template.spec.restartPolicy", podSpec.get("restartPolicy"),
          List.of("Always")));
    }
    if (podSpec != null && Nodes.has(podSpec, "activeDeadlineSeconds")) {
      errors.add(FieldError.forbidden("spec.template.spec.activeDeadlineSeconds",
          "activeDeadlineSeconds in ReplicaSet is not Supported"));
    }
  }

  private void validateDeploymentFields(ObjectNode spec, List<FieldError> errors) {
    ObjectNode strategy = Nodes.object(spec, "strategy");
    String type = Nodes.text(strategy, "type");
    if (!type.equals("RollingUpdate") && !type.equals("Recreate")) {
      errors.add(FieldError.notSupported("spec.strategy.type", strategy == null ? Nodes.F.textNode("")
          : strategy.path("type"), List.of("Recreate", "RollingUpdate")));
    } else if (type.equals("Recreate") && Nodes.has(strategy, "rollingUpdate")) {
      errors.add(FieldError.forbidden("spec.strategy.rollingUpdate",
          "may not be specified when strategy `type` is 'Recreate'"));
    }
    for (String field : List.of("revisionHistoryLimit", "minReadySeconds", "progressDeadlineSeconds")) {
      JsonNode v = spec.get(field);
      if (v != null && v.isNumber() && v.asLong() < 0) {
        errors.add(FieldError.invalid("spec." + field, v.asLong(), "must be greater than or equal to 0"));
      }
    }
  }

  @Override
  List<FieldError> validateBodyUpdate(ObjectNode object, ObjectNode old) {
    List<FieldError> errors = new ArrayList<>(
        MetadataValidation.validateUpdate(object.get("metadata"), old.get("metadata"), "metadata"));
    errors.addAll(validateBody(object));
    if (!replicationController) {
      JsonNode selector = Nodes.object(object, "spec") == null ? null : object.get("spec").get("selector");
      JsonNode oldSelector = Nodes.object(old, "spec") == null ? null : old.get("spec").get("selector");
      if (!Nodes.semanticallyEqual(selector, oldSelector)) {
        errors.add(FieldError.invalid("spec.selector", selector == null ? Nodes.F.nullNode() : selector,
            "field is immutable"));
      }
    }
    return errors;
  }

  /** Whether every pair of a map selector is among the labels. */
  private static boolean matches(ObjectNode selector, ObjectNode labels) {
    for (Map.Entry<String, String> e : Nodes.stringMap(selector, null)) {
      if (labels == null || !labels.has(e.getKey()) || !e.getValue().equals(Nodes.text(labels, e.getKey()))) {
        return false;
      }
    }
    return true;
  }

  /** Whether a metav1.LabelSelector (matchLabels and matchExpressions) selects the labels. */
  private static boolean selectorMatches(ObjectNode selector, ObjectNode labels) {
    ObjectNode matchLabels = Nodes.object(selector, "matchLabels");
    if (matchLabels != null && !matchLabels.isEmpty() && !matches(matchLabels, labels)) {
      return false;
    }
    ArrayNode expressions = Nodes.array(selector, "matchExpressions");
    if (expressions != null) {
      for (JsonNode e : expressions) {
        String key = Nodes.text(e, "key");
        boolean has = labels != null && labels.has(key);
        String value = Nodes.text(labels, key);
        List<String> values = new ArrayList<>();
        if (e.get("values") != null) {
          e.get("values").forEach(v -> values.add(v.asText()));
        }
        switch (Nodes.text(e, "operator")) {
          case "In":
            if (!has || !values.contains(value)) {
              return false;
            }
            break;
          case "NotIn":
            if (has && values.contains(value)) {
              return false;
            }
            break;
          case "Exists":
            if (!has) {
              return false;
            }
            break;
          case "DoesNotExist":
            if (has) {
              return false;
            }
            break;
          default:
            return false;
        }
      }
    }
    return true;
  }
}
