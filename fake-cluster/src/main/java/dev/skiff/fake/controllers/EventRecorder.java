package dev.skiff.fake.controllers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;

/**
 * Writes core v1 Events as client-go's event recorder does, so {@code kubectl describe} shows what a component
 * did: name {@code <object>.<hex nanoseconds>}, the involved object, reason, message, source component and
 * counts. A refused event (its namespace is being deleted, say) is dropped, as the real recorder drops it.
 */
final class EventRecorder {
  private final ApiClient client;
  private final String component;
  private final Clock clock;
  private long lastNanos;

  /**
   * Creates a recorder.
   *
   * @param client the component's client
   * @param component the source component, e.g. {@code replication-controller}
   * @param clock the time of the events
   */
  EventRecorder(ApiClient client, String component, Clock clock) {
    this.client = client;
    this.component = component;
    this.clock = clock;
  }

  /** A {@code Normal} event. */
  void normal(JsonNode object, String reason, String message) {
    record(object, "Normal", reason, message, null);
  }

  /** A {@code Warning} event. */
  void warning(JsonNode object, String reason, String message) {
    record(object, "Warning", reason, message, null);
  }

  /**
   * An event about an object.
   *
   * @param object the involved object
   * @param type {@code Normal} or {@code Warning}
   * @param host the node the component runs on (kubelet events), or null
   */
  void record(JsonNode object, String type, String reason, String message, String host) {
    JsonNode meta = object.path("metadata");
    String ns = meta.path("namespace").asText("");
    if (ns.isEmpty()) {
      ns = "default"; // events about cluster-scoped objects go to default, as the recorder puts them
    }
    Instant now = clock.instant();
    long nanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
    synchronized (this) {
      nanos = Math.max(nanos, lastNanos + 1); // names stay unique when the clock does not move
      lastNanos = nanos;
    }
    String time = Json.timestamp(now);
    ObjectNode event = Json.F.objectNode().put("kind", "Event").put("apiVersion", "v1");
    event.putObject("metadata").put("name", meta.path("name").asText() + "." + Long.toHexString(nanos))
        .put("namespace", ns);
    ObjectNode involved = event.putObject("involvedObject");
    involved.put("kind", object.path("kind").asText());
    if (!meta.path("namespace").asText("").isEmpty()) {
      involved.put("namespace", meta.path("namespace").asText());
    }
    involved.put("name", meta.path("name").asText());
    involved.put("uid", meta.path("uid").asText());
    involved.put("apiVersion", object.path("apiVersion").asText());
    involved.put("resourceVersion", meta.path("resourceVersion").asText());
    event.put("reason", reason).put("message", message);
    ObjectNode source = event.putObject("source").put("component", component);
    if (host != null) {
      source.put("host", host);
    }
    event.put("firstTimestamp", time).put("lastTimestamp", time).put("count", 1).put("type", type);
    event.putNull("eventTime");
    event.put("reportingComponent", component).put("reportingInstance", host == null ? "" : host);
    client.create(Kinds.EVENT, ns, event);
  }
}
