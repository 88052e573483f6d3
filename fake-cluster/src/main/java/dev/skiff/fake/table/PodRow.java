package dev.skiff.fake.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The cells of a pod's Table row, with the real printer's rules: the Status column is the phase, replaced by
 * the pod's reason, {@code SchedulingGated}, the state of the first unfinished init container
 * ({@code Init:0/2}, {@code Init:CrashLoopBackOff}, {@code Init:Error}), then the waiting or terminated reason
 * of the containers ({@code ContainerCreating}, {@code CrashLoopBackOff}, {@code Completed}, {@code Error},
 * {@code ExitCode:1}), {@code Running}/{@code NotReady} when a completed pod still has running containers, and
 * {@code Terminating} once a non-terminal pod has a deletion timestamp. Restarts count sidecar and app
 * containers and show when the last one restarted ({@code 3 (2m ago)}).
 */
final class PodRow {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private PodRow() {}

  /** The nine cells: Name, Ready, Status, Restarts, Age, IP, Node, Nominated Node, Readiness Gates. */
  static ArrayNode cells(JsonNode pod, Instant now) {
    JsonNode spec = pod.path("spec");
    JsonNode status = pod.path("status");
    int restarts = 0;
    int sidecarRestarts = 0;
    int totalContainers = spec.path("containers").size();
    int readyContainers = 0;
    Instant lastRestart = null;
    Instant lastSidecarRestart = null;

    String phase = status.path("phase").asText("");
    String reason = status.path("reason").asText("").isEmpty() ? phase : status.path("reason").asText();
    for (JsonNode c : status.path("conditions")) {
      if (c.path("type").asText().equals("PodScheduled") && c.path("reason").asText().equals("SchedulingGated")) {
        reason = "SchedulingGated";
      }
    }

    Map<String, JsonNode> initContainers = new HashMap<>();
    for (JsonNode c : spec.path("initContainers")) {
      initContainers.put(c.path("name").asText(), c);
      if (isSidecar(c)) {
        totalContainers++;
      }
    }

    boolean initializing = false;
    JsonNode initStatuses = status.path("initContainerStatuses");
    for (int i = 0; i < initStatuses.size(); i++) {
      JsonNode cs = initStatuses.get(i);
      restarts += cs.path("restartCount").asInt();
      Instant finished = finishedAt(cs.path("lastState"));
      lastRestart = later(lastRestart, finished);
      boolean sidecar = isSidecar(initContainers.get(cs.path("name").asText()));
      if (sidecar) {
        sidecarRestarts += cs.path("restartCount").asInt();
        lastSidecarRestart = later(lastSidecarRestart, finished);
      }
      JsonNode terminated = cs.path("state").path("terminated");
      JsonNode waiting = cs.path("state").path("waiting");
      if (terminated.isObject() && terminated.path("exitCode").asInt() == 0) {
        continue;
      }
      if (sidecar && cs.path("started").asBoolean(false)) {
        if (cs.path("ready").asBoolean(false)) {
          readyContainers++;
        }
        continue;
      }
      if (terminated.isObject()) {
        String r = terminated.path("reason").asText("");
        if (r.isEmpty()) {
          int signal = terminated.path("signal").asInt();
          r = signal != 0 ? "Signal:" + signal : "ExitCode:" + terminated.path("exitCode").asInt();
        }
        reason = "Init:" + r;
      } else if (waiting.isObject() && !waiting.path("reason").asText("").isEmpty()
          && !waiting.path("reason").asText().equals("PodInitializing")) {
        reason = "Init:" + waiting.path("reason").asText();
      } else {
        reason = "Init:" + i + "/" + spec.path("initContainers").size();
      }
      initializing = true;
      break;
    }

    if (!initializing || conditionTrue(status, "Initialized")) {
      restarts = sidecarRestarts;
      lastRestart = lastSidecarRestart;
      boolean hasRunning = false;
      JsonNode statuses = status.path("containerStatuses");
      for (int i = statuses.size() - 1; i >= 0; i--) {
        JsonNode cs = statuses.get(i);
        restarts += cs.path("restartCount").asInt();
        lastRestart = later(lastRestart, finishedAt(cs.path("lastState")));
        JsonNode waiting = cs.path("state").path("waiting");
        JsonNode terminated = cs.path("state").path("terminated");
        if (waiting.isObject() && !waiting.path("reason").asText("").isEmpty()) {
          reason = waiting.path("reason").asText();
        } else if (terminated.isObject() && !terminated.path("reason").asText("").isEmpty()) {
          reason = terminated.path("reason").asText();
        } else if (terminated.isObject()) {
          int signal = terminated.path("signal").asInt();
          reason = signal != 0 ? "Signal:" + signal : "ExitCode:" + terminated.path("exitCode").asInt();
        } else if (cs.path("ready").asBoolean(false) && cs.path("state").path("running").isObject()) {
          hasRunning = true;
          readyContainers++;
        }
      }
      if (reason.equals("Completed") && hasRunning) {
        reason = conditionTrue(status, "Ready") ? "Running" : "NotReady";
      }
    }

    boolean deleting = !pod.path("metadata").path("deletionTimestamp").asText("").isEmpty();
    if (deleting && status.path("reason").asText("").equals("NodeLost")) {
      reason = "Unknown";
    } else if (deleting && !phase.equals("Succeeded") && !phase.equals("Failed")) {
      reason = "Terminating";
    }

    String restartsText = Integer.toString(restarts);
    if (restarts != 0 && lastRestart != null) {
      restartsText = restarts + " (" + HumanDuration.format(Duration.between(lastRestart, now)) + " ago)";
    }

    ArrayNode cells = JSON.arrayNode();
    cells.add(pod.path("metadata").path("name").asText());
    cells.add(readyContainers + "/" + totalContainers);
    cells.add(reason);
    cells.add(restartsText);
    cells.add(Tables.age(pod, now));
    JsonNode podIps = status.path("podIPs");
    String ip = podIps.size() > 0 ? podIps.get(0).path("ip").asText("") : "";
    cells.add(ip.isEmpty() ? "<none>" : ip);
    cells.add(orNone(spec.path("nodeName").asText("")));
    cells.add(orNone(status.path("nominatedNodeName").asText("")));
    cells.add(readinessGates(spec, status));
    return cells;
  }

  /** A restartable init container: a sidecar that runs alongside the app containers. */
  private static boolean isSidecar(JsonNode initContainer) {
    return initContainer != null && initContainer.path("restartPolicy").asText("").equals("Always");
  }

  private static Instant finishedAt(JsonNode lastState) {
    String t = lastState.path("terminated").path("finishedAt").asText("");
    return t.isEmpty() ? null : Instant.parse(t);
  }

  private static Instant later(Instant a, Instant b) {
    if (b == null) {
      return a;
    }
    return a == null || a.isBefore(b) ? b : a;
  }

  private static boolean conditionTrue(JsonNode status, String type) {
    for (JsonNode c : status.path("conditions")) {
      if (c.path("type").asText().equals(type) && c.path("status").asText().equals("True")) {
        return true;
      }
    }
    return false;
  }

  private static String readinessGates(JsonNode spec, JsonNode status) {
    JsonNode gates = spec.path("readinessGates");
    if (gates.size() == 0) {
      return "<none>";
    }
    int trueConditions = 0;
    for (JsonNode gate : gates) {
      for (JsonNode c : status.path("conditions")) {
        if (c.path("type").asText().equals(gate.path("conditionType").asText())) {
          if (c.path("status").asText().equals("True")) {
            trueConditions++;
          }
          break;
        }
      }
    }
    return trueConditions + "/" + gates.size();
  }

  private static String orNone(String s) {
    return s.isEmpty() ? "<none>" : s;
  }

  /** Conditions of the row of a finished pod, as the real printer adds them. */
  static List<Map<String, String>> rowConditions(JsonNode pod) {
    return switch (pod.path("status").path("phase").asText("")) {
      case "Succeeded" -> List.of(Map.of("type", "Completed", "status", "True", "reason", "Succeeded",
          "message", "The pod has completed successfully."));
      case "Failed" -> List.of(Map.of("type", "Completed", "status", "True", "reason", "Failed",
          "message", "The pod failed."));
      default -> List.of();
    };
  }
}
