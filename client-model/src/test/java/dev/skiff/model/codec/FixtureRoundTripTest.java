package dev.skiff.model.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.model.ApiObject;
import dev.skiff.model.FieldsV1;
import dev.skiff.model.IntOrString;
import dev.skiff.model.Quantity;
import dev.skiff.model.apps.v1.Deployment;
import dev.skiff.model.apps.v1.DeploymentCondition;
import dev.skiff.model.apps.v1.ReplicaSet;
import dev.skiff.model.coordination.v1.Lease;
import dev.skiff.model.core.v1.ContainerStatus;
import dev.skiff.model.core.v1.EndpointSubset;
import dev.skiff.model.core.v1.Endpoints;
import dev.skiff.model.core.v1.Event;
import dev.skiff.model.core.v1.Namespace;
import dev.skiff.model.core.v1.Node;
import dev.skiff.model.core.v1.Pod;
import dev.skiff.model.core.v1.PodCondition;
import dev.skiff.model.core.v1.PodList;
import dev.skiff.model.core.v1.ReplicationController;
import dev.skiff.model.core.v1.Service;
import dev.skiff.model.core.v1.ServicePort;
import dev.skiff.model.meta.v1.ManagedFieldsEntry;
import dev.skiff.model.meta.v1.Status;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Realistic objects, shaped like kube-apiserver v1.34 responses (status sections, managed fields, Go's zero
 * times as {@code null}, fields Skiff does not model), decode by dispatch into their model class and encode
 * back to the same JSON tree. Fixtures: {@code fixtures/objects/}.
 *
 * <p>The API server writes a zero {@code metav1.Time} as {@code null} (e.g. {@code lastProbeTime} of a pod
 * condition, {@code firstTimestamp} of an event created through events.k8s.io); Skiff omits null fields, so the
 * expected tree is the input without its null-valued fields. No fixture has a null anywhere else.
 */
class FixtureRoundTripTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ModelCodec CODEC = ModelCodec.standard();

  static final Map<String, Class<?>> FIXTURES = new TreeMap<>(Map.ofEntries(
      Map.entry("pod-running", Pod.class),
      Map.entry("podlist-paged", PodList.class),
      Map.entry("pod-unknown-fields", Pod.class),
      Map.entry("replicationcontroller", ReplicationController.class),
      Map.entry("service-loadbalancer", Service.class),
      Map.entry("endpoints", Endpoints.class),
      Map.entry("node", Node.class),
      Map.entry("deployment", Deployment.class),
      Map.entry("replicaset", ReplicaSet.class),
      Map.entry("event-series", Event.class),
      Map.entry("event-backoff", Event.class),
      Map.entry("lease", Lease.class),
      Map.entry("namespace-terminating", Namespace.class),
      Map.entry("status-invalid", Status.class),
      Map.entry("status-notfound", Status.class)));

  static Stream<String> fixtures() {
    return FIXTURES.keySet().stream();
  }

  @Test
  void everyFixtureIsListed() throws IOException {
    Set<String> files;
    try (Stream<Path> list = Files.list(dir())) {
      files = list.map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".json"))
          .map(n -> n.substring(0, n.length() - 5))
          .collect(Collectors.toCollection(TreeSet::new));
    }
    assertThat(files).isEqualTo(FIXTURES.keySet());
  }

  @ParameterizedTest
  @MethodSource("fixtures")
  void decodesByDispatchAndEncodesToTheIdenticalTree(String fixture) throws IOException {
    byte[] bytes = read(fixture);
    ApiObject decoded = CODEC.readJson(bytes);

    assertThat(decoded).isExactlyInstanceOf(FIXTURES.get(fixture));
    JsonNode expected = JsonTrees.withoutNulls(JSON.readTree(bytes));
    assertThat(JSON.readTree(CODEC.writeJsonBytes(decoded))).as(fixture).isEqualTo(expected);
  }

  /**
   * Readers match the next field name against the one that came next last time: objects whose members come
   * in another order (reversed at every level), read in turns with the usual order, must read the same.
   */
  @ParameterizedTest
  @MethodSource("fixtures")
  void memberOrderDoesNotMatter(String fixture) throws IOException {
    byte[] bytes = read(fixture);
    byte[] reversed = JSON.writeValueAsBytes(reversedMembers(JSON.readTree(bytes)));
    Class<?> type = FIXTURES.get(fixture);
    Object expected = CODEC.readJson(bytes, type);
    for (int i = 0; i < 3; i++) {
      assertThat(CODEC.readJson(reversed, type)).isEqualTo(expected);
      assertThat(CODEC.readJson(bytes, type)).isEqualTo(expected);
    }
  }

  private static JsonNode reversedMembers(JsonNode node) {
    if (node.isObject()) {
      List<Map.Entry<String, JsonNode>> members = new java.util.ArrayList<>();
      node.fields().forEachRemaining(members::add);
      java.util.Collections.reverse(members);
      ObjectNode out = JSON.createObjectNode();
      // fieldsV1 is kept as its text, which another order would change
      members.forEach(e -> out.set(e.getKey(), e.getKey().equals("fieldsV1") ? e.getValue()
          : reversedMembers(e.getValue())));
      return out;
    }
    if (node.isArray()) {
      com.fasterxml.jackson.databind.node.ArrayNode out = JSON.createArrayNode();
      node.forEach(e -> out.add(reversedMembers(e)));
      return out;
    }
    return node;
  }

  @ParameterizedTest
  @MethodSource("fixtures")
  void everyReadAndWritePathAgrees(String fixture) throws IOException {
    byte[] bytes = read(fixture);
    Class<?> type = FIXTURES.get(fixture);
    Object fromBytes = CODEC.readJson(bytes, type);
    Object fromString = CODEC.readJson(new String(bytes, StandardCharsets.UTF_8), type);
    Object fromStream;
    try (InputStream in = new ByteArrayInputStream(bytes)) {
      fromStream = CODEC.readJson(in, type);
    }
    Object withoutSharing = ModelCodec.builder().shareStrings(false).build().readJson(bytes, type);

    assertThat(fromBytes).isEqualTo(fromString).isEqualTo(fromStream).isEqualTo(withoutSharing)
        .isEqualTo(CODEC.readJson(bytes));
    assertThat(fromBytes.hashCode()).isEqualTo(withoutSharing.hashCode());

    byte[] written = CODEC.writeJsonBytes(fromBytes);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    CODEC.writeJson(fromBytes, out);
    assertThat(out.toByteArray()).isEqualTo(written);
    assertThat(CODEC.writeJson(fromBytes)).isEqualTo(new String(written, StandardCharsets.UTF_8));
    // decoding what was written gives the same object again
    assertThat(CODEC.readJson(written, type)).isEqualTo(fromBytes);
  }

  /**
   * Skiff's schema models every field these v1.34-shaped objects carry: nothing but the deliberately unknown fields
   * of {@code pod-unknown-fields} ends up in an {@code extraFields()} map.
   */
  @ParameterizedTest
  @MethodSource("fixtures")
  void everyRealFieldIsModelled(String fixture) throws IOException {
    List<String> extra = extraFieldPaths(CODEC.readJson(read(fixture)));
    if (fixture.equals("pod-unknown-fields")) {
      assertThat(extra).containsExactlyInAnyOrder("/topLevelFutureField", "/metadata/someFutureMetadataField",
          "/spec/someNewField", "/spec/anotherNewScalar", "/spec/containers/0/futureContainerKnob",
          "/status/futureStatusList");
    } else {
      assertThat(extra).as("fields that landed in extraFields()").isEmpty();
    }
  }

  // ---- typed spot checks

  @Test
  void runningPod() throws IOException {
    Pod pod = CODEC.readJson(read("pod-running"), Pod.class);

    assertThat(pod.metadata().name()).isEqualTo("web-7c5ddbdf54-x2k9q");
    assertThat(pod.metadata().generateName()).isEqualTo("web-7c5ddbdf54-");
    assertThat(pod.metadata().creationTimestamp()).isEqualTo(Instant.parse("2026-01-01T10:00:00Z"));
    assertThat(pod.metadata().ownerReferences().get(0).controller()).isTrue();
    assertThat(pod.metadata().ownerReferences().get(0).kind()).isEqualTo("ReplicaSet");

    assertThat(pod.status().phase()).isEqualTo("Running");
    assertThat(pod.status().qosClass()).isEqualTo("Burstable");
    assertThat(pod.status().podIP()).isEqualTo("10.244.1.23");
    assertThat(pod.status().podIPs()).extracting(ip -> ip.ip()).containsExactly("10.244.1.23", "fd00:10:244:1::17");
    assertThat(pod.status().hostIP()).isEqualTo("10.0.1.11");
    assertThat(pod.status().hostIPs()).extracting(ip -> ip.ip()).containsExactly("10.0.1.11", "fd00:10:0:1::11");
    assertThat(pod.status().startTime()).isEqualTo(Instant.parse("2026-01-01T10:00:01Z"));

    List<PodCondition> conditions = pod.status().conditions();
    assertThat(conditions).extracting(PodCondition::type)
        .containsExactly("PodReadyToStartContainers", "Initialized", "Ready", "ContainersReady", "PodScheduled");
    PodCondition ready = conditions.get(2);
    assertThat(ready.status()).isEqualTo("True");
    assertThat(ready.lastProbeTime()).as("null on the wire").isNull();
    assertThat(ready.lastTransitionTime()).isEqualTo(Instant.parse("2026-01-01T10:07:42Z"));

    ContainerStatus web = pod.status().containerStatuses().get(0);
    assertThat(web.name()).isEqualTo("web");
    assertThat(web.restartCount()).isEqualTo(2);
    assertThat(web.ready()).isTrue();
    assertThat(web.started()).isTrue();
    assertThat(web.imageID()).startsWith("docker.io/library/nginx@sha256:");
    assertThat(web.containerID()).startsWith("containerd://");
    assertThat(web.state().running().startedAt()).isEqualTo(Instant.parse("2026-01-01T10:07:31Z"));
    assertThat(web.state().waiting()).isNull();
    assertThat(web.lastState().terminated().exitCode()).isEqualTo(137);
    assertThat(web.lastState().terminated().reason()).isEqualTo("OOMKilled");
    assertThat(web.resources().limits()).containsEntry("memory", Quantity.parse("256Mi"));
    assertThat(web.user().linux().supplementalGroups()).containsExactly(0L);

    assertThat(pod.spec().nodeName()).isEqualTo("worker-1");
    assertThat(pod.spec().terminationGracePeriodSeconds()).isEqualTo(30L);
    assertThat(pod.spec().tolerations()).hasSize(2);
    assertThat(pod.spec().tolerations().get(0).key()).isEqualTo("node.kubernetes.io/not-ready");
    assertThat(pod.spec().tolerations().get(0).tolerationSeconds()).isEqualTo(300L);
    assertThat(pod.spec().securityContext()).as("an empty object on the wire is an empty value, not null").isNotNull();

    var volume = pod.spec().volumes().get(0);
    assertThat(volume.name()).isEqualTo("kube-api-access-x7wq2");
    assertThat(volume.projected().defaultMode()).isEqualTo(420);
    assertThat(volume.projected().sources().get(0).serviceAccountToken().expirationSeconds()).isEqualTo(3607L);
    assertThat(volume.projected().sources().get(0).serviceAccountToken().path()).isEqualTo("token");
    assertThat(volume.projected().sources().get(1).configMap().name()).isEqualTo("kube-root-ca.crt");
    assertThat(volume.projected().sources().get(2).downwardAPI().items().get(0).fieldRef().fieldPath())
        .isEqualTo("metadata.namespace");

    var container = pod.spec().containers().get(0);
    assertThat(container.ports().get(0).containerPort()).isEqualTo(80);
    assertThat(container.resources().requests().get("cpu")).isEqualTo(Quantity.parse("250m"));
    assertThat(container.resources().requests().get("cpu").toString()).isEqualTo("250m");
    assertThat(container.readinessProbe().httpGet().port()).isEqualTo(IntOrString.of("http"));

    ManagedFieldsEntry kubelet = pod.metadata().managedFields().get(1);
    assertThat(kubelet.manager()).isEqualTo("kubelet");
    assertThat(kubelet.subresource()).isEqualTo("status");
    assertThat(kubelet.time()).isEqualTo(Instant.parse("2026-01-01T10:07:42Z"));
    FieldsV1 fields = kubelet.fieldsV1();
    assertThat(JSON.readTree(fields.json()))
        .isEqualTo(JSON.readTree(read("pod-running")).at("/metadata/managedFields/1/fieldsV1"));
    assertThat(fields.json()).contains("\"k:{\\\"ip\\\":\\\"10.244.1.23\\\"}\"");
  }

  @Test
  void pagedPodList() throws IOException {
    PodList list = CODEC.readJson(read("podlist-paged"), PodList.class);

    assertThat(list.metadata().resourceVersion()).isEqualTo("48300");
    assertThat(list.metadata().continueToken()).startsWith("eyJ2IjoibWV0YS5rOHMuaW8vdjEi");
    assertThat(list.metadata().remainingItemCount()).isEqualTo(3L);
    assertThat(list.items()).hasSize(2);
    assertThat(list.items()).extracting(p -> p.metadata().name())
        .containsExactly("web-7c5ddbdf54-h8v4m", "web-7c5ddbdf54-n4t8z");
    assertThat(list.items()).allSatisfy(p -> {
      assertThat(p.apiVersion()).as("list items carry no apiVersion on the wire").isNull();
      assertThat(p.kind()).isNull();
      assertThat(p.status().phase()).isEqualTo("Pending");
    });
    // the two items have identical managed-field sets: one decode shares one instance
    assertThat(list.items().get(0).metadata().managedFields().get(0).fieldsV1())
        .isSameAs(list.items().get(1).metadata().managedFields().get(0).fieldsV1());
    // and re-encoded items still carry no apiVersion/kind
    JsonNode written = JSON.readTree(CODEC.writeJsonBytes(list));
    assertThat(written.at("/items/0").has("kind")).isFalse();
    assertThat(written.at("/items/0").has("apiVersion")).isFalse();
    assertThat(written.at("/metadata/continue").asText()).isEqualTo(list.metadata().continueToken());
  }

  @Test
  void replicationControllerStatus() throws IOException {
    ReplicationController rc = CODEC.readJson(read("replicationcontroller"), ReplicationController.class);

    assertThat(rc.spec().replicas()).isEqualTo(3);
    assertThat(rc.spec().selector()).containsExactly(Map.entry("name", "frontend"));
    assertThat(rc.status().replicas()).isEqualTo(3);
    assertThat(rc.status().readyReplicas()).isEqualTo(3);
    assertThat(rc.status().availableReplicas()).isEqualTo(3);
    assertThat(rc.status().fullyLabeledReplicas()).isEqualTo(3);
    assertThat(rc.status().observedGeneration()).isEqualTo(2L);
    assertThat(rc.metadata().managedFields()).extracting(ManagedFieldsEntry::subresource)
        .containsExactly(null, "scale", "status");
  }

  @Test
  void loadBalancerService() throws IOException {
    Service svc = CODEC.readJson(read("service-loadbalancer"), Service.class);

    assertThat(svc.spec().type()).isEqualTo("LoadBalancer");
    assertThat(svc.spec().clusterIP()).isEqualTo("10.96.143.27");
    assertThat(svc.spec().clusterIPs()).containsExactly("10.96.143.27", "fd00:10:96::8f1b");
    assertThat(svc.spec().ipFamilies()).containsExactly("IPv4", "IPv6");
    assertThat(svc.spec().ipFamilyPolicy()).isEqualTo("PreferDualStack");
    assertThat(svc.spec().sessionAffinity()).isEqualTo("None");
    assertThat(svc.spec().allocateLoadBalancerNodePorts()).isTrue();
    ServicePort http = svc.spec().ports().get(0);
    assertThat(http.targetPort()).isEqualTo(IntOrString.of("http"));
    assertThat(http.targetPort().isString()).isTrue();
    assertThat(http.nodePort()).isEqualTo(31080);
    ServicePort https = svc.spec().ports().get(1);
    assertThat(https.targetPort()).isEqualTo(IntOrString.of(8443));
    assertThat(https.targetPort().isInt()).isTrue();
    assertThat(https.appProtocol()).isEqualTo("https");
    assertThat(svc.metadata().finalizers()).containsExactly("service.kubernetes.io/load-balancer-cleanup");

    var ingress = svc.status().loadBalancer().ingress();
    assertThat(ingress).hasSize(2);
    assertThat(ingress.get(0).ip()).isEqualTo("203.0.113.10");
    assertThat(ingress.get(0).ipMode()).isEqualTo("VIP");
    assertThat(ingress.get(1).hostname()).isEqualTo("web-1a2b3c4d.elb.example.com");
    assertThat(ingress.get(1).ports().get(0).error()).isEqualTo("CertificatePending");
  }

  @Test
  void endpoints() throws IOException {
    Endpoints eps = CODEC.readJson(read("endpoints"), Endpoints.class);

    EndpointSubset subset = eps.subsets().get(0);
    assertThat(subset.addresses()).extracting(a -> a.ip()).containsExactly("10.244.1.23", "10.244.2.14");
    assertThat(subset.addresses().get(0).nodeName()).isEqualTo("worker-1");
    assertThat(subset.addresses().get(0).targetRef().kind()).isEqualTo("Pod");
    assertThat(subset.addresses().get(0).targetRef().name()).isEqualTo("web-7c5ddbdf54-x2k9q");
    assertThat(subset.notReadyAddresses()).singleElement().satisfies(a -> {
      assertThat(a.ip()).isEqualTo("10.244.3.9");
      assertThat(a.targetRef().uid()).isEqualTo("8d9e0f1a-2b3c-4d4e-8f5a-6b7c8d9e0f1a");
    });
    assertThat(subset.ports()).extracting(p -> p.name() + "/" + p.port() + "/" + p.protocol())
        .containsExactly("http/80/TCP", "https/8443/TCP");
    assertThat(eps.metadata().annotations())
        .containsEntry("endpoints.kubernetes.io/last-change-trigger-time", "2026-01-01T10:07:42Z");
  }

  @Test
  void node() throws IOException {
    Node node = CODEC.readJson(read("node"), Node.class);

    Map<String, Quantity> capacity = node.status().capacity();
    assertThat(capacity.get("memory")).isEqualTo(Quantity.parse("16Gi"));
    assertThat(capacity.get("memory").value()).isEqualTo(16L * 1024 * 1024 * 1024);
    assertThat(capacity.get("cpu")).isEqualTo(Quantity.parse("4"));
    assertThat(capacity.get("pods").value()).isEqualTo(110);
    assertThat(capacity.get("hugepages-2Mi").signum()).isZero();
    Map<String, Quantity> allocatable = node.status().allocatable();
    assertThat(allocatable.get("cpu").milliValue()).isEqualTo(3920);
    assertThat(allocatable.get("cpu").toString()).isEqualTo("3920m");
    assertThat(allocatable.get("memory")).isEqualTo(Quantity.parse("15772580Ki"));
    assertThat(allocatable.get("ephemeral-storage").value()).isEqualTo(94580335255L);
    assertThat(allocatable.get("pods")).as("equal texts decode to one shared quantity")
        .isSameAs(capacity.get("pods"));

    assertThat(node.status().daemonEndpoints().kubeletEndpoint().port()).isEqualTo(10250);
    assertThat(node.status().conditions()).extracting(c -> c.type() + "=" + c.status())
        .containsExactly("MemoryPressure=False", "DiskPressure=False", "PIDPressure=False", "Ready=True");
    assertThat(node.status().conditions().get(3).lastHeartbeatTime()).isEqualTo(Instant.parse("2026-01-01T09:58:11Z"));
    assertThat(node.status().addresses()).extracting(a -> a.type() + ":" + a.address())
        .containsExactly("InternalIP:10.0.1.11", "InternalIP:fd00:10:0:1::11", "Hostname:worker-1");
    assertThat(node.status().nodeInfo().kubeletVersion()).isEqualTo("v1.34.1");
    assertThat(node.status().nodeInfo().kubeProxyVersion()).as("empty string kept").isEmpty();
    assertThat(node.status().nodeInfo().swap().capacity()).isZero();
    assertThat(node.status().images()).hasSize(3);
    assertThat(node.status().images().get(0).sizeBytes()).isEqualTo(72950530L);
    assertThat(node.status().images().get(0).names()).contains("docker.io/library/nginx:1.27");
    assertThat(node.status().runtimeHandlers()).extracting(h -> h.name()).containsExactly("runc", "");
    assertThat(node.status().features().supplementalGroupsPolicy()).isTrue();
    assertThat(node.spec().taints().get(0).effect()).isEqualTo("PreferNoSchedule");
    assertThat(node.spec().podCIDRs()).containsExactly("10.244.1.0/24");
    assertThat(node.metadata().namespace()).isNull();
  }

  @Test
  void deploymentAndReplicaSet() throws IOException {
    Deployment dep = CODEC.readJson(read("deployment"), Deployment.class);

    assertThat(dep.spec().replicas()).isEqualTo(3);
    assertThat(dep.spec().selector().matchLabels()).containsEntry("app", "web");
    assertThat(dep.spec().strategy().type()).isEqualTo("RollingUpdate");
    assertThat(dep.spec().strategy().rollingUpdate().maxUnavailable()).isEqualTo(IntOrString.of("25%"));
    assertThat(dep.spec().strategy().rollingUpdate().maxSurge()).isEqualTo(IntOrString.of(1));
    assertThat(dep.spec().strategy().rollingUpdate().maxUnavailable().scaledValue(3, false)).isZero();
    assertThat(dep.status().observedGeneration()).isEqualTo(1L);
    assertThat(dep.status().availableReplicas()).isEqualTo(3);
    assertThat(dep.status().unavailableReplicas()).isNull();
    DeploymentCondition progressing = dep.status().conditions().get(1);
    assertThat(progressing.type()).isEqualTo("Progressing");
    assertThat(progressing.reason()).isEqualTo("NewReplicaSetAvailable");
    assertThat(progressing.message()).isEqualTo("ReplicaSet \"web-7c5ddbdf54\" has successfully progressed.");
    assertThat(progressing.lastUpdateTime()).isEqualTo(Instant.parse("2026-01-01T10:07:42Z"));
    assertThat(progressing.lastTransitionTime()).isEqualTo(Instant.parse("2026-01-01T09:59:58Z"));

    ReplicaSet rs = CODEC.readJson(read("replicaset"), ReplicaSet.class);
    assertThat(rs.metadata().ownerReferences().get(0).uid()).isEqualTo(dep.metadata().uid());
    assertThat(rs.spec().replicas()).isEqualTo(3);
    assertThat(rs.status().replicas()).isEqualTo(2);
    assertThat(rs.status().readyReplicas()).isEqualTo(2);
    assertThat(rs.status().conditions()).singleElement().satisfies(c -> {
      assertThat(c.type()).isEqualTo("ReplicaFailure");
      assertThat(c.reason()).isEqualTo("FailedCreate");
      assertThat(c.message()).contains("exceeded quota: compute");
    });
    assertThat(rs.spec().template().spec()).isEqualTo(dep.spec().template().spec());
  }

  @Test
  void eventWithMicroTimeAndSeries() throws IOException {
    Event event = CODEC.readJson(read("event-series"), Event.class);

    assertThat(event.eventTime()).isEqualTo(Instant.parse("2026-01-01T10:00:00.482917Z"));
    assertThat(event.eventTime().getNano()).isEqualTo(482_917_000);
    assertThat(event.series().count()).isEqualTo(4);
    assertThat(event.series().lastObservedTime()).isEqualTo(Instant.parse("2026-01-01T10:05:00.120300Z"));
    assertThat(event.firstTimestamp()).as("null on the wire").isNull();
    assertThat(event.lastTimestamp()).isNull();
    assertThat(event.count()).isNull();
    assertThat(event.source()).as("{} on the wire").isNotNull();
    assertThat(event.source().component()).isNull();
    assertThat(event.involvedObject().kind()).isEqualTo("Pod");
    assertThat(event.reportingComponent()).isEqualTo("default-scheduler");
    // MicroTime keeps all six digits, trailing zeros included
    assertThat(JSON.readTree(CODEC.writeJsonBytes(event)).at("/series/lastObservedTime").asText())
        .isEqualTo("2026-01-01T10:05:00.120300Z");

    Event backoff = CODEC.readJson(read("event-backoff"), Event.class);
    assertThat(backoff.eventTime()).isNull();
    assertThat(backoff.count()).isEqualTo(5);
    assertThat(backoff.firstTimestamp()).isEqualTo(Instant.parse("2026-01-01T10:03:12Z"));
    assertThat(backoff.involvedObject().fieldPath()).isEqualTo("spec.containers{web}");
    assertThat(backoff.source().host()).isEqualTo("worker-1");
  }

  @Test
  void leaseWithMicroTimes() throws IOException {
    Lease lease = CODEC.readJson(read("lease"), Lease.class);

    Instant renew = lease.spec().renewTime();
    assertThat(renew).isEqualTo(Instant.parse("2026-01-01T10:00:05.123456Z"));
    assertThat(renew.getNano()).as("microseconds").isEqualTo(123_456_000);
    assertThat(lease.spec().acquireTime()).isEqualTo(Instant.parse("2026-01-01T08:12:45.5Z"));
    assertThat(lease.spec().leaseDurationSeconds()).isEqualTo(15);
    assertThat(lease.spec().leaseTransitions()).isEqualTo(3);
    assertThat(lease.spec().holderIdentity()).startsWith("control-plane-1_");

    JsonNode written = JSON.readTree(CODEC.writeJsonBytes(lease));
    assertThat(written.at("/spec/acquireTime").asText()).isEqualTo("2026-01-01T08:12:45.500000Z");
    assertThat(written.at("/spec/renewTime").asText()).isEqualTo("2026-01-01T10:00:05.123456Z");
    // a renewed copy writes the new microseconds
    Lease renewed = lease.withSpec(lease.spec().withRenewTime(Instant.parse("2026-01-01T10:00:15.000001Z")));
    assertThat(JSON.readTree(CODEC.writeJsonBytes(renewed)).at("/spec/renewTime").asText())
        .isEqualTo("2026-01-01T10:00:15.000001Z");
  }

  @Test
  void terminatingNamespace() throws IOException {
    Namespace ns = CODEC.readJson(read("namespace-terminating"), Namespace.class);

    assertThat(ns.status().phase()).isEqualTo("Terminating");
    assertThat(ns.metadata().deletionTimestamp()).isEqualTo(Instant.parse("2026-01-01T10:00:00Z"));
    assertThat(ns.spec().finalizers()).containsExactly("kubernetes");
    assertThat(ns.status().conditions()).hasSize(5);
    assertThat(ns.status().conditions()).filteredOn(c -> c.status().equals("True")).singleElement()
        .satisfies(c -> {
          assertThat(c.type()).isEqualTo("NamespaceContentRemaining");
          assertThat(c.reason()).isEqualTo("SomeResourcesRemain");
        });
  }

  @Test
  void statusFailureBodies() throws IOException {
    Status invalid = CODEC.readJson(read("status-invalid"), Status.class);

    assertThat(invalid.status()).isEqualTo("Failure");
    assertThat(invalid.code()).isEqualTo(422);
    assertThat(invalid.reason()).isEqualTo("Invalid");
    assertThat(invalid.metadata()).as("{} on the wire").isNotNull();
    assertThat(invalid.details().group()).isEqualTo("apps");
    assertThat(invalid.details().kind()).isEqualTo("Deployment");
    assertThat(invalid.details().causes()).extracting(c -> c.field())
        .containsExactly("spec.replicas", "spec.template.spec.containers[0].image");
    assertThat(invalid.details().causes().get(1).reason()).isEqualTo("FieldValueRequired");

    Status notFound = CODEC.readJson(read("status-notfound"), Status.class);
    assertThat(notFound.code()).isEqualTo(404);
    assertThat(notFound.reason()).isEqualTo("NotFound");
    assertThat(notFound.details().causes()).isEmpty();
  }

  @Test
  void unknownFieldsSurviveAtEveryLevel() throws IOException {
    byte[] bytes = read("pod-unknown-fields");
    Pod pod = CODEC.readJson(bytes, Pod.class);

    assertThat(pod.extraFields()).containsOnlyKeys("topLevelFutureField");
    assertThat(pod.metadata().extraFields()).containsExactly(Map.entry("someFutureMetadataField", "kept"));
    assertThat(pod.spec().extraFields()).containsOnlyKeys("someNewField", "anotherNewScalar");
    assertThat(pod.spec().extraFields().get("anotherNewScalar")).isEqualTo(42L);
    assertThat(pod.status().extraFields()).containsExactly(Map.entry("futureStatusList", List.of("x", 1L, false)));
    assertThat(pod.spec().containers().get(0).extraFields())
        .containsExactly(Map.entry("futureContainerKnob", Map.of("level", 3L, "labels", List.of("a", "b"))));

    @SuppressWarnings("unchecked")
    Map<String, Object> someNewField = (Map<String, Object>) pod.spec().extraFields().get("someNewField");
    assertThat(someNewField)
        .containsEntry("enabled", true)
        .containsEntry("mode", "aggressive")
        .containsEntry("weight", 0.75)
        .containsEntry("window", new BigInteger("12345678901234567890"));
    assertThat(someNewField.get("targets")).isEqualTo(List.of(
        Map.of("name", "first", "priority", 1L), Map.of("name", "second", "priority", -2L)));

    // the modelled fields around them are intact
    assertThat(pod.spec().containers().get(0).name()).isEqualTo("app");
    assertThat(pod.status().phase()).isEqualTo("Pending");

    // unknown fields survive a read-modify-write
    Pod relabelled = pod.withMetadata(pod.metadata().withLabels(Map.of("touched", "yes")));
    JsonNode written = JSON.readTree(CODEC.writeJsonBytes(relabelled));
    JsonNode original = JSON.readTree(bytes);
    assertThat(written.get("topLevelFutureField")).isEqualTo(original.get("topLevelFutureField"));
    assertThat(written.at("/spec/someNewField")).isEqualTo(original.at("/spec/someNewField"));
    assertThat(written.at("/spec/someNewField/nested/deeper/text").asText())
        .isEqualTo("\u00e9t\u00e9 \u2603 \"quoted\" \\ back");
    assertThat(written.at("/spec/someNewField/nested/deeper/emptyList").isArray()).isTrue();
    assertThat(written.at("/spec/someNewField/nested/deeper/empty").isObject()).isTrue();
    assertThat(written.at("/metadata/labels/touched").asText()).isEqualTo("yes");
  }

  @Test
  void equalDocumentsDecodeToEqualObjectsAndDifferentOnesDoNot() throws IOException {
    Pod a = CODEC.readJson(read("pod-running"), Pod.class);
    Pod b = CODEC.readJson(read("pod-running"), Pod.class);
    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b).isNotSameAs(b);

    ObjectNode changed = (ObjectNode) JSON.readTree(read("pod-running"));
    ((ObjectNode) changed.at("/status/containerStatuses/0")).put("restartCount", 3);
    Pod c = CODEC.readJson(JSON.writeValueAsBytes(changed), Pod.class);
    assertThat(c).isNotEqualTo(a);
    assertThat(c.status().containerStatuses().get(0).restartCount()).isEqualTo(3);
  }

  /** What Go's encoding does to values that can be written more than one way, so does Skiff. */
  @Test
  void timesAreNormalisedLikeTheApiServerDoes() throws IOException {
    Pod pod = CODEC.readJson("""
        {"metadata":{"creationTimestamp":"2026-01-01T11:00:00+01:00",
                     "deletionTimestamp":"2026-01-01T10:00:00.999Z"}}
        """, Pod.class);
    assertThat(pod.metadata().creationTimestamp()).isEqualTo(Instant.parse("2026-01-01T10:00:00Z"));
    JsonNode written = JSON.readTree(CODEC.writeJsonBytes(pod));
    assertThat(written.at("/metadata/creationTimestamp").asText()).as("UTC").isEqualTo("2026-01-01T10:00:00Z");
    assertThat(written.at("/metadata/deletionTimestamp").asText()).as("whole seconds, truncated")
        .isEqualTo("2026-01-01T10:00:00Z");
  }

  // ---- helpers

  /** JSON pointers of every unknown field kept in an extraFields() map anywhere in a decoded model object. */
  static List<String> extraFieldPaths(Object root) {
    List<String> out = new java.util.ArrayList<>();
    collectExtraFields(root, "", out);
    return out;
  }

  private static void collectExtraFields(Object value, String path, List<String> out) {
    if (value instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        collectExtraFields(list.get(i), path + "/" + i, out);
      }
      return;
    }
    if (value instanceof Map<?, ?> map) {
      map.forEach((k, v) -> collectExtraFields(v, path + "/" + k, out));
      return;
    }
    // generated model types live in sub-packages of dev.skiff.model; value types (Quantity...) in the package itself
    if (value == null || !value.getClass().getPackageName().startsWith("dev.skiff.model.")) {
      return;
    }
    for (java.lang.reflect.Method m : value.getClass().getMethods()) {
      if (m.getParameterCount() != 0 || java.lang.reflect.Modifier.isStatic(m.getModifiers())
          || m.getDeclaringClass() == Object.class || m.getName().equals("hashCode") || m.getName().equals("toString")) {
        continue;
      }
      Object v;
      try {
        v = m.invoke(value);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(m.toString(), e);
      }
      if (m.getName().equals("extraFields")) {
        ((Map<?, ?>) v).keySet().forEach(k -> out.add(path + "/" + k));
      } else {
        collectExtraFields(v, path + "/" + m.getName(), out);
      }
    }
  }

  private static Path dir() {
    try {
      return Path.of(FixtureRoundTripTest.class.getResource("/fixtures/objects").toURI());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static byte[] read(String fixture) throws IOException {
    return Files.readAllBytes(dir().resolve(fixture + ".json"));
  }
}
