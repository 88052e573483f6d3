package dev.skiff.fake.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.model.Names;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * The mutating admission plugins a default kube-apiserver runs on pod creation, in their order:
 * {@code ServiceAccount} (service account name, token volume and mounts, image pull secrets),
 * {@code DefaultTolerationSeconds} (not-ready and unreachable tolerations) and {@code Priority}.
 */
final class PodAdmission {
  /** Where the service account token is mounted in every container. */
  static final String TOKEN_MOUNT_PATH = "/var/run/secrets/kubernetes.io/serviceaccount";
  /** Prefix of the generated token volume name. */
  static final String TOKEN_VOLUME_PREFIX = "kube-api-access-";
  /** The token's lifetime: one hour plus 7 seconds, so that the kubelet can tell it apart from a legacy token. */
  static final int TOKEN_EXPIRATION_SECONDS = 3607;
  private static final String MIRROR_POD_ANNOTATION = "kubernetes.io/config.mirror";
  /** The built-in priority classes every cluster has; no global default class exists. */
  private static final Map<String, Integer> SYSTEM_PRIORITY_CLASSES =
      Map.of("system-node-critical", 2000001000, "system-cluster-critical", 2000000000);

  private final ObjectLookup lookup;
  private final RandomGenerator random;

  PodAdmission(ObjectLookup lookup, RandomGenerator random) {
    this.lookup = lookup;
    this.random = random;
  }

  /**
   * Runs the three plugins on a pod about to be created.
   *
   * @throws AdmissionDeniedException when the service account or priority class does not exist, or the pod
   *     sets a priority that contradicts its class
   */
  void admit(ObjectNode pod) {
    ObjectNode meta = Nodes.metadata(pod);
    ObjectNode spec = Nodes.objectOrCreate(pod, "spec");
    // Mirror pods come from static manifests on a node; the ServiceAccount plugin leaves them alone.
    if (!Nodes.has(Nodes.object(meta, "annotations"), MIRROR_POD_ANNOTATION)) {
      serviceAccount(meta, spec);
    }
    defaultTolerations(spec);
    priority(meta, spec);
  }

  private void serviceAccount(ObjectNode meta, ObjectNode spec) {
    String namespace = Nodes.text(meta, "namespace");
    String saName = Nodes.text(spec, "serviceAccountName");
    if (saName.isEmpty()) {
      saName = "default";
      spec.put("serviceAccountName", saName);
    }
    PodDefaults.mirrorServiceAccount(spec);
    Optional<ObjectNode> sa = lookup.get("ServiceAccount", namespace, saName);
    if (sa.isEmpty()) {
      throw new AdmissionDeniedException("pods", Nodes.text(meta, "name"),
          "error looking up service account " + namespace + "/" + saName + ": serviceaccount "
              + GoText.quote(saName) + " not found");
    }
    // The pod's own automountServiceAccountToken wins over the service account's; both default to true.
    boolean automount = true;
    if (Nodes.has(spec, "automountServiceAccountToken")) {
      automount = spec.get("automountServiceAccountToken").asBoolean();
    } else if (Nodes.has(sa.get(), "automountServiceAccountToken")) {
      automount = sa.get().get("automountServiceAccountToken").asBoolean();
    }
    if (automount) {
      mountToken(spec);
    }
    if (Nodes.isEmpty(spec, "imagePullSecrets") && !Nodes.isEmpty(sa.get(), "imagePullSecrets")) {
      ArrayNode secrets = spec.putArray("imagePullSecrets");
      for (JsonNode ref : sa.get().get("imagePullSecrets")) {
        secrets.addObject().put("name", Nodes.text(ref, "name"));
      }
    }
  }

  /**
   * Adds the projected token volume (reusing an existing {@code kube-api-access-*} volume) and mounts it
   * read-only in every init and regular container that has nothing mounted at the token path yet.
   */
  private void mountToken(ObjectNode spec) {
    String volumeName = "";
    for (ObjectNode v : Nodes.objects(spec, "volumes")) {
      if (Nodes.text(v, "name").startsWith(TOKEN_VOLUME_PREFIX)) {
        volumeName = Nodes.text(v, "name");
        break;
      }
    }
    boolean hasVolume = !volumeName.isEmpty();
    if (!hasVolume) {
      // Random generators need not be thread-safe; API layers may admit pods concurrently.
      synchronized (random) {
        volumeName = Names.generateName(TOKEN_VOLUME_PREFIX, random);
      }
    }
    boolean needsVolume = false;
    for (String list : new String[] {"initContainers", "containers"}) {
      for (ObjectNode c : Nodes.objects(spec, list)) {
        boolean mounted = false;
        for (ObjectNode m : Nodes.objects(c, "volumeMounts")) {
          if (TOKEN_MOUNT_PATH.equals(Nodes.text(m, "mountPath"))) {
            mounted = true;
            break;
          }
        }
        if (!mounted) {
          ObjectNode mount = Nodes.arrayOrCreate(c, "volumeMounts").addObject();
          mount.put("name", volumeName);
          mount.put("readOnly", true);
          mount.put("mountPath", TOKEN_MOUNT_PATH);
          needsVolume = true;
        }
      }
    }
    if (!hasVolume && needsVolume) {
      ObjectNode volume = Nodes.arrayOrCreate(spec, "volumes").addObject();
      volume.put("name", volumeName);
      ObjectNode projected = volume.putObject("projected");
      ArrayNode sources = projected.putArray("sources");
      ObjectNode token = sources.addObject().putObject("serviceAccountToken");
      token.put("expirationSeconds", TOKEN_EXPIRATION_SECONDS);
      token.put("path", "token");
      ObjectNode configMap = sources.addObject().putObject("configMap");
      configMap.put("name", "kube-root-ca.crt");
      ObjectNode item = configMap.putArray("items").addObject();
      item.put("key", "ca.crt");
      item.put("path", "ca.crt");
      ObjectNode downward = sources.addObject().putObject("downwardAPI");
      ObjectNode nsItem = downward.putArray("items").addObject();
      nsItem.put("path", "namespace");
      ObjectNode fieldRef = nsItem.putObject("fieldRef");
      fieldRef.put("apiVersion", "v1");
      fieldRef.put("fieldPath", "metadata.namespace");
      projected.put("defaultMode", 420);
    }
  }

  /**
   * {@code DefaultTolerationSeconds}: tolerate {@code not-ready} and {@code unreachable} NoExecute taints for
   * 300 s, unless the pod already tolerates them (a toleration with an empty key matches every key, one with an
   * empty effect every effect).
   */
  private static void defaultTolerations(ObjectNode spec) {
    boolean notReady = false;
    boolean unreachable = false;
    for (ObjectNode t : Nodes.objects(spec, "tolerations")) {
      String key = Nodes.text(t, "key");
      String effect = Nodes.text(t, "effect");
      boolean noExecute = effect.isEmpty() || effect.equals("NoExecute");
      notReady |= noExecute && (key.isEmpty() || key.equals("node.kubernetes.io/not-ready"));
      unreachable |= noExecute && (key.isEmpty() || key.equals("node.kubernetes.io/unreachable"));
    }
    if (!notReady) {
      addToleration(spec, "node.kubernetes.io/not-ready");
    }
    if (!unreachable) {
      addToleration(spec, "node.kubernetes.io/unreachable");
    }
  }

  private static void addToleration(ObjectNode spec, String key) {
    ObjectNode t = Nodes.arrayOrCreate(spec, "tolerations").addObject();
    t.put("key", key);
    t.put("operator", "Exists");
    t.put("effect", "NoExecute");
    t.put("tolerationSeconds", 300);
  }

  /**
   * {@code Priority}: the priority comes from the priority class (0 without one, as no class is the global
   * default); a priority or preemption policy in the request must agree with the computed one.
   */
  private static void priority(ObjectNode meta, ObjectNode spec) {
    String className = Nodes.text(spec, "priorityClassName");
    int priority = 0;
    if (!className.isEmpty()) {
      Integer p = SYSTEM_PRIORITY_CLASSES.get(className);
      if (p == null) {
        throw new AdmissionDeniedException("pods", Nodes.text(meta, "name"),
            "no PriorityClass with name " + className + " was found");
      }
      priority = p;
    }
    if (Nodes.has(spec, "priority") && spec.get("priority").asLong() != priority) {
      throw new AdmissionDeniedException("pods", Nodes.text(meta, "name"),
          "the integer value of priority (" + spec.get("priority").asLong()
              + ") must not be provided in pod spec; priority admission controller computed " + priority
              + " from the given PriorityClass name");
    }
    spec.put("priority", priority);
    String policy = "PreemptLowerPriority";
    String requested = Nodes.text(spec, "preemptionPolicy");
    if (!requested.isEmpty() && !requested.equals(policy)) {
      throw new AdmissionDeniedException("pods", Nodes.text(meta, "name"),
          "the string value of PreemptionPolicy (" + requested
              + ") must not be provided in pod spec; priority admission controller computed " + policy
              + " from the given PriorityClass name");
    }
    spec.put("preemptionPolicy", policy);
  }
}
