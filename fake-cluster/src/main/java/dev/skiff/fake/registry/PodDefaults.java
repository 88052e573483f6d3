package dev.skiff.fake.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.model.InvalidQuantityException;
import dev.skiff.model.Quantity;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The defaults a real server's decoder applies to pods and pod templates (Go's {@code SetDefaults_Pod},
 * {@code SetDefaults_PodSpec}, {@code SetDefaults_Container}, volume source and probe defaults), plus the v1
 * conversion quirks that show on the wire ({@code serviceAccount} mirrors {@code serviceAccountName};
 * resource quantities come back canonical).
 */
final class PodDefaults {
  private static final List<String> CONTAINER_LISTS = List.of("initContainers", "containers", "ephemeralContainers");

  private PodDefaults() {}

  /**
   * Defaults of a Pod object: container requests from limits, {@code enableServiceLinks}, host-network ports,
   * then the pod spec defaults. Pod-level {@code spec.resources} are only canonicalised (Go derives their
   * requests from the containers' as well, which is not modelled).
   */
  static void applyToPod(ObjectNode pod) {
    ObjectNode spec = Nodes.objectOrCreate(pod, "spec");
    // SetDefaults_Pod: requests default to limits (Pods only, not templates).
    for (String list : List.of("containers", "initContainers")) {
      for (ObjectNode c : Nodes.objects(spec, list)) {
        defaultRequestsFromLimits(Nodes.object(c, "resources"));
      }
    }
    Nodes.defaultValue(spec, "enableServiceLinks", Nodes.F.booleanNode(true));
    if (spec.path("hostNetwork").asBoolean(false)) {
      for (String list : List.of("containers", "initContainers")) {
        for (ObjectNode c : Nodes.objects(spec, list)) {
          for (ObjectNode port : Nodes.objects(c, "ports")) {
            if (port.path("hostPort").asInt(0) == 0 && port.has("containerPort")) {
              port.set("hostPort", port.get("containerPort"));
            }
          }
        }
      }
    }
    applyToPodSpec(spec);
  }

  /** Defaults of a pod template's spec (ReplicationController, ReplicaSet, Deployment). */
  static void applyToTemplate(ObjectNode owner) {
    ObjectNode spec = Nodes.object(owner, "spec");
    ObjectNode template = spec == null ? null : Nodes.object(spec, "template");
    if (template != null) {
      applyToPodSpec(Nodes.objectOrCreate(template, "spec"));
    }
  }

  /** {@code SetDefaults_PodSpec} and everything below it. */
  static void applyToPodSpec(ObjectNode spec) {
    // v1 conversion: the deprecated serviceAccount fills serviceAccountName, and is written back as its mirror.
    String saName = Nodes.text(spec, "serviceAccountName");
    if (saName.isEmpty() && !Nodes.text(spec, "serviceAccount").isEmpty()) {
      spec.put("serviceAccountName", Nodes.text(spec, "serviceAccount"));
    }
    mirrorServiceAccount(spec);
    Nodes.defaultText(spec, "dnsPolicy", "ClusterFirst");
    Nodes.defaultText(spec, "restartPolicy", "Always");
    Nodes.defaultValue(spec, "securityContext", Nodes.F.objectNode());
    Nodes.defaultValue(spec, "terminationGracePeriodSeconds", Nodes.F.numberNode(30));
    Nodes.defaultText(spec, "schedulerName", "default-scheduler");
    for (String list : CONTAINER_LISTS) {
      for (ObjectNode c : Nodes.objects(spec, list)) {
        applyToContainer(c);
      }
    }
    for (ObjectNode v : Nodes.objects(spec, "volumes")) {
      applyToVolume(v);
    }
    canonicalizeQuantities(Nodes.object(spec, "resources"));
    canonicalizeQuantityMap(Nodes.object(spec, "overhead"));
    defaultFieldRefs(spec);
  }

  /** Writes {@code serviceAccount} as the v1 conversion does: equal to {@code serviceAccountName}, or absent. */
  static void mirrorServiceAccount(ObjectNode spec) {
    String saName = Nodes.text(spec, "serviceAccountName");
    if (saName.isEmpty()) {
      spec.remove("serviceAccount");
    } else {
      spec.put("serviceAccount", saName);
    }
  }

  /** {@code SetDefaults_Container}, ports, probes and lifecycle handlers. */
  private static void applyToContainer(ObjectNode c) {
    if (Nodes.text(c, "imagePullPolicy").isEmpty()) {
      c.put("imagePullPolicy", "latest".equals(imageTag(Nodes.text(c, "image"))) ? "Always" : "IfNotPresent");
    }
    Nodes.defaultText(c, "terminationMessagePath", "/dev/termination-log");
    Nodes.defaultText(c, "terminationMessagePolicy", "File");
    // ResourceRequirements is a struct, not a pointer: it is always written, as {} when empty.
    ObjectNode resources = Nodes.objectOrCreate(c, "resources");
    canonicalizeQuantities(resources);
    for (ObjectNode port : Nodes.objects(c, "ports")) {
      Nodes.defaultText(port, "protocol", "TCP");
    }
    for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
      ObjectNode p = Nodes.object(c, probe);
      if (p != null) {
        Nodes.defaultValue(p, "timeoutSeconds", Nodes.F.numberNode(1));
        Nodes.defaultValue(p, "periodSeconds", Nodes.F.numberNode(10));
        Nodes.defaultValue(p, "successThreshold", Nodes.F.numberNode(1));
        Nodes.defaultValue(p, "failureThreshold", Nodes.F.numberNode(3));
        defaultHttpGet(Nodes.object(p, "httpGet"));
      }
    }
    ObjectNode lifecycle = Nodes.object(c, "lifecycle");
    if (lifecycle != null) {
      for (String hook : List.of("postStart", "preStop")) {
        defaultHttpGet(Nodes.object(Nodes.object(lifecycle, hook), "httpGet"));
      }
    }
  }

  private static void defaultHttpGet(ObjectNode httpGet) {
    if (httpGet != null) {
      Nodes.defaultText(httpGet, "path", "/");
      Nodes.defaultText(httpGet, "scheme", "HTTP");
    }
  }

  /**
   * The tag of an image reference as Go's {@code parsers.ParseImageName} sees it: {@code latest} when there is
   * neither tag nor digest, empty when there is only a digest.
   */
  static String imageTag(String image) {
    String ref = image;
    boolean digest = false;
    int at = ref.indexOf('@');
    if (at >= 0) {
      ref = ref.substring(0, at);
      digest = true;
    }
    int colon = ref.lastIndexOf(':');
    // A colon before the last slash belongs to a registry host:port, not to a tag.
    if (colon > ref.lastIndexOf('/')) {
      return ref.substring(colon + 1);
    }
    return digest ? "" : "latest";
  }

  /** {@code SetDefaults_Volume} and the volume source defaults. */
  private static void applyToVolume(ObjectNode v) {
    boolean hasSource = false;
    Iterator<String> names = v.fieldNames();
    while (names.hasNext()) {
      String n = names.next();
      if (!n.equals("name") && Nodes.has(v, n)) {
        hasSource = true;
      }
    }
    if (!hasSource) {
      v.putObject("emptyDir");
    }
    for (String source : List.of("secret", "configMap", "downwardAPI", "projected")) {
      ObjectNode s = Nodes.object(v, source);
      if (s != null) {
        Nodes.defaultValue(s, "defaultMode", Nodes.F.numberNode(420));
      }
    }
    ObjectNode projected = Nodes.object(v, "projected");
    if (projected != null) {
      for (ObjectNode src : Nodes.objects(projected, "sources")) {
        ObjectNode token = Nodes.object(src, "serviceAccountToken");
        if (token != null) {
          Nodes.defaultValue(token, "expirationSeconds", Nodes.F.numberNode(3600));
        }
      }
    }
    ObjectNode hostPath = Nodes.object(v, "hostPath");
    if (hostPath != null) {
      Nodes.defaultValue(hostPath, "type", Nodes.F.textNode(""));
    }
    ObjectNode iscsi = Nodes.object(v, "iscsi");
    if (iscsi != null) {
      Nodes.defaultText(iscsi, "iscsiInterface", "default");
    }
    ObjectNode rbd = Nodes.object(v, "rbd");
    if (rbd != null) {
      Nodes.defaultText(rbd, "pool", "rbd");
      Nodes.defaultText(rbd, "user", "admin");
      Nodes.defaultText(rbd, "keyring", "/etc/ceph/keyring");
    }
    ObjectNode azureDisk = Nodes.object(v, "azureDisk");
    if (azureDisk != null) {
      Nodes.defaultValue(azureDisk, "cachingMode", Nodes.F.textNode("ReadWrite"));
      Nodes.defaultValue(azureDisk, "kind", Nodes.F.textNode("Shared"));
      Nodes.defaultValue(azureDisk, "fsType", Nodes.F.textNode("ext4"));
      Nodes.defaultValue(azureDisk, "readOnly", Nodes.F.booleanNode(false));
    }
    ObjectNode scaleIo = Nodes.object(v, "scaleIO");
    if (scaleIo != null) {
      Nodes.defaultText(scaleIo, "storageMode", "ThinProvisioned");
      Nodes.defaultText(scaleIo, "fsType", "xfs");
    }
    ObjectNode emptyDir = Nodes.object(v, "emptyDir");
    if (emptyDir != null && emptyDir.get("sizeLimit") != null && emptyDir.get("sizeLimit").isTextual()) {
      emptyDir.put("sizeLimit", serverForm(emptyDir.get("sizeLimit").textValue()));
    }
  }

  /** {@code SetDefaults_ObjectFieldSelector}: every {@code fieldRef} without apiVersion gets {@code v1}. */
  private static void defaultFieldRefs(JsonNode node) {
    if (node instanceof ObjectNode) {
      ObjectNode o = (ObjectNode) node;
      ObjectNode fieldRef = Nodes.object(o, "fieldRef");
      if (fieldRef != null) {
        Nodes.defaultText(fieldRef, "apiVersion", "v1");
      }
      o.elements().forEachRemaining(PodDefaults::defaultFieldRefs);
    } else if (node != null && node.isArray()) {
      node.elements().forEachRemaining(PodDefaults::defaultFieldRefs);
    }
  }

  /** Requests default to limits, resource by resource. */
  private static void defaultRequestsFromLimits(ObjectNode resources) {
    ObjectNode limits = Nodes.object(resources, "limits");
    if (limits == null || limits.isEmpty()) {
      return;
    }
    ObjectNode requests = Nodes.objectOrCreate(resources, "requests");
    Iterator<Map.Entry<String, JsonNode>> it = limits.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!requests.has(e.getKey())) {
        requests.set(e.getKey(), e.getValue().deepCopy());
      }
    }
  }

  /** Quantities of a ResourceRequirements come back as the server writes them ({@code 0.1} -> {@code 100m}). */
  private static void canonicalizeQuantities(ObjectNode resources) {
    if (resources != null) {
      canonicalizeQuantityMap(Nodes.object(resources, "limits"));
      canonicalizeQuantityMap(Nodes.object(resources, "requests"));
    }
  }

  private static void canonicalizeQuantityMap(ObjectNode map) {
    if (map == null) {
      return;
    }
    List<String> keys = new ArrayList<>();
    map.fieldNames().forEachRemaining(keys::add);
    for (String k : keys) {
      JsonNode v = map.get(k);
      if (v.isTextual() || v.isNumber()) {
        map.put(k, serverForm(v.asText()));
      }
    }
  }

  /** The server's text for a quantity; text that is not a quantity is kept (validation reports it). */
  private static String serverForm(String text) {
    try {
      return Quantity.parse(text).serverForm();
    } catch (InvalidQuantityException e) {
      return text;
    }
  }
}
