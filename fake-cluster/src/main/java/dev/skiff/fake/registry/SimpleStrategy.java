package dev.skiff.fake.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The kinds whose server-side rules are mostly metadata: ServiceAccount, Endpoints, Event, Node and Lease, each
 * with its few defaults and body rules.
 */
final class SimpleStrategy extends KindStrategy {
  private final boolean keepsStatusOnUpdate;

  private SimpleStrategy(String kind, String group, boolean namespaced, boolean keepsStatusOnUpdate) {
    super(kind, group, namespaced, NameRule.DNS1123_SUBDOMAIN);
    this.keepsStatusOnUpdate = keepsStatusOnUpdate;
  }

  /** ServiceAccounts: metadata rules only. */
  static SimpleStrategy serviceAccount() {
    return new SimpleStrategy("ServiceAccount", "", true, false);
  }

  /** Endpoints: port protocol defaults to TCP; ports and addresses are checked. */
  static SimpleStrategy endpoints() {
    return new SimpleStrategy("Endpoints", "", true, false);
  }

  /** Events: the involved object's namespace must be the event's. */
  static SimpleStrategy event() {
    return new SimpleStrategy("Event", "", true, false);
  }

  /** Nodes: cluster-scoped; status may be set on create and is kept from storage on update. */
  static SimpleStrategy node() {
    return new SimpleStrategy("Node", "", false, true);
  }

  /** Leases (coordination.k8s.io/v1): durations and counters may not be negative. */
  static SimpleStrategy lease() {
    return new SimpleStrategy("Lease", "coordination.k8s.io", true, false);
  }

  @Override
  void applyDefaults(ObjectNode object) {
    if (kind().equals("Endpoints")) {
      for (ObjectNode subset : Nodes.objects(object, "subsets")) {
        for (ObjectNode port : Nodes.objects(subset, "ports")) {
          Nodes.defaultText(port, "protocol", "TCP");
        }
      }
    } else if (kind().equals("Node")) {
      // SetDefaults_NodeStatus: allocatable defaults to capacity.
      ObjectNode status = Nodes.object(object, "status");
      if (status != null && !Nodes.has(status, "allocatable") && Nodes.has(status, "capacity")) {
        status.set("allocatable", status.get("capacity").deepCopy());
      }
    }
  }

  @Override
  void prepareUpdateBody(ObjectNode object, ObjectNode old) {
    if (keepsStatusOnUpdate) {
      KindStrategy.copyField(old, object, "status");
    }
  }

  @Override
  List<FieldError> validateBody(ObjectNode object) {
    List<FieldError> errors = new ArrayList<>();
    switch (kind()) {
      case "Endpoints":
        List<ObjectNode> subsets = Nodes.objects(object, "subsets");
        for (int s = 0; s < subsets.size(); s++) {
          List<ObjectNode> ports = Nodes.objects(subsets.get(s), "ports");
          for (int p = 0; p < ports.size(); p++) {
            long port = ports.get(p).path("port").asLong(0);
            if (port < 1 || port > 65535) {
              errors.add(FieldError.invalid("subsets[" + s + "].ports[" + p + "].port", port,
                  "must be between 1 and 65535, inclusive"));
            }
          }
          List<ObjectNode> addresses = Nodes.objects(subsets.get(s), "addresses");
          for (int a = 0; a < addresses.size(); a++) {
            if (Nodes.text(addresses.get(a), "ip").isEmpty()) {
              errors.add(FieldError.invalid("subsets[" + s + "].addresses[" + a + "].ip", "",
                  "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)"));
            }
          }
        }
        break;
      case "Event":
        String namespace = Nodes.text(object.get("metadata"), "namespace");
        String involved = Nodes.text(object.get("involvedObject"), "namespace");
        if (!involved.isEmpty() && !involved.equals(namespace)) {
          errors.add(FieldError.invalid("involvedObject.namespace", involved, "does not match event.namespace"));
        }
        break;
      case "Lease":
        JsonNode spec = object.get("spec");
        JsonNode duration = spec == null ? null : spec.get("leaseDurationSeconds");
        if (duration != null && duration.isNumber() && duration.asLong() <= 0) {
          errors.add(FieldError.invalid("spec.leaseDurationSeconds", duration.asLong(), "must be greater than 0"));
        }
        JsonNode transitions = spec == null ? null : spec.get("leaseTransitions");
        if (transitions != null && transitions.isNumber() && transitions.asLong() < 0) {
          errors.add(FieldError.invalid("spec.leaseTransitions", transitions.asLong(),
              "must be greater than or equal to 0"));
        }
        break;
      default:
        break;
    }
    return errors;
  }
}
