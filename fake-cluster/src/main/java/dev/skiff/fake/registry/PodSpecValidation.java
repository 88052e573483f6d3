package dev.skiff.fake.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.model.InvalidQuantityException;
import dev.skiff.model.Names;
import dev.skiff.model.Quantity;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The most common rules of Go's {@code ValidatePodSpec}, in its order: grace period, volumes, containers
 * (names, images, ports, env, mounts, pull policy, resources), init containers, restart and DNS policy, node
 * selector, service account, node and host names, active deadline, tolerations, priority class.
 */
final class PodSpecValidation {
  static final List<String> RESTART_POLICIES = List.of("Always", "OnFailure", "Never");
  private static final List<String> DNS_POLICIES = List.of("ClusterFirstWithHostNet", "ClusterFirst", "Default", "None");
  private static final List<String> PULL_POLICIES = List.of("Always", "IfNotPresent", "Never");
  private static final List<String> MESSAGE_POLICIES = List.of("File", "FallbackToLogsOnError");
  private static final List<String> PROTOCOLS = List.of("SCTP", "TCP", "UDP");
  private static final String PORT_RANGE = "must be between 1 and 65535, inclusive";

  private PodSpecValidation() {}

  /**
   * Validates a pod spec.
   *
   * @param spec the spec (may be null)
   * @param path its path, {@code spec} or {@code spec.template.spec}
   */
  static List<FieldError> validate(ObjectNode spec, String path) {
    List<FieldError> errors = new ArrayList<>();
    if (spec == null) {
      spec = Nodes.F.objectNode();
    }
    if (!Nodes.has(spec, "terminationGracePeriodSeconds")) {
      errors.add(FieldError.required(path + ".terminationGracePeriodSeconds", ""));
    }
    Set<String> volumes = volumes(spec, path + ".volumes", errors);
    Set<String> names = new HashSet<>();
    List<ObjectNode> containers = Nodes.objects(spec, "containers");
    if (containers.isEmpty()) {
      errors.add(FieldError.required(path + ".containers", ""));
    }
    for (int i = 0; i < containers.size(); i++) {
      String cPath = path + ".containers[" + i + "]";
      ObjectNode c = containers.get(i);
      container(c, cPath, volumes, errors);
      String name = Nodes.text(c, "name");
      if (!names.add(name)) {
        errors.add(FieldError.duplicate(cPath + ".name", Nodes.F.textNode(name)));
      }
      if (Nodes.has(c, "restartPolicy")) {
        errors.add(FieldError.forbidden(cPath + ".restartPolicy", "may not be set for non-init containers"));
      }
    }
    List<ObjectNode> inits = Nodes.objects(spec, "initContainers");
    for (int i = 0; i < inits.size(); i++) {
      String cPath = path + ".initContainers[" + i + "]";
      ObjectNode c = inits.get(i);
      container(c, cPath, volumes, errors);
      String name = Nodes.text(c, "name");
      if (!names.add(name)) {
        errors.add(FieldError.duplicate(cPath + ".name", Nodes.F.textNode(name)));
      }
    }
    String restartPolicy = Nodes.text(spec, "restartPolicy");
    if (restartPolicy.isEmpty()) {
      errors.add(FieldError.required(path + ".restartPolicy", ""));
    } else if (!RESTART_POLICIES.contains(restartPolicy)) {
      errors.add(FieldError.notSupported(path + ".restartPolicy", spec.get("restartPolicy"), RESTART_POLICIES));
    }
    String dnsPolicy = Nodes.text(spec, "dnsPolicy");
    if (dnsPolicy.isEmpty()) {
      errors.add(FieldError.required(path + ".dnsPolicy", ""));
    } else if (!DNS_POLICIES.contains(dnsPolicy)) {
      errors.add(FieldError.notSupported(path + ".dnsPolicy", spec.get("dnsPolicy"), DNS_POLICIES));
    }
    errors.addAll(MetadataValidation.labels(spec, "nodeSelector", path + ".nodeSelector"));
    String serviceAccountName = Nodes.text(spec, "serviceAccountName");
    if (!serviceAccountName.isEmpty()) {
      for (String msg : Names.dns1123SubdomainErrors(serviceAccountName)) {
        errors.add(FieldError.invalid(path + ".serviceAccountName", serviceAccountName, msg));
      }
    }
    String nodeName = Nodes.text(spec, "nodeName");
    if (!nodeName.isEmpty()) {
      for (String msg : Names.dns1123SubdomainErrors(nodeName)) {
        errors.add(FieldError.invalid(path + ".nodeName", nodeName, msg));
      }
    }
    JsonNode deadline = spec.get("activeDeadlineSeconds");
    if (deadline != null && deadline.isNumber() && (deadline.asLong() < 1 || deadline.asLong() > Integer.MAX_VALUE)) {
      errors.add(FieldError.invalid(path + ".activeDeadlineSeconds", deadline.asLong(),
          "must be between 1 and 2147483647, inclusive"));
    }
    for (String field : List.of("hostname", "subdomain")) {
      String value = Nodes.text(spec, field);
      if (!value.isEmpty()) {
        for (String msg : Names.dns1123LabelErrors(value)) {
          errors.add(FieldError.invalid(path + "." + field, value, msg));
        }
      }
    }
    tolerations(spec, path + ".tolerations", errors);
    String priorityClassName = Nodes.text(spec, "priorityClassName");
    if (!priorityClassName.isEmpty()) {
      for (String msg : Names.dns1123SubdomainErrors(priorityClassName)) {
        errors.add(FieldError.invalid(path + ".priorityClassName", priorityClassName, msg));
      }
    }
    String preemptionPolicy = Nodes.text(spec, "preemptionPolicy");
    if (Nodes.has(spec, "preemptionPolicy") && !List.of("PreemptLowerPriority", "Never").contains(preemptionPolicy)) {
      errors.add(FieldError.notSupported(path + ".preemptionPolicy", spec.get("preemptionPolicy"),
          List.of("Never", "PreemptLowerPriority")));
    }
    return errors;
  }

  /** Volume names: required, DNS-1123 labels, unique. Returns the valid names for the mount checks. */
  private static Set<String> volumes(ObjectNode spec, String path, List<FieldError> errors) {
    Set<String> names = new HashSet<>();
    List<ObjectNode> volumes = Nodes.objects(spec, "volumes");
    for (int i = 0; i < volumes.size(); i++) {
      String name = Nodes.text(volumes.get(i), "name");
      String namePath = path + "[" + i + "].name";
      if (name.isEmpty()) {
        errors.add(FieldError.required(namePath, ""));
        continue;
      }
      List<String> msgs = Names.dns1123LabelErrors(name);
      for (String msg : msgs) {
        errors.add(FieldError.invalid(namePath, name, msg));
      }
      if (msgs.isEmpty() && !names.add(name)) {
        errors.add(FieldError.duplicate(namePath, Nodes.F.textNode(name)));
      }
    }
    return names;
  }

  /** Go's {@code validateContainerCommon}. */
  private static void container(ObjectNode c, String path, Set<String> volumes, List<FieldError> errors) {
    String name = Nodes.text(c, "name");
    if (name.isEmpty()) {
      errors.add(FieldError.required(path + ".name", ""));
    } else {
      for (String msg : Names.dns1123LabelErrors(name)) {
        errors.add(FieldError.invalid(path + ".name", name, msg));
      }
    }
    if (Nodes.text(c, "image").isEmpty()) {
      errors.add(FieldError.required(path + ".image", ""));
    }
    String messagePolicy = Nodes.text(c, "terminationMessagePolicy");
    if (messagePolicy.isEmpty()) {
      errors.add(FieldError.required(path + ".terminationMessagePolicy", ""));
    } else if (!MESSAGE_POLICIES.contains(messagePolicy)) {
      errors.add(FieldError.notSupported(path + ".terminationMessagePolicy", c.get("terminationMessagePolicy"),
          MESSAGE_POLICIES));
    }
    ports(c, path + ".ports", errors);
    List<ObjectNode> env = Nodes.objects(c, "env");
    for (int i = 0; i < env.size(); i++) {
      if (Nodes.text(env.get(i), "name").isEmpty()) {
        errors.add(FieldError.required(path + ".env[" + i + "].name", ""));
      }
    }
    List<ObjectNode> mounts = Nodes.objects(c, "volumeMounts");
    Set<String> mountPaths = new HashSet<>();
    for (int i = 0; i < mounts.size(); i++) {
      ObjectNode m = mounts.get(i);
      String mPath = path + ".volumeMounts[" + i + "]";
      String mountName = Nodes.text(m, "name");
      if (mountName.isEmpty()) {
        errors.add(FieldError.required(mPath + ".name", ""));
      } else if (!volumes.contains(mountName)) {
        errors.add(FieldError.notFound(mPath + ".name", Nodes.F.textNode(mountName)));
      }
      String mountPath = Nodes.text(m, "mountPath");
      if (mountPath.isEmpty()) {
        errors.add(FieldError.required(mPath + ".mountPath", ""));
      } else if (!mountPaths.add(mountPath)) {
        errors.add(FieldError.invalid(mPath + ".mountPath", mountPath, "must be unique"));
      }
    }
    String pullPolicy = Nodes.text(c, "imagePullPolicy");
    if (pullPolicy.isEmpty()) {
      errors.add(FieldError.required(path + ".imagePullPolicy", ""));
    } else if (!PULL_POLICIES.contains(pullPolicy)) {
      errors.add(FieldError.notSupported(path + ".imagePullPolicy", c.get("imagePullPolicy"), PULL_POLICIES));
    }
    resources(Nodes.object(c, "resources"), path + ".resources", errors);
  }

  /** Go's {@code validateContainerPorts}. */
  private static void ports(ObjectNode c, String path, List<FieldError> errors) {
    Set<String> names = new HashSet<>();
    List<ObjectNode> ports = Nodes.objects(c, "ports");
    for (int i = 0; i < ports.size(); i++) {
      ObjectNode p = ports.get(i);
      String pPath = path + "[" + i + "]";
      String name = Nodes.text(p, "name");
      if (!name.isEmpty()) {
        List<String> msgs = portNameErrors(name);
        for (String msg : msgs) {
          errors.add(FieldError.invalid(pPath + ".name", name, msg));
        }
        if (msgs.isEmpty() && !names.add(name)) {
          errors.add(FieldError.duplicate(pPath + ".name", Nodes.F.textNode(name)));
        }
      }
      long containerPort = p.path("containerPort").asLong(0);
      if (containerPort == 0) {
        errors.add(FieldError.required(pPath + ".containerPort", ""));
      } else if (containerPort < 1 || containerPort > 65535) {
        errors.add(FieldError.invalid(pPath + ".containerPort", containerPort, PORT_RANGE));
      }
      long hostPort = p.path("hostPort").asLong(0);
      if (hostPort != 0 && (hostPort < 1 || hostPort > 65535)) {
        errors.add(FieldError.invalid(pPath + ".hostPort", hostPort, PORT_RANGE));
      }
      String protocol = Nodes.text(p, "protocol");
      if (protocol.isEmpty()) {
        errors.add(FieldError.required(pPath + ".protocol", ""));
      } else if (!PROTOCOLS.contains(protocol)) {
        errors.add(FieldError.notSupported(pPath + ".protocol", p.get("protocol"), PROTOCOLS));
      }
    }
  }

  /** Go's {@code IsValidPortName}: an IANA service name. */
  static List<String> portNameErrors(String name) {
    List<String> errors = new ArrayList<>();
    if (name.length() > 15) {
      errors.add("must be no more than 15 characters");
    }
    if (!name.matches("[-a-z0-9]+")) {
      errors.add("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)");
    }
    if (!name.matches(".*[a-z].*")) {
      errors.add("must contain at least one letter (a-z)");
    }
    if (name.contains("--")) {
      errors.add("must not contain consecutive hyphens");
    }
    if (!name.isEmpty() && (name.startsWith("-") || name.endsWith("-"))) {
      errors.add("must not begin or end with a hyphen");
    }
    return errors;
  }

  /** Requests may not exceed limits, and quantities may not be negative. */
  private static void resources(ObjectNode resources, String path, List<FieldError> errors) {
    if (resources == null) {
      return;
    }
    ObjectNode limits = Nodes.object(resources, "limits");
    ObjectNode requests = Nodes.object(resources, "requests");
    for (ObjectNode list : new ObjectNode[] {limits, requests}) {
      if (list == null) {
        continue;
      }
      String listPath = path + (list == limits ? ".limits" : ".requests");
      Iterator<Map.Entry<String, JsonNode>> it = list.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        Quantity q = quantity(e.getValue());
        if (q != null && q.signum() < 0) {
          errors.add(FieldError.invalid(listPath + "[" + e.getKey() + "]", e.getValue().asText(),
              "must be greater than or equal to 0"));
        }
      }
    }
    if (limits == null || requests == null) {
      return;
    }
    Iterator<Map.Entry<String, JsonNode>> it = requests.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      Quantity request = quantity(e.getValue());
      Quantity limit = limits.has(e.getKey()) ? quantity(limits.get(e.getKey())) : null;
      if (request != null && limit != null && request.compareTo(limit) > 0) {
        errors.add(FieldError.invalid(path + ".requests", e.getValue().asText(),
            "must be less than or equal to " + e.getKey() + " limit of " + limits.get(e.getKey()).asText()));
      }
    }
  }

  private static Quantity quantity(JsonNode value) {
    try {
      return Quantity.parse(value.asText());
    } catch (InvalidQuantityException e) {
      return null;
    }
  }

  /** Go's {@code ValidateTolerations}: operator and effect enums, Exists without a value. */
  private static void tolerations(ObjectNode spec, String path, List<FieldError> errors) {
    List<ObjectNode> tolerations = Nodes.objects(spec, "tolerations");
    for (int i = 0; i < tolerations.size(); i++) {
      ObjectNode t = tolerations.get(i);
      String tPath = path + "[" + i + "]";
      String key = Nodes.text(t, "key");
      if (!key.isEmpty()) {
        for (String msg : Names.labelKeyErrors(key)) {
          errors.add(FieldError.invalid(tPath + ".key", key, msg));
        }
      }
      String operator = Nodes.text(t, "operator");
      if (key.isEmpty() && !operator.equals("Exists")) {
        errors.add(FieldError.invalid(tPath + ".operator", operator,
            "operator must be Exists when `key` is empty, which means \"match all values and all keys\""));
      }
      String effect = Nodes.text(t, "effect");
      if (Nodes.has(t, "tolerationSeconds") && !effect.equals("NoExecute")) {
        errors.add(FieldError.invalid(tPath + ".effect", effect,
            "effect must be 'NoExecute' when `tolerationSeconds` is set"));
      }
      switch (operator) {
        case "":
        case "Equal":
          for (String msg : Names.labelValueErrors(Nodes.text(t, "value"))) {
            errors.add(FieldError.invalid(tPath + ".operator", Nodes.text(t, "value"), msg));
          }
          break;
        case "Exists":
          if (!Nodes.text(t, "value").isEmpty()) {
            errors.add(FieldError.invalid(tPath + ".operator", Nodes.text(t, "value"),
                "value must be empty when `operator` is 'Exists'"));
          }
          break;
        default:
          errors.add(FieldError.notSupported(tPath + ".operator", t.get("operator"), List.of("Equal", "Exists")));
      }
      if (!effect.isEmpty() && !List.of("NoSchedule", "PreferNoSchedule", "NoExecute").contains(effect)) {
        errors.add(FieldError.notSupported(tPath + ".effect", t.get("effect"),
            List.of("NoSchedule", "PreferNoSchedule", "NoExecute")));
      }
    }
  }
}
