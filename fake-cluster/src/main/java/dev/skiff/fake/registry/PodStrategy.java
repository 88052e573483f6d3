package dev.skiff.fake.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Pods: defaults, the admission plugins of pod creation, status {@code Pending} with the QoS class, generation
 * tracking (since Kubernetes 1.33 pods bump {@code metadata.generation} on spec changes and on graceful
 * deletion), the spec validation and the pod update restrictions.
 */
final class PodStrategy extends KindStrategy {
  /** The detail of the Forbidden error for a pod update that changes more than the mutable fields. */
  static final String IMMUTABLE_SPEC_DETAIL = "pod updates may not change fields other than "
      + "`spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,"
      + "`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` "
      + "(allow it to be set to 1 if it was previously negative)";

  private final PodAdmission admission;

  PodStrategy(PodAdmission admission) {
    super("Pod", "", true, NameRule.DNS1123_SUBDOMAIN);
    this.admission = admission;
  }

  @Override
  public void applyDefaults(ObjectNode pod) {
    PodDefaults.applyToPod(pod);
  }

  @Override
  void admit(ObjectNode pod) {
    admission.admit(pod);
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
  JsonNode initialStatus(ObjectNode pod) {
    ObjectNode spec = Nodes.object(pod, "spec");
    ObjectNode status = Nodes.F.objectNode();
    status.put("phase", "Pending");
    if (!Nodes.isEmpty(spec, "schedulingGates")) {
      // A gated pod tells why it is not scheduled (applySchedulingGatedCondition).
      ArrayNode conditions = status.putArray("conditions");
      ObjectNode c = conditions.addObject();
      c.put("type", "PodScheduled");
      c.put("status", "False");
      c.putNull("lastProbeTime");
      c.putNull("lastTransitionTime");
      c.put("reason", "SchedulingGated");
      c.put("message", "Scheduling is blocked due to non-empty scheduling gates");
    }
    status.put("qosClass", QosClass.of(spec));
    return status;
  }

  @Override
  List<FieldError> validateBody(ObjectNode pod) {
    // ValidatePodCreate: the spec, then what only a new pod may not have.
    ObjectNode spec = Nodes.object(pod, "spec");
    List<FieldError> errors = new ArrayList<>(specRules(pod));
    if (!Nodes.isEmpty(spec, "ephemeralContainers")) {
      errors.add(FieldError.forbidden("spec.ephemeralContainers", "cannot be set on create"));
    }
    if (!Nodes.text(spec, "nodeName").isEmpty() && !Nodes.isEmpty(spec, "schedulingGates")) {
      errors.add(FieldError.forbidden("spec.nodeName", "cannot be set until all schedulingGates have been cleared"));
    }
    return errors;
  }

  /** The pod-specific part of Go's {@code validatePodMetadataAndSpec} (its metadata part is shared). */
  private static List<FieldError> specRules(ObjectNode pod) {
    ObjectNode spec = Nodes.object(pod, "spec");
    List<FieldError> errors = new ArrayList<>(PodSpecValidation.validate(spec, "spec", true));
    for (String list : List.of("containers", "initContainers")) {
      List<ObjectNode> containers = Nodes.objects(spec, list);
      for (int i = 0; i < containers.size(); i++) {
        String image = Nodes.text(containers.get(i), "image");
        if (!image.equals(image.strip())) {
          errors.add(FieldError.invalid("spec." + list + "[" + i + "].image", image,
              "must not have leading or trailing whitespace"));
        }
      }
    }
    return errors;
  }

  /**
   * Go's {@code ValidatePodUpdate}: the new pod must be valid, and only container images, a lower active
   * deadline, added tolerations and a grace period raised from a negative value to 1 may change in the spec.
   * The Forbidden detail lacks the spec diff (Go's {@code cmp.Diff} output) that the real server appends.
   */
  @Override
  List<FieldError> validateBodyUpdate(ObjectNode pod, ObjectNode old) {
    List<FieldError> errors = new ArrayList<>(
        MetadataValidation.validateUpdate(pod.get("metadata"), old.get("metadata"), "metadata"));
    errors.addAll(MetadataValidation.validate(pod.get("metadata"), true, NameRule.DNS1123_SUBDOMAIN, "metadata"));
    errors.addAll(specRules(pod));
    ObjectNode spec = Nodes.object(pod, "spec") == null ? Nodes.F.objectNode() : Nodes.object(pod, "spec");
    ObjectNode oldSpec = Nodes.object(old, "spec") == null ? Nodes.F.objectNode() : Nodes.object(old, "spec");
    for (String list : List.of("containers", "initContainers")) {
      List<ObjectNode> now = Nodes.objects(spec, list);
      if (now.size() != Nodes.objects(oldSpec, list).size()) {
        errors.add(FieldError.forbidden("spec." + list, "pod updates may not add or remove containers"));
        return errors;
      }
      for (int i = 0; i < now.size(); i++) {
        if (Nodes.text(now.get(i), "image").isEmpty()) {
          errors.add(FieldError.required("spec." + list + "[" + i + "].image", ""));
        }
      }
    }
    JsonNode deadline = spec.get("activeDeadlineSeconds");
    JsonNode oldDeadline = oldSpec.get("activeDeadlineSeconds");
    if (deadline != null && !deadline.isNull()) {
      long value = deadline.asLong();
      if (value < 0 || value > Integer.MAX_VALUE) {
        errors.add(FieldError.invalid("spec.activeDeadlineSeconds", value,
            "must be between 0 and 2147483647, inclusive"));
        return errors;
      }
      if (oldDeadline != null && !oldDeadline.isNull() && oldDeadline.asLong() < value) {
        errors.add(FieldError.invalid("spec.activeDeadlineSeconds", value,
            "must be less than or equal to previous value"));
        return errors;
      }
    } else if (oldDeadline != null && !oldDeadline.isNull()) {
      errors.add(FieldError.invalid("spec.activeDeadlineSeconds", Nodes.F.nullNode(),
          "must not update from a positive integer to nil value"));
    }
    errors.addAll(onlyAddedTolerations(spec, oldSpec));
    if (!onlyMutableFieldsChanged(spec, oldSpec)) {
      errors.add(FieldError.forbidden("spec", IMMUTABLE_SPEC_DETAIL));
    }
    return errors;
  }

  /** Go's {@code validateOnlyAddedTolerations}: existing tolerations stay, except their tolerationSeconds. */
  private static List<FieldError> onlyAddedTolerations(ObjectNode spec, ObjectNode oldSpec) {
    List<FieldError> errors = new ArrayList<>();
    List<ObjectNode> now = Nodes.objects(spec, "tolerations");
    for (ObjectNode old : Nodes.objects(oldSpec, "tolerations")) {
      boolean found = false;
      for (ObjectNode t : now) {
        ObjectNode clone = old.deepCopy();
        KindStrategy.copyField(t, clone, "tolerationSeconds");
        found |= Nodes.semanticallyEqual(clone, t);
      }
      if (!found) {
        errors.add(FieldError.forbidden("spec.tolerations",
            "existing toleration can not be modified except its tolerationSeconds"));
        return errors;
      }
    }
    PodSpecValidation.tolerations(now, "spec.tolerations", errors);
    return errors;
  }

  /**
   * Whether two pod specs are equal once the mutable fields of the new one (images, active deadline, scheduling
   * gates, tolerations, a grace period raised from negative to 1) are taken from the old one.
   */
  private static boolean onlyMutableFieldsChanged(ObjectNode spec, ObjectNode old) {
    ObjectNode a = spec.deepCopy();
    for (String list : List.of("containers", "initContainers")) {
      List<ObjectNode> newList = Nodes.objects(a, list);
      List<ObjectNode> oldList = Nodes.objects(old, list);
      for (int i = 0; i < newList.size() && i < oldList.size(); i++) {
        KindStrategy.copyField(oldList.get(i), newList.get(i), "image");
      }
    }
    KindStrategy.copyField(old, a, "activeDeadlineSeconds");
    KindStrategy.copyField(old, a, "schedulingGates");
    KindStrategy.copyField(old, a, "tolerations");
    if (old.path("terminationGracePeriodSeconds").asLong(0) < 0 && a.path("terminationGracePeriodSeconds").asLong(0) == 1) {
      KindStrategy.copyField(old, a, "terminationGracePeriodSeconds");
    }
    return Nodes.semanticallyEqual(a, old);
  }

  /**
   * Go's {@code ValidatePodStatusUpdate}, main rules: the metadata update rules, the node name cannot change
   * through status, and the QoS class is immutable.
   */
  @Override
  public List<FieldError> validateStatusUpdate(ObjectNode pod, ObjectNode old) {
    List<FieldError> errors = new ArrayList<>(
        MetadataValidation.validateUpdate(pod.get("metadata"), old.get("metadata"), "metadata"));
    if (!Nodes.text(Nodes.object(pod, "spec"), "nodeName").equals(Nodes.text(Nodes.object(old, "spec"), "nodeName"))) {
      errors.add(FieldError.forbidden("status.nodeName", "may not be changed directly"));
    }
    String qos = Nodes.text(Nodes.object(pod, "status"), "qosClass");
    if (!qos.equals(Nodes.text(Nodes.object(old, "status"), "qosClass"))) {
      errors.add(FieldError.invalid("status.qosClass", qos, "field is immutable"));
    }
    return errors;
  }

  /**
   * Go's {@code podStrategy.CheckGracefulDelete}: the requested period, else the pod's
   * {@code terminationGracePeriodSeconds}; 0 when the pod is not scheduled or has finished; 1 instead of a
   * negative value.
   */
  @Override
  public OptionalLong gracePeriodSeconds(ObjectNode pod, Long requestedSeconds) {
    ObjectNode spec = Nodes.object(pod, "spec");
    long period = requestedSeconds != null ? requestedSeconds : spec == null ? 0
        : spec.path("terminationGracePeriodSeconds").asLong(0);
    String phase = Nodes.text(Nodes.object(pod, "status"), "phase");
    if (Nodes.text(spec, "nodeName").isEmpty() || phase.equals("Failed") || phase.equals("Succeeded")) {
      period = 0;
    }
    return OptionalLong.of(period < 0 ? 1 : period);
  }
}
