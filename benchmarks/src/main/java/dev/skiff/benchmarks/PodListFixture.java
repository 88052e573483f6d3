package dev.skiff.benchmarks;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The benchmark input: the compact JSON of a {@code PodList} as a Kubernetes 1.34 API server returns it for
 * {@code GET /api/v1/pods}, generated deterministically from a fixed seed so that every library decodes the
 * same bytes in every run.
 *
 * <p>The pods belong to 24 Deployments in 11 namespaces, spread over 100 nodes, and are shaped like running
 * pods a real server returns (compare {@code pod-defaults.json} and {@code rc-flake.json} in the API server
 * transcripts): full spec with server defaults, the service-account token volume, probes, env, resources;
 * status with conditions, host and pod IPs and container statuses; labels, annotations, an owner reference
 * and two {@code managedFields} entries (kube-controller-manager and kubelet) whose {@code fieldsV1} tries
 * follow the spec and status.
 *
 * <p>What differs per pod in a real cluster differs here too: names, uids, resourceVersions, timestamps,
 * pod IPs (also inside the kubelet's {@code fieldsV1}), container ids, restart counts. What repeats in a real
 * cluster repeats here: label and annotation keys and values of a Deployment, images and digests, node
 * names and host IPs, the controller's {@code fieldsV1} trie of a Deployment.
 */
public final class PodListFixture {
  /** The number of pods in {@link #podListJson()}. */
  public static final int PODS = 10_000;

  private static final long SEED = 0x5EED_5C1FFL;
  private static final int NODES = 100;
  private static final Instant CLUSTER_START = Instant.parse("2026-01-01T10:00:00Z");
  private static final String SA_MOUNT = "/var/run/secrets/kubernetes.io/serviceaccount";
  private static final String ALNUM = "bcdfghjklmnpqrstvwxz2456789";
  private static final JsonFactory JSON = JsonFactory.builder().build();

  private PodListFixture() {}

  /**
   * Generates the list: {@value #PODS} pods, about 6 KB of JSON each (60 MB). Takes a second or two.
   *
   * @return compact UTF-8 JSON of a {@code v1 PodList}, the same bytes on every call
   */
  public static byte[] podListJson() {
    return podListJson(PODS);
  }

  /**
   * Generates a list of the given size from the same seed.
   *
   * @param pods the number of pods
   * @return compact UTF-8 JSON of a {@code v1 PodList}
   */
  public static byte[] podListJson(int pods) {
    Random random = new Random(SEED);
    List<App> apps = apps(random);
    int totalWeight = apps.stream().mapToInt(a -> a.weight).sum();
    ByteArrayBuilder out = new ByteArrayBuilder(pods * 4600);
    try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
      g.writeStartObject();
      g.writeStringField("kind", "PodList");
      g.writeStringField("apiVersion", "v1");
      g.writeObjectFieldStart("metadata");
      g.writeStringField("resourceVersion", "48213377");
      g.writeEndObject();
      g.writeArrayFieldStart("items");
      long resourceVersion = 31_000_000;
      for (int i = 0; i < pods; i++) {
        int pick = random.nextInt(totalWeight);
        App app = apps.get(0);
        for (App a : apps) {
          app = a;
          pick -= a.weight;
          if (pick < 0) {
            break;
          }
        }
        resourceVersion += 1 + random.nextInt(600);
        new PodWriter(g, random, app, resourceVersion).write();
      }
      g.writeEndArray();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  // ---- what repeats: the Deployments, their containers and the nodes

  /** One container of a Deployment's pod template. */
  private record Container(
      String name, String image, String imageDigest, int port, String portName, boolean namedProbePort,
      boolean readiness, boolean liveness, String cpuRequest, String memoryRequest, String memoryLimit,
      Map<String, String> env, boolean podNameEnv, String configMount, boolean hardened, int runAsUser) {}

  /** A Deployment: its pods share labels, annotations, owner, containers and the controller's fieldsV1. */
  private static final class App {
    final String namespace;
    final String name;
    final String hash;
    final String replicaSetUid;
    final int weight;
    final Map<String, String> labels = new TreeMap<>();
    final Map<String, String> annotations = new TreeMap<>();
    final List<Container> containers = new ArrayList<>();
    final String serviceAccount;
    final String configMap;
    TreeMap<String, Object> controllerFields;

    App(String namespace, String name, String hash, String replicaSetUid, int weight, String serviceAccount,
        String configMap) {
      this.namespace = namespace;
      this.name = name;
      this.hash = hash;
      this.replicaSetUid = replicaSetUid;
      this.weight = weight;
      this.serviceAccount = serviceAccount;
      this.configMap = configMap;
    }

    String replicaSet() {
      return name + "-" + hash;
    }

    boolean hasConfig() {
      return containers.stream().anyMatch(c -> c.configMount() != null);
    }
  }

  private static List<App> apps(Random random) {
    String[][] specs = {
      // namespace, name, image repository, version, port, part-of
      {"shop", "storefront", "ghcr.io/acme/shop/storefront", "2.14.3", "8080", "shop"},
      {"shop", "cart", "ghcr.io/acme/shop/cart", "1.9.0", "8080", "shop"},
      {"shop", "checkout", "ghcr.io/acme/shop/checkout", "3.2.1", "8443", "shop"},
      {"shop", "catalog", "ghcr.io/acme/shop/catalog", "5.0.12", "9000", "shop"},
      {"shop", "recommendations", "ghcr.io/acme/shop/recommendations", "0.31.0", "50051", "shop"},
      {"payments", "payments-api", "ghcr.io/acme/payments/api", "7.4.2", "8080", "payments"},
      {"payments", "fraud-scorer", "ghcr.io/acme/payments/fraud-scorer", "1.3.7", "9090", "payments"},
      {"payments", "ledger", "ghcr.io/acme/payments/ledger", "4.11.0", "8080", "payments"},
      {"identity", "auth", "ghcr.io/acme/identity/auth", "12.0.4", "8080", "identity"},
      {"identity", "session-store", "ghcr.io/acme/identity/session-store", "2.2.0", "6380", "identity"},
      {"search", "indexer", "ghcr.io/acme/search/indexer", "8.15.1", "9200", "search"},
      {"search", "query", "ghcr.io/acme/search/query", "8.15.1", "8080", "search"},
      {"media", "thumbnailer", "ghcr.io/acme/media/thumbnailer", "0.9.4", "8080", "media"},
      {"media", "transcoder", "ghcr.io/acme/media/transcoder", "3.0.0", "8080", "media"},
      {"notifications", "mailer", "ghcr.io/acme/notify/mailer", "1.0.22", "8025", "notifications"},
      {"notifications", "push-gateway", "ghcr.io/acme/notify/push", "2.7.1", "8080", "notifications"},
      {"observability", "otel-collector", "otel/opentelemetry-collector-contrib", "0.128.0", "4317",
          "observability"},
      {"ingress-nginx", "ingress-nginx-controller", "registry.k8s.io/ingress-nginx/controller", "v1.12.3",
          "80", "ingress-nginx"},
      {"kube-system", "coredns", "registry.k8s.io/coredns/coredns", "v1.12.1", "53", "kube-dns"},
      {"batch", "report-worker", "ghcr.io/acme/batch/report-worker", "4.0.3", "8080", "batch"},
      {"batch", "etl-runner", "ghcr.io/acme/batch/etl-runner", "2.19.0", "8080", "batch"},
      {"web", "frontend", "ghcr.io/acme/web/frontend", "2026.1.7", "3000", "web"},
      {"web", "api-gateway", "docker.io/envoyproxy/envoy", "v1.34.1", "10000", "web"},
      {"web", "graphql", "ghcr.io/acme/web/graphql", "1.88.0", "4000", "web"},
    };
    String[] envNames = {"LOG_LEVEL", "LOG_FORMAT", "OTEL_EXPORTER_OTLP_ENDPOINT", "GOMAXPROCS", "JAVA_OPTS",
        "DB_POOL_SIZE", "FEATURE_FLAGS", "REGION", "CACHE_TTL"};
    String[] envValues = {"info", "json", "http://otel-collector.observability.svc:4317", "2",
        "-XX:MaxRAMPercentage=75 -XX:+UseG1GC", "20", "checkout-v2,fast-search", "eu-west-1", "300s"};
    String[] cpu = {"100m", "250m", "500m", "1", "2"};
    String[] memory = {"128Mi", "256Mi", "512Mi", "1Gi", "2Gi"};
    List<App> apps = new ArrayList<>();
    for (String[] s : specs) {
      App app = new App(s[0], s[1], randomString(random, 10), uuid(random).toString(),
          1 + random.nextInt(12), random.nextInt(3) == 0 ? "default" : s[1], s[1] + "-config");
      app.labels.put("app.kubernetes.io/name", s[1]);
      app.labels.put("app.kubernetes.io/instance", s[1] + "-prod");
      app.labels.put("pod-template-hash", app.hash);
      if (random.nextBoolean()) {
        app.labels.put("app.kubernetes.io/version", s[3]);
      }
      if (random.nextInt(4) == 0) {
        app.labels.put("app.kubernetes.io/part-of", s[5]);
      }
      if (random.nextBoolean()) {
        app.annotations.put("kubectl.kubernetes.io/restartedAt",
            CLUSTER_START.minusSeconds(86_400L * (3 + random.nextInt(40))).toString());
      }
      if (random.nextInt(3) == 0) {
        app.annotations.put("prometheus.io/scrape", "true");
        app.annotations.put("prometheus.io/port", s[4]);
        app.annotations.put("prometheus.io/path", "/metrics");
      }
      int env = random.nextInt(3) > 0 ? 0 : 1 + random.nextInt(3);
      Map<String, String> envVars = new TreeMap<>();
      for (int e = 0; e < env; e++) {
        int k = random.nextInt(envNames.length);
        envVars.put(envNames[k], envValues[k]);
      }
      int size = random.nextInt(cpu.length);
      String digest = "sha256:" + hex(random, 64);
      boolean namedProbePort = random.nextBoolean();
      boolean readiness = random.nextInt(3) == 0;
      boolean liveness = random.nextInt(5) == 0;
      boolean podNameEnv = random.nextInt(4) == 0;
      String configMount = random.nextInt(4) == 0 ? "/etc/" + s[1] : null;
      boolean hardened = random.nextInt(4) == 0;
      int runAsUser = 10_000 + random.nextInt(1000);
      app.containers.add(new Container(s[1], s[2] + ":" + s[3], digest, Integer.parseInt(s[4]), "http",
          namedProbePort, readiness, liveness, cpu[size], memory[size], memory[Math.min(size + 1, memory.length - 1)],
          envVars, podNameEnv, configMount, hardened, runAsUser));
      if (random.nextInt(12) == 0) {
        app.containers.add(new Container("log-shipper", "cr.fluentbit.io/fluent/fluent-bit:4.0.3",
            "sha256:" + hex(random, 64), 2020, "metrics", true, false, false, "50m", "64Mi", "128Mi",
            Map.of("FLB_LOG_LEVEL", "warn"), false, "/fluent-bit/etc", false, 0));
      }
      app.controllerFields = controllerFields(app);
      apps.add(app);
    }
    return apps;
  }

  // ---- what varies: one pod

  /** Writes one pod; everything per-pod is drawn from the shared random in a fixed order. */
  private static final class PodWriter {
    private final JsonGenerator g;
    private final Random random;
    private final App app;
    private final long resourceVersion;
    private final String name;
    private final String tokenVolume;
    private final int node;
    private final String hostIp;
    private final String podIp;
    private final Instant created;
    private final Instant scheduled;
    private final Instant started;
    private final Instant ready;
    private final int restarts;

    PodWriter(JsonGenerator g, Random random, App app, long resourceVersion) {
      this.g = g;
      this.random = random;
      this.app = app;
      this.resourceVersion = resourceVersion;
      this.name = app.replicaSet() + "-" + randomString(random, 5);
      this.tokenVolume = "kube-api-access-" + randomString(random, 5);
      this.node = random.nextInt(NODES);
      this.hostIp = "10.0." + (node / 25) + "." + (10 + node % 25);
      this.podIp = "10.244." + node + "." + (2 + random.nextInt(250));
      this.created = CLUSTER_START.plusSeconds(random.nextInt(30 * 86_400));
      this.scheduled = created.plusSeconds(random.nextInt(2));
      this.started = scheduled.plusSeconds(1 + random.nextInt(4));
      this.ready = started.plusSeconds(2 + random.nextInt(25));
      this.restarts = random.nextInt(10) == 0 ? 1 + random.nextInt(4) : 0;
    }

    void write() throws IOException {
      g.writeStartObject();
      g.writeStringField("kind", "Pod");
      g.writeStringField("apiVersion", "v1");
      metadata();
      spec();
      status();
      g.writeEndObject();
    }

    private void metadata() throws IOException {
      g.writeObjectFieldStart("metadata");
      g.writeStringField("name", name);
      g.writeStringField("generateName", app.replicaSet() + "-");
      g.writeStringField("namespace", app.namespace);
      g.writeStringField("uid", uuid(random).toString());
      g.writeStringField("resourceVersion", Long.toString(resourceVersion));
      g.writeNumberField("generation", 1);
      g.writeStringField("creationTimestamp", created.toString());
      stringMap("labels", app.labels);
      if (!app.annotations.isEmpty()) {
        stringMap("annotations", app.annotations);
      }
      g.writeArrayFieldStart("ownerReferences");
      g.writeStartObject();
      g.writeStringField("apiVersion", "apps/v1");
      g.writeStringField("kind", "ReplicaSet");
      g.writeStringField("name", app.replicaSet());
      g.writeStringField("uid", app.replicaSetUid);
      g.writeBooleanField("controller", true);
      g.writeBooleanField("blockOwnerDeletion", true);
      g.writeEndObject();
      g.writeEndArray();
      g.writeArrayFieldStart("managedFields");
      managedFields("kube-controller-manager", created, app.controllerFields, null);
      managedFields("kubelet", ready, kubeletFields(app, podIp), "status");
      g.writeEndArray();
      g.writeEndObject();
    }

    private void managedFields(String manager, Instant time, Map<String, Object> fields, String subresource)
        throws IOException {
      g.writeStartObject();
      g.writeStringField("manager", manager);
      g.writeStringField("operation", "Update");
      g.writeStringField("apiVersion", "v1");
      g.writeStringField("time", time.toString());
      g.writeStringField("fieldsType", "FieldsV1");
      g.writeFieldName("fieldsV1");
      trie(fields);
      if (subresource != null) {
        g.writeStringField("subresource", subresource);
      }
      g.writeEndObject();
    }

    @SuppressWarnings("unchecked")
    private void trie(Map<String, Object> fields) throws IOException {
      g.writeStartObject();
      for (Map.Entry<String, Object> e : fields.entrySet()) {
        g.writeFieldName(e.getKey());
        trie((Map<String, Object>) e.getValue());
      }
      g.writeEndObject();
    }

    private void spec() throws IOException {
      g.writeObjectFieldStart("spec");
      g.writeArrayFieldStart("volumes");
      if (app.hasConfig()) {
        g.writeStartObject();
        g.writeStringField("name", "config");
        g.writeObjectFieldStart("configMap");
        g.writeStringField("name", app.configMap);
        g.writeNumberField("defaultMode", 420);
        g.writeEndObject();
        g.writeEndObject();
      }
      tokenVolume();
      g.writeEndArray();
      g.writeArrayFieldStart("containers");
      for (Container c : app.containers) {
        container(c);
      }
      g.writeEndArray();
      g.writeStringField("restartPolicy", "Always");
      g.writeNumberField("terminationGracePeriodSeconds", 30);
      g.writeStringField("dnsPolicy", "ClusterFirst");
      g.writeStringField("serviceAccountName", app.serviceAccount);
      g.writeStringField("serviceAccount", app.serviceAccount);
      g.writeStringField("nodeName", nodeName(node));
      g.writeObjectFieldStart("securityContext");
      g.writeNumberField("fsGroup", 2000);
      g.writeEndObject();
      g.writeStringField("schedulerName", "default-scheduler");
      g.writeArrayFieldStart("tolerations");
      toleration("node.kubernetes.io/not-ready");
      toleration("node.kubernetes.io/unreachable");
      g.writeEndArray();
      g.writeNumberField("priority", 0);
      g.writeBooleanField("enableServiceLinks", true);
      g.writeStringField("preemptionPolicy", "PreemptLowerPriority");
      g.writeEndObject();
    }

    private void tokenVolume() throws IOException {
      g.writeStartObject();
      g.writeStringField("name", tokenVolume);
      g.writeObjectFieldStart("projected");
      g.writeArrayFieldStart("sources");
      g.writeStartObject();
      g.writeObjectFieldStart("serviceAccountToken");
      g.writeNumberField("expirationSeconds", 3607);
      g.writeStringField("path", "token");
      g.writeEndObject();
      g.writeEndObject();
      g.writeStartObject();
      g.writeObjectFieldStart("configMap");
      g.writeStringField("name", "kube-root-ca.crt");
      g.writeArrayFieldStart("items");
      g.writeStartObject();
      g.writeStringField("key", "ca.crt");
      g.writeStringField("path", "ca.crt");
      g.writeEndObject();
      g.writeEndArray();
      g.writeEndObject();
      g.writeEndObject();
      g.writeStartObject();
      g.writeObjectFieldStart("downwardAPI");
      g.writeArrayFieldStart("items");
      g.writeStartObject();
      g.writeStringField("path", "namespace");
      g.writeObjectFieldStart("fieldRef");
      g.writeStringField("apiVersion", "v1");
      g.writeStringField("fieldPath", "metadata.namespace");
      g.writeEndObject();
      g.writeEndObject();
      g.writeEndArray();
      g.writeEndObject();
      g.writeEndObject();
      g.writeEndArray();
      g.writeNumberField("defaultMode", 420);
      g.writeEndObject();
      g.writeEndObject();
    }

    private void container(Container c) throws IOException {
      g.writeStartObject();
      g.writeStringField("name", c.name());
      g.writeStringField("image", c.image());
      g.writeArrayFieldStart("ports");
      g.writeStartObject();
      g.writeStringField("name", c.portName());
      g.writeNumberField("containerPort", c.port());
      g.writeStringField("protocol", "TCP");
      g.writeEndObject();
      g.writeEndArray();
      if (!c.env().isEmpty() || c.podNameEnv()) {
        g.writeArrayFieldStart("env");
        for (Map.Entry<String, String> e : c.env().entrySet()) {
          g.writeStartObject();
          g.writeStringField("name", e.getKey());
          g.writeStringField("value", e.getValue());
          g.writeEndObject();
        }
        if (c.podNameEnv()) {
          g.writeStartObject();
          g.writeStringField("name", "POD_NAME");
          g.writeObjectFieldStart("valueFrom");
          g.writeObjectFieldStart("fieldRef");
          g.writeStringField("apiVersion", "v1");
          g.writeStringField("fieldPath", "metadata.name");
          g.writeEndObject();
          g.writeEndObject();
          g.writeEndObject();
        }
        g.writeEndArray();
      }
      resources(c);
      g.writeArrayFieldStart("volumeMounts");
      if (c.configMount() != null) {
        mount("config", c.configMount());
      }
      mount(tokenVolume, SA_MOUNT);
      g.writeEndArray();
      if (c.liveness()) {
        probe("livenessProbe", c, "/healthz", 10);
      }
      if (c.readiness()) {
        probe("readinessProbe", c, "/ready", 0);
      }
      g.writeStringField("terminationMessagePath", "/dev/termination-log");
      g.writeStringField("terminationMessagePolicy", "File");
      g.writeStringField("imagePullPolicy", "IfNotPresent");
      if (c.hardened()) {
        g.writeObjectFieldStart("securityContext");
        g.writeObjectFieldStart("capabilities");
        g.writeArrayFieldStart("drop");
        g.writeString("ALL");
        g.writeEndArray();
        g.writeEndObject();
        g.writeNumberField("runAsUser", c.runAsUser());
        g.writeBooleanField("runAsNonRoot", true);
        g.writeBooleanField("readOnlyRootFilesystem", true);
        g.writeBooleanField("allowPrivilegeEscalation", false);
        g.writeEndObject();
      }
      g.writeEndObject();
    }

    private void resources(Container c) throws IOException {
      g.writeObjectFieldStart("resources");
      g.writeObjectFieldStart("limits");
      g.writeStringField("memory", c.memoryLimit());
      g.writeEndObject();
      g.writeObjectFieldStart("requests");
      g.writeStringField("cpu", c.cpuRequest());
      g.writeStringField("memory", c.memoryRequest());
      g.writeEndObject();
      g.writeEndObject();
    }

    private void mount(String volume, String path) throws IOException {
      g.writeStartObject();
      g.writeStringField("name", volume);
      g.writeBooleanField("readOnly", true);
      g.writeStringField("mountPath", path);
      g.writeEndObject();
    }

    private void probe(String field, Container c, String path, int initialDelay) throws IOException {
      g.writeObjectFieldStart(field);
      g.writeObjectFieldStart("httpGet");
      g.writeStringField("path", path);
      if (c.namedProbePort()) {
        g.writeStringField("port", c.portName());
      } else {
        g.writeNumberField("port", c.port());
      }
      g.writeStringField("scheme", "HTTP");
      g.writeEndObject();
      if (initialDelay > 0) {
        g.writeNumberField("initialDelaySeconds", initialDelay);
      }
      g.writeNumberField("timeoutSeconds", 1);
      g.writeNumberField("periodSeconds", 10);
      g.writeNumberField("successThreshold", 1);
      g.writeNumberField("failureThreshold", 3);
      g.writeEndObject();
    }

    private void toleration(String key) throws IOException {
      g.writeStartObject();
      g.writeStringField("key", key);
      g.writeStringField("operator", "Exists");
      g.writeStringField("effect", "NoExecute");
      g.writeNumberField("tolerationSeconds", 300);
      g.writeEndObject();
    }

    private void status() throws IOException {
      g.writeObjectFieldStart("status");
      g.writeStringField("phase", "Running");
      g.writeArrayFieldStart("conditions");
      condition("PodReadyToStartContainers", started);
      condition("Initialized", scheduled);
      condition("Ready", ready);
      condition("ContainersReady", ready);
      condition("PodScheduled", scheduled);
      g.writeEndArray();
      g.writeStringField("hostIP", hostIp);
      ipList("hostIPs", hostIp);
      g.writeStringField("podIP", podIp);
      ipList("podIPs", podIp);
      g.writeStringField("startTime", scheduled.toString());
      g.writeArrayFieldStart("containerStatuses");
      for (Container c : app.containers) {
        containerStatus(c);
      }
      g.writeEndArray();
      g.writeStringField("qosClass", "Burstable");
      g.writeEndObject();
    }

    private void condition(String type, Instant transition) throws IOException {
      g.writeStartObject();
      g.writeStringField("type", type);
      g.writeStringField("status", "True");
      g.writeNullField("lastProbeTime");
      g.writeStringField("lastTransitionTime", transition.toString());
      g.writeEndObject();
    }

    private void ipList(String field, String ip) throws IOException {
      g.writeArrayFieldStart(field);
      g.writeStartObject();
      g.writeStringField("ip", ip);
      g.writeEndObject();
      g.writeEndArray();
    }

    private void containerStatus(Container c) throws IOException {
      boolean main = c == app.containers.get(0);
      int restartCount = main ? restarts : 0;
      g.writeStartObject();
      g.writeStringField("name", c.name());
      g.writeObjectFieldStart("state");
      g.writeObjectFieldStart("running");
      g.writeStringField("startedAt", (restartCount > 0 ? ready.plusSeconds(3600L * restartCount) : started)
          .toString());
      g.writeEndObject();
      g.writeEndObject();
      g.writeObjectFieldStart("lastState");
      if (restartCount > 0) {
        g.writeObjectFieldStart("terminated");
        g.writeNumberField("exitCode", 137);
        g.writeStringField("reason", "OOMKilled");
        g.writeStringField("startedAt", started.toString());
        g.writeStringField("finishedAt", ready.plusSeconds(3600L * restartCount - 2).toString());
        g.writeStringField("containerID", "containerd://" + hex(random, 64));
        g.writeEndObject();
      }
      g.writeEndObject();
      g.writeBooleanField("ready", true);
      g.writeNumberField("restartCount", restartCount);
      g.writeStringField("image", c.image());
      g.writeStringField("imageID", c.image().substring(0, c.image().lastIndexOf(':')) + "@" + c.imageDigest());
      g.writeStringField("containerID", "containerd://" + hex(random, 64));
      g.writeBooleanField("started", true);
      g.writeArrayFieldStart("volumeMounts");
      if (c.configMount() != null) {
        mountStatus("config", c.configMount());
      }
      mountStatus(tokenVolume, SA_MOUNT);
      g.writeEndArray();
      g.writeEndObject();
    }

    private void mountStatus(String volume, String path) throws IOException {
      g.writeStartObject();
      g.writeStringField("name", volume);
      g.writeStringField("mountPath", path);
      g.writeBooleanField("readOnly", true);
      g.writeStringField("recursiveReadOnly", "Disabled");
      g.writeEndObject();
    }

    private void stringMap(String field, Map<String, String> map) throws IOException {
      g.writeObjectFieldStart(field);
      for (Map.Entry<String, String> e : map.entrySet()) {
        g.writeStringField(e.getKey(), e.getValue());
      }
      g.writeEndObject();
    }
  }

  // ---- managedFields tries, shaped like the server's (sorted keys, "." for the entry itself)

  private static TreeMap<String, Object> controllerFields(App app) {
    TreeMap<String, Object> root = new TreeMap<>();
    TreeMap<String, Object> metadata = node(root, "f:metadata");
    if (!app.annotations.isEmpty()) {
      TreeMap<String, Object> annotations = node(metadata, "f:annotations");
      leaf(annotations, ".");
      app.annotations.keySet().forEach(k -> leaf(annotations, "f:" + k));
    }
    leaf(metadata, "f:generateName");
    TreeMap<String, Object> labels = node(metadata, "f:labels");
    leaf(labels, ".");
    app.labels.keySet().forEach(k -> leaf(labels, "f:" + k));
    TreeMap<String, Object> owners = node(metadata, "f:ownerReferences");
    leaf(owners, ".");
    leaf(owners, "k:{\"uid\":\"" + app.replicaSetUid + "\"}");

    TreeMap<String, Object> spec = node(root, "f:spec");
    TreeMap<String, Object> containers = node(spec, "f:containers");
    for (Container c : app.containers) {
      TreeMap<String, Object> container = node(containers, "k:{\"name\":\"" + c.name() + "\"}");
      leaf(container, ".");
      List<String> names = new ArrayList<>(c.env().keySet());
      if (c.podNameEnv()) {
        names.add("POD_NAME");
      }
      for (String n : names) {
        TreeMap<String, Object> env = node(container, "f:env");
        leaf(env, ".");
        TreeMap<String, Object> var = node(env, "k:{\"name\":\"" + n + "\"}");
        leaf(var, ".");
        leaf(var, "f:name");
        if (n.equals("POD_NAME")) {
          TreeMap<String, Object> from = node(var, "f:valueFrom");
          leaf(from, ".");
          TreeMap<String, Object> ref = node(from, "f:fieldRef");
          leaf(ref, ".");
          leaf(ref, "f:apiVersion");
          leaf(ref, "f:fieldPath");
        } else {
          leaf(var, "f:value");
        }
      }
      leaf(container, "f:image");
      leaf(container, "f:imagePullPolicy");
      List<String> probes = new ArrayList<>();
      if (c.liveness()) {
        probes.add("f:livenessProbe");
      }
      if (c.readiness()) {
        probes.add("f:readinessProbe");
      }
      for (String probeName : probes) {
        TreeMap<String, Object> probe = node(container, probeName);
        leaf(probe, ".");
        leaf(probe, "f:failureThreshold");
        TreeMap<String, Object> http = node(probe, "f:httpGet");
        leaf(http, ".");
        leaf(http, "f:path");
        leaf(http, "f:port");
        leaf(http, "f:scheme");
        if (probeName.equals("f:livenessProbe")) {
          leaf(probe, "f:initialDelaySeconds");
        }
        leaf(probe, "f:periodSeconds");
        leaf(probe, "f:successThreshold");
        leaf(probe, "f:timeoutSeconds");
      }
      leaf(container, "f:name");
      TreeMap<String, Object> ports = node(container, "f:ports");
      leaf(ports, ".");
      TreeMap<String, Object> port = node(ports, "k:{\"containerPort\":" + c.port() + ",\"protocol\":\"TCP\"}");
      leaf(port, ".");
      leaf(port, "f:containerPort");
      leaf(port, "f:name");
      leaf(port, "f:protocol");
      TreeMap<String, Object> resources = node(container, "f:resources");
      leaf(resources, ".");
      TreeMap<String, Object> limits = node(resources, "f:limits");
      leaf(limits, ".");
      leaf(limits, "f:memory");
      TreeMap<String, Object> requests = node(resources, "f:requests");
      leaf(requests, ".");
      leaf(requests, "f:cpu");
      leaf(requests, "f:memory");
      if (c.hardened()) {
        TreeMap<String, Object> security = node(container, "f:securityContext");
        leaf(security, ".");
        leaf(security, "f:allowPrivilegeEscalation");
        TreeMap<String, Object> caps = node(security, "f:capabilities");
        leaf(caps, ".");
        leaf(caps, "f:drop");
        leaf(security, "f:readOnlyRootFilesystem");
        leaf(security, "f:runAsNonRoot");
        leaf(security, "f:runAsUser");
      }
      leaf(container, "f:terminationMessagePath");
      leaf(container, "f:terminationMessagePolicy");
      if (c.configMount() != null) {
        TreeMap<String, Object> mounts = node(container, "f:volumeMounts");
        leaf(mounts, ".");
        TreeMap<String, Object> mount = node(mounts, "k:{\"mountPath\":\"" + c.configMount() + "\"}");
        leaf(mount, ".");
        leaf(mount, "f:mountPath");
        leaf(mount, "f:name");
        leaf(mount, "f:readOnly");
      }
    }
    for (String f : List.of("f:dnsPolicy", "f:enableServiceLinks", "f:restartPolicy", "f:schedulerName",
        "f:serviceAccount", "f:serviceAccountName", "f:terminationGracePeriodSeconds")) {
      leaf(spec, f);
    }
    TreeMap<String, Object> podSecurity = node(spec, "f:securityContext");
    leaf(podSecurity, ".");
    leaf(podSecurity, "f:fsGroup");
    if (!app.hasConfig()) {
      return root;
    }
    TreeMap<String, Object> volumes = node(spec, "f:volumes");
    leaf(volumes, ".");
    TreeMap<String, Object> volume = node(volumes, "k:{\"name\":\"config\"}");
    leaf(volume, ".");
    TreeMap<String, Object> configMap = node(volume, "f:configMap");
    leaf(configMap, ".");
    leaf(configMap, "f:defaultMode");
    leaf(configMap, "f:name");
    leaf(volume, "f:name");
    return root;
  }

  /** The kubelet's status trie: the same per Deployment except the pod IP, which is part of a key. */
  private static TreeMap<String, Object> kubeletFields(App app, String podIp) {
    TreeMap<String, Object> root = new TreeMap<>();
    TreeMap<String, Object> status = node(root, "f:status");
    TreeMap<String, Object> conditions = node(status, "f:conditions");
    for (String type : List.of("ContainersReady", "Initialized", "PodReadyToStartContainers", "PodScheduled",
        "Ready")) {
      TreeMap<String, Object> condition = node(conditions, "k:{\"type\":\"" + type + "\"}");
      leaf(condition, ".");
      leaf(condition, "f:lastProbeTime");
      leaf(condition, "f:lastTransitionTime");
      leaf(condition, "f:status");
      leaf(condition, "f:type");
    }
    leaf(status, "f:containerStatuses");
    leaf(status, "f:hostIP");
    TreeMap<String, Object> hostIps = node(status, "f:hostIPs");
    leaf(hostIps, ".");
    leaf(status, "f:phase");
    leaf(status, "f:podIP");
    TreeMap<String, Object> podIps = node(status, "f:podIPs");
    leaf(podIps, ".");
    TreeMap<String, Object> ip = node(podIps, "k:{\"ip\":\"" + podIp + "\"}");
    leaf(ip, ".");
    leaf(ip, "f:ip");
    leaf(status, "f:startTime");
    return root;
  }

  @SuppressWarnings("unchecked")
  private static TreeMap<String, Object> node(TreeMap<String, Object> parent, String key) {
    return (TreeMap<String, Object>) parent.computeIfAbsent(key, k -> new TreeMap<String, Object>());
  }

  private static void leaf(TreeMap<String, Object> parent, String key) {
    parent.putIfAbsent(key, new TreeMap<String, Object>());
  }

  // ---- small random values

  private static String nodeName(int node) {
    return "ip-10-0-" + (node / 25) + "-" + (10 + node % 25) + ".eu-west-1.compute.internal";
  }

  private static UUID uuid(Random random) {
    long msb = (random.nextLong() & ~0xF000L) | 0x4000L;
    long lsb = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
    return new UUID(msb, lsb);
  }

  private static String randomString(Random random, int length) {
    char[] c = new char[length];
    for (int i = 0; i < length; i++) {
      c[i] = ALNUM.charAt(random.nextInt(ALNUM.length()));
    }
    return new String(c);
  }

  private static String hex(Random random, int length) {
    char[] c = new char[length];
    for (int i = 0; i < length; i++) {
      c[i] = Character.forDigit(random.nextInt(16), 16);
    }
    return new String(c);
  }
}
