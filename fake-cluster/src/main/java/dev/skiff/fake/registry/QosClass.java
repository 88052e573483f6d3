package dev.skiff.fake.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.model.InvalidQuantityException;
import dev.skiff.model.Quantity;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A pod's quality-of-service class as Go's {@code qos.GetPodQOS} computes it from CPU and memory requests and
 * limits: {@code Guaranteed}, {@code Burstable} or {@code BestEffort}.
 */
final class QosClass {
  private static final Set<String> QOS_RESOURCES = Set.of("cpu", "memory");

  private QosClass() {}

  /** The class of a pod spec; pod-level resources, when set, decide instead of the containers. */
  static String of(ObjectNode spec) {
    Map<String, BigDecimal> requests = new HashMap<>();
    Map<String, BigDecimal> limits = new HashMap<>();
    boolean guaranteed = true;
    ObjectNode podResources = Nodes.object(spec, "resources");
    if (podResources != null && (!Nodes.isEmpty(podResources, "requests") || !Nodes.isEmpty(podResources, "limits"))) {
      add(Nodes.object(podResources, "requests"), requests, null);
      if (!Nodes.isEmpty(podResources, "limits")) {
        Set<String> found = new HashSet<>();
        add(Nodes.object(podResources, "limits"), limits, found);
        guaranteed = found.containsAll(QOS_RESOURCES);
      }
    } else {
      for (String list : List.of("containers", "initContainers")) {
        for (ObjectNode c : Nodes.objects(spec, list)) {
          ObjectNode resources = Nodes.object(c, "resources");
          add(Nodes.object(resources, "requests"), requests, null);
          Set<String> found = new HashSet<>();
          add(Nodes.object(resources, "limits"), limits, found);
          if (!found.containsAll(QOS_RESOURCES)) {
            guaranteed = false;
          }
        }
      }
    }
    if (requests.isEmpty() && limits.isEmpty()) {
      return "BestEffort";
    }
    if (guaranteed) {
      for (Map.Entry<String, BigDecimal> e : requests.entrySet()) {
        BigDecimal limit = limits.get(e.getKey());
        if (limit == null || limit.compareTo(e.getValue()) != 0) {
          guaranteed = false;
          break;
        }
      }
    }
    return guaranteed && requests.size() == limits.size() ? "Guaranteed" : "Burstable";
  }

  /** Sums the positive CPU and memory quantities of a resource list into {@code into}. */
  private static void add(ObjectNode list, Map<String, BigDecimal> into, Set<String> found) {
    if (list == null) {
      return;
    }
    Iterator<Map.Entry<String, JsonNode>> it = list.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!QOS_RESOURCES.contains(e.getKey())) {
        continue;
      }
      BigDecimal value;
      try {
        value = Quantity.parse(e.getValue().asText()).toBigDecimal();
      } catch (InvalidQuantityException ex) {
        continue;
      }
      if (value.signum() > 0) {
        into.merge(e.getKey(), value, BigDecimal::add);
        if (found != null) {
          found.add(e.getKey());
        }
      }
    }
  }
}
