package dev.skiff.fake.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.model.Names;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Services: defaults (type, session affinity, traffic policies, port protocol and target port), single-stack
 * IPv4 families, cluster IP and node port allocation, {@code clusterIP}/{@code clusterIPs} kept in step,
 * allocated values kept on update and immutable, and the common validation rules. Names are DNS-1035 labels.
 */
final class ServiceStrategy extends KindStrategy {
  private static final List<String> TYPES = List.of("ClusterIP", "ExternalName", "LoadBalancer", "NodePort");
  private static final List<String> AFFINITIES = List.of("ClientIP", "None");
  private static final List<String> PROTOCOLS = List.of("SCTP", "TCP", "UDP");
  private static final String PORT_RANGE = "must be between 1 and 65535, inclusive";

  private final ServiceAllocator allocator;

  ServiceStrategy(ServiceAllocator allocator) {
    super("Service", "", true, NameRule.DNS1035_LABEL);
    this.allocator = allocator;
  }

  @Override
  void applyDefaults(ObjectNode service) {
    ObjectNode spec = Nodes.objectOrCreate(service, "spec");
    Nodes.defaultText(spec, "sessionAffinity", "None");
    String affinity = Nodes.text(spec, "sessionAffinity");
    if (affinity.equals("None")) {
      spec.remove("sessionAffinityConfig");
    } else if (affinity.equals("ClientIP")) {
      ObjectNode config = Nodes.objectOrCreate(spec, "sessionAffinityConfig");
      Nodes.defaultValue(Nodes.objectOrCreate(config, "clientIP"), "timeoutSeconds", Nodes.F.numberNode(10800));
    }
    Nodes.defaultText(spec, "type", "ClusterIP");
    String type = Nodes.text(spec, "type");
    for (ObjectNode port : Nodes.objects(spec, "ports")) {
      Nodes.defaultText(port, "protocol", "TCP");
      JsonNode target = port.get("targetPort");
      if (target == null || target.isNull() || (target.isNumber() && target.asInt() == 0)
          || (target.isTextual() && target.textValue().isEmpty())) {
        port.set("targetPort", port.has("port") ? port.get("port") : Nodes.F.numberNode(0));
      }
    }
    boolean external = type.equals("NodePort") || type.equals("LoadBalancer");
    if (external) {
      Nodes.defaultText(spec, "externalTrafficPolicy", "Cluster");
    }
    if (external || type.equals("ClusterIP")) {
      Nodes.defaultText(spec, "internalTrafficPolicy", "Cluster");
    }
    if (type.equals("LoadBalancer")) {
      Nodes.defaultValue(spec, "allocateLoadBalancerNodePorts", Nodes.F.booleanNode(true));
    }
  }

  @Override
  boolean hasStatus() {
    return true;
  }

  @Override
  JsonNode initialStatus(ObjectNode service) {
    ObjectNode status = Nodes.F.objectNode();
    status.putObject("loadBalancer");
    return status;
  }

  @Override
  void admit(ObjectNode service) {
    // On create a client that sets only the singular clusterIP gets the plural one filled in.
    ObjectNode spec = Nodes.object(service, "spec");
    String clusterIp = Nodes.text(spec, "clusterIP");
    if (!clusterIp.isEmpty() && Nodes.isEmpty(spec, "clusterIPs")) {
      spec.putArray("clusterIPs").add(clusterIp);
    }
    defaultIpFamilies(spec);
  }

  @Override
  void prepareUpdateBody(ObjectNode service, ObjectNode old) {
    ObjectNode spec = Nodes.objectOrCreate(service, "spec");
    ObjectNode oldSpec = Nodes.object(old, "spec");
    normalizeClusterIps(spec, oldSpec);
    // Values allocated before and left out of the request are kept (patchAllocatedValues).
    if (needsClusterIp(oldSpec) && needsClusterIp(spec)) {
      if (Nodes.text(spec, "clusterIP").isEmpty()) {
        KindStrategy.copyField(oldSpec, spec, "clusterIP");
      }
      if (Nodes.isEmpty(spec, "clusterIPs") && !Nodes.isEmpty(oldSpec, "clusterIPs")) {
        KindStrategy.copyField(oldSpec, spec, "clusterIPs");
      }
      if (Nodes.isEmpty(spec, "ipFamilies")) {
        KindStrategy.copyField(oldSpec, spec, "ipFamilies");
      }
      if (Nodes.isEmpty(spec, "ipFamilyPolicy")) {
        KindStrategy.copyField(oldSpec, spec, "ipFamilyPolicy");
      }
    }
    if (needsNodePorts(oldSpec) && needsNodePorts(spec)) {
      Set<Integer> used = new HashSet<>();
      Set<Integer> oldPorts = nodePorts(oldSpec);
      for (int p : nodePorts(spec)) {
        if (oldPorts.contains(p)) {
          used.add(p);
        }
      }
      for (ObjectNode port : Nodes.objects(spec, "ports")) {
        if (port.path("nodePort").asInt(0) == 0) {
          for (ObjectNode oldPort : Nodes.objects(oldSpec, "ports")) {
            int oldValue = oldPort.path("nodePort").asInt(0);
            if (Nodes.text(oldPort, "name").equals(Nodes.text(port, "name")) && oldValue != 0
                && !used.contains(oldValue)) {
              port.put("nodePort", oldValue);
              break;
            }
          }
        }
      }
    }
    if (Nodes.text(spec, "type").equals(Nodes.text(oldSpec, "type")) && spec.path("healthCheckNodePort").asInt(0) == 0
        && oldSpec.path("healthCheckNodePort").asInt(0) != 0) {
      KindStrategy.copyField(oldSpec, spec, "healthCheckNodePort");
    }
    defaultIpFamilies(spec);
  }

  /** Go's {@code normalizeClusterIPs} for an update: infer what a client that knows only one field meant. */
  private static void normalizeClusterIps(ObjectNode spec, ObjectNode oldSpec) {
    String ip = Nodes.text(spec, "clusterIP");
    String oldIp = Nodes.text(oldSpec, "clusterIP");
    boolean sameIps = Nodes.semanticallyEqual(spec.get("clusterIPs"), oldSpec.get("clusterIPs"));
    if (!Nodes.isEmpty(oldSpec, "clusterIPs") && Nodes.isEmpty(spec, "clusterIPs") && oldIp.equals(ip)) {
      KindStrategy.copyField(oldSpec, spec, "clusterIPs");
    }
    if (!oldIp.equals(ip)) {
      if (!oldIp.isEmpty() && ip.isEmpty() && sameIps) {
        spec.remove("clusterIPs");
      }
      if (!ip.isEmpty() && sameIps) {
        spec.putArray("clusterIPs").add(ip);
      }
    }
  }

  /** Single-stack IPv4, except headless services without selector, which may use every family. */
  private static void defaultIpFamilies(ObjectNode spec) {
    if (!needsClusterIp(spec)) {
      return;
    }
    if (headless(spec) && Nodes.isEmpty(spec, "selector")) {
      Nodes.defaultText(spec, "ipFamilyPolicy", "RequireDualStack");
    } else {
      Nodes.defaultText(spec, "ipFamilyPolicy", "SingleStack");
    }
    if (Nodes.isEmpty(spec, "ipFamilies")) {
      spec.putArray("ipFamilies").add("IPv4");
    }
  }

  private static boolean needsClusterIp(ObjectNode spec) {
    return spec != null && !Nodes.text(spec, "type").equals("ExternalName");
  }

  private static boolean needsNodePorts(ObjectNode spec) {
    String type = Nodes.text(spec, "type");
    return type.equals("NodePort")
        || type.equals("LoadBalancer") && spec.path("allocateLoadBalancerNodePorts").asBoolean(true);
  }

  private static boolean needsHealthCheckNodePort(ObjectNode spec) {
    return Nodes.text(spec, "type").equals("LoadBalancer")
        && Nodes.text(spec, "externalTrafficPolicy").equals("Local");
  }

  private static boolean headless(ObjectNode spec) {
    return Nodes.text(spec, "clusterIP").equals("None");
  }

  private static Set<Integer> nodePorts(ObjectNode spec) {
    Set<Integer> ports = new HashSet<>();
    for (ObjectNode p : Nodes.objects(spec, "ports")) {
      int n = p.path("nodePort").asInt(0);
      if (n != 0) {
        ports.add(n);
      }
    }
    return ports;
  }

  @Override
  List<FieldError> validateBody(ObjectNode service) {
    List<FieldError> errors = new ArrayList<>();
    ObjectNode spec = Nodes.object(service, "spec");
    if (spec == null) {
      spec = Nodes.F.objectNode();
    }
    String type = Nodes.text(spec, "type");
    List<ObjectNode> ports = Nodes.objects(spec, "ports");
    if (ports.isEmpty() && !headless(spec) && !type.equals("ExternalName")) {
      errors.add(FieldError.required("spec.ports", ""));
    }
    if (type.equals("ExternalName")) {
      String externalName = Nodes.text(spec, "externalName");
      if (externalName.isEmpty()) {
        errors.add(FieldError.required("spec.externalName", ""));
      } else {
        for (String msg : Names.dns1123SubdomainErrors(externalName.endsWith(".")
            ? externalName.substring(0, externalName.length() - 1) : externalName)) {
          errors.add(FieldError.invalid("spec.externalName", externalName, msg));
        }
      }
    }
    Set<String> portNames = new HashSet<>();
    for (int i = 0; i < ports.size(); i++) {
      port(ports.get(i), "spec.ports[" + i + "]", ports.size() > 1, portNames, errors);
    }
    errors.addAll(MetadataValidation.labels(spec, "selector", "spec.selector"));
    String affinity = Nodes.text(spec, "sessionAffinity");
    if (affinity.isEmpty()) {
      errors.add(FieldError.required("spec.sessionAffinity", ""));
    } else if (!AFFINITIES.contains(affinity)) {
      errors.add(FieldError.notSupported("spec.sessionAffinity", spec.get("sessionAffinity"), AFFINITIES));
    }
    List<String> clusterIps = new ArrayList<>();
    if (Nodes.array(spec, "clusterIPs") != null) {
      Nodes.array(spec, "clusterIPs").forEach(ip -> clusterIps.add(ip.asText()));
    }
    String clusterIp = Nodes.text(spec, "clusterIP");
    if (!clusterIps.isEmpty() && !clusterIps.get(0).equals(clusterIp)) {
      errors.add(FieldError.invalid("spec.clusterIPs", spec.get("clusterIPs"), "first value must match `clusterIP`"));
    }
    for (int i = 0; i < clusterIps.size(); i++) {
      String ip = clusterIps.get(i);
      if (!ip.equals("None") && !isIpv4(ip)) {
        errors.add(FieldError.invalid("spec.clusterIPs[" + i + "]", ip,
            "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)"));
      }
    }
    if (type.isEmpty()) {
      errors.add(FieldError.required("spec.type", ""));
    } else if (!TYPES.contains(type)) {
      errors.add(FieldError.notSupported("spec.type", spec.get("type"), TYPES));
    }
    if (type.equals("ExternalName") && !clusterIp.isEmpty()) {
      errors.add(FieldError.forbidden("spec.clusterIPs", "may not be set for ExternalName services"));
    }
    if (headless(spec) && (type.equals("NodePort") || type.equals("LoadBalancer"))) {
      errors.add(FieldError.invalid("spec.clusterIPs[0]", "None", "may not be set to 'None' for "
          + type + " services"));
    }
    if (!type.equals("NodePort") && !type.equals("LoadBalancer")) {
      for (int i = 0; i < ports.size(); i++) {
        if (ports.get(i).path("nodePort").asInt(0) != 0) {
          errors.add(FieldError.forbidden("spec.ports[" + i + "].nodePort",
              "may not be used when `type` is '" + type + "'"));
        }
      }
    }
    return errors;
  }

  /** One service port: name (required when there are several, a DNS-1123 label, unique), port, protocol. */
  private static void port(ObjectNode port, String path, boolean nameRequired, Set<String> names,
      List<FieldError> errors) {
    String name = Nodes.text(port, "name");
    if (nameRequired && name.isEmpty()) {
      errors.add(FieldError.required(path + ".name", ""));
    } else if (!name.isEmpty()) {
      List<String> msgs = Names.dns1123LabelErrors(name);
      for (String msg : msgs) {
        errors.add(FieldError.invalid(path + ".name", name, msg));
      }
      if (msgs.isEmpty() && !names.add(name)) {
        errors.add(FieldError.duplicate(path + ".name", Nodes.F.textNode(name)));
      }
    }
    long number = port.path("port").asLong(0);
    if (number < 1 || number > 65535) {
      errors.add(FieldError.invalid(path + ".port", number, PORT_RANGE));
    }
    String protocol = Nodes.text(port, "protocol");
    if (protocol.isEmpty()) {
      errors.add(FieldError.required(path + ".protocol", ""));
    } else if (!PROTOCOLS.contains(protocol)) {
      errors.add(FieldError.notSupported(path + ".protocol", port.get("protocol"), PROTOCOLS));
    }
    JsonNode target = port.get("targetPort");
    if (target != null && target.isNumber() && (target.asLong() < 1 || target.asLong() > 65535)) {
      errors.add(FieldError.invalid(path + ".targetPort", target.asLong(), PORT_RANGE));
    } else if (target != null && target.isTextual()) {
      for (String msg : PodSpecValidation.portNameErrors(target.textValue())) {
        errors.add(FieldError.invalid(path + ".targetPort", target.textValue(), msg));
      }
    }
  }

  @Override
  List<FieldError> validateBodyUpdate(ObjectNode service, ObjectNode old) {
    List<FieldError> errors = new ArrayList<>(
        MetadataValidation.validateUpdate(service.get("metadata"), old.get("metadata"), "metadata"));
    ObjectNode spec = Nodes.object(service, "spec");
    ObjectNode oldSpec = Nodes.object(old, "spec");
    errors.addAll(clusterIpsUpdate(spec, oldSpec));
    errors.addAll(validateBody(service));
    return errors;
  }

  /** Go's {@code validateUpgradeDowngradeClusterIPs}: the primary cluster IP never changes once set. */
  private static List<FieldError> clusterIpsUpdate(ObjectNode spec, ObjectNode oldSpec) {
    List<FieldError> errors = new ArrayList<>();
    if (spec == null || oldSpec == null || !needsClusterIp(spec) || !needsClusterIp(oldSpec)
        || headless(spec) && headless(oldSpec)) {
      return errors;
    }
    JsonNode newIps = spec.has("clusterIPs") && !spec.get("clusterIPs").isNull() ? spec.get("clusterIPs")
        : Nodes.F.nullNode();
    List<String> now = texts(Nodes.array(spec, "clusterIPs"));
    List<String> before = texts(Nodes.array(oldSpec, "clusterIPs"));
    if (now.size() == before.size()) {
      for (int i = 0; i < before.size(); i++) {
        if (!before.get(i).equals(now.get(i))) {
          errors.add(FieldError.invalid("spec.clusterIPs[" + i + "]", newIps, "may not change once set"));
        }
      }
    } else if (before.size() > now.size()) {
      if (now.isEmpty()) {
        errors.add(FieldError.invalid("spec.clusterIPs[0]", newIps, "primary clusterIP can not be unset"));
      } else if (!before.get(0).equals(now.get(0))) {
        errors.add(FieldError.invalid("spec.clusterIPs[0]", newIps, "may not change once set"));
      }
    } else if (!before.isEmpty() && !before.get(0).equals(now.get(0))) {
      errors.add(FieldError.invalid("spec.clusterIPs[0]", newIps, "may not change once set"));
    }
    return errors;
  }

  private static List<String> texts(ArrayNode array) {
    List<String> out = new ArrayList<>();
    if (array != null) {
      array.forEach(n -> out.add(n.asText()));
    }
    return out;
  }

  private static boolean isIpv4(String ip) {
    String[] parts = ip.split("\\.", -1);
    if (parts.length != 4) {
      return false;
    }
    for (String p : parts) {
      if (!p.matches("0|[1-9][0-9]{0,2}") || Integer.parseInt(p) > 255) {
        return false;
      }
    }
    return true;
  }

  @Override
  public List<FieldError> allocate(ObjectNode service, ObjectNode old) {
    ObjectNode spec = Nodes.objectOrCreate(service, "spec");
    ObjectNode oldSpec = old == null ? null : Nodes.object(old, "spec");
    List<FieldError> errors = new ArrayList<>();
    List<Runnable> undo = new ArrayList<>();
    String oldIp = oldSpec == null ? "" : Nodes.text(oldSpec, "clusterIP");
    String ip = Nodes.text(spec, "clusterIP");
    if (needsClusterIp(spec) && !headless(spec)) {
      if (ip.isEmpty()) {
        var allocated = allocator.allocateIp();
        if (allocated.isEmpty()) {
          errors.add(FieldError.invalid("spec.clusterIPs", Nodes.F.nullNode(),
              "failed to allocate IP: range is full"));
        } else {
          String newIp = allocated.get();
          spec.put("clusterIP", newIp);
          spec.putArray("clusterIPs").add(newIp);
          undo.add(() -> allocator.releaseIp(newIp));
        }
      } else if (!ip.equals(oldIp)) {
        String reason = allocator.reserveIp(ip);
        if (reason != null) {
          errors.add(FieldError.invalid("spec.clusterIPs", spec.get("clusterIPs"),
              "failed to allocate IP " + ip + ": " + reason));
        } else {
          undo.add(() -> allocator.releaseIp(ip));
        }
      }
    } else if (!needsClusterIp(spec)) {
      spec.remove("clusterIP");
      spec.remove("clusterIPs");
    }
    if (needsClusterIp(spec) && headless(spec) && Nodes.isEmpty(spec, "clusterIPs")) {
      spec.putArray("clusterIPs").add("None");
    }
    Set<Integer> oldPorts = oldSpec == null ? Set.of() : nodePorts(oldSpec);
    if (needsNodePorts(spec)) {
      List<ObjectNode> ports = Nodes.objects(spec, "ports");
      for (int i = 0; i < ports.size(); i++) {
        ObjectNode port = ports.get(i);
        int requested = port.path("nodePort").asInt(0);
        if (requested == 0) {
          OptionalInt p = allocator.allocateNodePort();
          if (p.isPresent()) {
            port.put("nodePort", p.getAsInt());
            undo.add(() -> allocator.releaseNodePort(p.getAsInt()));
          }
        } else if (!oldPorts.contains(requested)) {
          String reason = allocator.reserveNodePort(requested);
          if (reason != null) {
            errors.add(FieldError.invalid("spec.ports[" + i + "].nodePort", requested, reason));
          } else {
            undo.add(() -> allocator.releaseNodePort(requested));
          }
        }
      }
    }
    if (needsHealthCheckNodePort(spec) && spec.path("healthCheckNodePort").asInt(0) == 0) {
      OptionalInt p = allocator.allocateNodePort();
      if (p.isPresent()) {
        spec.put("healthCheckNodePort", p.getAsInt());
        undo.add(() -> allocator.releaseNodePort(p.getAsInt()));
      }
    }
    if (!errors.isEmpty()) {
      undo.forEach(Runnable::run);
      return errors;
    }
    // What the old object held and the new one does not is given back.
    if (oldSpec != null) {
      if (!oldIp.isEmpty() && !oldIp.equals(Nodes.text(spec, "clusterIP"))) {
        allocator.releaseIp(oldIp);
      }
      Set<Integer> kept = nodePorts(spec);
      kept.add(spec.path("healthCheckNodePort").asInt(0));
      for (int p : oldPorts) {
        if (!kept.contains(p)) {
          allocator.releaseNodePort(p);
        }
      }
      int oldHealth = oldSpec.path("healthCheckNodePort").asInt(0);
      if (oldHealth != 0 && !kept.contains(oldHealth)) {
        allocator.releaseNodePort(oldHealth);
      }
    }
    return errors;
  }

  @Override
  public void release(ObjectNode service) {
    ObjectNode spec = Nodes.object(service, "spec");
    if (spec == null) {
      return;
    }
    allocator.releaseIp(Nodes.text(spec, "clusterIP"));
    for (int p : nodePorts(spec)) {
      allocator.releaseNodePort(p);
    }
    int health = spec.path("healthCheckNodePort").asInt(0);
    if (health != 0) {
      allocator.releaseNodePort(health);
    }
  }
}
