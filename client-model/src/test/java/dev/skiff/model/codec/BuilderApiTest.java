package dev.skiff.model.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skiff.model.KubernetesObject;
import dev.skiff.model.Quantity;
import dev.skiff.model.ResourceType;
import dev.skiff.model.ResourceTypes;
import dev.skiff.model.apps.v1.Deployment;
import dev.skiff.model.apps.v1.DeploymentList;
import dev.skiff.model.core.v1.Container;
import dev.skiff.model.core.v1.ContainerPort;
import dev.skiff.model.core.v1.Namespace;
import dev.skiff.model.core.v1.Pod;
import dev.skiff.model.core.v1.PodList;
import dev.skiff.model.core.v1.PodSpec;
import dev.skiff.model.core.v1.ResourceRequirements;
import dev.skiff.model.meta.v1.ListMeta;
import dev.skiff.model.meta.v1.ObjectMeta;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The generated types as a user meets them: builders, copies, equality, encoding, and the resource registry. */
class BuilderApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ModelCodec CODEC = ModelCodec.standard();

  private static Pod webPod() {
    return Pod.builder()
        .metadata(ObjectMeta.builder()
            .name("web-1")
            .namespace("demo")
            .putLabels("app", "web")
            .putLabels("tier", "frontend")
            .build())
        .spec(PodSpec.builder()
            .addContainers(Container.builder()
                .name("web")
                .image("nginx:1.27")
                .addPorts(ContainerPort.builder().name("http").containerPort(80).protocol("TCP").build())
                .resources(ResourceRequirements.builder()
                    .putLimits("cpu", Quantity.parse("500m"))
                    .putLimits("memory", Quantity.parse("256Mi"))
                    .putRequests("cpu", Quantity.parse("0.25"))
                    .build())
                .build())
            .build())
        .build();
  }

  @Test
  void buildAPod() {
    Pod pod = webPod();

    assertThat(pod.apiVersion()).as("not set by the builder").isNull();
    assertThat(pod.kind()).isNull();
    assertThat(pod.metadata().name()).isEqualTo("web-1");
    assertThat(pod.metadata().labels()).containsExactly(Map.entry("app", "web"), Map.entry("tier", "frontend"));
    assertThat(pod.metadata().annotations()).as("maps are never null").isEmpty();
    assertThat(pod.metadata().finalizers()).as("lists are never null").isEmpty();
    assertThat(pod.metadata().uid()).isNull();
    Container web = pod.spec().containers().get(0);
    assertThat(web.ports()).singleElement().satisfies(p -> {
      assertThat(p.containerPort()).isEqualTo(80);
      assertThat(p.hostPort()).isNull();
    });
    assertThat(web.resources().limits().get("memory")).isEqualTo(Quantity.parse("256Mi"));
    assertThat(web.resources().requests().get("cpu")).as("0.25 == 250m").isEqualTo(Quantity.parse("250m"));
    assertThat(web.env()).isEmpty();
    assertThat(pod.status()).isNull();
    assertThat(pod.extraFields()).isEmpty();
    assertThat(pod).isInstanceOf(KubernetesObject.class);
    assertThat(Pod.API_VERSION).isEqualTo("v1");
    assertThat(Pod.KIND).isEqualTo("Pod");
  }

  @Test
  void collectionsAreImmutable() {
    Pod pod = webPod();
    assertThatThrownBy(() -> pod.spec().containers().add(Container.builder().name("x").build()))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> pod.metadata().labels().put("x", "y"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void withCopiesLeaveTheOriginalAlone() {
    Pod pod = webPod();
    Pod renamed = pod.withMetadata(pod.metadata().withName("web-2").withLabels(Map.of("app", "web2")));

    assertThat(renamed.metadata().name()).isEqualTo("web-2");
    assertThat(renamed.metadata().labels()).containsExactly(Map.entry("app", "web2"));
    assertThat(renamed.metadata().namespace()).isEqualTo("demo");
    assertThat(renamed.spec()).isSameAs(pod.spec());
    assertThat(pod.metadata().name()).isEqualTo("web-1");
    assertThat(pod.metadata().labels()).containsEntry("tier", "frontend");

    Container c = pod.spec().containers().get(0);
    assertThat(c.withImage("nginx:1.28").image()).isEqualTo("nginx:1.28");
    assertThat(c.withImage("nginx:1.27")).as("an unchanged value gives back the same instance").isSameAs(c);
    assertThat(c.withArgs("-g", "daemon off;").args()).containsExactly("-g", "daemon off;");
    assertThat(c.args()).isEmpty();

    Pod rebuilt = Pod.builder().from(pod).status(null).build();
    assertThat(rebuilt).isEqualTo(pod);
  }

  @Test
  void equalObjectsAreEqualAndHashAlike() {
    Pod a = webPod();
    Pod b = webPod();
    assertThat(a).isNotSameAs(b).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a.toString()).isEqualTo(b.toString()).contains("web-1");

    assertThat(a.withMetadata(a.metadata().withName("other"))).isNotEqualTo(b);
    assertThat(a.withExtraFields(Map.of("future", 1L))).isNotEqualTo(b);

    // what goes out and comes back in is the same object; it now carries apiVersion and kind, which the Java type
    // already fixes and which are therefore not part of equals/hashCode
    Pod decoded = CODEC.readJson(CODEC.writeJsonBytes(a), Pod.class);
    assertThat(decoded.apiVersion()).isEqualTo("v1");
    assertThat(decoded.kind()).isEqualTo("Pod");
    assertThat(decoded).isEqualTo(a).hasSameHashCodeAs(a);
    assertThat(a.withApiVersion("v1").withKind("Pod")).isEqualTo(a).hasSameHashCodeAs(a);
  }

  @Test
  void requiredFieldsAreEnforced() {
    assertThatThrownBy(() -> Container.builder().image("nginx").build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Container")
        .hasMessageContaining("name");
    assertThatThrownBy(() -> ContainerPort.builder().name("http").build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("containerPort");
    assertThatThrownBy(() -> Container.builder().name(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("name");
    // optional values take null
    assertThat(Container.builder().name("a").image(null).build().image()).isNull();
  }

  @Test
  void encodingFillsInApiVersionAndKindAtTheTopOnly() throws IOException {
    JsonNode pod = JSON.readTree(CODEC.writeJsonBytes(webPod()));
    assertThat(pod.get("apiVersion").asText()).isEqualTo("v1");
    assertThat(pod.get("kind").asText()).isEqualTo("Pod");
    assertThat(pod).isEqualTo(JSON.readTree("""
        {"apiVersion":"v1","kind":"Pod",
         "metadata":{"name":"web-1","namespace":"demo","labels":{"app":"web","tier":"frontend"}},
         "spec":{"containers":[{"name":"web","image":"nginx:1.27",
           "ports":[{"name":"http","containerPort":80,"protocol":"TCP"}],
           "resources":{"limits":{"cpu":"500m","memory":"256Mi"},"requests":{"cpu":"0.25"}}}]}}
        """));

    PodList list = PodList.builder()
        .metadata(ListMeta.builder().resourceVersion("42").build())
        .addItems(webPod(), webPod().withMetadata(webPod().metadata().withName("web-2")))
        .build();
    JsonNode json = JSON.readTree(CODEC.writeJsonBytes(list));
    assertThat(json.get("apiVersion").asText()).isEqualTo("v1");
    assertThat(json.get("kind").asText()).isEqualTo("PodList");
    assertThat(json.get("items")).hasSize(2).allSatisfy(item -> {
      assertThat(item.has("apiVersion")).as("list items carry no apiVersion").isFalse();
      assertThat(item.has("kind")).isFalse();
    });
    assertThat(json.at("/items/1/metadata/name").asText()).isEqualTo("web-2");

    // an explicitly set apiVersion/kind is written as set, also inside lists
    Deployment dep = Deployment.builder().apiVersion("apps/v1").kind("Deployment")
        .metadata(ObjectMeta.builder().name("d").build()).build();
    JsonNode deps = JSON.readTree(CODEC.writeJsonBytes(DeploymentList.builder().addItems(dep).build()));
    assertThat(deps.get("kind").asText()).isEqualTo("DeploymentList");
    assertThat(deps.get("apiVersion").asText()).isEqualTo("apps/v1");
    assertThat(deps.at("/items/0/kind").asText()).isEqualTo("Deployment");
    // and a plain map is written as it is
    assertThat(JSON.readTree(CODEC.writeJsonBytes(Map.of("a", List.of(1, "b")))))
        .isEqualTo(JSON.readTree("{\"a\":[1,\"b\"]}"));
  }

  @Test
  void emptyListsAndMapsAreOmitted() throws IOException {
    Pod pod = Pod.builder()
        .metadata(ObjectMeta.builder().name("bare").labels(Map.of()).putAllAnnotations(Map.of()).build())
        .spec(PodSpec.builder()
            .containers(List.of(Container.builder().name("c").args(List.of()).build()))
            .volumes(List.of())
            .nodeSelector(Map.of())
            .build())
        .build();
    JsonNode json = JSON.readTree(CODEC.writeJsonBytes(pod));

    assertThat(json).isEqualTo(JSON.readTree(
        "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"bare\"},\"spec\":{\"containers\":[{\"name\":\"c\"}]}}"));
    // an empty but present object stays an object, as kubectl writes "resources: {}"
    Pod withEmptyResources = pod.withSpec(pod.spec().withContainers(
        pod.spec().containers().get(0).withResources(ResourceRequirements.builder().build())));
    assertThat(JSON.readTree(CODEC.writeJsonBytes(withEmptyResources)).at("/spec/containers/0/resources").isObject())
        .isTrue();
    // documents write their required lists even when empty, as the API server writes "items": [] ...
    JsonNode empty = JSON.readTree(CODEC.writeJsonBytes(PodList.builder().build()));
    assertThat(empty).isEqualTo(JSON.readTree("{\"apiVersion\":\"v1\",\"kind\":\"PodList\",\"items\":[]}"));
    // ... but nested objects omit them, so a model used as a merge-patch body never clears a list by accident
    assertThat(JSON.readTree(CODEC.writeJsonBytes(PodSpec.builder().build()))).isEqualTo(JSON.readTree("{}"));
  }

  /**
   * extraFields must not shadow modelled fields: the writer would emit the key twice, e.g.
   * {@code {"metadata":{"name":"a"},"metadata":{"name":"b"},"kind":"Job"}}, and most readers take the last value,
   * so the object would silently become something else. Building such an object fails instead.
   */
  @Test
  void extraFieldsCannotShadowModelledFields() {
    Pod pod = webPod();
    assertThatThrownBy(() -> pod.withExtraFields(Map.of("metadata", Map.of("name", "other"))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("extraFields of Pod must not hold the modelled field 'metadata'");
    assertThat(pod.withExtraFields(Map.of("futureField", 1)).extraFields()).containsEntry("futureField", 1);
  }

  // ---- the resource registry

  @Test
  void podsResourceFacts() {
    ResourceType<Pod> pods = ResourceTypes.PODS;

    assertThat(pods.type()).isEqualTo(Pod.class);
    assertThat(pods.listType()).isEqualTo(PodList.class);
    assertThat(pods.group()).isEmpty();
    assertThat(pods.version()).isEqualTo("v1");
    assertThat(pods.apiVersion()).isEqualTo("v1");
    assertThat(pods.kind()).isEqualTo("Pod");
    assertThat(pods.plural()).isEqualTo("pods");
    assertThat(pods.singular()).isEqualTo("pod");
    assertThat(pods.shortNames()).contains("po");
    assertThat(pods.categories()).contains("all");
    assertThat(pods.namespaced()).isTrue();
    assertThat(pods.verbs()).contains("get", "list", "watch", "create", "delete", "deletecollection");
    assertThat(pods.supports("watch")).isTrue();
    assertThat(pods.subresources()).extracting(ResourceType.Subresource::name).contains("status", "log", "exec", "eviction");
    assertThat(pods.subresources()).filteredOn(s -> s.name().equals("eviction")).singleElement()
        .satisfies(s -> assertThat(s.group()).isEqualTo("policy"));
    assertThat(pods.collectionPath("demo")).isEqualTo("/api/v1/namespaces/demo/pods");
    assertThat(pods.collectionPath(null)).isEqualTo("/api/v1/pods");
    assertThat(pods.toString()).isEqualTo("pods/v1");
  }

  @Test
  void otherResourceFacts() {
    assertThat(ResourceTypes.DEPLOYMENTS.collectionPath("demo")).isEqualTo("/apis/apps/v1/namespaces/demo/deployments");
    assertThat(ResourceTypes.DEPLOYMENTS.apiVersion()).isEqualTo("apps/v1");
    assertThat(ResourceTypes.DEPLOYMENTS.toString()).isEqualTo("deployments.apps/v1");
    assertThat(ResourceTypes.DEPLOYMENTS.subresources()).filteredOn(s -> s.name().equals("scale")).singleElement()
        .satisfies(s -> {
          assertThat(s.kind()).isEqualTo("Scale");
          assertThat(s.group()).isEqualTo("autoscaling");
        });
    assertThat(ResourceTypes.NODES.namespaced()).isFalse();
    assertThat(ResourceTypes.NODES.collectionPath("demo")).as("cluster-scoped: namespace ignored")
        .isEqualTo("/api/v1/nodes");
    assertThat(ResourceTypes.NAMESPACES.type()).isEqualTo(Namespace.class);
    assertThat(ResourceTypes.LEASES.apiVersion()).isEqualTo("coordination.k8s.io/v1");
    assertThat(ResourceTypes.LEASES.collectionPath("kube-node-lease"))
        .isEqualTo("/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases");
    assertThat(ResourceTypes.all()).contains(ResourceTypes.PODS, ResourceTypes.DEPLOYMENTS, ResourceTypes.SERVICES)
        .doesNotHaveDuplicates();
  }

  @Test
  void lookUpByNameAndByKind() {
    assertThat(ResourceTypes.forName("deploy")).containsSame(ResourceTypes.DEPLOYMENTS);
    assertThat(ResourceTypes.forName("deployments")).containsSame(ResourceTypes.DEPLOYMENTS);
    assertThat(ResourceTypes.forName("Deployment")).containsSame(ResourceTypes.DEPLOYMENTS);
    assertThat(ResourceTypes.forName("deployments.apps")).containsSame(ResourceTypes.DEPLOYMENTS);
    assertThat(ResourceTypes.forName("deployments.v1.apps")).containsSame(ResourceTypes.DEPLOYMENTS);
    assertThat(ResourceTypes.forName("po")).containsSame(ResourceTypes.PODS);
    assertThat(ResourceTypes.forName("PODS")).containsSame(ResourceTypes.PODS);
    assertThat(ResourceTypes.forName("svc")).containsSame(ResourceTypes.SERVICES);
    assertThat(ResourceTypes.forName("ns")).containsSame(ResourceTypes.NAMESPACES);
    assertThat(ResourceTypes.forName("deployments.batch")).isEmpty();
    assertThat(ResourceTypes.forName("jobs")).isEmpty();

    assertThat(ResourceTypes.forKind("apps/v1", "Deployment")).containsSame(ResourceTypes.DEPLOYMENTS);
    assertThat(ResourceTypes.forKind("v1", "Pod")).containsSame(ResourceTypes.PODS);
    assertThat(ResourceTypes.forKind("coordination.k8s.io/v1", "Lease")).containsSame(ResourceTypes.LEASES);
    assertThat(ResourceTypes.forKind("v1", "Deployment")).isEmpty();
    assertThat(ResourceTypes.forKind("apps/v1", "deployment")).as("kinds are case-sensitive").isEmpty();
  }
}
