package dev.skiff.fake.controllers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.model.Selector;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The endpoints controller: for every Service with a selector, an Endpoints object of the same name whose one
 * subset lists the selected pods that have an IP, ready ones under {@code addresses} and the others under
 * {@code notReadyAddresses}, with the service's ports resolved against each pod's container ports. Services
 * without a selector are left alone (their Endpoints are the user's); a deleted service's Endpoints go too.
 */
final class EndpointsController extends Controller {
  static final String MANAGED_BY = "endpoints.kubernetes.io/managed-by";
  static final String TRIGGER_TIME = "endpoints.kubernetes.io/last-change-trigger-time";
  static final String HEADLESS = "service.kubernetes.io/headless";

  private final ApiClient client;
  private final Clock clock;

  /**
   * Creates the controller.
   *
   * @param client the controller-manager's client
   * @param clock the time written as the last change's trigger time
   */
  EndpointsController(ApiClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  @Override
  public String name() {
    return "endpoint";
  }

  @Override
  void start() {
    watch(Kinds.SERVICE, (type, s) -> enqueue(s.namespace() + "/" + s.name()));
    watch(Kinds.POD, (type, pod) -> {
      for (ObjectNode service : client.list(Kinds.SERVICE, pod.namespace(), o -> true)) {
        enqueue(Json.key(service));
      }
    });
    watch(Kinds.ENDPOINTS, (type, e) -> enqueue(e.namespace() + "/" + e.name()));
  }

  @Override
  void reconcile(String key) {
    int slash = key.indexOf('/');
    String ns = key.substring(0, slash);
    String name = key.substring(slash + 1);
    ObjectNode service = client.get(Kinds.SERVICE, ns, name).orElse(null);
    ObjectNode current = client.get(Kinds.ENDPOINTS, ns, name).orElse(null);
    if (service == null) {
      if (current != null && EndpointsController.managed(current)) {
        client.delete(Kinds.ENDPOINTS, ns, name, null, null, current.path("metadata").path("uid").asText());
      }
      return;
    }
    Map<String, String> selectorLabels = Json.stringMap(service.path("spec").get("selector"));
    if (selectorLabels.isEmpty()) {
      return;
    }
    Selector selector = Selector.fromParts(selectorLabels, null);
    boolean publishNotReady = service.path("spec").path("publishNotReadyAddresses").asBoolean(false);
    ArrayNode ready = Json.F.arrayNode();
    ArrayNode notReady = Json.F.arrayNode();
    ArrayNode ports = null;
    for (ObjectNode pod : client.list(Kinds.POD, ns, o -> selector.matches(o.labels()))) {
      String ip = pod.path("status").path("podIP").asText("");
      if (ip.isEmpty() || (!publishNotReady && Json.deleting(pod)) || !shouldBeInEndpoints(pod)) {
        continue;
      }
      ArrayNode podPorts = resolvePorts(service, pod);
      if (podPorts == null) {
        continue;
      }
      ports = ports == null ? podPorts : ports;
      ObjectNode address = Json.F.objectNode().put("ip", ip);
      String node = pod.path("spec").path("nodeName").asText("");
      if (!node.isEmpty()) {
        address.put("nodeName", node);
      }
      address.putObject("targetRef").put("kind", "Pod").put("namespace", ns)
          .put("name", pod.path("metadata").path("name").asText())
          .put("uid", pod.path("metadata").path("uid").asText());
      (Json.podReady(pod) || publishNotReady ? ready : notReady).add(address);
    }
    ArrayNode subsets = Json.F.arrayNode();
    if (ready.size() + notReady.size() > 0) {
      ObjectNode subset = subsets.addObject();
      if (ready.size() > 0) {
        subset.set("addresses", sortedByIp(ready));
      }
      if (notReady.size() > 0) {
        subset.set("notReadyAddresses", sortedByIp(notReady));
      }
      if (ports != null && ports.size() > 0) {
        subset.set("ports", ports);
      }
    }
    java.util.TreeMap<String, String> sorted = new java.util.TreeMap<>(Json.stringMap(service.path("metadata")
        .get("labels")));
    sorted.put(MANAGED_BY, "endpoint-controller");
    if (service.path("spec").path("clusterIP").asText("").equals("None")) {
      sorted.put(HEADLESS, "");
    }
    ObjectNode labels = Json.F.objectNode(); // sorted, as Go writes maps
    sorted.forEach(labels::put);
    boolean sameSubsets = subsets.isEmpty() ? current != null && current.path("subsets").size() == 0
        : current != null && current.path("subsets").equals(subsets);
    if (sameSubsets && current.path("metadata").path("labels").equals(labels)) {
      return;
    }
    ObjectNode endpoints = current != null ? current : Json.F.objectNode().put("kind", "Endpoints")
        .put("apiVersion", "v1");
    ObjectNode meta = endpoints.with("metadata");
    meta.put("name", name).put("namespace", ns);
    meta.set("labels", labels);
    meta.with("annotations").put(TRIGGER_TIME, current == null
        ? service.path("metadata").path("creationTimestamp").asText(Json.timestamp(clock.instant()))
        : Json.timestamp(clock.instant()));
    if (subsets.isEmpty()) {
      endpoints.remove("subsets");
    } else {
      endpoints.set("subsets", subsets);
    }
    ApiResponse r = current == null ? client.create(Kinds.ENDPOINTS, ns, endpoints)
        : client.update(Kinds.ENDPOINTS, endpoints);
    if (r.status() == 409) {
      retry(key);
    }
  }

  private static boolean managed(JsonNode endpoints) {
    return endpoints.path("metadata").path("labels").path(MANAGED_BY).asText("").equals("endpoint-controller");
  }

  /** {@code ShouldPodBeInEndpoints}: finished pods that will not restart are left out. */
  private static boolean shouldBeInEndpoints(JsonNode pod) {
    String phase = pod.path("status").path("phase").asText("");
    String policy = pod.path("spec").path("restartPolicy").asText("Always");
    if (policy.equals("Never")) {
      return !phase.equals("Failed") && !phase.equals("Succeeded");
    }
    if (policy.equals("OnFailure")) {
      return !phase.equals("Succeeded");
    }
    return true;
  }

  /**
   * The endpoint ports of one pod: each service port's {@code targetPort}, a number as is or a name looked up
   * among the pod's container ports; null when a named port is missing (the pod is then left out).
   */
  private static ArrayNode resolvePorts(JsonNode service, JsonNode pod) {
    ArrayNode out = Json.F.arrayNode();
    for (JsonNode sp : service.path("spec").path("ports")) {
      JsonNode target = sp.get("targetPort");
      int port;
      if (target == null || target.isNull()) {
        port = sp.path("port").asInt();
      } else if (target.isNumber()) {
        port = target.asInt();
      } else {
        port = namedPort(pod, target.asText(), sp.path("protocol").asText("TCP"));
        if (port < 0) {
          return null;
        }
      }
      ObjectNode ep = out.addObject();
      if (!sp.path("name").asText("").isEmpty()) {
        ep.put("name", sp.get("name").asText());
      }
      ep.put("port", port).put("protocol", sp.path("protocol").asText("TCP"));
      if (sp.hasNonNull("appProtocol")) {
        ep.set("appProtocol", sp.get("appProtocol"));
      }
    }
    return out;
  }

  private static int namedPort(JsonNode pod, String name, String protocol) {
    for (JsonNode c : pod.path("spec").path("containers")) {
      for (JsonNode p : c.path("ports")) {
        if (p.path("name").asText().equals(name) && p.path("protocol").asText("TCP").equals(protocol)) {
          return p.path("containerPort").asInt();
        }
      }
    }
    return -1;
  }

  private static ArrayNode sortedByIp(ArrayNode addresses) {
    List<JsonNode> list = new ArrayList<>();
    addresses.forEach(list::add);
    list.sort(Comparator.comparing((JsonNode a) -> ipKey(a.path("ip").asText()))
        .thenComparing(a -> a.path("targetRef").path("uid").asText()));
    ArrayNode out = Json.F.arrayNode();
    list.forEach(out::add);
    return out;
  }

  /** An IPv4 address as a sortable number; other forms sort by text after. */
  private static long ipKey(String ip) {
    String[] parts = ip.split("\\.");
    if (parts.length != 4) {
      return Long.MAX_VALUE;
    }
    long v = 0;
    for (String p : parts) {
      v = v * 256 + Integer.parseInt(p);
    }
    return v;
  }
}
