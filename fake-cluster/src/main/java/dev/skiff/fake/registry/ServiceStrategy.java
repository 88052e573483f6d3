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

  private final ServiceAllocator allocator;

  ServiceStrategy(ServiceAllocator allocator) {
    super("Service", "", true, NameRule.DNS1035_LABEL);
    this.allocator = allocator;
  }

  @Override
  public void applyDefaults(ObjectNode service) {
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
      // A pointer in Go: only an absent (or null) policy is defaulted.
      Nodes.defaultValue(spec, "internalTrafficPolicy", Nodes.F.textNode("Cluster"));
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
  void prepareCreateBody(ObjectNode service) {
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
    // Go's ValidateService after the metadata, in its order.
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
    if ((type.equals("LoadBalancer") || type.equals("NodePort")) && headless(spec)) {
      errors.add(FieldError.invalid("spec.clusterIPs[0]", "None",
          "may not be set to 'None' for " + type + " services"));
    } else if (type.equals("ExternalName")) {
      for (String field : List.of("clusterIPs", "ipFamilies", "ipFamilyPolicy")) {
        if (!Nodes.isEmpty(spec, field)) {
          errors.add(FieldError.forbidden("spec." + field, "may not be set for ExternalName services"));
        }
      }
      String externalName = Nodes.text(spec, "externalName");
      String cname = externalName.endsWith(".") ? externalName.substring(0, externalName.length() - 1) : externalName;
      if (cname.isEmpty()) {
        errors.add(FieldError.required("spec.externalName", ""));
      } else {
        for (String msg : Names.dns1123SubdomainErrors(cname)) {
          errors.add(FieldError.invalid("spec.externalName", cname, msg));
        }
      }
    }
    Set<String> portNames = new HashSet<>();
    for (int i = 0; i < ports.size(); i++) {
      port(ports.get(i), "spec.ports[" + i + "]", ports.size() > 1, portNames, errors);
    }
    errors.addAll(MetadataValidation.labels(spec, "selector", "spec.selector"));
    sessionAffinity(spec, errors);
    if (!type.equals("ExternalName")) {
      clusterIpFields(spec, errors);
    }
    JsonNode externalIps = spec.get("externalIPs");
    if (externalIps != null && externalIps.isArray()) {
      for (int i = 0; i < externalIps.size(); i++) {
        if (!isIpv4(externalIps.get(i).asText())) {
          errors.add(FieldError.invalid("spec.externalIPs[" + i + "]", externalIps.get(i).asText(), IP_ERROR));
        }
      }
    }
    if (type.isEmpty()) {
      errors.add(FieldError.required("spec.type", ""));
    } else if (!TYPES.contains(type)) {
      errors.add(FieldError.notSupported("spec.type", spec.get("type"), TYPES));
    }
    if (type.equals("ClusterIP")) {
      for (int i = 0; i < ports.size(); i++) {
        if (ports.get(i).path("nodePort").asInt(0) != 0) {
          errors.add(FieldError.forbidden("spec.ports[" + i + "].nodePort", "may not be used when `type` is 'ClusterIP'"));
        }
      }
    }
    Set<String> nodePorts = new HashSet<>();
    for (int i = 0; i < ports.size(); i++) {
      int nodePort = ports.get(i).path("nodePort").asInt(0);
      if (nodePort != 0 && !nodePorts.add(Nodes.text(ports.get(i), "protocol") + "/" + nodePort)) {
        errors.add(FieldError.duplicate("spec.ports[" + i + "].nodePort", Nodes.F.numberNode(nodePort)));
      }
    }
    if (Nodes.has(spec, "allocateLoadBalancerNodePorts") && !type.equals("LoadBalancer")) {
      errors.add(FieldError.forbidden("spec.allocateLoadBalancerNodePorts",
          "may only be used when `type` is 'LoadBalancer'"));
    }
    trafficPolicies(spec, type, errors);
    return errors;
  }

  private static final String IP_ERROR = "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)";

  /** Session affinity and its ClientIP timeout. */
  private static void sessionAffinity(ObjectNode spec, List<FieldError> errors) {
    String affinity = Nodes.text(spec, "sessionAffinity");
    if (affinity.isEmpty()) {
      errors.add(FieldError.required("spec.sessionAffinity", ""));
    } else if (!AFFINITIES.contains(affinity)) {
      errors.add(FieldError.notSupported("spec.sessionAffinity", spec.get("sessionAffinity"), AFFINITIES));
    }
    if (affinity.equals("ClientIP")) {
      ObjectNode config = Nodes.object(spec, "sessionAffinityConfig");
      ObjectNode clientIp = Nodes.object(config, "clientIP");
      String when = "when session affinity type is ClientIP";
      if (config == null) {
        errors.add(FieldError.required("spec.sessionAffinityConfig", when));
      } else if (clientIp == null) {
        errors.add(FieldError.required("spec.sessionAffinityConfig.clientIP", when));
      } else if (!Nodes.has(clientIp, "timeoutSeconds")) {
        errors.add(FieldError.required("spec.sessionAffinityConfig.clientIP.timeoutSeconds", when));
      } else {
        long timeout = clientIp.get("timeoutSeconds").asLong();
        if (timeout <= 0 || timeout > 86400) {
          errors.add(FieldError.invalid("spec.sessionAffinityConfig.clientIP.timeoutSeconds", timeout,
              "must be greater than 0 and less than 86400"));
        }
      }
    } else if (affinity.equals("None") && Nodes.has(spec, "sessionAffinityConfig")) {
      errors.add(FieldError.forbidden("spec.sessionAffinityConfig", "must not be set when session affinity is None"));
    }
  }

  /** Go's {@code ValidateServiceClusterIPsRelatedFields}, single-stack IPv4 cluster. */
  private static void clusterIpFields(ObjectNode spec, List<FieldError> errors) {
    String clusterIp = Nodes.text(spec, "clusterIP");
    List<String> clusterIps = texts(Nodes.array(spec, "clusterIPs"));
    if (!clusterIp.isEmpty()) {
      if (clusterIps.isEmpty()) {
        errors.add(FieldError.required("spec.clusterIPs", ""));
      } else if (!clusterIps.get(0).equals(clusterIp)) {
        errors.add(FieldError.invalid("spec.clusterIPs", spec.get("clusterIPs"), "first value must match `clusterIP`"));
      }
    } else if (!clusterIps.isEmpty()) {
      errors.add(FieldError.invalid("spec.clusterIPs", spec.get("clusterIPs"),
          "must be empty when `clusterIP` is not specified"));
    }
    List<String> families = texts(Nodes.array(spec, "ipFamilies"));
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < families.size(); i++) {
      String family = families.get(i);
      if (!family.equals("IPv4") && !family.equals("IPv6")) {
        errors.add(FieldError.notSupported("spec.ipFamilies[" + i + "]", Nodes.F.textNode(family),
            List.of("IPv4", "IPv6")));
      }
      if (!seen.add(family)) {
        errors.add(FieldError.duplicate("spec.ipFamilies[" + i + "]", Nodes.F.textNode(family)));
      }
    }
    if (Nodes.has(spec, "ipFamilyPolicy")) {
      String policy = Nodes.text(spec, "ipFamilyPolicy");
      if (!List.of("PreferDualStack", "RequireDualStack", "SingleStack").contains(policy)) {
        errors.add(FieldError.notSupported("spec.ipFamilyPolicy", spec.get("ipFamilyPolicy"),
            List.of("PreferDualStack", "RequireDualStack", "SingleStack")));
      }
    }
    boolean invalid = false;
    for (int i = 0; i < clusterIps.size(); i++) {
      String ip = clusterIps.get(i);
      if (i == 0 && ip.equals("None")) {
        if (clusterIps.size() > 1) {
          invalid = true;
          errors.add(FieldError.invalid("spec.clusterIPs", spec.get("clusterIPs"), "'None' must be the first and only value"));
        }
        continue;
      }
      if (!isIpv4(ip)) {
        invalid = true;
        errors.add(FieldError.invalid("spec.clusterIPs[" + i + "]", ip, IP_ERROR));
      }
    }
    if (clusterIps.size() > 2) {
      errors.add(FieldError.invalid("spec.clusterIPs", spec.get("clusterIPs"), "may only hold up to 2 values"));
    }
    if (!invalid && clusterIps.size() > 1) {
      // This cluster is IPv4 only, so two valid addresses are never one per family.
      errors.add(FieldError.invalid("spec.clusterIPs", spec.get("clusterIPs"),
          "may specify no more than one IP for each IP family"));
    }
  }

  /** External and internal traffic policies, and the health check node port they imply. */
  private static void trafficPolicies(ObjectNode spec, String type, List<FieldError> errors) {
    boolean externallyAccessible = type.equals("LoadBalancer") || type.equals("NodePort")
        || type.equals("ClusterIP") && !Nodes.isEmpty(spec, "externalIPs");
    String external = Nodes.text(spec, "externalTrafficPolicy");
    if (!externallyAccessible) {
      if (!external.isEmpty()) {
        errors.add(FieldError.invalid("spec.externalTrafficPolicy", external,
            "may only be set for externally-accessible services"));
      }
    } else if (external.isEmpty()) {
      errors.add(FieldError.required("spec.externalTrafficPolicy", ""));
    } else if (!external.equals("Cluster") && !external.equals("Local")) {
      errors.add(FieldError.notSupported("spec.externalTrafficPolicy", spec.get("externalTrafficPolicy"),
          List.of("Cluster", "Local")));
    }
    // The health check port is allocated after validation here, so only a misplaced one is reported.
    int healthCheck = spec.path("healthCheckNodePort").asInt(0);
    if (!needsHealthCheckNodePort(spec) && healthCheck != 0) {
      errors.add(FieldError.invalid("spec.healthCheckNodePort", healthCheck,
          "may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'"));
    }
    if (!Nodes.has(spec, "internalTrafficPolicy")) {
      if (type.equals("NodePort") || type.equals("LoadBalancer") || type.equals("ClusterIP")) {
        errors.add(FieldError.required("spec.internalTrafficPolicy", ""));
      }
    } else {
      String internal = Nodes.text(spec, "internalTrafficPolicy");
      if (!internal.equals("Cluster") && !internal.equals("Local")) {
        errors.add(FieldError.notSupported("spec.internalTrafficPolicy", spec.get("internalTrafficPolicy"),
            List.of("Cluster", "Local")));
      }
    }
  }

  /** One service port: name (required when there are several, a DNS-1123 label, unique), port, protocol. */
  private static void port(ObjectNode port, String path, boolean nameRequired, Set<String> names,
      List<FieldError> errors) {
    String name = Nodes.text(port, "name");
    if (nameRequired && name.isEmpty()) {
      errors.add(FieldError.required(path + ".name", ""));
    } else if (!name.isEmpty()) {
      for (String msg : Names.dns1123LabelErrors(name)) {
        errors.add(FieldError.invalid(path + ".name", name, msg));
      }
      if (!names.add(name)) {
        errors.add(FieldError.duplicate(path + ".name", Nodes.F.textNode(name)));
      }
    }
    long number = port.path("port").asLong(0);
    if (number < 1 || number > 65535) {
      errors.add(FieldError.invalid(path + ".port", number, PodSpecValidation.PORT_RANGE));
    }
    String protocol = Nodes.text(port, "protocol");
    if (protocol.isEmpty()) {
      errors.add(FieldError.required(path + ".protocol", ""));
    } else if (!PROTOCOLS.contains(protocol)) {
      errors.add(FieldError.notSupported(path + ".protocol", port.get("protocol"), PROTOCOLS));
    }
    PodSpecValidation.portNumOrName(port.get("targetPort"), path + ".targetPort", errors);
    if (Nodes.has(port, "appProtocol")) {
      String appProtocol = Nodes.text(port, "appProtocol");
      for (String msg : Names.labelKeyErrors(appProtocol)) {
        errors.add(FieldError.invalid(path + ".appProtocol", appProtocol, msg));
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
    if (spec != null && oldSpec != null && needsHealthCheckNodePort(spec) && needsHealthCheckNodePort(oldSpec)
        && spec.path("healthCheckNodePort").asInt(0) != oldSpec.path("healthCheckNodePort").asInt(0)) {
      errors.add(FieldError.forbidden("spec.healthCheckNodePort", "field is immutable"));
    }
    // ValidateServiceUpdate ends with the whole create validation, metadata included.
    errors.addAll(validate(service));
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
  public boolean allocates() {
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
          // The real allocator fails with an internal error here; as a field error it still reaches the client.
          errors.add(new FieldError(FieldError.INTERNAL, "spec.clusterIPs", java.util.Optional.empty(),
              "failed to allocate a serviceIP: range is full"));
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
