package dev.skiff.client;

import static dev.skiff.client.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skiff.client.error.ConflictException;
import dev.skiff.model.KubernetesList;
import dev.skiff.model.ResourceType;
import dev.skiff.model.ResourceTypes;
import dev.skiff.model.autoscaling.v1.Scale;
import dev.skiff.model.core.v1.Container;
import dev.skiff.model.core.v1.Pod;
import dev.skiff.model.core.v1.PodSpec;
import dev.skiff.model.meta.v1.LabelSelector;
import dev.skiff.model.meta.v1.LabelSelectorRequirement;
import dev.skiff.model.meta.v1.ObjectMeta;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What each operation sends: method, path, query, content type and body; and how it reads the answer. */
class ResourceClientRequestTest {
  @StartStop
  private final MockWebServer server = new MockWebServer();
  private KubeClient client;

  @BeforeEach
  void setUp() {
    client = Fixtures.client(server);
  }

  @AfterEach
  void tearDown() {
    client.close();
  }

  private RecordedRequest take() throws InterruptedException {
    return server.takeRequest();
  }

  private static Pod newPod(String name) {
    return Pod.builder()
        .metadata(ObjectMeta.builder().name(name).putLabels("app", "web").build())
        .spec(PodSpec.builder().addContainers(Container.builder().name("web").image("nginx:1.27").build()).build())
        .build();
  }

  @Test
  void getReadsTheObjectFromItsPath() throws Exception {
    server.enqueue(json(200, Fixtures.pod("web-1", "17")));
    Pod pod = client.pods("demo").get("web-1");
    assertThat(pod.metadata().name()).isEqualTo("web-1");
    assertThat(pod.metadata().resourceVersion()).isEqualTo("17");
    RecordedRequest r = take();
    assertThat(r.getMethod()).isEqualTo("GET");
    assertThat(r.getTarget()).isEqualTo("/api/v1/namespaces/demo/pods/web-1");
    assertThat(r.getHeaders().get("User-Agent")).isEqualTo("skiff/0.1.0 (java)");
  }

  @Test
  void findIsEmptyOn404() {
    server.enqueue(json(404, Fixtures.status(404, "NotFound", "pods \"nope\" not found",
        "{\"name\":\"nope\",\"kind\":\"pods\"}")));
    assertThat(client.pods("demo").find("nope")).isEmpty();
  }

  @Test
  void defaultNamespaceComesFromTheConfig() throws Exception {
    server.enqueue(json(200, Fixtures.pod("web-1", "1")));
    client.pods().get("web-1");
    assertThat(take().getTarget()).isEqualTo("/api/v1/namespaces/demo/pods/web-1");
  }

  @Test
  void listSendsSelectorsLimitAndContinue() throws Exception {
    server.enqueue(json(200, Fixtures.podList("20", null, "a")));
    KubernetesList<Pod> list = client.pods("demo").list(ListOptions.builder()
        .labelSelector("app=web, tier in (fe,be)").fieldSelector("status.phase=Running")
        .limit(10).continueToken("tok").build());
    assertThat(list.items()).extracting(p -> p.metadata().name()).containsExactly("a");
    RecordedRequest r = take();
    assertThat(r.getUrl().encodedPath()).isEqualTo("/api/v1/namespaces/demo/pods");
    assertThat(r.getUrl().queryParameter("labelSelector")).isEqualTo("app=web,tier in (be,fe)");
    assertThat(r.getUrl().queryParameter("fieldSelector")).isEqualTo("status.phase=Running");
    assertThat(r.getUrl().queryParameter("limit")).isEqualTo("10");
    assertThat(r.getUrl().queryParameter("continue")).isEqualTo("tok");
  }

  @Test
  void listAcceptsALabelSelectorObject() throws Exception {
    server.enqueue(json(200, Fixtures.podList("20", null)));
    client.pods("demo").list(LabelSelector.builder().putMatchLabels("name", "flake")
        .addMatchExpressions(LabelSelectorRequirement.builder().key("tier").operator("NotIn").addValues("db").build())
        .build());
    assertThat(take().getUrl().queryParameter("labelSelector")).isEqualTo("name=flake,tier notin (db)");
  }

  @Test
  void listAllFollowsContinueTokensAcrossThreePages() throws Exception {
    server.enqueue(json(200, Fixtures.podList("30", "page2", "a", "b")));
    server.enqueue(json(200, Fixtures.podList("30", "page3", "c", "d")));
    server.enqueue(json(200, Fixtures.podList("30", null, "e")));
    List<Pod> all = client.pods("demo").listAll(ListOptions.builder().labelSelector("app=web").limit(2).build());
    assertThat(all).extracting(p -> p.metadata().name()).containsExactly("a", "b", "c", "d", "e");
    RecordedRequest first = take();
    assertThat(first.getUrl().queryParameter("continue")).isNull();
    assertThat(first.getUrl().queryParameter("limit")).isEqualTo("2");
    RecordedRequest second = take();
    assertThat(second.getUrl().queryParameter("continue")).isEqualTo("page2");
    assertThat(second.getUrl().queryParameter("labelSelector")).isEqualTo("app=web");
    assertThat(take().getUrl().queryParameter("continue")).isEqualTo("page3");
  }

  @Test
  void streamRequestsTheNextPageOnlyWhenReached() throws Exception {
    server.enqueue(json(200, Fixtures.podList("30", "page2", "a", "b")));
    server.enqueue(json(200, Fixtures.podList("30", null, "c")));
    List<String> firstTwo = client.pods("demo").stream(ListOptions.all()).limit(2)
        .map(p -> p.metadata().name()).collect(Collectors.toList());
    assertThat(firstTwo).containsExactly("a", "b");
    assertThat(server.getRequestCount()).isEqualTo(1);
    assertThat(take().getUrl().queryParameter("limit")).isEqualTo("500");
  }

  @Test
  void listAcrossAllNamespacesUsesTheClusterPath() throws Exception {
    server.enqueue(json(200, Fixtures.podList("5", null)));
    client.pods("demo").inAllNamespaces().list("app=web");
    assertThat(take().getUrl().encodedPath()).isEqualTo("/api/v1/pods");
  }

  @Test
  void createPostsJsonToTheCollection() throws Exception {
    server.enqueue(json(201, Fixtures.pod("web-1", "21")));
    Pod created = client.pods("demo").create(newPod("web-1"));
    assertThat(created.metadata().uid()).isNotNull();
    RecordedRequest r = take();
    assertThat(r.getMethod()).isEqualTo("POST");
    assertThat(r.getTarget()).isEqualTo("/api/v1/namespaces/demo/pods");
    assertThat(r.getHeaders().get("Content-Type")).startsWith("application/json");
    assertThat(r.getBody().utf8()).isEqualTo("{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"labels\":{\"app\":\"web\"},"
        + "\"name\":\"web-1\"},\"spec\":{\"containers\":[{\"image\":\"nginx:1.27\",\"name\":\"web\"}]}}");
  }

  @Test
  void updatePutsToTheObjectAndUpdateStatusToItsStatus() throws Exception {
    server.enqueue(json(200, Fixtures.pod("web-1", "22")));
    server.enqueue(json(200, Fixtures.pod("web-1", "23")));
    Pod pod = newPod("web-1");
    client.pods("demo").update(pod);
    client.pods("demo").updateStatus(pod);
    RecordedRequest put = take();
    assertThat(put.getMethod()).isEqualTo("PUT");
    assertThat(put.getTarget()).isEqualTo("/api/v1/namespaces/demo/pods/web-1");
    assertThat(put.getBody().utf8()).contains("\"name\":\"web-1\"");
    RecordedRequest status = take();
    assertThat(status.getMethod()).isEqualTo("PUT");
    assertThat(status.getTarget()).isEqualTo("/api/v1/namespaces/demo/pods/web-1/status");
  }

  @Test
  void updateStatusNeedsAStatusSubresource() {
    assertThatThrownBy(() -> client.configMaps("demo").updateStatus(
        dev.skiff.model.core.v1.ConfigMap.builder().metadata(ObjectMeta.builder().name("c").build()).build()))
        .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("no status subresource");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void eachPatchTypeSendsItsContentType() throws Exception {
    for (PatchType type : PatchType.values()) {
      server.enqueue(json(200, Fixtures.pod("web-1", "24")));
    }
    String merge = "{\"metadata\":{\"labels\":{\"tier\":\"fe\"}}}";
    client.pods("demo").patch("web-1", PatchType.MERGE, merge);
    client.pods("demo").patch("web-1", PatchType.JSON, "[{\"op\":\"remove\",\"path\":\"/metadata/labels/tier\"}]");
    client.pods("demo").patch("web-1", PatchType.STRATEGIC_MERGE,
        "{\"spec\":{\"containers\":[{\"name\":\"web\",\"image\":\"nginx:1.28\"}]}}",
        PatchOptions.builder().fieldManager("kubectl-edit").build());
    client.pods("demo").patch("web-1", PatchType.APPLY, merge, PatchOptions.builder().force(true).build());
    RecordedRequest m = take();
    assertThat(m.getMethod()).isEqualTo("PATCH");
    assertThat(m.getTarget()).isEqualTo("/api/v1/namespaces/demo/pods/web-1");
    assertThat(m.getHeaders().get("Content-Type")).startsWith("application/merge-patch+json");
    assertThat(m.getBody().utf8()).isEqualTo(merge);
    assertThat(take().getHeaders().get("Content-Type")).startsWith("application/json-patch+json");
    RecordedRequest s = take();
    assertThat(s.getHeaders().get("Content-Type")).startsWith("application/strategic-merge-patch+json");
    assertThat(s.getUrl().queryParameter("fieldManager")).isEqualTo("kubectl-edit");
    assertThat(s.getUrl().queryParameter("force")).isNull();
    RecordedRequest a = take();
    assertThat(a.getHeaders().get("Content-Type")).startsWith("application/apply-patch+yaml");
    assertThat(a.getUrl().queryParameter("fieldManager")).isEqualTo("skiff");
    assertThat(a.getUrl().queryParameter("force")).isEqualTo("true");
  }

  @Test
  void applySendsTheObjectWithItsFieldManager() throws Exception {
    server.enqueue(json(200, Fixtures.pod("web-1", "25")));
    client.pods("demo").apply(newPod("web-1"), PatchOptions.builder().fieldManager("ctl").build());
    RecordedRequest r = take();
    assertThat(r.getMethod()).isEqualTo("PATCH");
    assertThat(r.getTarget()).isEqualTo("/api/v1/namespaces/demo/pods/web-1?fieldManager=ctl");
    assertThat(r.getHeaders().get("Content-Type")).startsWith("application/apply-patch+yaml");
    assertThat(r.getBody().utf8()).startsWith("{\"apiVersion\":\"v1\",\"kind\":\"Pod\"");
  }

  @Test
  void deleteSendsDeleteOptionsAsTheBody() throws Exception {
    server.enqueue(json(200, Fixtures.pod("web-1", "26")));
    client.pods("demo").delete("web-1", DeleteOptions.builder().gracePeriodSeconds(0)
        .propagationPolicy(PropagationPolicy.FOREGROUND).preconditionUid("u-1").preconditionResourceVersion("26")
        .build());
    RecordedRequest r = take();
    assertThat(r.getMethod()).isEqualTo("DELETE");
    assertThat(r.getTarget()).isEqualTo("/api/v1/namespaces/demo/pods/web-1");
    assertThat(r.getHeaders().get("Content-Type")).startsWith("application/json");
    assertThat(r.getBody().utf8()).isEqualTo("{\"apiVersion\":\"v1\",\"kind\":\"DeleteOptions\","
        + "\"gracePeriodSeconds\":0,\"preconditions\":{\"resourceVersion\":\"26\",\"uid\":\"u-1\"},"
        + "\"propagationPolicy\":\"Foreground\"}");
  }

  @Test
  void deleteAcceptsAStatusAnswer() throws Exception {
    server.enqueue(json(200, "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Success\","
        + "\"details\":{\"name\":\"del-cm\",\"kind\":\"configmaps\",\"uid\":\"u\"}}"));
    client.configMaps("demo").delete("del-cm");
    assertThat(take().getBody().utf8()).isEqualTo("{\"apiVersion\":\"v1\",\"kind\":\"DeleteOptions\"}");
  }

  @Test
  void deleteCollectionSendsTheSelectorToTheCollection() throws Exception {
    server.enqueue(json(200, "{\"kind\":\"ConfigMapList\",\"apiVersion\":\"v1\",\"metadata\":{},\"items\":[]}"));
    client.configMaps("demo").deleteCollection(ListOptions.builder().labelSelector("dc=yes").limit(5).build());
    RecordedRequest r = take();
    assertThat(r.getMethod()).isEqualTo("DELETE");
    assertThat(r.getUrl().encodedPath()).isEqualTo("/api/v1/namespaces/demo/configmaps");
    assertThat(r.getUrl().queryParameter("labelSelector")).isEqualTo("dc=yes");
    assertThat(r.getUrl().queryParameter("limit")).isNull();
  }

  @Test
  void scalePatchesTheScaleSubresourceAsKubectlDoes() throws Exception {
    server.enqueue(json(200, Fixtures.scale("flake-controller", 0)));
    server.enqueue(json(200, Fixtures.scale("flake-controller", 0)));
    Scale scaled = client.replicationControllers("demo").scale("flake-controller", 0);
    assertThat(scaled.spec().replicas()).isZero();
    Scale read = client.replicationControllers("demo").getScale("flake-controller");
    assertThat(read.status().selector()).isEqualTo("name=flake");
    RecordedRequest r = take();
    assertThat(r.getMethod()).isEqualTo("PATCH");
    assertThat(r.getTarget()).isEqualTo("/api/v1/namespaces/demo/replicationcontrollers/flake-controller/scale");
    assertThat(r.getHeaders().get("Content-Type")).startsWith("application/merge-patch+json");
    assertThat(r.getBody().utf8()).isEqualTo("{\"spec\":{\"replicas\":0}}");
    RecordedRequest g = take();
    assertThat(g.getMethod()).isEqualTo("GET");
    assertThat(g.getTarget()).isEqualTo("/api/v1/namespaces/demo/replicationcontrollers/flake-controller/scale");
  }

  @Test
  void scaleWorksOnAppsGroupKindsAndNotOnUnscalableOnes() throws Exception {
    server.enqueue(json(200, Fixtures.scale("web", 3)));
    client.deployments("demo").scale("web", 3);
    assertThat(take().getTarget()).isEqualTo("/apis/apps/v1/namespaces/demo/deployments/web/scale");
    assertThatThrownBy(() -> client.services("demo").scale("web", 1))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void editRetriesOnConflictWithAFreshRead() throws Exception {
    server.enqueue(json(200, Fixtures.pod("web-1", "30")));
    server.enqueue(json(409, Fixtures.status(409, "Conflict", "Operation cannot be fulfilled on pods \"web-1\": the "
        + "object has been modified; please apply your changes to the latest version and try again",
        "{\"name\":\"web-1\",\"kind\":\"pods\"}")));
    server.enqueue(json(200, Fixtures.pod("web-1", "31")));
    server.enqueue(json(200, Fixtures.pod("web-1", "32")));
    Pod edited = client.pods("demo").edit("web-1", p -> p.withMetadata(p.metadata().withLabels(Map.of("app", "db"))));
    assertThat(edited.metadata().resourceVersion()).isEqualTo("32");
    assertThat(take().getMethod()).isEqualTo("GET");
    RecordedRequest firstPut = take();
    assertThat(firstPut.getMethod()).isEqualTo("PUT");
    assertThat(firstPut.getBody().utf8()).contains("\"resourceVersion\":\"30\"").contains("\"app\":\"db\"");
    assertThat(take().getMethod()).isEqualTo("GET");
    assertThat(take().getBody().utf8()).contains("\"resourceVersion\":\"31\"");
  }

  @Test
  void editGivesUpAfterTheConflictBudget() {
    KubeClient strict = Fixtures.client(server, Fixtures.fastRetries().toBuilder().maxConflictRetries(1).build());
    String conflict = Fixtures.status(409, "Conflict", "the object has been modified", null);
    for (int i = 0; i < 2; i++) {
      server.enqueue(json(200, Fixtures.pod("web-1", "4" + i)));
      server.enqueue(json(409, conflict));
    }
    assertThatThrownBy(() -> strict.pods("demo").edit("web-1",
        p -> p.withMetadata(p.metadata().withLabels(Map.of("x", "y")))))
        .isInstanceOf(ConflictException.class);
    assertThat(server.getRequestCount()).isEqualTo(4);
    strict.close();
  }

  @Test
  void editWritesNothingWhenNothingChanged() {
    server.enqueue(json(200, Fixtures.pod("web-1", "50")));
    Pod same = client.pods("demo").edit("web-1", p -> p);
    assertThat(same.metadata().resourceVersion()).isEqualTo("50");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void clusterScopedKindsHaveNoNamespaceInThePath() throws Exception {
    server.enqueue(json(200, "{\"kind\":\"Node\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"node-1\"}}"));
    server.enqueue(json(200, "{\"kind\":\"NamespaceList\",\"apiVersion\":\"v1\",\"metadata\":{},\"items\":[]}"));
    client.nodes().get("node-1");
    client.namespaces().list();
    assertThat(take().getTarget()).isEqualTo("/api/v1/nodes/node-1");
    assertThat(take().getTarget()).isEqualTo("/api/v1/namespaces");
  }

  @Test
  void namedGroupsUseTheApisPrefix() throws Exception {
    server.enqueue(json(200, "{\"kind\":\"Lease\",\"apiVersion\":\"coordination.k8s.io/v1\",\"metadata\":{\"name\":\"l\"}}"));
    client.leases("demo").get("l");
    assertThat(take().getTarget()).isEqualTo("/apis/coordination.k8s.io/v1/namespaces/demo/leases/l");
  }

  @Test
  void aServerUrlWithAPathPrefixKeepsIt() throws Exception {
    ClientConfig config = ClientConfig.builder().server(server.url("/k8s/clusters/c-1").toString()).build();
    try (KubeClient proxied = KubeClient.create(config)) {
      server.enqueue(json(200, Fixtures.pod("web-1", "1")));
      proxied.pods("demo").get("web-1");
      assertThat(take().getTarget()).isEqualTo("/k8s/clusters/c-1/api/v1/namespaces/demo/pods/web-1");
    }
  }

  @Test
  void namesThatWouldChangeThePathAreRefused() {
    assertThatThrownBy(() -> client.pods("demo").get("")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> client.pods("demo").get("a/b")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> client.pods("Bad NS")).isInstanceOf(IllegalArgumentException.class);
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void customResourcesWorkAsGenericObjects() throws Exception {
    ResourceType<GenericObject> crontabs =
        GenericObject.resourceType("stable.example.com", "v1", "CronTab", "crontabs").namespaced(true).build();
    server.enqueue(json(201, "{\"apiVersion\":\"stable.example.com/v1\",\"kind\":\"CronTab\",\"metadata\":"
        + "{\"name\":\"nightly\",\"namespace\":\"demo\",\"resourceVersion\":\"7\"},\"spec\":{\"cronSpec\":\"0 3 * * *\"}}"));
    server.enqueue(json(200, "{\"apiVersion\":\"stable.example.com/v1\",\"kind\":\"CronTabList\",\"metadata\":"
        + "{\"resourceVersion\":\"8\"},\"items\":[{\"apiVersion\":\"stable.example.com/v1\",\"kind\":\"CronTab\","
        + "\"metadata\":{\"name\":\"nightly\"},\"spec\":{\"cronSpec\":\"0 3 * * *\"}}]}"));
    GenericObject tab = GenericObject.of(Map.of("apiVersion", "stable.example.com/v1", "kind", "CronTab",
        "metadata", Map.of("name", "nightly"), "spec", Map.of("cronSpec", "0 3 * * *")));
    GenericObject created = client.resources(crontabs).create(tab);
    assertThat(created.metadata().resourceVersion()).isEqualTo("7");
    assertThat(created.get("spec")).isEqualTo(Map.of("cronSpec", "0 3 * * *"));
    KubernetesList<GenericObject> list = client.resources(crontabs, "demo").list();
    assertThat(list.metadata().resourceVersion()).isEqualTo("8");
    assertThat(list.items()).extracting(o -> o.metadata().name()).containsExactly("nightly");
    RecordedRequest r = take();
    assertThat(r.getTarget()).isEqualTo("/apis/stable.example.com/v1/namespaces/demo/crontabs");
    assertThat(r.getBody().utf8()).contains("\"cronSpec\":\"0 3 * * *\"").contains("\"kind\":\"CronTab\"");
  }

  @Test
  void everyModelledKindHasAClient() {
    for (ResourceType<?> type : ResourceTypes.all()) {
      ResourceClient<?> c = client.resources(type);
      assertThat(c.type()).isSameAs(type);
      assertThat(c.namespace()).isEqualTo(type.namespaced() ? "demo" : null);
    }
  }

  @Test
  void asyncOperationsAreColdAndRunOnSubscription() throws Exception {
    var later = client.pods("demo").async().get("web-1");
    assertThat(server.getRequestCount()).isZero();
    server.enqueue(json(200, Fixtures.pod("web-1", "60")));
    assertThat(later.blockingGet().metadata().resourceVersion()).isEqualTo("60");
    server.enqueue(json(404, Fixtures.status(404, "NotFound", "pods \"x\" not found", null)));
    assertThat(client.pods("demo").async().find("x").blockingGet()).isNull();
    server.enqueue(json(200, Fixtures.podList("9", "p2", "a")));
    server.enqueue(json(200, Fixtures.podList("9", null, "b")));
    assertThat(client.pods("demo").async().listAll(ListOptions.all()).map(p -> p.metadata().name()).toList()
        .blockingGet()).containsExactly("a", "b");
    server.enqueue(json(200, Fixtures.pod("web-1", "61")));
    client.pods("demo").async().delete("web-1", DeleteOptions.defaults()).blockingAwait();
    assertThat(take().getTarget()).endsWith("/pods/web-1");
  }
}
