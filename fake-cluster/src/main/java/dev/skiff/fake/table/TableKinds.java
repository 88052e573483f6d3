package dev.skiff.fake.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.BiFunction;

/**
 * The columns and row printers of kube-apiserver's Tables per kind (the server prints with
 * {@code wide} on, so every column, priority 1 included, has a cell). Kinds without a printer get the
 * server's default: Name and Created At.
 */
final class TableKinds {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  /**
   * One column definition.
   *
   * @param name header, e.g. {@code Nominated Node}
   * @param type {@code string}, {@code integer} or {@code date}
   * @param format {@code name} for the object's name column, else empty
   * @param description what the column shows
   * @param priority 0 for default columns, 1 for {@code -o wide} columns
   */
  record Column(String name, String type, String format, String description, int priority) {

    /** The column as a {@code TableColumnDefinition}. */
    ObjectNode toJson() {
      ObjectNode o = JSON.objectNode();
      o.put("name", name);
      o.put("type", type);
      o.put("format", format);
      o.put("description", description);
      o.put("priority", priority);
      return o;
    }
  }

  /**
   * A kind's Table layout.
   *
   * @param columns the column definitions
   * @param cells the cells of one object's row, given the current time
   */
  record Layout(List<Column> columns, BiFunction<JsonNode, Instant, ArrayNode> cells) {}

  private static final Column NAME = new Column("Name", "string", "name", ColumnDocs.OBJECT_NAME, 0);
  private static final Column AGE = col("Age", ColumnDocs.CREATION_TIMESTAMP);
  private static final Column CONTAINERS = new Column("Containers", "string", "",
      "Names of each container in the template.", 1);
  private static final Column IMAGES = new Column("Images", "string", "",
      "Images referenced by each container in the template.", 1);

  private static final Map<String, Layout> LAYOUTS = Map.ofEntries(
      Map.entry("Pod", new Layout(List.of(NAME,
          col("Ready", "The aggregate readiness state of this pod for accepting traffic."),
          col("Status", "The aggregate status of the containers in this pod."),
          col("Restarts", "The number of times the containers in this pod have been restarted and when the last"
              + " container in this pod has restarted."),
          AGE,
          wide("IP", ColumnDocs.POD_IP), wide("Node", ColumnDocs.POD_NODE_NAME),
          wide("Nominated Node", ColumnDocs.POD_NOMINATED_NODE_NAME),
          wide("Readiness Gates", ColumnDocs.POD_READINESS_GATES)), PodRow::cells)),
      Map.entry("ReplicationController", new Layout(List.of(NAME,
          integer("Desired", ColumnDocs.RC_SPEC_REPLICAS), integer("Current", ColumnDocs.RC_STATUS_REPLICAS),
          integer("Ready", ColumnDocs.RC_READY_REPLICAS), AGE, CONTAINERS, IMAGES,
          wide("Selector", ColumnDocs.RC_SELECTOR)), TableKinds::replicationController)),
      Map.entry("ReplicaSet", new Layout(List.of(NAME,
          integer("Desired", ColumnDocs.RS_SPEC_REPLICAS), integer("Current", ColumnDocs.RS_STATUS_REPLICAS),
          integer("Ready", ColumnDocs.RS_READY_REPLICAS), AGE, CONTAINERS, IMAGES,
          wide("Selector", ColumnDocs.RS_SELECTOR)), TableKinds::replicaSet)),
      Map.entry("Deployment", new Layout(List.of(NAME,
          col("Ready", "Number of the pod with ready state"),
          col("Up-to-date", ColumnDocs.DEPLOYMENT_UPDATED_REPLICAS),
          col("Available", ColumnDocs.DEPLOYMENT_AVAILABLE_REPLICAS), AGE, CONTAINERS, IMAGES,
          wide("Selector", ColumnDocs.DEPLOYMENT_SELECTOR)), TableKinds::deployment)),
      Map.entry("Service", new Layout(List.of(NAME, col("Type", ColumnDocs.SERVICE_TYPE),
          col("Cluster-IP", ColumnDocs.SERVICE_CLUSTER_IP), col("External-IP", ColumnDocs.SERVICE_EXTERNAL_IPS),
          col("Port(s)", ColumnDocs.SERVICE_PORTS), AGE, wide("Selector", ColumnDocs.SERVICE_SELECTOR)),
          TableKinds::service)),
      Map.entry("Endpoints", new Layout(List.of(NAME, col("Endpoints", ColumnDocs.ENDPOINTS_SUBSETS), AGE),
          TableKinds::endpoints)),
      Map.entry("Node", new Layout(List.of(NAME, col("Status", "The status of the node"),
          col("Roles", "The roles of the node"), AGE, col("Version", ColumnDocs.NODE_KUBELET_VERSION),
          wide("Internal-IP", ColumnDocs.NODE_ADDRESSES), wide("External-IP", ColumnDocs.NODE_ADDRESSES),
          wide("OS-Image", ColumnDocs.NODE_OS_IMAGE), wide("Kernel-Version", ColumnDocs.NODE_KERNEL_VERSION),
          wide("Container-Runtime", ColumnDocs.NODE_CONTAINER_RUNTIME)), TableKinds::node)),
      Map.entry("Event", new Layout(List.of(col("Last Seen", ColumnDocs.EVENT_LAST_TIMESTAMP),
          col("Type", ColumnDocs.EVENT_TYPE), col("Reason", ColumnDocs.EVENT_REASON),
          col("Object", ColumnDocs.EVENT_INVOLVED_OBJECT),
          wide("Subobject", ColumnDocs.OBJECT_REFERENCE_FIELD_PATH), wide("Source", ColumnDocs.EVENT_SOURCE),
          col("Message", ColumnDocs.EVENT_MESSAGE), wide("First Seen", ColumnDocs.EVENT_FIRST_TIMESTAMP),
          wide("Count", ColumnDocs.EVENT_COUNT),
          new Column("Name", "string", "name", ColumnDocs.OBJECT_NAME, 1)), TableKinds::event)),
      Map.entry("Namespace", new Layout(List.of(NAME, col("Status", "The status of the namespace"), AGE),
          (o, now) -> cells(name(o), o.path("status").path("phase").asText(""), Tables.age(o, now)))),
      Map.entry("Secret", new Layout(List.of(NAME, col("Type", ColumnDocs.SECRET_TYPE),
          col("Data", ColumnDocs.SECRET_DATA), AGE),
          (o, now) -> cells(name(o), o.path("type").asText(""), (long) o.path("data").size(), Tables.age(o, now)))),
      Map.entry("ConfigMap", new Layout(List.of(NAME, col("Data", ColumnDocs.CONFIG_MAP_DATA), AGE),
          (o, now) -> cells(name(o), (long) (o.path("data").size() + o.path("binaryData").size()),
              Tables.age(o, now)))),
      Map.entry("ServiceAccount", new Layout(List.of(NAME, col("Secrets", ColumnDocs.SERVICE_ACCOUNT_SECRETS), AGE),
          (o, now) -> cells(name(o), (long) o.path("secrets").size(), Tables.age(o, now)))),
      Map.entry("Lease", new Layout(List.of(NAME, col("Holder", ColumnDocs.LEASE_HOLDER_IDENTITY), AGE),
          (o, now) -> cells(name(o), o.path("spec").path("holderIdentity").asText(""), Tables.age(o, now)))));

  /** The server's default layout for kinds without a printer: Name and Created At (RFC 3339). */
  private static final Layout DEFAULT = new Layout(List.of(NAME,
      new Column("Created At", "date", "", ColumnDocs.CREATION_TIMESTAMP, 0)),
      (o, now) -> cells(name(o), o.path("metadata").path("creationTimestamp").asText("")));

  private TableKinds() {}

  /** The layout of a kind, the default one for kinds without their own. */
  static Layout layout(String kind) {
    return LAYOUTS.getOrDefault(kind, DEFAULT);
  }

  private static Column col(String name, String description) {
    return new Column(name, "string", "", description, 0);
  }

  private static Column integer(String name, String description) {
    return new Column(name, "integer", "", description, 0);
  }

  private static Column wide(String name, String description) {
    return new Column(name, "string", "", description, 1);
  }

  private static String name(JsonNode o) {
    return o.path("metadata").path("name").asText("");
  }

  /** A row of cells: strings and integers. */
  private static ArrayNode cells(Object... values) {
    ArrayNode a = JSON.arrayNode();
    for (Object v : values) {
      if (v instanceof Long l) {
        a.add(l);
      } else {
        a.add((String) v);
      }
    }
    return a;
  }

  /** Container names and images of a pod template, each joined with commas. */
  private static String[] containerCells(JsonNode template) {
    List<String> names = new ArrayList<>();
    List<String> images = new ArrayList<>();
    for (JsonNode c : template.path("spec").path("containers")) {
      names.add(c.path("name").asText(""));
      images.add(c.path("image").asText(""));
    }
    return new String[] {String.join(",", names), String.join(",", images)};
  }

  private static ArrayNode replicationController(JsonNode o, Instant now) {
    String[] c = containerCells(o.path("spec").path("template"));
    return cells(name(o), o.path("spec").path("replicas").asLong(0), o.path("status").path("replicas").asLong(0),
        o.path("status").path("readyReplicas").asLong(0), Tables.age(o, now), c[0], c[1],
        SelectorText.labels(o.path("spec").path("selector")));
  }

  private static ArrayNode replicaSet(JsonNode o, Instant now) {
    String[] c = containerCells(o.path("spec").path("template"));
    return cells(name(o), o.path("spec").path("replicas").asLong(0), o.path("status").path("replicas").asLong(0),
        o.path("status").path("readyReplicas").asLong(0), Tables.age(o, now), c[0], c[1],
        SelectorText.labelSelector(o.path("spec").path("selector")));
  }

  private static ArrayNode deployment(JsonNode o, Instant now) {
    String[] c = containerCells(o.path("spec").path("template"));
    JsonNode status = o.path("status");
    return cells(name(o), status.path("readyReplicas").asLong(0) + "/" + o.path("spec").path("replicas").asLong(0),
        status.path("updatedReplicas").asLong(0), status.path("availableReplicas").asLong(0), Tables.age(o, now),
        c[0], c[1], SelectorText.selectorString(o.path("spec").path("selector")));
  }

  private static ArrayNode service(JsonNode o, Instant now) {
    JsonNode spec = o.path("spec");
    String clusterIp = spec.path("clusterIPs").size() > 0 ? spec.path("clusterIPs").get(0).asText() : "<none>";
    List<String> ports = new ArrayList<>();
    for (JsonNode p : spec.path("ports")) {
      String protocol = p.path("protocol").asText("");
      long nodePort = p.path("nodePort").asLong(0);
      ports.add(nodePort > 0 ? p.path("port").asLong() + ":" + nodePort + "/" + protocol
          : p.path("port").asLong() + "/" + protocol);
    }
    return cells(name(o), spec.path("type").asText(""), clusterIp, externalIp(o), ports.isEmpty() ? "<none>"
        : String.join(",", ports), Tables.age(o, now), SelectorText.labels(spec.path("selector")));
  }

  private static String externalIp(JsonNode svc) {
    JsonNode spec = svc.path("spec");
    List<String> externalIps = new ArrayList<>();
    spec.path("externalIPs").forEach(ip -> externalIps.add(ip.asText()));
    switch (spec.path("type").asText("")) {
      case "ClusterIP", "NodePort" -> {
        return externalIps.isEmpty() ? "<none>" : String.join(",", externalIps);
      }
      case "LoadBalancer" -> {
        // A set of ingress points, in the printer's (Go map) order; sorted here for determinism.
        TreeSet<String> lb = new TreeSet<>();
        for (JsonNode in : svc.path("status").path("loadBalancer").path("ingress")) {
          String v = in.path("ip").asText("").isEmpty() ? in.path("hostname").asText("") : in.path("ip").asText();
          if (!v.isEmpty()) {
            lb.add(v);
          }
        }
        List<String> all = new ArrayList<>(lb);
        all.addAll(externalIps);
        if (!all.isEmpty()) {
          return String.join(",", all);
        }
        return "<pending>";
      }
      case "ExternalName" -> {
        return spec.path("externalName").asText("");
      }
      default -> {
        return "<unknown>";
      }
    }
  }

  private static ArrayNode endpoints(JsonNode o, Instant now) {
    return cells(name(o), endpointsText(o.path("subsets")), Tables.age(o, now));
  }

  /** At most three {@code ip:port} endpoints and a {@code + N more...} suffix; {@code <none>} without subsets. */
  private static String endpointsText(JsonNode subsets) {
    if (subsets.size() == 0) {
      return "<none>";
    }
    int max = 3;
    List<String> list = new ArrayList<>();
    boolean more = false;
    int count = 0;
    for (JsonNode ss : subsets) {
      JsonNode addresses = ss.path("addresses");
      if (ss.path("ports").size() == 0) {
        count += addresses.size();
        for (JsonNode a : addresses) {
          if (list.size() == max) {
            more = true;
            break;
          }
          list.add(a.path("ip").asText());
        }
        continue;
      }
      for (JsonNode port : ss.path("ports")) {
        count += addresses.size();
        for (JsonNode a : addresses) {
          if (list.size() == max) {
            more = true;
            break;
          }
          String ip = a.path("ip").asText();
          String host = ip.contains(":") ? "[" + ip + "]" : ip;
          list.add(host + ":" + port.path("port").asLong());
        }
      }
    }
    String text = String.join(",", list);
    return more ? text + " + " + (count - max) + " more..." : text;
  }

  private static ArrayNode node(JsonNode o, Instant now) {
    List<String> status = new ArrayList<>();
    for (JsonNode c : o.path("status").path("conditions")) {
      if (c.path("type").asText().equals("Ready")) {
        status.add(c.path("status").asText().equals("True") ? "Ready" : "NotReady");
      }
    }
    if (status.isEmpty()) {
      status.add("Unknown");
    }
    if (o.path("spec").path("unschedulable").asBoolean(false)) {
      status.add("SchedulingDisabled");
    }
    TreeSet<String> roles = new TreeSet<>();
    o.path("metadata").path("labels").fields().forEachRemaining(e -> {
      if (e.getKey().startsWith("node-role.kubernetes.io/")) {
        String role = e.getKey().substring("node-role.kubernetes.io/".length());
        if (!role.isEmpty()) {
          roles.add(role);
        }
      } else if (e.getKey().equals("kubernetes.io/role") && !e.getValue().asText().isEmpty()) {
        roles.add(e.getValue().asText());
      }
    });
    JsonNode info = o.path("status").path("nodeInfo");
    return cells(name(o), String.join(",", status), roles.isEmpty() ? "<none>" : String.join(",", roles),
        Tables.age(o, now), info.path("kubeletVersion").asText(""), nodeAddress(o, "InternalIP"),
        nodeAddress(o, "ExternalIP"), orUnknown(info.path("osImage").asText("")),
        orUnknown(info.path("kernelVersion").asText("")), orUnknown(info.path("containerRuntimeVersion").asText("")));
  }

  private static String nodeAddress(JsonNode node, String type) {
    for (JsonNode a : node.path("status").path("addresses")) {
      if (a.path("type").asText().equals(type)) {
        return a.path("address").asText();
      }
    }
    return "<none>";
  }

  private static String orUnknown(String s) {
    return s.isEmpty() ? "<unknown>" : s;
  }

  private static ArrayNode event(JsonNode o, Instant now) {
    String first = Tables.since(o.path("firstTimestamp").asText(""), now);
    if (o.path("firstTimestamp").asText("").isEmpty()) {
      first = Tables.since(o.path("eventTime").asText(""), now);
    }
    String last = o.path("lastTimestamp").asText("").isEmpty() ? first
        : Tables.since(o.path("lastTimestamp").asText(""), now);
    long count = o.path("count").asLong(0);
    if (o.path("series").isObject()) {
      last = Tables.since(o.path("series").path("lastObservedTime").asText(""), now);
      count = o.path("series").path("count").asLong(0);
    } else if (count == 0) {
      // Events of the events.k8s.io API have no count when they happened once.
      count = 1;
    }
    JsonNode involved = o.path("involvedObject");
    String kind = involved.path("kind").asText("").toLowerCase(java.util.Locale.ROOT);
    String target = involved.path("name").asText("").isEmpty() ? kind : kind + "/" + involved.path("name").asText();
    String component = firstNonEmpty(o.path("source").path("component").asText(""),
        o.path("reportingComponent").asText(""));
    String instance = firstNonEmpty(o.path("source").path("host").asText(""), o.path("reportingInstance").asText(""));
    String source = instance.isEmpty() ? component : component + ", " + instance;
    return cells(last, o.path("type").asText(""), o.path("reason").asText(""), target,
        involved.path("fieldPath").asText(""), source, o.path("message").asText("").strip(), first, count, name(o));
  }

  private static String firstNonEmpty(String a, String b) {
    return a.isEmpty() ? b : a;
  }
}
