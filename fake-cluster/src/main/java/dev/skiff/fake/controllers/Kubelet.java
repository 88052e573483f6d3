package dev.skiff.fake.controllers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.fake.api.PodLogs;
import dev.skiff.model.Selector;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The kubelet stand-in of every node: registers the nodes ({@code node-1}..{@code node-N}, pod CIDR
 * {@code 10.244.N.0/24}, Ready, with capacity), starts the pods bound to them (phase {@code Running}, a pod IP of
 * the node's CIDR, host IP, Ready conditions, running container statuses and {@code Pulled}/{@code Created}/
 * {@code Started} events), finishes graceful deletions, and serves {@code pods/{name}/log}.
 *
 * <p>Containers never end on their own; a test decides: {@link #hold(String)} keeps pods Pending,
 * {@link #fail(String, String)} and {@link #complete(String, String)} end a pod's containers with exit code 1
 * or 0, after which {@code restartPolicy} decides between a restart (restart count + 1, last state terminated)
 * and the phase {@code Failed} or {@code Succeeded}. {@link #setLog(String, String, String)} sets a pod's log.
 */
public final class Kubelet extends Controller {
  static final String USER_AGENT = "kubelet/v1.34.0 (linux/amd64) kubernetes";
  private static final System.Logger LOG = System.getLogger(Kubelet.class.getName());

  private final ApiClient client;
  private final Clock clock;
  private final int nodeCount;
  private final PodNetwork network = new PodNetwork();
  private final List<Selector> holds = new CopyOnWriteArrayList<>();
  /** pod key -> the exit code a test asked its containers to end with. */
  private final Map<String, Integer> exits = new ConcurrentHashMap<>();
  private final Map<String, String> logs = new ConcurrentHashMap<>();
  private final List<String> nodeNames = new ArrayList<>();

  /**
   * Creates the kubelet stand-in.
   *
   * @param client the kubelet's client
   * @param nodes how many nodes to register
   * @param clock the time of timestamps
   */
  Kubelet(ApiClient client, int nodes, Clock clock) {
    if (nodes < 1) {
      throw new IllegalArgumentException("nodes must be at least 1: " + nodes);
    }
    this.client = client;
    this.clock = clock;
    this.nodeCount = nodes;
  }

  @Override
  public String name() {
    return "kubelet";
  }

  /** The names of the nodes this kubelet runs, {@code node-1} first. */
  public List<String> nodeNames() {
    return List.copyOf(nodeNames);
  }

  /**
   * Keeps pods that match a label selector Pending (scheduled, containers waiting in {@code ContainerCreating})
   * until {@link #release(String)}; pods already running are not affected.
   *
   * @param labelSelector e.g. {@code app=web}
   */
  public void hold(String labelSelector) {
    holds.add(Selector.parse(labelSelector));
  }

  /**
   * Lifts a {@link #hold(String)} with the same selector text; the held pods start.
   *
   * @param labelSelector the selector given to {@code hold}
   */
  public void release(String labelSelector) {
    Selector s = Selector.parse(labelSelector);
    holds.remove(s);
    for (ObjectNode pod : client.list(Kinds.POD, null, o -> s.matches(o.labels()))) {
      enqueue(Json.key(pod));
    }
  }

  /**
   * Makes a running pod's containers fail (exit code 1, reason {@code Error}).
   *
   * @param namespace the pod's namespace
   * @param name the pod's name
   */
  public void fail(String namespace, String name) {
    exits.put(namespace + "/" + name, 1);
    enqueue(namespace + "/" + name);
  }

  /**
   * Makes a running pod's containers finish (exit code 0, reason {@code Completed}).
   *
   * @param namespace the pod's namespace
   * @param name the pod's name
   */
  public void complete(String namespace, String name) {
    exits.put(namespace + "/" + name, 0);
    enqueue(namespace + "/" + name);
  }

  /**
   * Sets what {@code GET pods/{name}/log} answers for a pod (every container); empty until set.
   *
   * @param namespace the pod's namespace
   * @param name the pod's name
   * @param text the log text
   */
  public void setLog(String namespace, String name, String text) {
    logs.put(namespace + "/" + name, Objects.requireNonNull(text, "text"));
  }

  /** How many pod IPs are allocated now. */
  public int allocatedPodIps() {
    return network.inUse();
  }

  /** The log source the API server serves {@code pods/{name}/log} from. */
  PodLogs logSource() {
    return (pod, container) -> {
      String name = pod.path("metadata").path("name").asText();
      List<String> names = new ArrayList<>();
      pod.path("spec").path("containers").forEach(c -> names.add(c.path("name").asText()));
      String wanted = container;
      if (wanted.isEmpty()) {
        if (names.size() != 1) {
          return new PodLogs.Answer(400, "a container name must be specified for pod " + name + ", choose one of: "
              + names.toString().replace(",", ""));
        }
        wanted = names.get(0);
      } else if (!names.contains(wanted)) {
        return new PodLogs.Answer(400, "container " + wanted + " is not valid for pod " + name);
      }
      for (JsonNode s : pod.path("status").path("containerStatuses")) {
        if (s.path("name").asText().equals(wanted) && s.path("state").has("waiting")) {
          return new PodLogs.Answer(400, "container \"" + wanted + "\" in pod \"" + name + "\" is waiting to start: "
              + s.path("state").path("waiting").path("reason").asText());
        }
      }
      if (pod.path("status").path("containerStatuses").size() == 0) {
        return new PodLogs.Answer(400, "container \"" + wanted + "\" in pod \"" + name
            + "\" is waiting to start: ContainerCreating");
      }
      return new PodLogs.Answer(200, logs.getOrDefault(Json.key(pod), ""));
    };
  }

  /**
   * Registers the nodes (their objects, then their status), as kubelets do when they start.
   *
   * @param mayReplay whether, on a new server, the writes may be a replay of what the write path stored for the
   *     same nodes on another (see {@link NodeRegistrations}) rather than the kubelet's requests
   */
  void registerNodes(boolean mayReplay) {
    for (int i = 1; i <= nodeCount; i++) {
      String name = "node-" + i;
      nodeNames.add(name);
      network.addNode(name, i);
    }
    if (mayReplay && NodeRegistrations.replay(client.server(), nodeCount, clock)) {
      return;
    }
    for (int i = 1; i <= nodeCount; i++) {
      String name = nodeNames.get(i - 1);
      ObjectNode node = Json.F.objectNode().put("kind", "Node").put("apiVersion", "v1");
      ObjectNode meta = node.putObject("metadata").put("name", name);
      meta.putObject("labels").put("beta.kubernetes.io/arch", "amd64").put("beta.kubernetes.io/os", "linux")
          .put("kubernetes.io/arch", "amd64").put("kubernetes.io/hostname", name).put("kubernetes.io/os", "linux");
      meta.putObject("annotations").put("node.alpha.kubernetes.io/ttl", "0")
          .put("volumes.kubernetes.io/controller-managed-attach-detach", "true");
      ObjectNode spec = node.putObject("spec").put("podCIDR", PodNetwork.cidr(i));
      spec.putArray("podCIDRs").add(PodNetwork.cidr(i));
      ApiResponse created = client.create(Kinds.NODE, "", node);
      if (!created.ok()) {
        // a real kubelet keeps trying; here the server refuses for good (a test's tiny body limit, say)
        LOG.log(System.Logger.Level.WARNING, "cannot register node " + name + ": " + created.message());
        continue;
      }
      ObjectNode stored = created.object();
      stored.set("status", nodeStatus(name, i));
      ApiResponse status = client.updateStatus(Kinds.NODE, stored);
      if (!status.ok()) {
        LOG.log(System.Logger.Level.WARNING, "cannot post the status of node " + name + ": " + status.message());
      }
    }
  }

  private ObjectNode nodeStatus(String name, int index) {
    String now = Json.timestamp(clock.instant());
    ObjectNode status = Json.F.objectNode();
    ObjectNode capacity = status.putObject("capacity").put("cpu", "4").put("ephemeral-storage", "102400Mi")
        .put("hugepages-1Gi", "0").put("hugepages-2Mi", "0").put("memory", "16Gi").put("pods", "110");
    status.set("allocatable", capacity.deepCopy());
    ArrayNode conditions = status.putArray("conditions");
    condition(conditions, "MemoryPressure", "False", now, "KubeletHasSufficientMemory",
        "kubelet has sufficient memory available");
    condition(conditions, "DiskPressure", "False", now, "KubeletHasNoDiskPressure", "kubelet has no disk pressure");
    condition(conditions, "PIDPressure", "False", now, "KubeletHasSufficientPID",
        "kubelet has sufficient PID available");
    condition(conditions, "Ready", "True", now, "KubeletReady", "kubelet is posting ready status");
    ArrayNode addresses = status.putArray("addresses");
    addresses.addObject().put("type", "InternalIP").put("address", hostIp(index));
    addresses.addObject().put("type", "Hostname").put("address", name);
    status.putObject("daemonEndpoints").putObject("kubeletEndpoint").put("Port", 10250);
    status.putObject("nodeInfo").put("machineID", digest("machine " + name).substring(0, 32))
        .put("systemUUID", digest("system " + name).substring(0, 32))
        .put("bootID", digest("boot " + name).substring(0, 32)).put("kernelVersion", "6.8.0")
        .put("osImage", "Debian GNU/Linux 12 (bookworm)").put("containerRuntimeVersion", "containerd://2.1.3")
        .put("kubeletVersion", "v1.34.0").put("kubeProxyVersion", "").put("operatingSystem", "linux")
        .put("architecture", "amd64");
    return status;
  }

  private static void condition(ArrayNode conditions, String type, String status, String time, String reason,
      String message) {
    conditions.addObject().put("type", type).put("status", status).put("lastHeartbeatTime", time)
        .put("lastTransitionTime", time).put("reason", reason).put("message", message);
  }

  private static String hostIp(int index) {
    return "172.18.0." + (index + 1);
  }

  @Override
  void start() {
    watch(Kinds.POD, (type, pod) -> {
      if (type.equals("DELETED")) {
        network.release(pod.uid());
        exits.remove(pod.namespace() + "/" + pod.name());
        return;
      }
      if (nodeNames.contains(pod.fields().getOrDefault("spec.nodeName", ""))) {
        enqueue(pod.namespace() + "/" + pod.name());
      }
    });
  }

  @Override
  void reconcile(String key) {
    int slash = key.indexOf('/');
    String ns = key.substring(0, slash);
    String name = key.substring(slash + 1);
    ObjectNode pod = client.get(Kinds.POD, ns, name).orElse(null);
    if (pod == null) {
      return;
    }
    String nodeName = pod.path("spec").path("nodeName").asText("");
    int index = nodeNames.indexOf(nodeName) + 1;
    if (index == 0) {
      return;
    }
    String uid = pod.path("metadata").path("uid").asText();
    if (Json.deleting(pod)) {
      // the containers stop at once: confirm the graceful deletion, as the kubelet does with a zero grace period
      EventRecorder events = new EventRecorder(client, "kubelet", clock);
      for (JsonNode c : pod.path("status").path("containerStatuses")) {
        if (c.path("state").has("running")) {
          events.record(pod, "Normal", "Killing", "Stopping container " + c.path("name").asText(), nodeName);
        }
      }
      network.release(uid);
      client.delete(Kinds.POD, ns, name, null, 0L, uid);
      return;
    }
    String phase = pod.path("status").path("phase").asText("Pending");
    if (phase.equals("Succeeded") || phase.equals("Failed")) {
      return;
    }
    boolean started = pod.path("status").path("containerStatuses").size() > 0
        && !pod.path("status").path("containerStatuses").get(0).path("state").has("waiting");
    Integer exit = exits.remove(key);
    String now = Json.timestamp(clock.instant());
    if (!started) {
      boolean held = false;
      for (Selector s : holds) {
        held |= s.matches(Json.stringMap(pod.path("metadata").get("labels")));
      }
      if (held) {
        if (pod.path("status").path("containerStatuses").size() == 0) {
          write(pod, pendingStatus(pod, index, now));
        }
        if (exit != null) {
          exits.put(key, exit); // applies once the pod runs
        }
        return;
      }
      String ip = network.allocate(nodeName, uid).orElse(null);
      if (ip == null) {
        return; // the node's range is exhausted: the pod waits, as a real sandbox would fail to start
      }
      if (write(pod, runningStatus(pod, index, ip, now, null, 0))) {
        for (JsonNode c : pod.path("spec").path("containers")) {
          containerStartEvents(pod, c, nodeName);
        }
      }
      if (exit != null) {
        exits.put(key, exit);
        enqueue(key);
      }
      return;
    }
    if (exit != null) {
      end(pod, index, exit, now, nodeName);
    }
  }

  /** Ends the pod's containers with an exit code; restarts them or finishes the pod, as restartPolicy says. */
  private void end(ObjectNode pod, int index, int exitCode, String now, String nodeName) {
    String policy = pod.path("spec").path("restartPolicy").asText("Always");
    boolean restart = policy.equals("Always") || (policy.equals("OnFailure") && exitCode != 0);
    ObjectNode terminated = Json.F.objectNode().put("exitCode", exitCode)
        .put("reason", exitCode == 0 ? "Completed" : "Error");
    ObjectNode status = (ObjectNode) pod.path("status").deepCopy();
    if (restart) {
      String ip = status.path("podIP").asText();
      int restarts = status.path("containerStatuses").path(0).path("restartCount").asInt() + 1;
      ObjectNode next = runningStatus(pod, index, ip, now, terminated, restarts);
      for (int i = 0; i < next.path("containerStatuses").size(); i++) {
        ObjectNode last = (ObjectNode) next.get("containerStatuses").get(i).get("lastState").get("terminated");
        last.put("startedAt", status.path("containerStatuses").path(i).path("state").path("running")
            .path("startedAt").asText(now)).put("finishedAt", now)
            .put("containerID", status.path("containerStatuses").path(i).path("containerID").asText());
      }
      if (write(pod, next)) {
        for (JsonNode c : pod.path("spec").path("containers")) {
          containerStartEvents(pod, c, nodeName);
        }
      }
      return;
    }
    status.put("phase", exitCode == 0 ? "Succeeded" : "Failed");
    for (JsonNode c : status.path("containerStatuses")) {
      ObjectNode cs = (ObjectNode) c;
      String startedAt = cs.path("state").path("running").path("startedAt").asText(now);
      ObjectNode state = cs.putObject("state");
      ObjectNode ended = state.putObject("terminated");
      ended.setAll(terminated.deepCopy());
      ended.put("startedAt", startedAt).put("finishedAt", now).put("containerID", cs.path("containerID").asText());
      cs.put("ready", false).put("started", false);
    }
    for (JsonNode c : status.path("conditions")) {
      String type = c.path("type").asText();
      if (type.equals("Ready") || type.equals("ContainersReady") || type.equals("PodReadyToStartContainers")) {
        ((ObjectNode) c).put("status", "False").put("lastTransitionTime", now);
        if (!type.equals("PodReadyToStartContainers")) {
          ((ObjectNode) c).put("reason", "PodCompleted");
        }
      }
    }
    write(pod, status);
  }

  private void containerStartEvents(ObjectNode pod, JsonNode container, String nodeName) {
    EventRecorder events = new EventRecorder(client, "kubelet", clock);
    String c = container.path("name").asText();
    events.record(pod, "Normal", "Pulled", "Container image \"" + container.path("image").asText()
        + "\" already present on machine", nodeName);
    events.record(pod, "Normal", "Created", "Created container: " + c, nodeName);
    events.record(pod, "Normal", "Started", "Started container " + c, nodeName);
  }

  /** A scheduled pod whose containers wait to be created. */
  private ObjectNode pendingStatus(ObjectNode pod, int index, String now) {
    ObjectNode status = baseStatus(pod, index, now, false);
    status.put("phase", "Pending");
    ArrayNode statuses = status.putArray("containerStatuses");
    for (JsonNode c : pod.path("spec").path("containers")) {
      ObjectNode cs = statuses.addObject().put("name", c.path("name").asText());
      cs.putObject("state").putObject("waiting").put("reason", "ContainerCreating");
      cs.putObject("lastState");
      cs.put("ready", false).put("restartCount", 0).put("image", image(c.path("image").asText()))
          .put("imageID", "").put("started", false);
    }
    return status;
  }

  /** A pod whose containers run. */
  private ObjectNode runningStatus(ObjectNode pod, int index, String ip, String now, ObjectNode lastTerminated,
      int restarts) {
    ObjectNode status = baseStatus(pod, index, now, true);
    status.put("phase", "Running");
    status.put("podIP", ip);
    status.putArray("podIPs").addObject().put("ip", ip);
    ArrayNode statuses = status.putArray("containerStatuses");
    for (JsonNode c : pod.path("spec").path("containers")) {
      String name = c.path("name").asText();
      String image = c.path("image").asText();
      ObjectNode cs = statuses.addObject().put("name", name);
      cs.putObject("state").putObject("running").put("startedAt", now);
      ObjectNode last = cs.putObject("lastState");
      if (lastTerminated != null) {
        last.set("terminated", lastTerminated.deepCopy());
      }
      cs.put("ready", true).put("restartCount", restarts).put("image", image(image))
          .put("imageID", imageId(image))
          .put("containerID", "containerd://" + digest(pod.path("metadata").path("uid").asText() + "/" + name + "/"
              + restarts))
          .put("started", true);
    }
    return status;
  }

  /** Conditions, host IPs, start time and QoS class; conditions keep their transition times when unchanged. */
  private ObjectNode baseStatus(ObjectNode pod, int index, String now, boolean ready) {
    JsonNode old = pod.path("status");
    ObjectNode status = Json.F.objectNode();
    status.put("observedGeneration", pod.path("metadata").path("generation").asLong(1));
    ArrayNode conditions = status.putArray("conditions");
    podCondition(conditions, old, "PodReadyToStartContainers", ready, now, null);
    podCondition(conditions, old, "Initialized", true, now, null);
    podCondition(conditions, old, "Ready", ready, now, ready ? null : "ContainersNotReady");
    podCondition(conditions, old, "ContainersReady", ready, now, ready ? null : "ContainersNotReady");
    podCondition(conditions, old, "PodScheduled", true, now, null);
    status.put("hostIP", hostIp(index));
    status.putArray("hostIPs").addObject().put("ip", hostIp(index));
    status.put("startTime", old.path("startTime").asText(now));
    if (old.has("qosClass")) {
      status.set("qosClass", old.get("qosClass"));
    }
    return status;
  }

  private static void podCondition(ArrayNode conditions, JsonNode oldStatus, String type, boolean value, String now,
      String reason) {
    String status = value ? "True" : "False";
    String since = now;
    for (JsonNode c : oldStatus.path("conditions")) {
      if (c.path("type").asText().equals(type) && c.path("status").asText().equals(status)) {
        since = c.path("lastTransitionTime").asText(now);
      }
    }
    ObjectNode c = conditions.addObject().put("type", type).put("status", status).putNull("lastProbeTime");
    c.put("lastTransitionTime", since);
    if (reason != null) {
      c.put("reason", reason);
      c.put("message", "containers with unready status: " + containerNames(oldStatus));
    }
  }

  private static String containerNames(JsonNode status) {
    List<String> names = new ArrayList<>();
    status.path("containerStatuses").forEach(c -> names.add(c.path("name").asText()));
    return names.toString().replace(",", "");
  }

  private boolean write(ObjectNode pod, ObjectNode status) {
    ObjectNode next = pod.deepCopy();
    next.set("status", status);
    ApiResponse r = client.updateStatus(Kinds.POD, next);
    if (r.status() == 409) {
      retry(Json.key(pod));
    }
    return r.ok();
  }

  /** The image reference as the runtime reports it: {@code nginx} is {@code docker.io/library/nginx:latest}. */
  static String image(String image) {
    String ref = image;
    String first = ref.contains("/") ? ref.substring(0, ref.indexOf('/')) : "";
    if (!first.contains(".") && !first.contains(":") && !first.equals("localhost")) {
      ref = "docker.io/" + (ref.contains("/") ? ref : "library/" + ref);
    }
    if (!ref.contains("@") && !ref.substring(ref.lastIndexOf('/') + 1).contains(":")) {
      ref = ref + ":latest";
    }
    return ref;
  }

  private static String imageId(String image) {
    String ref = image(image);
    int tag = ref.lastIndexOf(':');
    String repo = tag > ref.lastIndexOf('/') ? ref.substring(0, tag) : ref;
    return repo + "@sha256:" + digest(ref);
  }

  private static String digest(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }
}
