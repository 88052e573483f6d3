package dev.skiff.fake.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.model.InvalidQuantityException;
import dev.skiff.model.Names;
import dev.skiff.model.Quantity;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The common rules of Go's {@code ValidatePodSpec}, in its order: grace period, volumes, containers (names,
 * images, ports, env, mounts, pull policy, resources, probes), init containers, host network ports, restart and
 * DNS policy, node selector, service account, node and host names, active deadline, tolerations, priority class
 * and preemption policy. Used for Pods and for the pod templates of controllers.
 */
final class PodSpecValidation {
  static final List<String> RESTART_POLICIES = List.of("Always", "OnFailure", "Never");
  private static final List<String> DNS_POLICIES = List.of("ClusterFirstWithHostNet", "ClusterFirst", "Default", "None");
  private static final List<String> PULL_POLICIES = List.of("Always", "IfNotPresent", "Never");
  private static final List<String> MESSAGE_POLICIES = List.of("File", "FallbackToLogsOnError");
  private static final List<String> PROTOCOLS = List.of("SCTP", "TCP", "UDP");
  private static final List<String> TAINT_EFFECTS = List.of("NoSchedule", "PreferNoSchedule", "NoExecute");
  static final String PORT_RANGE = "must be between 1 and 65535, inclusive";
  private static final String NEGATIVE = "must be greater than or equal to 0";
  private static final String INIT_FORBIDDEN = "may not be set for init containers without restartPolicy=Always";

  /**
   * The volume sources in the order Go checks them, by JSON name, with the path name Go reports when a second
   * source is set (two of them differ from the JSON name: {@code cephFS} and the misspelt {@code downwarAPI}).
   */
  private static final Map<String, String> VOLUME_SOURCES = new LinkedHashMap<>();

  static {
    for (String source : new String[] {"emptyDir", "hostPath", "gitRepo", "gcePersistentDisk",
        "awsElasticBlockStore", "secret", "nfs", "iscsi", "glusterfs", "flocker", "persistentVolumeClaim", "rbd",
        "cinder", "cephfs", "quobyte", "downwardAPI", "fc", "flexVolume", "configMap", "azureFile",
        "vsphereVolume", "photonPersistentDisk", "portworxVolume", "azureDisk", "storageos", "projected",
        "scaleIO", "csi", "ephemeral", "image"}) {
      VOLUME_SOURCES.put(source, source);
    }
    VOLUME_SOURCES.put("cephfs", "cephFS");
    VOLUME_SOURCES.put("downwardAPI", "downwarAPI");
  }

  private PodSpecValidation() {}

  /**
   * Validates a pod spec.
   *
   * @param spec the spec (may be null)
   * @param path its path, {@code spec} or {@code spec.template.spec}
   * @param isPod whether the spec is a Pod's own (host ports must then equal container ports on the host
   *     network), not a template's
   */
  static List<FieldError> validate(ObjectNode spec, String path, boolean isPod) {
    List<FieldError> errors = new ArrayList<>();
    if (spec == null) {
      spec = Nodes.F.objectNode();
    }
    if (!Nodes.has(spec, "terminationGracePeriodSeconds")) {
      errors.add(FieldError.required(path + ".terminationGracePeriodSeconds", ""));
    }
    Set<String> volumes = volumes(spec, path + ".volumes", errors);
    List<ObjectNode> containers = Nodes.objects(spec, "containers");
    Set<String> names = new HashSet<>();
    if (containers.isEmpty()) {
      errors.add(FieldError.required(path + ".containers", ""));
    } else {
      for (int i = 0; i < containers.size(); i++) {
        String cPath = path + ".containers[" + i + "]";
        ObjectNode c = containers.get(i);
        containerCommon(c, cPath, volumes, errors);
        String name = Nodes.text(c, "name");
        if (!names.add(name)) {
          errors.add(FieldError.duplicate(cPath + ".name", Nodes.F.textNode(name)));
        }
        lifecycleAndProbes(c, cPath, errors);
        if (Nodes.has(c, "restartPolicy")) {
          errors.add(FieldError.forbidden(cPath + ".restartPolicy", "may not be set for non-init containers"));
        }
      }
      hostPortConflicts(containers, path + ".containers", errors);
    }
    List<ObjectNode> inits = Nodes.objects(spec, "initContainers");
    for (int i = 0; i < inits.size(); i++) {
      String cPath = path + ".initContainers[" + i + "]";
      ObjectNode c = inits.get(i);
      containerCommon(c, cPath, volumes, errors);
      boolean restartAlways = false;
      if (Nodes.has(c, "restartPolicy")) {
        restartAlways = Nodes.text(c, "restartPolicy").equals("Always");
        if (!restartAlways) {
          errors.add(FieldError.notSupported(cPath + ".restartPolicy", c.get("restartPolicy"), List.of("Always")));
        }
      }
      String name = Nodes.text(c, "name");
      if (names.contains(name)) {
        errors.add(FieldError.duplicate(cPath + ".name", Nodes.F.textNode(name)));
      } else if (!name.isEmpty()) {
        names.add(name);
      }
      // Init containers run one by one, so their host ports only conflict within one container.
      hostPortConflicts(List.of(c), path + ".initContainers", errors);
      if (restartAlways) {
        lifecycleAndProbes(c, cPath, errors);
      } else {
        for (String field : List.of("lifecycle", "livenessProbe", "readinessProbe", "startupProbe")) {
          if (Nodes.has(c, field)) {
            errors.add(FieldError.forbidden(cPath + "." + field, INIT_FORBIDDEN));
          }
        }
      }
    }
    if (spec.path("hostNetwork").asBoolean(false)) {
      for (int i = 0; i < containers.size(); i++) {
        List<ObjectNode> ports = Nodes.objects(containers.get(i), "ports");
        for (int j = 0; j < ports.size(); j++) {
          long hostPort = ports.get(j).path("hostPort").asLong(0);
          long containerPort = ports.get(j).path("containerPort").asLong(0);
          if ((isPod || hostPort != 0) && hostPort != containerPort) {
            errors.add(FieldError.invalid(path + ".containers[" + i + "].ports[" + j + "].hostPort", hostPort,
                "must match `containerPort` when `hostNetwork` is true"));
          }
        }
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
    List<ObjectNode> pullSecrets = Nodes.objects(spec, "imagePullSecrets");
    for (int i = 0; i < pullSecrets.size(); i++) {
      ObjectNode ref = pullSecrets.get(i);
      if (ref.size() > (ref.has("name") ? 1 : 0)) {
        errors.add(FieldError.invalid(path + ".imagePullSecrets[" + i + "]", ref, "only name may be set"));
      }
    }
    subdomainField(spec, "serviceAccountName", path, errors);
    subdomainField(spec, "nodeName", path, errors);
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
    tolerations(Nodes.objects(spec, "tolerations"), path + ".tolerations", errors);
    subdomainField(spec, "priorityClassName", path, errors);
    if (Nodes.has(spec, "preemptionPolicy")) {
      String policy = Nodes.text(spec, "preemptionPolicy");
      if (policy.isEmpty()) {
        errors.add(FieldError.required(path + ".preemptionPolicy", ""));
      } else if (!policy.equals("PreemptLowerPriority") && !policy.equals("Never")) {
        errors.add(FieldError.notSupported(path + ".preemptionPolicy", spec.get("preemptionPolicy"),
            List.of("PreemptLowerPriority", "Never")));
      }
    }
    return errors;
  }

  /** A name field that must be a DNS-1123 subdomain when set (service account, node, priority class). */
  private static void subdomainField(ObjectNode spec, String field, String path, List<FieldError> errors) {
    String value = Nodes.text(spec, field);
    if (!value.isEmpty()) {
      for (String msg : Names.dns1123SubdomainErrors(value)) {
        errors.add(FieldError.invalid(path + "." + field, value, msg));
      }
    }
  }

  /**
   * Go's {@code ValidateVolumes}: one source per volume, a DNS-1123 label as name, unique names. Returns the
   * names of the valid volumes, which mounts may refer to.
   */
  private static Set<String> volumes(ObjectNode spec, String path, List<FieldError> errors) {
    Set<String> names = new HashSet<>();
    List<ObjectNode> volumes = Nodes.objects(spec, "volumes");
    for (int i = 0; i < volumes.size(); i++) {
      ObjectNode v = volumes.get(i);
      String vPath = path + "[" + i + "]";
      List<FieldError> volumeErrors = new ArrayList<>();
      int sources = 0;
      for (Map.Entry<String, String> source : VOLUME_SOURCES.entrySet()) {
        if (Nodes.has(v, source.getKey())) {
          if (sources++ > 0) {
            volumeErrors.add(FieldError.forbidden(vPath + "." + source.getValue(),
                "may not specify more than 1 volume type"));
          }
        }
      }
      if (sources == 0) {
        volumeErrors.add(FieldError.required(vPath, "must specify a volume type"));
      }
      String name = Nodes.text(v, "name");
      if (name.isEmpty()) {
        volumeErrors.add(FieldError.required(vPath + ".name", ""));
      } else {
        for (String msg : Names.dns1123LabelErrors(name)) {
          volumeErrors.add(FieldError.invalid(vPath + ".name", name, msg));
        }
      }
      if (names.contains(name)) {
        volumeErrors.add(FieldError.duplicate(vPath + ".name", Nodes.F.textNode(name)));
      }
      if (volumeErrors.isEmpty()) {
        names.add(name);
      }
      errors.addAll(volumeErrors);
    }
    return names;
  }

  /** Go's {@code validateContainerCommon} plus the Pod-only image whitespace rule. */
  private static void containerCommon(ObjectNode c, String path, Set<String> volumes, List<FieldError> errors) {
    String name = Nodes.text(c, "name");
    if (name.isEmpty()) {
      errors.add(FieldError.required(path + ".name", ""));
    } else {
      for (String msg : Names.dns1123LabelErrors(name)) {
        errors.add(FieldError.invalid(path + ".name", name, msg));
      }
    }
    String image = Nodes.text(c, "image");
    if (image.isEmpty()) {
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
      String envName = Nodes.text(env.get(i), "name");
      if (envName.isEmpty()) {
        errors.add(FieldError.required(path + ".env[" + i + "].name", ""));
      }
      // The relaxed rule of Kubernetes 1.34: printable ASCII except '='.
      if (!envName.matches("[\\x20-\\x3c\\x3e-\\x7e]*")) {
        errors.add(FieldError.invalid(path + ".env[" + i + "].name", envName,
            "a valid environment variable name must consist only of printable ASCII characters other than '='"));
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
      }
      if (!volumes.contains(mountName)) {
        errors.add(FieldError.notFound(mPath + ".name", Nodes.F.textNode(mountName)));
      }
      String mountPath = Nodes.text(m, "mountPath");
      if (mountPath.isEmpty()) {
        errors.add(FieldError.required(mPath + ".mountPath", ""));
      }
      if (!mountPaths.add(mountPath)) {
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

  /** Go's {@code AccumulateUniqueHostPorts}: one host port per protocol and host IP. */
  private static void hostPortConflicts(List<ObjectNode> containers, String path, List<FieldError> errors) {
    Set<String> seen = new HashSet<>();
    for (int ci = 0; ci < containers.size(); ci++) {
      List<ObjectNode> ports = Nodes.objects(containers.get(ci), "ports");
      for (int pi = 0; pi < ports.size(); pi++) {
        long hostPort = ports.get(pi).path("hostPort").asLong(0);
        if (hostPort == 0) {
          continue;
        }
        String key = Nodes.text(ports.get(pi), "protocol") + "/" + Nodes.text(ports.get(pi), "hostIP") + "/" + hostPort;
        if (!seen.add(key)) {
          errors.add(FieldError.duplicate(path + "[" + ci + "].ports[" + pi + "].hostPort", Nodes.F.textNode(key)));
        }
      }
    }
  }

  /** Lifecycle handlers and probes of regular (and restartable init) containers. */
  private static void lifecycleAndProbes(ObjectNode c, String path, List<FieldError> errors) {
    ObjectNode lifecycle = Nodes.object(c, "lifecycle");
    if (lifecycle != null) {
      for (String hook : List.of("postStart", "preStop")) {
        if (Nodes.has(lifecycle, hook)) {
          handler(Nodes.object(lifecycle, hook), path + ".lifecycle." + hook, errors);
        }
      }
    }
    for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
      ObjectNode p = Nodes.object(c, probe);
      if (p == null) {
        continue;
      }
      String pPath = path + "." + probe;
      handler(p, pPath, errors);
      for (String field : List.of("initialDelaySeconds", "timeoutSeconds", "periodSeconds", "successThreshold",
          "failureThreshold")) {
        long value = p.path(field).asLong(0);
        if (value < 0) {
          errors.add(FieldError.invalid(pPath + "." + field, value, NEGATIVE));
        }
      }
      JsonNode grace = p.get("terminationGracePeriodSeconds");
      if (grace != null && grace.isNumber() && grace.asLong() <= 0) {
        errors.add(FieldError.invalid(pPath + ".terminationGracePeriodSeconds", grace.asLong(),
            "must be greater than 0"));
      }
      if (!probe.equals("readinessProbe") && p.path("successThreshold").asLong(1) != 1) {
        errors.add(FieldError.invalid(pPath + ".successThreshold", p.path("successThreshold").asLong(), "must be 1"));
      }
      if (probe.equals("readinessProbe") && grace != null && !grace.isNull()) {
        errors.add(FieldError.invalid(pPath + ".terminationGracePeriodSeconds", grace,
            "must not be set for readinessProbes"));
      }
    }
  }

  /** Go's {@code validateHandler}: exactly one of exec, httpGet, tcpSocket, grpc, sleep. */
  private static void handler(ObjectNode handler, String path, List<FieldError> errors) {
    int count = 0;
    for (String type : List.of("exec", "httpGet", "tcpSocket", "grpc", "sleep")) {
      ObjectNode h = Nodes.object(handler, type);
      if (h == null) {
        continue;
      }
      if (count++ > 0) {
        errors.add(FieldError.forbidden(path + "." + type, "may not specify more than 1 handler type"));
        continue;
      }
      switch (type) {
        case "exec":
          if (Nodes.isEmpty(h, "command")) {
            errors.add(FieldError.required(path + ".exec.command", ""));
          }
          break;
        case "httpGet":
          if (Nodes.text(h, "path").isEmpty()) {
            errors.add(FieldError.required(path + ".httpGet.path", ""));
          }
          portNumOrName(h.get("port"), path + ".httpGet.port", errors);
          String scheme = Nodes.text(h, "scheme");
          if (!scheme.equals("HTTP") && !scheme.equals("HTTPS")) {
            errors.add(FieldError.notSupported(path + ".httpGet.scheme", h.path("scheme"), List.of("HTTP", "HTTPS")));
          }
          break;
        case "tcpSocket":
          portNumOrName(h.get("port"), path + ".tcpSocket.port", errors);
          break;
        case "grpc":
          portNumOrName(Nodes.F.numberNode(h.path("port").asLong(0)), path + ".grpc.port", errors);
          break;
        default:
          break;
      }
    }
    if (count == 0) {
      errors.add(FieldError.required(path, "must specify a handler type"));
    }
  }

  /** Go's {@code ValidatePortNumOrName}: a port number 1-65535 or an IANA service name. */
  static void portNumOrName(JsonNode port, String path, List<FieldError> errors) {
    if (port != null && port.isTextual()) {
      for (String msg : portNameErrors(port.textValue())) {
        errors.add(FieldError.invalid(path, port.textValue(), msg));
      }
    } else {
      long number = port == null ? 0 : port.asLong(0);
      if (number < 1 || number > 65535) {
        errors.add(FieldError.invalid(path, number, PORT_RANGE));
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
    if (!name.matches("(?s).*[a-z].*")) {
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

  /** Go's {@code validateResourceRequirements}: no negative quantity; requests not above limits. */
  private static void resources(ObjectNode resources, String path, List<FieldError> errors) {
    if (resources == null) {
      return;
    }
    ObjectNode limits = Nodes.object(resources, "limits");
    ObjectNode requests = Nodes.object(resources, "requests");
    if (limits != null) {
      Iterator<Map.Entry<String, JsonNode>> it = limits.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        nonNegative(e.getValue(), path + ".limits[" + e.getKey() + "]", errors);
      }
    }
    if (requests != null) {
      Iterator<Map.Entry<String, JsonNode>> it = requests.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        nonNegative(e.getValue(), path + ".requests[" + e.getKey() + "]", errors);
        Quantity request = quantity(e.getValue());
        Quantity limit = limits != null && limits.has(e.getKey()) ? quantity(limits.get(e.getKey())) : null;
        if (request != null && limit != null && request.compareTo(limit) > 0) {
          errors.add(FieldError.invalid(path + ".requests", e.getValue().asText(),
              "must be less than or equal to " + e.getKey() + " limit of " + limits.get(e.getKey()).asText()));
        }
      }
    }
  }

  private static void nonNegative(JsonNode value, String path, List<FieldError> errors) {
    Quantity q = quantity(value);
    if (q != null && q.signum() < 0) {
      errors.add(FieldError.invalid(path, value.asText(), NEGATIVE));
    }
  }

  private static Quantity quantity(JsonNode value) {
    try {
      return Quantity.parse(value.asText());
    } catch (InvalidQuantityException e) {
      return null;
    }
  }

  /** Go's {@code ValidateTolerations}. */
  static void tolerations(List<ObjectNode> tolerations, String path, List<FieldError> errors) {
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
      String value = Nodes.text(t, "value");
      switch (operator) {
        case "":
        case "Equal":
          List<String> msgs = Names.labelValueErrors(value);
          if (!msgs.isEmpty()) {
            errors.add(FieldError.invalid(tPath + ".operator", value, String.join(";", msgs)));
          }
          break;
        case "Exists":
          if (!value.isEmpty()) {
            errors.add(FieldError.invalid(tPath + ".operator", value, "value must be empty when `operator` is 'Exists'"));
          }
          break;
        default:
          errors.add(FieldError.notSupported(tPath + ".operator", t.get("operator"), List.of("Equal", "Exists")));
      }
      if (!effect.isEmpty() && !TAINT_EFFECTS.contains(effect)) {
        errors.add(FieldError.notSupported(tPath + ".effect", t.get("effect"), TAINT_EFFECTS));
      }
    }
  }
}
