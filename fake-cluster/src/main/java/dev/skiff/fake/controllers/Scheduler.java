package dev.skiff.fake.controllers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The scheduler: binds each pending, unbound pod of {@code default-scheduler} to a Ready, schedulable node whose
 * labels satisfy the pod's {@code nodeSelector}, the one with the fewest pods (then by name), through
 * {@code pods/{name}/binding}. When no node fits, the pod gets {@code PodScheduled=False} with reason
 * {@code Unschedulable} and a {@code FailedScheduling} event, and is tried again when nodes change.
 */
final class Scheduler extends Controller {
  private final ApiClient client;
  private final EventRecorder events;
  private final Clock clock;

  /**
   * Creates the scheduler.
   *
   * @param client the scheduler's client ({@code kube-scheduler})
   * @param clock the time of conditions
   */
  Scheduler(ApiClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
    this.events = new EventRecorder(client, "default-scheduler", clock);
  }

  @Override
  public String name() {
    return "scheduler";
  }

  @Override
  void start() {
    watch(Kinds.POD, (type, pod) -> {
      if (!type.equals("DELETED") && pod.fields().getOrDefault("spec.nodeName", "").isEmpty()) {
        enqueue(pod.namespace() + "/" + pod.name());
      }
    });
    watch(Kinds.NODE, (type, node) -> {
      for (ObjectNode pod : client.list(Kinds.POD, null, o -> o.fields().getOrDefault("spec.nodeName", "")
          .isEmpty())) {
        enqueue(Json.key(pod));
      }
    });
  }

  @Override
  void reconcile(String key) {
    int slash = key.indexOf('/');
    String ns = key.substring(0, slash);
    String name = key.substring(slash + 1);
    ObjectNode pod = client.get(Kinds.POD, ns, name).orElse(null);
    if (pod == null || Json.deleting(pod) || !pod.path("spec").path("nodeName").asText("").isEmpty()
        || !pod.path("spec").path("schedulerName").asText("default-scheduler").equals("default-scheduler")
        || !ReplicaController.isActive(pod)) {
      return;
    }
    Map<String, String> nodeSelector = Json.stringMap(pod.path("spec").get("nodeSelector"));
    List<ObjectNode> nodes = client.list(Kinds.NODE, null, o -> true);
    Map<String, Integer> load = new HashMap<>();
    for (ObjectNode p : client.list(Kinds.POD, null, o -> !o.fields().getOrDefault("spec.nodeName", "").isEmpty())) {
      load.merge(p.path("spec").path("nodeName").asText(), 1, Integer::sum);
    }
    ObjectNode chosen = null;
    int notReady = 0;
    int mismatched = 0;
    for (ObjectNode node : nodes) {
      JsonNode ready = Json.condition(node, "Ready");
      if (ready == null || !ready.path("status").asText().equals("True")
          || node.path("spec").path("unschedulable").asBoolean(false)) {
        notReady++;
        continue;
      }
      Map<String, String> labels = Json.stringMap(node.path("metadata").get("labels"));
      if (!labels.entrySet().containsAll(nodeSelector.entrySet())) {
        mismatched++;
        continue;
      }
      String nodeName = node.path("metadata").path("name").asText();
      if (chosen == null || load.getOrDefault(nodeName, 0)
          < load.getOrDefault(chosen.path("metadata").path("name").asText(), 0)) {
        chosen = node;
      }
    }
    if (chosen == null) {
      unschedulable(pod, nodes.size(), notReady, mismatched);
      return;
    }
    String nodeName = chosen.path("metadata").path("name").asText();
    ObjectNode binding = Json.F.objectNode().put("kind", "Binding").put("apiVersion", "v1");
    binding.putObject("metadata").put("name", name).put("namespace", ns)
        .put("uid", pod.path("metadata").path("uid").asText());
    binding.putObject("target").put("kind", "Node").put("apiVersion", "v1").put("name", nodeName);
    ApiResponse r = client.createSubresource(Kinds.POD, ns, name, "binding", binding);
    if (r.ok()) {
      events.normal(pod, "Scheduled", "Successfully assigned " + ns + "/" + name + " to " + nodeName);
    }
  }

  /** Records why no node fits, in the real scheduler's words. */
  private void unschedulable(ObjectNode pod, int total, int notReady, int mismatched) {
    StringBuilder why = new StringBuilder();
    why.append(total).append('/').append(total).append(" nodes are available");
    if (total == 0) {
      why.setLength(0);
      why.append("no nodes available to schedule pods");
    } else {
      why.setLength(0);
      why.append("0/").append(total).append(" nodes are available: ");
      StringBuilder reasons = new StringBuilder();
      if (mismatched > 0) {
        reasons.append(mismatched).append(" node(s) didn't match Pod's node affinity/selector");
      }
      if (notReady > 0) {
        if (reasons.length() > 0) {
          reasons.append(", ");
        }
        reasons.append(notReady).append(" node(s) had untolerated taint {node.kubernetes.io/not-ready: }");
      }
      why.append(reasons).append(". preemption: 0/").append(total).append(" nodes are available: ").append(total)
          .append(" Preemption is not helpful for scheduling.");
    }
    JsonNode current = Json.condition(pod, "PodScheduled");
    if (current != null && current.path("message").asText().equals(why.toString())) {
      return;
    }
    ArrayNode conditions = pod.with("status").withArray("conditions");
    ObjectNode condition = null;
    for (JsonNode c : conditions) {
      if (c.path("type").asText().equals("PodScheduled")) {
        condition = (ObjectNode) c;
      }
    }
    if (condition == null) {
      condition = conditions.addObject();
    }
    condition.put("type", "PodScheduled").put("status", "False").putNull("lastProbeTime");
    condition.put("lastTransitionTime", Json.timestamp(clock.instant()));
    condition.put("reason", "Unschedulable").put("message", why.toString());
    if (client.updateStatus(Kinds.POD, pod).ok()) {
      events.warning(pod, "FailedScheduling", why.toString());
    }
  }
}
