package dev.skiff.fake.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.model.Selector;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** The {@code scale} subresource's view of a workload: an {@code autoscaling/v1 Scale}. */
final class Scales {
  private Scales() {}

  /** The Scale of a replication controller, replica set or deployment. */
  static ObjectNode toScale(ServedResource r, ObjectNode object) {
    ObjectNode scale = JsonNodeFactory.instance.objectNode();
    scale.put("kind", "Scale").put("apiVersion", "autoscaling/v1");
    ObjectNode meta = scale.putObject("metadata");
    JsonNode m = object.path("metadata");
    for (String k : List.of("name", "namespace", "uid", "resourceVersion", "creationTimestamp")) {
      if (m.has(k)) {
        meta.set(k, m.get(k));
      }
    }
    JsonNode replicas = object.path("spec").path("replicas");
    ObjectNode spec = scale.putObject("spec");
    if (replicas.isNumber()) {
      spec.put("replicas", replicas.asInt());
    }
    ObjectNode status = scale.putObject("status");
    status.put("replicas", object.path("status").path("replicas").asInt(0));
    String selector = selectorText(r, object.path("spec").path("selector"));
    if (!selector.isEmpty()) {
      status.put("selector", selector);
    }
    return scale;
  }

  /** A selector as text: a map for replication controllers, a LabelSelector for apps kinds. */
  private static String selectorText(ServedResource r, JsonNode selector) {
    Selector.Builder b = Selector.builder();
    boolean labelSelector = !r.kind().equals("ReplicationController");
    JsonNode labels = labelSelector ? selector.path("matchLabels") : selector;
    for (Iterator<Map.Entry<String, JsonNode>> it = labels.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      b.equal(e.getKey(), e.getValue().asText());
    }
    if (labelSelector) {
      for (JsonNode expr : selector.path("matchExpressions")) {
        List<String> values = new ArrayList<>();
        expr.path("values").forEach(v -> values.add(v.asText()));
        String key = expr.path("key").asText();
        switch (expr.path("operator").asText()) {
          case "In":
            b.in(key, values.toArray(new String[0]));
            break;
          case "NotIn":
            b.notIn(key, values.toArray(new String[0]));
            break;
          case "Exists":
            b.exists(key);
            break;
          case "DoesNotExist":
            b.doesNotExist(key);
            break;
          default:
            break;
        }
      }
    }
    try {
      return b.build().toString();
    } catch (IllegalArgumentException e) {
      return "";
    }
  }
}
