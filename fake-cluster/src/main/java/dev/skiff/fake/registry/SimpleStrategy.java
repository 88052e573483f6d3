package dev.skiff.fake.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.model.Names;
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

  /** Endpoints: port protocol defaults to TCP; subsets, addresses and ports are checked. */
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
  public void applyDefaults(ObjectNode object) {
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
        endpointSubsets(object, errors);
        break;
      case "Event":
        // Legacy events (no eventTime) name their involved object's namespace, which must be the event's;
        // an involved object without one is allowed in the default namespace only.
        if (!Nodes.has(object, "eventTime")) {
          String namespace = Nodes.text(object.get("metadata"), "namespace");
          String involved = Nodes.text(object.get("involvedObject"), "namespace");
          boolean matches = involved.isEmpty() ? namespace.isEmpty() || namespace.equals("default")
              : involved.equals(namespace);
          if (!matches) {
            errors.add(FieldError.invalid("involvedObject.namespace", involved, "does not match event.namespace"));
          }
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

  /** Go's {@code validateEndpointSubsets}. */
  private static void endpointSubsets(ObjectNode endpoints, List<FieldError> errors) {
    List<ObjectNode> subsets = Nodes.objects(endpoints, "subsets");
    for (int s = 0; s < subsets.size(); s++) {
      ObjectNode subset = subsets.get(s);
      String path = "subsets[" + s + "]";
      if (Nodes.isEmpty(subset, "addresses") && Nodes.isEmpty(subset, "notReadyAddresses")) {
        errors.add(FieldError.required(path, "must specify `addresses` or `notReadyAddresses`"));
      }
      for (String list : List.of("addresses", "notReadyAddresses")) {
        List<ObjectNode> addresses = Nodes.objects(subset, list);
        for (int a = 0; a < addresses.size(); a++) {
          endpointAddress(addresses.get(a), path + "." + list + "[" + a + "]", errors);
        }
      }
      List<ObjectNode> ports = Nodes.objects(subset, "ports");
      for (int p = 0; p < ports.size(); p++) {
        ObjectNode port = ports.get(p);
        String pPath = path + ".ports[" + p + "]";
        String name = Nodes.text(port, "name");
        if (ports.size() > 1 && name.isEmpty()) {
          errors.add(FieldError.required(pPath + ".name", ""));
        } else if (!name.isEmpty()) {
          for (String msg : Names.dns1123LabelErrors(name)) {
            errors.add(FieldError.invalid(pPath + ".name", name, msg));
          }
        }
        long number = port.path("port").asLong(0);
        if (number < 1 || number > 65535) {
          errors.add(FieldError.invalid(pPath + ".port", number, PodSpecValidation.PORT_RANGE));
        }
        String protocol = Nodes.text(port, "protocol");
        if (protocol.isEmpty()) {
          errors.add(FieldError.required(pPath + ".protocol", ""));
        } else if (!List.of("SCTP", "TCP", "UDP").contains(protocol)) {
          errors.add(FieldError.notSupported(pPath + ".protocol", port.get("protocol"), List.of("SCTP", "TCP", "UDP")));
        }
      }
    }
  }

  /** Go's {@code validateEndpointAddress} for IPv4 addresses: a valid, non-special IP and a DNS-1123 hostname. */
  private static void endpointAddress(ObjectNode address, String path, List<FieldError> errors) {
    String ip = Nodes.text(address, "ip");
    int[] octets = ipv4(ip);
    if (octets == null) {
      errors.add(FieldError.invalid(path + ".ip", ip, "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)"));
    }
    String hostname = Nodes.text(address, "hostname");
    if (!hostname.isEmpty()) {
      for (String msg : Names.dns1123LabelErrors(hostname)) {
        errors.add(FieldError.invalid(path + ".hostname", hostname, msg));
      }
    }
    if (Nodes.has(address, "nodeName")) {
      String nodeName = Nodes.text(address, "nodeName");
      for (String msg : Names.dns1123SubdomainErrors(nodeName)) {
        errors.add(FieldError.invalid(path + ".nodeName", nodeName, msg));
      }
    }
    if (octets == null) {
      errors.add(FieldError.invalid(path + ".ip", ip, "must be a valid IP address"));
    } else if (octets[0] == 0 && octets[1] == 0 && octets[2] == 0 && octets[3] == 0) {
      errors.add(FieldError.invalid(path + ".ip", ip, "may not be unspecified (" + ip + ")"));
    } else if (octets[0] == 127) {
      errors.add(FieldError.invalid(path + ".ip", ip, "may not be in the loopback range (127.0.0.0/8, ::1/128)"));
    } else if (octets[0] == 169 && octets[1] == 254) {
      errors.add(FieldError.invalid(path + ".ip", ip, "may not be in the link-local range (169.254.0.0/16, fe80::/10)"));
    } else if (octets[0] == 224 && octets[1] == 0 && octets[2] == 0) {
      errors.add(FieldError.invalid(path + ".ip", ip,
          "may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)"));
    }
  }

  /** The four octets of a dotted IPv4 address, or null when the text is not one. */
  private static int[] ipv4(String ip) {
    String[] parts = ip.split("\\.", -1);
    if (parts.length != 4) {
      return null;
    }
    int[] octets = new int[4];
    for (int i = 0; i < 4; i++) {
      if (!parts[i].matches("0|[1-9][0-9]{0,2}") || Integer.parseInt(parts[i]) > 255) {
        return null;
      }
      octets[i] = Integer.parseInt(parts[i]);
    }
    return octets;
  }
}
