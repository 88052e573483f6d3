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
  void applyDefaults(ObjectNode pod) {
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
    return PodSpecValidation.validate(Nodes.object(pod, "spec"), "spec");
  }

  @Override
  List<FieldError> validateBodyUpdate(ObjectNode pod, ObjectNode old) {
    List<FieldError> errors = new ArrayList<>(
        MetadataValidation.validateUpdate(pod.get("metadata"), old.get("metadata"), "metadata"));
    errors.addAll(PodSpecValidation.validate(Nodes.object(pod, "spec"), "spec"));
    if (!onlyMutableFieldsChanged(Nodes.object(pod, "spec"), Nodes.object(old, "spec"))) {
      errors.add(FieldError.forbidden("spec", IMMUTABLE_SPEC_DETAIL));
    }
    return errors;
  }

  /**
   * Whether two pod specs differ only in container images, the active deadline, added tolerations or a
   * negative grace period raised to 1 (Go's {@code ValidatePodUpdate} compares the specs after copying these
   * over).
   */
  private static boolean onlyMutableFieldsChanged(ObjectNode spec, ObjectNode old) {
    if (spec == null || old == null) {
      return spec == old;
    }
    ObjectNode a = spec.deepCopy();
    ObjectNode b = old.deepCopy();
    for (String list : List.of("containers", "initContainers")) {
      List<ObjectNode> newList = Nodes.objects(a, list);
      List<ObjectNode> oldList = Nodes.objects(b, list);
      if (newList.size() != oldList.size()) {
        return false;
      }
      for (int i = 0; i < newList.size(); i++) {
        KindStrategy.copyField(oldList.get(i), newList.get(i), "image");
      }
    }
    KindStrategy.copyField(b, a, "activeDeadlineSeconds");
    ArrayNode oldTolerations = Nodes.array(b, "tolerations");
    ArrayNode newTolerations = Nodes.array(a, "tolerations");
    if (oldTolerations != null) {
      for (JsonNode t : oldTolerations) {
        boolean kept = false;
        if (newTolerations != null) {
          for (JsonNode n : newTolerations) {
            kept |= Nodes.semanticallyEqual(n, t);
          }
        }
        if (!kept) {
          return false;
        }
      }
    }
    a.remove("tolerations");
    b.remove("tolerations");
    if (b.path("terminationGracePeriodSeconds").asLong(0) < 0 && a.path("terminationGracePeriodSeconds").asLong() == 1) {
      KindStrategy.copyField(b, a, "terminationGracePeriodSeconds");
    }
    return Nodes.semanticallyEqual(a, b);
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
