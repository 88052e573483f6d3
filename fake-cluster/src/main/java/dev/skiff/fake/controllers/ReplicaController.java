package dev.skiff.fake.controllers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.fake.store.StoredObject;
import dev.skiff.model.Selector;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The replication manager, for ReplicationControllers and for ReplicaSets (the real controller-manager runs the
 * same code for both): keeps {@code spec.replicas} active pods that match {@code spec.selector}, created from
 * {@code spec.template} with generateName {@code <owner>-} and a controller owner reference; adopts matching
 * orphans and releases owned pods that stop matching; writes {@code status} (replicas, fullyLabeledReplicas,
 * readyReplicas, availableReplicas, observedGeneration) and records {@code SuccessfulCreate} /
 * {@code SuccessfulDelete} events.
 */
final class ReplicaController extends Controller {
  private final Kinds.Kind kind;
  private final ApiClient client;
  private final EventRecorder events;
  private final Clock clock;

  /**
   * Creates the controller for one kind.
   *
   * @param kind {@link Kinds#REPLICATION_CONTROLLER} or {@link Kinds#REPLICA_SET}
   * @param client the controller-manager's client
   * @param clock the time of availability checks
   */
  ReplicaController(Kinds.Kind kind, ApiClient client, Clock clock) {
    this.kind = kind;
    this.client = client;
    this.clock = clock;
    this.events = new EventRecorder(client,
        kind == Kinds.REPLICA_SET ? "replicaset-controller" : "replication-controller", clock);
  }

  @Override
  public String name() {
    return kind == Kinds.REPLICA_SET ? "replicaset" : "replicationcontroller";
  }

  @Override
  void start() {
    watch(kind, (type, o) -> enqueue(o.namespace() + "/" + o.name()));
    watch(Kinds.POD, this::onPod);
  }

  /** A pod event wakes its controller, or every controller of the namespace when the pod is an orphan. */
  private void onPod(String type, StoredObject pod) {
    JsonNode ref = Json.controllerRef(Json.decode(pod));
    if (ref != null) {
      if (ref.path("kind").asText().equals(kind.kind()) && ref.path("apiVersion").asText().equals(kind.apiVersion())) {
        enqueue(pod.namespace() + "/" + ref.path("name").asText());
      }
      return;
    }
    for (ObjectNode owner : client.list(kind, pod.namespace(), o -> true)) {
      enqueue(Json.key(owner));
    }
  }

  /** The selector of the owner: a plain map on ReplicationControllers, a LabelSelector on ReplicaSets. */
  private Selector selector(ObjectNode owner) {
    JsonNode s = owner.path("spec").get("selector");
    if (kind == Kinds.REPLICATION_CONTROLLER) {
      Map<String, String> labels = Json.stringMap(s);
      return labels.isEmpty() ? null : Selector.fromParts(labels, null);
    }
    return Json.labelSelector(s);
  }

  @Override
  void reconcile(String key) {
    int slash = key.indexOf('/');
    String ns = key.substring(0, slash);
    String name = key.substring(slash + 1);
    ObjectNode owner = client.get(kind, ns, name).orElse(null);
    if (owner == null) {
      return; // its pods are the garbage collector's
    }
    Selector selector = selector(owner);
    if (selector == null || selector.isEmpty()) {
      return; // validation prevents this; an empty selector would claim every pod
    }
    String uid = owner.path("metadata").path("uid").asText();
    List<ObjectNode> owned = claimPods(owner, selector, uid);
    List<ObjectNode> active = new ArrayList<>();
    for (ObjectNode p : owned) {
      if (isActive(p)) {
        active.add(p);
      }
    }
    if (!Json.deleting(owner)) {
      int want = owner.path("spec").path("replicas").asInt(1);
      if (active.size() < want) {
        createPods(owner, want - active.size());
      } else if (active.size() > want) {
        deletePods(owner, active, active.size() - want);
      }
    }
    updateStatus(key, selector, uid);
  }

  /**
   * The pods the owner controls after adoption and release, as {@code ClaimPods} does: orphans that match are
   * adopted (not while the owner is being deleted), owned pods that no longer match are released.
   */
  private List<ObjectNode> claimPods(ObjectNode owner, Selector selector, String uid) {
    String ns = owner.path("metadata").path("namespace").asText();
    List<ObjectNode> owned = new ArrayList<>();
    for (ObjectNode pod : client.list(Kinds.POD, ns, o -> true)) {
      JsonNode ref = Json.controllerRef(pod);
      boolean matches = selector.matches(Json.stringMap(pod.path("metadata").get("labels")));
      if (ref != null) {
        if (!ref.path("uid").asText().equals(uid)) {
          continue;
        }
        if (matches || Json.deleting(pod)) {
          owned.add(pod);
        } else if (!Json.deleting(owner)) {
          release(pod, uid);
        }
      } else if (matches && !Json.deleting(pod) && !Json.deleting(owner)) {
        if (adopt(owner, pod)) {
          owned.add(pod);
        }
      }
    }
    return owned;
  }

  private boolean adopt(ObjectNode owner, ObjectNode pod) {
    ObjectNode patch = Json.F.objectNode();
    ObjectNode meta = patch.putObject("metadata");
    ArrayNode refs = meta.putArray("ownerReferences");
    pod.path("metadata").path("ownerReferences").forEach(refs::add);
    refs.add(Json.ownerReference(owner, true));
    meta.put("resourceVersion", pod.path("metadata").path("resourceVersion").asText());
    return client.mergePatch(Kinds.POD, pod.path("metadata").path("namespace").asText(),
        pod.path("metadata").path("name").asText(), patch).ok();
  }

  private void release(ObjectNode pod, String ownerUid) {
    ObjectNode patch = Json.F.objectNode();
    ObjectNode meta = patch.putObject("metadata");
    ArrayNode refs = Json.F.arrayNode();
    for (JsonNode r : pod.path("metadata").path("ownerReferences")) {
      if (!r.path("uid").asText().equals(ownerUid)) {
        refs.add(r);
      }
    }
    if (refs.isEmpty()) {
      meta.putNull("ownerReferences");
    } else {
      meta.set("ownerReferences", refs);
    }
    meta.put("resourceVersion", pod.path("metadata").path("resourceVersion").asText());
    client.mergePatch(Kinds.POD, pod.path("metadata").path("namespace").asText(),
        pod.path("metadata").path("name").asText(), patch);
  }

  /** Whether a pod counts towards the replicas: not finished and not being deleted. */
  static boolean isActive(JsonNode pod) {
    String phase = pod.path("status").path("phase").asText("");
    return !phase.equals("Succeeded") && !phase.equals("Failed") && !Json.deleting(pod);
  }

  private void createPods(ObjectNode owner, int count) {
    JsonNode template = owner.path("spec").path("template");
    String ns = owner.path("metadata").path("namespace").asText();
    for (int i = 0; i < count; i++) {
      ObjectNode pod = Json.F.objectNode().put("apiVersion", "v1").put("kind", "Pod");
      ObjectNode meta = pod.putObject("metadata");
      meta.put("generateName", owner.path("metadata").path("name").asText() + "-");
      meta.put("namespace", ns);
      JsonNode tmeta = template.path("metadata");
      for (String copied : List.of("labels", "annotations", "finalizers")) {
        if (tmeta.has(copied) && !tmeta.get(copied).isNull()) {
          meta.set(copied, tmeta.get(copied).deepCopy());
        }
      }
      meta.putArray("ownerReferences").add(Json.ownerReference(owner, true));
      pod.set("spec", template.path("spec").deepCopy());
      ApiResponse r = client.create(Kinds.POD, ns, pod);
      if (r.ok()) {
        events.normal(owner, "SuccessfulCreate", "Created pod: " + r.object().path("metadata").path("name").asText());
      } else {
        events.warning(owner, "FailedCreate", "Error creating: " + r.message());
        return; // as the real manager's slow start: stop after the first failure
      }
    }
  }

  /**
   * Deletes the surplus, least valuable first as {@code ActivePods} orders them: unscheduled before scheduled,
   * pending before running, not ready before ready, more restarts first, newer before older.
   */
  private void deletePods(ObjectNode owner, List<ObjectNode> active, int count) {
    List<ObjectNode> order = new ArrayList<>(active);
    order.sort(Comparator
        .comparing((ObjectNode p) -> !p.path("spec").path("nodeName").asText("").isEmpty())
        .thenComparing(p -> phaseRank(p.path("status").path("phase").asText("")))
        .thenComparing(Json::podReady)
        .thenComparing(p -> -restarts(p))
        .thenComparing(p -> p.path("metadata").path("creationTimestamp").asText(), Comparator.reverseOrder()));
    for (ObjectNode pod : order.subList(0, count)) {
      String podName = pod.path("metadata").path("name").asText();
      ApiResponse r = client.delete(Kinds.POD, pod.path("metadata").path("namespace").asText(), podName, null, null,
          pod.path("metadata").path("uid").asText());
      if (r.ok()) {
        events.normal(owner, "SuccessfulDelete", "Deleted pod: " + podName);
      } else if (r.status() != 404) {
        events.warning(owner, "FailedDelete", "Error deleting: " + r.message());
      }
    }
  }

  private static int phaseRank(String phase) {
    switch (phase) {
      case "Pending":
        return 0;
      case "Unknown":
        return 1;
      default:
        return 2;
    }
  }

  private static int restarts(JsonNode pod) {
    int n = 0;
    for (JsonNode s : pod.path("status").path("containerStatuses")) {
      n = Math.max(n, s.path("restartCount").asInt());
    }
    return n;
  }

  /** Writes the status the owner's pods give now, when it differs from the stored one. */
  private void updateStatus(String key, Selector selector, String uid) {
    int slash = key.indexOf('/');
    ObjectNode owner = client.get(kind, key.substring(0, slash), key.substring(slash + 1)).orElse(null);
    if (owner == null || !owner.path("metadata").path("uid").asText().equals(uid)) {
      return;
    }
    Map<String, String> templateLabels = Json.stringMap(owner.path("spec").path("template").path("metadata")
        .get("labels"));
    int minReady = owner.path("spec").path("minReadySeconds").asInt(0);
    Instant now = clock.instant();
    int replicas = 0;
    int fullyLabeled = 0;
    int ready = 0;
    int available = 0;
    for (ObjectNode pod : client.list(Kinds.POD, owner.path("metadata").path("namespace").asText(), o -> true)) {
      JsonNode ref = Json.controllerRef(pod);
      if (ref == null || !ref.path("uid").asText().equals(uid) || !isActive(pod)) {
        continue;
      }
      Map<String, String> labels = Json.stringMap(pod.path("metadata").get("labels"));
      if (!selector.matches(labels)) {
        continue;
      }
      replicas++;
      if (labels.entrySet().containsAll(templateLabels.entrySet())) {
        fullyLabeled++;
      }
      if (Json.podReady(pod)) {
        ready++;
        if (availableSince(pod, minReady, now)) {
          available++;
        }
      }
    }
    ObjectNode status = Json.F.objectNode();
    status.put("replicas", replicas); // never omitted: the field has no omitempty
    putPositive(status, "fullyLabeledReplicas", fullyLabeled);
    putPositive(status, "readyReplicas", ready);
    putPositive(status, "availableReplicas", available);
    putPositive(status, "observedGeneration", owner.path("metadata").path("generation").asLong());
    JsonNode conditions = owner.path("status").get("conditions");
    if (conditions != null && conditions.size() > 0) {
      status.set("conditions", conditions);
    }
    if (status.equals(owner.path("status"))) {
      return;
    }
    owner.set("status", status);
    ApiResponse r = client.updateStatus(kind, owner);
    if (r.status() == 409) {
      retry(key);
    }
  }

  /** Whether a ready pod has been ready for {@code minReadySeconds}. */
  static boolean availableSince(JsonNode pod, int minReadySeconds, Instant now) {
    if (minReadySeconds <= 0) {
      return true;
    }
    JsonNode ready = Json.condition(pod, "Ready");
    String since = ready == null ? "" : ready.path("lastTransitionTime").asText("");
    return !since.isEmpty() && !Instant.parse(since).plusSeconds(minReadySeconds).isAfter(now);
  }

  private static void putPositive(ObjectNode node, String field, long value) {
    if (value > 0) {
      node.put(field, value);
    }
  }
}
