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
  public void applyDefaults(ObjectNode object) {
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
    ObjectNode spec = Nodes.object(object, "spec");
    return validateSpec(spec == null ? Nodes.F.objectNode() : spec);
  }

  /** Go's {@code ValidateReplicationControllerSpec}, {@code ValidateReplicaSetSpec} or {@code ValidateDeploymentSpec}. */
  private List<FieldError> validateSpec(ObjectNode spec) {
    List<FieldError> errors = new ArrayList<>();
    if (replicationController) {
      nonNegative(spec, "minReadySeconds", errors);
      if (Nodes.isEmpty(spec, "selector")) {
        errors.add(FieldError.required("spec.selector", ""));
      }
      nonNegative(spec, "replicas", errors);
      ObjectNode template = Nodes.object(spec, "template");
      if (template == null) {
        errors.add(FieldError.required("spec.template", ""));
      } else {
        ObjectNode selector = Nodes.object(spec, "selector");
        boolean matches = selector == null || selector.isEmpty() || matches(selector, templateLabels(template));
        validateTemplate(template, matches, "ReplicationController", errors);
      }
      return errors;
    }
    nonNegative(spec, "replicas", errors);
    if (!deployment) {
      nonNegative(spec, "minReadySeconds", errors);
    }
    ObjectNode selector = Nodes.object(spec, "selector");
    if (selector == null) {
      errors.add(FieldError.required("spec.selector", ""));
    } else {
      labelSelector(selector, "spec.selector", errors);
      if (Nodes.isEmpty(selector, "matchLabels") && Nodes.isEmpty(selector, "matchExpressions")) {
        // The ReplicaSet validation shares the Deployment's wording.
        errors.add(FieldError.invalid("spec.selector", selector, "empty selector is invalid for deployment"));
      }
    }
    ObjectNode template = Nodes.object(spec, "template");
    if (template == null) {
      template = Nodes.F.objectNode();
    }
    // A missing selector selects nothing, so the template never matches; an empty one selects everything.
    boolean matches = selector != null && selectorMatches(selector, templateLabels(template));
    validateTemplate(template, matches, "ReplicaSet", errors);
    if (deployment) {
      validateStrategy(Nodes.object(spec, "strategy"), errors);
      nonNegative(spec, "minReadySeconds", errors);
      nonNegative(spec, "revisionHistoryLimit", errors);
      JsonNode deadline = spec.get("progressDeadlineSeconds");
      if (deadline != null && deadline.isNumber()) {
        nonNegative(spec, "progressDeadlineSeconds", errors);
        if (deadline.asLong() <= spec.path("minReadySeconds").asLong(0)) {
          errors.add(FieldError.invalid("spec.progressDeadlineSeconds", deadline.asLong(),
              "must be greater than minReadySeconds"));
        }
      }
    }
    return errors;
  }

  private static ObjectNode templateLabels(ObjectNode template) {
    return Nodes.object(Nodes.object(template, "metadata"), "labels");
  }

  /**
   * Go's {@code ValidatePodTemplateSpecFor...}: labels matching the selector, the template's own rules
   * ({@code ValidatePodTemplateSpec}, which reports labels at {@code spec.template.labels}), and pods that
   * always restart and have no deadline.
   */
  private static void validateTemplate(ObjectNode template, boolean matchesSelector, String controller,
      List<FieldError> errors) {
    ObjectNode meta = Nodes.object(template, "metadata");
    ObjectNode labels = Nodes.object(meta, "labels");
    if (!matchesSelector) {
      errors.add(FieldError.invalid("spec.template.metadata.labels", labels == null ? Nodes.F.nullNode() : labels,
          "`selector` does not match template `labels`"));
    }
    errors.addAll(MetadataValidation.labels(meta, "labels", "spec.template.labels"));
    errors.addAll(MetadataValidation.annotations(meta, "spec.template.annotations"));
    ObjectNode podSpec = Nodes.object(template, "spec");
    errors.addAll(PodSpecValidation.validate(podSpec, "spec.template.spec", false));
    if (!Nodes.isEmpty(podSpec, "ephemeralContainers")) {
      errors.add(FieldError.forbidden("spec.template.spec.ephemeralContainers",
          "ephemeral containers not allowed in pod template"));
    }
    String restartPolicy = Nodes.text(podSpec, "restartPolicy");
    if (!restartPolicy.equals("Always")) {
      errors.add(FieldError.notSupported("spec.template.spec.restartPolicy", Nodes.F.textNode(restartPolicy),
          List.of("Always")));
    }
    if (podSpec != null && Nodes.has(podSpec, "activeDeadlineSeconds")) {
      errors.add(FieldError.forbidden("spec.template.spec.activeDeadlineSeconds",
          "activeDeadlineSeconds in " + controller + " is not Supported"));
    }
  }

  /** Go's {@code ValidateDeploymentStrategy} and {@code ValidateRollingUpdateDeployment}. */
  private static void validateStrategy(ObjectNode strategy, List<FieldError> errors) {
    String type = Nodes.text(strategy, "type");
    if (type.equals("Recreate")) {
      if (Nodes.has(strategy, "rollingUpdate")) {
        errors.add(FieldError.forbidden("spec.strategy.rollingUpdate",
            "may not be specified when strategy `type` is 'Recreate'"));
      }
    } else if (type.equals("RollingUpdate")) {
      ObjectNode rolling = Nodes.object(strategy, "rollingUpdate");
      if (rolling == null) {
        errors.add(FieldError.required("spec.strategy.rollingUpdate", "this should be defaulted and never be nil"));
        return;
      }
      for (String field : List.of("maxUnavailable", "maxSurge")) {
        JsonNode v = rolling.get(field);
        if (v != null && v.isNumber() && v.asLong() < 0) {
          errors.add(FieldError.invalid("spec.strategy.rollingUpdate." + field, v.asLong(),
              "must be greater than or equal to 0"));
        }
      }
      if (intOrPercent(rolling.get("maxUnavailable")) == 0 && intOrPercent(rolling.get("maxSurge")) == 0) {
        errors.add(FieldError.invalid("spec.strategy.rollingUpdate.maxUnavailable",
            rolling.path("maxUnavailable"), "may not be 0 when `maxSurge` is 0"));
      }
      JsonNode maxUnavailable = rolling.get("maxUnavailable");
      if (maxUnavailable != null && maxUnavailable.isTextual() && intOrPercent(maxUnavailable) > 100) {
        errors.add(FieldError.invalid("spec.strategy.rollingUpdate.maxUnavailable", maxUnavailable,
            "must not be greater than 100%"));
      }
    } else {
      errors.add(FieldError.notSupported("spec.strategy", strategy == null ? Nodes.F.objectNode() : strategy,
          List.of("Recreate", "RollingUpdate")));
    }
  }

  /** The number in an int-or-percent value ({@code 25%} is 25); 0 when it is neither. */
  private static long intOrPercent(JsonNode v) {
    if (v == null || v.isNull()) {
      return 0;
    }
    if (v.isNumber()) {
      return v.asLong();
    }
    String s = v.asText();
    if (s.matches("[0-9]+%")) {
      return Long.parseLong(s.substring(0, s.length() - 1));
    }
    return 0;
  }

  private static void nonNegative(ObjectNode spec, String field, List<FieldError> errors) {
    JsonNode v = spec.get(field);
    if (v != null && v.isNumber() && v.asLong() < 0) {
      errors.add(FieldError.invalid("spec." + field, v.asLong(), "must be greater than or equal to 0"));
    }
  }

  /** Go's {@code ValidateLabelSelector}: matchLabels as labels, and each requirement's operator, key and values. */
  private static void labelSelector(ObjectNode selector, String path, List<FieldError> errors) {
    errors.addAll(MetadataValidation.labels(selector, "matchLabels", path + ".matchLabels"));
    List<ObjectNode> expressions = Nodes.objects(selector, "matchExpressions");
    for (int i = 0; i < expressions.size(); i++) {
      ObjectNode e = expressions.get(i);
      String ePath = path + ".matchExpressions[" + i + "]";
      String operator = Nodes.text(e, "operator");
      switch (operator) {
        case "In":
        case "NotIn":
          if (Nodes.isEmpty(e, "values")) {
            errors.add(FieldError.required(ePath + ".values", "must be specified when `operator` is 'In' or 'NotIn'"));
          }
          break;
        case "Exists":
        case "DoesNotExist":
          if (!Nodes.isEmpty(e, "values")) {
            errors.add(FieldError.forbidden(ePath + ".values",
                "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
          }
          break;
        default:
          errors.add(FieldError.invalid(ePath + ".operator", operator, "not a valid selector operator"));
      }
      String key = Nodes.text(e, "key");
      for (String msg : dev.skiff.model.Names.labelKeyErrors(key)) {
        errors.add(FieldError.invalid(ePath + ".key", key, msg));
      }
      JsonNode values = e.get("values");
      if (values != null && values.isArray()) {
        for (int v = 0; v < values.size(); v++) {
          for (String msg : dev.skiff.model.Names.labelValueErrors(values.get(v).asText())) {
            errors.add(FieldError.invalid(ePath + ".values[" + v + "]", values.get(v).asText(), msg));
          }
        }
      }
    }
  }

  @Override
  List<FieldError> validateBodyUpdate(ObjectNode object, ObjectNode old) {
    List<FieldError> errors = new ArrayList<>();
    // The RC and ReplicaSet strategies validate the new object as on create, then the update rules.
    if (!deployment) {
      errors.addAll(validate(object));
    }
    errors.addAll(MetadataValidation.validateUpdate(object.get("metadata"), old.get("metadata"), "metadata"));
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

  /**
   * Go's {@code Validate...StatusUpdate}: the metadata update rules and the replica counts, which may not be
   * negative nor exceed {@code status.replicas}.
   */
  @Override
  public List<FieldError> validateStatusUpdate(ObjectNode object, ObjectNode old) {
    List<FieldError> errors = new ArrayList<>(
        MetadataValidation.validateUpdate(object.get("metadata"), old.get("metadata"), "metadata"));
    ObjectNode status = Nodes.object(object, "status");
    if (status == null) {
      status = Nodes.F.objectNode();
    }
    List<String> counts = deployment
        ? List.of("observedGeneration", "replicas", "updatedReplicas", "readyReplicas", "availableReplicas",
            "unavailableReplicas", "collisionCount")
        : List.of("replicas", "fullyLabeledReplicas", "readyReplicas", "availableReplicas", "observedGeneration");
    for (String field : counts) {
      long value = status.path(field).asLong(0);
      if (value < 0) {
        errors.add(FieldError.invalid("status." + field, value, "must be greater than or equal to 0"));
      }
    }
    long replicas = status.path("replicas").asLong(0);
    String tooMany = "cannot be greater than status.replicas";
    for (String field : deployment ? List.of("updatedReplicas", "readyReplicas", "availableReplicas")
        : List.of("fullyLabeledReplicas", "readyReplicas", "availableReplicas")) {
      long value = status.path(field).asLong(0);
      if (value > replicas) {
        errors.add(FieldError.invalid("status." + field, value, tooMany));
      }
    }
    if (status.path("availableReplicas").asLong(0) > status.path("readyReplicas").asLong(0)) {
      errors.add(FieldError.invalid("status.availableReplicas", status.path("availableReplicas").asLong(0),
          "cannot be greater than readyReplicas"));
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
