package dev.skiff.fake.controllers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.fake.store.StoredObject;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The deployment controller: for each Deployment, a ReplicaSet per pod template, named
 * {@code <deployment>-<pod-template-hash>} with that hash in its selector and template labels, a revision
 * annotation and a controller owner reference. A rolling update scales the new ReplicaSet up within
 * {@code maxSurge} and the old ones down while at least {@code replicas - maxUnavailable} pods are available;
 * {@code Recreate} scales the old ones to zero first. Writes {@code status} with the Available and Progressing
 * conditions and records {@code ScalingReplicaSet} events.
 */
final class DeploymentController extends Controller {
  static final String HASH_LABEL = "pod-template-hash";
  static final String REVISION = "deployment.kubernetes.io/revision";
  private static final String SAFE_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

  private final ApiClient client;
  private final EventRecorder events;
  private final Clock clock;

  /**
   * Creates the controller.
   *
   * @param client the controller-manager's client
   * @param clock the time of conditions
   */
  DeploymentController(ApiClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
    this.events = new EventRecorder(client, "deployment-controller", clock);
  }

  @Override
  public String name() {
    return "deployment";
  }

  @Override
  void start() {
    watch(Kinds.DEPLOYMENT, (type, d) -> enqueue(d.namespace() + "/" + d.name()));
    watch(Kinds.REPLICA_SET, this::onReplicaSet);
  }

  private void onReplicaSet(String type, StoredObject rs) {
    JsonNode ref = Json.controllerRef(Json.decode(rs));
    if (ref != null && ref.path("kind").asText().equals("Deployment")) {
      enqueue(rs.namespace() + "/" + ref.path("name").asText());
    }
  }

  /** The pod-template-hash: FNV-1a of the template (and collision count), spelled as the real controller does. */
  static String templateHash(JsonNode template, int collisionCount) {
    int hash = 0x811c9dc5;
    byte[] bytes = (template.toString() + (collisionCount > 0 ? Integer.toString(collisionCount) : ""))
        .getBytes(StandardCharsets.UTF_8);
    for (byte b : bytes) {
      hash ^= b & 0xff;
      hash *= 0x01000193;
    }
    String decimal = Long.toString(Integer.toUnsignedLong(hash));
    StringBuilder out = new StringBuilder();
    for (char c : decimal.toCharArray()) {
      out.append(SAFE_ALPHABET.charAt(c % SAFE_ALPHABET.length()));
    }
    return out.toString();
  }

  @Override
  void reconcile(String key) {
    int slash = key.indexOf('/');
    String ns = key.substring(0, slash);
    ObjectNode d = client.get(Kinds.DEPLOYMENT, ns, key.substring(slash + 1)).orElse(null);
    if (d == null || Json.deleting(d)) {
      return;
    }
    String uid = d.path("metadata").path("uid").asText();
    List<ObjectNode> owned = new ArrayList<>();
    for (ObjectNode rs : client.list(Kinds.REPLICA_SET, ns, o -> true)) {
      JsonNode ref = Json.controllerRef(rs);
      if (ref != null && ref.path("uid").asText().equals(uid)) {
        owned.add(rs);
      }
    }
    JsonNode template = d.path("spec").path("template");
    ObjectNode newRs = null;
    List<ObjectNode> old = new ArrayList<>();
    for (ObjectNode rs : owned) {
      ObjectNode t = (ObjectNode) rs.path("spec").path("template").deepCopy();
      JsonNode labels = t.path("metadata").path("labels");
      if (labels.isObject()) {
        ((ObjectNode) labels).remove(HASH_LABEL);
      }
      if (t.equals(template) && newRs == null) {
        newRs = rs;
      } else {
        old.add(rs);
      }
    }
    old.sort(Comparator.comparing(rs -> rs.path("metadata").path("creationTimestamp").asText()));
    int replicas = d.path("spec").path("replicas").asInt(1);
    if (newRs == null && !d.path("spec").path("paused").asBoolean(false)) {
      newRs = createReplicaSet(d, old);
      if (newRs == null) {
        return;
      }
    }
    if (!d.path("spec").path("paused").asBoolean(false)) {
      if (recreate(d)) {
        for (ObjectNode rs : old) {
          scale(d, rs, 0);
        }
        if (allScaledDown(old)) {
          scale(d, newRs, replicas);
        }
      } else {
        rollingUpdate(d, newRs, old, replicas);
      }
    }
    updateStatus(d, newRs, withNew(owned, newRs));
  }

  private static List<ObjectNode> withNew(List<ObjectNode> owned, ObjectNode newRs) {
    List<ObjectNode> all = new ArrayList<>(owned);
    if (newRs != null && all.stream().noneMatch(r -> Json.key(r).equals(Json.key(newRs)))) {
      all.add(newRs);
    }
    return all;
  }

  private static boolean recreate(JsonNode d) {
    return d.path("spec").path("strategy").path("type").asText("RollingUpdate").equals("Recreate");
  }

  private static boolean allScaledDown(List<ObjectNode> old) {
    for (ObjectNode rs : old) {
      if (rs.path("spec").path("replicas").asInt() > 0 || rs.path("status").path("replicas").asInt() > 0) {
        return false;
      }
    }
    return true;
  }

  /** Creates the ReplicaSet of the current template with the next revision; 0 replicas, scaled up after. */
  private ObjectNode createReplicaSet(ObjectNode d, List<ObjectNode> old) {
    String ns = d.path("metadata").path("namespace").asText();
    int collisions = d.path("status").path("collisionCount").asInt(0);
    String hash = templateHash(d.path("spec").path("template"), collisions);
    long revision = 0;
    for (ObjectNode rs : old) {
      revision = Math.max(revision, rs.path("metadata").path("annotations").path(REVISION).asLong(0));
    }
    ObjectNode rs = Json.F.objectNode().put("apiVersion", "apps/v1").put("kind", "ReplicaSet");
    ObjectNode meta = rs.putObject("metadata");
    String name = d.path("metadata").path("name").asText() + "-" + hash;
    meta.put("name", name).put("namespace", ns);
    ObjectNode labels = (ObjectNode) d.path("spec").path("template").path("metadata").path("labels").deepCopy();
    labels.put(HASH_LABEL, hash);
    meta.set("labels", labels.deepCopy());
    int replicas = d.path("spec").path("replicas").asInt(1);
    meta.putObject("annotations").put("deployment.kubernetes.io/desired-replicas", Integer.toString(replicas))
        .put("deployment.kubernetes.io/max-replicas", Integer.toString(replicas + maxSurge(d, replicas)))
        .put(REVISION, Long.toString(revision + 1));
    meta.putArray("ownerReferences").add(Json.ownerReference(d, true));
    ObjectNode spec = rs.putObject("spec").put("replicas", 0);
    ObjectNode selector = (ObjectNode) d.path("spec").path("selector").deepCopy();
    selector.with("matchLabels").put(HASH_LABEL, hash);
    spec.set("selector", selector);
    ObjectNode template = (ObjectNode) d.path("spec").path("template").deepCopy();
    template.with("metadata").set("labels", labels);
    spec.set("template", template);
    if (d.path("spec").has("minReadySeconds")) {
      spec.set("minReadySeconds", d.path("spec").get("minReadySeconds"));
    }
    ApiResponse r = client.create(Kinds.REPLICA_SET, ns, rs);
    if (r.status() == 409) {
      // a ReplicaSet of that name with another template: count the collision, so the next hash differs
      ObjectNode next = d.deepCopy();
      next.with("status").put("collisionCount", collisions + 1);
      client.updateStatus(Kinds.DEPLOYMENT, next);
      return null;
    }
    if (!r.ok()) {
      return null;
    }
    ObjectNode annotated = client.get(Kinds.DEPLOYMENT, ns, d.path("metadata").path("name").asText()).orElse(null);
    if (annotated != null) {
      annotated.with("metadata").with("annotations").put(REVISION, Long.toString(revision + 1));
      client.update(Kinds.DEPLOYMENT, annotated);
    }
    return r.object();
  }

  private void rollingUpdate(ObjectNode d, ObjectNode newRs, List<ObjectNode> old, int replicas) {
    int surge = maxSurge(d, replicas);
    int unavailable = maxUnavailable(d, replicas);
    if (surge == 0 && unavailable == 0) {
      unavailable = 1; // validation forbids both zero; the controller treats it as one
    }
    int total = newRs.path("spec").path("replicas").asInt();
    for (ObjectNode rs : old) {
      total += rs.path("spec").path("replicas").asInt();
    }
    int newReplicas = newRs.path("spec").path("replicas").asInt();
    if (newReplicas < replicas) {
      int up = Math.min(replicas + surge - total, replicas - newReplicas);
      if (up > 0) {
        scale(d, newRs, newReplicas + up);
      }
    } else if (newReplicas > replicas) {
      scale(d, newRs, replicas);
    }
    int available = newRs.path("status").path("availableReplicas").asInt();
    for (ObjectNode rs : old) {
      available += rs.path("status").path("availableReplicas").asInt();
    }
    int canScaleDown = available - (replicas - unavailable);
    for (ObjectNode rs : old) {
      int current = rs.path("spec").path("replicas").asInt();
      int unhealthy = current - rs.path("status").path("availableReplicas").asInt();
      int down = Math.min(current, Math.max(0, unhealthy) + Math.max(0, canScaleDown));
      if (down > 0) {
        scale(d, rs, current - down);
        canScaleDown -= Math.max(0, down - Math.max(0, unhealthy));
      }
    }
  }

  private static int maxSurge(JsonNode d, int replicas) {
    return percent(d.path("spec").path("strategy").path("rollingUpdate").path("maxSurge"), replicas, true, "25%");
  }

  private static int maxUnavailable(JsonNode d, int replicas) {
    return percent(d.path("spec").path("strategy").path("rollingUpdate").path("maxUnavailable"), replicas, false,
        "25%");
  }

  /** An int-or-percent of the replicas, rounded up for surge and down for unavailability, as Go does. */
  private static int percent(JsonNode value, int replicas, boolean roundUp, String dflt) {
    if (value.isInt()) {
      return value.asInt();
    }
    String text = value.isTextual() ? value.asText() : dflt;
    if (!text.endsWith("%")) {
      return Integer.parseInt(text);
    }
    double v = Integer.parseInt(text.substring(0, text.length() - 1)) * replicas / 100.0;
    return (int) (roundUp ? Math.ceil(v) : Math.floor(v));
  }

  private void scale(ObjectNode d, ObjectNode rs, int to) {
    int from = rs.path("spec").path("replicas").asInt();
    if (from == to) {
      return;
    }
    ObjectNode next = rs.deepCopy();
    next.with("spec").put("replicas", to);
    int replicas = d.path("spec").path("replicas").asInt(1);
    next.with("metadata").with("annotations")
        .put("deployment.kubernetes.io/desired-replicas", Integer.toString(replicas))
        .put("deployment.kubernetes.io/max-replicas", Integer.toString(replicas + maxSurge(d, replicas)));
    ApiResponse r = client.update(Kinds.REPLICA_SET, next);
    if (r.ok()) {
      rs.with("spec").put("replicas", to);
      events.normal(d, "ScalingReplicaSet", "Scaled " + (to > from ? "up" : "down") + " replica set "
          + rs.path("metadata").path("name").asText() + " from " + from + " to " + to);
    } else if (r.status() == 409) {
      retry(Json.key(d));
    }
  }

  private void updateStatus(ObjectNode d, ObjectNode newRs, List<ObjectNode> all) {
    int replicas = d.path("spec").path("replicas").asInt(1);
    int total = 0;
    int ready = 0;
    int available = 0;
    for (ObjectNode rs : all) {
      ObjectNode fresh = client.get(Kinds.REPLICA_SET, rs.path("metadata").path("namespace").asText(),
          rs.path("metadata").path("name").asText()).orElse(rs);
      total += fresh.path("status").path("replicas").asInt();
      ready += fresh.path("status").path("readyReplicas").asInt();
      available += fresh.path("status").path("availableReplicas").asInt();
    }
    int updated = newRs == null ? 0 : client.get(Kinds.REPLICA_SET, newRs.path("metadata").path("namespace").asText(),
        newRs.path("metadata").path("name").asText()).orElse(newRs).path("status").path("replicas").asInt();
    ObjectNode status = Json.F.objectNode();
    status.put("observedGeneration", d.path("metadata").path("generation").asLong());
    putPositive(status, "replicas", total);
    putPositive(status, "updatedReplicas", updated);
    putPositive(status, "readyReplicas", ready);
    putPositive(status, "availableReplicas", available);
    putPositive(status, "unavailableReplicas", Math.max(0, total - available));
    String now = Json.timestamp(clock.instant());
    ArrayNode conditions = status.putArray("conditions");
    boolean minimum = available >= replicas - maxUnavailable(d, replicas);
    condition(conditions, d, "Available", minimum, minimum ? "MinimumReplicasAvailable" : "MinimumReplicasUnavailable",
        minimum ? "Deployment has minimum availability." : "Deployment does not have minimum availability.", now);
    String rsName = newRs == null ? "" : newRs.path("metadata").path("name").asText();
    boolean complete = updated == replicas && available >= replicas && total == replicas;
    condition(conditions, d, "Progressing", true, complete ? "NewReplicaSetAvailable" : "ReplicaSetUpdated",
        complete ? "ReplicaSet \"" + rsName + "\" has successfully progressed."
            : "ReplicaSet \"" + rsName + "\" is progressing.", now);
    if (d.path("status").has("collisionCount")) {
      status.set("collisionCount", d.path("status").get("collisionCount"));
    }
    if (sameIgnoringTimes(status, d.path("status"))) {
      return;
    }
    ObjectNode current = client.get(Kinds.DEPLOYMENT, d.path("metadata").path("namespace").asText(),
        d.path("metadata").path("name").asText()).orElse(null);
    if (current == null) {
      return;
    }
    current.set("status", status);
    if (client.updateStatus(Kinds.DEPLOYMENT, current).status() == 409) {
      retry(Json.key(d));
    }
  }

  private static void condition(ArrayNode conditions, JsonNode d, String type, boolean value, String reason,
      String message, String now) {
    JsonNode old = Json.condition(d, type);
    String status = value ? "True" : "False";
    boolean same = old != null && old.path("status").asText().equals(status);
    boolean sameReason = same && old.path("reason").asText().equals(reason);
    conditions.addObject().put("type", type).put("status", status)
        .put("lastUpdateTime", sameReason ? old.path("lastUpdateTime").asText() : now)
        .put("lastTransitionTime", same ? old.path("lastTransitionTime").asText() : now)
        .put("reason", reason).put("message", message);
  }

  private static boolean sameIgnoringTimes(JsonNode a, JsonNode b) {
    return strip(a).equals(strip(b));
  }

  private static JsonNode strip(JsonNode status) {
    ObjectNode copy = status.isObject() ? ((ObjectNode) status).deepCopy() : Json.F.objectNode();
    for (JsonNode c : copy.path("conditions")) {
      ((ObjectNode) c).remove("lastUpdateTime");
      ((ObjectNode) c).remove("lastTransitionTime");
    }
    return copy;
  }

  private static void putPositive(ObjectNode node, String field, long value) {
    if (value > 0) {
      node.put(field, value);
    }
  }
}
