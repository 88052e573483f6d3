package dev.skiff.fake.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** Namespaces, Nodes, Events, Endpoints, Leases and ServiceAccounts. */
class NamespaceAndSimpleKindsTest {
  private final ApiLayerStandIn api = new ApiLayerStandIn();

  @Test
  void namespaceGetsItsFinalizerPhaseAndNameLabel() {
    ObjectNode ns = api.create("", Json.obj("{'kind':'Namespace','metadata':{'name':'team','namespace':'x'}}")).body();
    assertThat(ns.toString()).isEqualTo("{\"kind\":\"Namespace\",\"metadata\":{\"name\":\"team\","
        + "\"labels\":{\"kubernetes.io/metadata.name\":\"team\"},\"resourceVersion\":\"1\"},"
        + "\"spec\":{\"finalizers\":[\"kubernetes\"]},\"status\":{\"phase\":\"Active\"}}");
  }

  @Test
  void generatedNamespaceNameIsLabelledToo() {
    ObjectNode ns = api.create("", Json.obj("{'kind':'Namespace','metadata':{'generateName':'tmp-'}}")).body();
    assertThat(ns.at("/metadata/labels/kubernetes.io~1metadata.name").asText())
        .isEqualTo(ns.at("/metadata/name").asText()).startsWith("tmp-");
  }

  @Test
  void namespaceUpdateKeepsFinalizersStatusAndLabel() {
    api.create("", Json.obj("{'kind':'Namespace','metadata':{'name':'team'}}"));
    ObjectNode update = Json.obj("{'kind':'Namespace','metadata':{'name':'team','labels':{'a':'b'}},"
        + "'spec':{'finalizers':[]},'status':{'phase':'Terminating'}}");
    ObjectNode ns = api.update(update, false).body();
    assertThat(ns.at("/spec/finalizers/0").asText()).isEqualTo("kubernetes");
    assertThat(ns.at("/status/phase").asText()).isEqualTo("Active");
    assertThat(ns.at("/metadata/labels").toString())
        .isEqualTo("{\"a\":\"b\",\"kubernetes.io/metadata.name\":\"team\"}");
  }

  @Test
  void finalizerNamesNeedADomainUnlessStandard() {
    ApiLayerStandIn.Result result = api.create("", Json.obj("{'kind':'Namespace','metadata':{'name':'f'},"
        + "'spec':{'finalizers':['custom']}}"));
    assertThat(PodStrategyTest.causes(result.body())).containsExactly("spec.finalizers: Invalid value: \"custom\": "
        + "name is neither a standard finalizer name nor is it fully qualified");
    ApiLayerStandIn.Result meta = api.create("ns", Json.obj("{'kind':'ConfigMap','metadata':{'name':'c',"
        + "'finalizers':['example.com/keep','mine']}}"));
    assertThat(PodStrategyTest.causes(meta.body())).containsExactly("metadata.finalizers[1]: Invalid value: \"mine\": "
        + "name is neither a standard finalizer name nor is it fully qualified");
  }

  @Test
  void metadataRulesForAllKinds() {
    ObjectNode cm = Json.obj("{'kind':'ConfigMap','metadata':{'name':'c','labels':{'-bad':'v'},"
        + "'ownerReferences':[{'apiVersion':'v1','kind':'Pod','name':'p','uid':'u','controller':true},"
        + "{'apiVersion':'','kind':'','name':'','uid':'','controller':true}]}}");
    cm.with("metadata").with("annotations").put("big", "x".repeat(256 * 1024));
    assertThat(PodStrategyTest.causes(api.create("ns", cm).body())).containsExactly(
        "metadata.labels: Invalid value: \"-bad\": name part must consist of alphanumeric characters, '-', '_' or "
            + "'.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or "
            + "'123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
        "metadata.annotations: Too long: may not be more than 262144 bytes",
        "metadata.ownerReferences.apiVersion: Invalid value: \"\": version must not be empty",
        "metadata.ownerReferences.kind: Invalid value: \"\": must not be empty",
        "metadata.ownerReferences.name: Invalid value: \"\": must not be empty",
        "metadata.ownerReferences.uid: Invalid value: \"\": must not be empty",
        "metadata.ownerReferences: Invalid value: [{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"name\":\"p\",\"uid\":\"u\","
            + "\"controller\":true},{\"apiVersion\":\"\",\"kind\":\"\",\"name\":\"\",\"uid\":\"\",\"controller\":true}]: "
            + "Only one reference can have Controller set to true. Found \"true\" in references for Pod/p and /");
  }

  @Test
  void updateMayNotChangeIdentityNorRemoveTheResourceVersionNeed() {
    ObjectNode cm = api.create("ns", Json.obj("{'kind':'ConfigMap','metadata':{'name':'c','uid':'u1'}}")).body();
    ObjectNode old = cm.deepCopy();
    ObjectNode renamed = cm.deepCopy();
    renamed.with("metadata").put("uid", "u2");
    assertThat(api.registry.strategy("ConfigMap").validateUpdate(renamed, old).stream().map(FieldError::toString))
        // The generic update checks and the ConfigMap's own both report it, as on the real server.
        .containsExactly("metadata.uid: Invalid value: \"u2\": field is immutable",
            "metadata.uid: Invalid value: \"u2\": field is immutable");
    ObjectNode noVersion = cm.deepCopy();
    noVersion.with("metadata").remove("resourceVersion");
    assertThat(api.registry.strategy("ConfigMap").validateUpdate(noVersion, old).stream().map(FieldError::toString))
        .contains("metadata.resourceVersion: Invalid value: \"\": must be specified for an update");
  }

  @Test
  void nodeKeepsStatusOnCreateAndDefaultsAllocatable() {
    ObjectNode node = api.create("", Json.obj("{'kind':'Node','metadata':{'name':'n1'},"
        + "'status':{'capacity':{'cpu':'4'}}}")).body();
    assertThat(node.at("/status/allocatable/cpu").asText()).isEqualTo("4");
    assertThat(node.at("/metadata").has("generation")).isFalse();
  }

  @Test
  void simpleKindsCheckTheirFewRules() {
    assertThat(PodStrategyTest.causes(api.create("ns", Json.obj("{'kind':'Lease','metadata':{'name':'l'},"
        + "'spec':{'leaseDurationSeconds':0}}")).body()))
        .containsExactly("spec.leaseDurationSeconds: Invalid value: 0: must be greater than 0");
    assertThat(PodStrategyTest.causes(api.create("ns", Json.obj("{'kind':'Event','metadata':{'name':'e.1'},"
        + "'involvedObject':{'kind':'Pod','namespace':'other','name':'p'}}")).body()))
        .containsExactly("involvedObject.namespace: Invalid value: \"other\": does not match event.namespace");
    assertThat(PodStrategyTest.causes(api.create("ns", Json.obj("{'kind':'Event','metadata':{'name':'e.2'},"
        + "'involvedObject':{'kind':'Node','name':'n1'}}")).body()))
        .containsExactly("involvedObject.namespace: Invalid value: \"\": does not match event.namespace");
    assertThat(api.create("default", Json.obj("{'kind':'Event','metadata':{'name':'e.3'},"
        + "'involvedObject':{'kind':'Node','name':'n1'}}")).code()).isEqualTo(201);
    ObjectNode endpoints = api.create("ns", Json.obj("{'kind':'Endpoints','metadata':{'name':'web'},"
        + "'subsets':[{'addresses':[{'ip':'10.1.0.5'}],'ports':[{'port':8080}]}]}")).body();
    assertThat(endpoints.at("/subsets/0/ports/0/protocol").asText()).isEqualTo("TCP");
    assertThat(PodStrategyTest.causes(api.create("ns", Json.obj("{'kind':'Endpoints','metadata':{'name':'bad'},"
        + "'subsets':[{'ports':[{'port':80}]},{'addresses':[{'ip':'127.0.0.1'}]}]}")).body())).containsExactly(
        "subsets[0]: Required value: must specify `addresses` or `notReadyAddresses`",
        "subsets[1].addresses[0].ip: Invalid value: \"127.0.0.1\": may not be in the loopback range "
            + "(127.0.0.0/8, ::1/128)");
    assertThat(api.create("ns", Json.obj("{'kind':'ServiceAccount','metadata':{'name':'default'}}")).code())
        .isEqualTo(201);
  }

  @Test
  void namespacePhaseFollowsTheDeletionTimestamp() {
    ObjectNode ns = api.create("", Json.obj("{'kind':'Namespace','metadata':{'name':'team'}}")).body();
    ObjectNode update = ns.deepCopy();
    update.set("status", Json.obj("{'phase':'Terminating'}"));
    assertThat(PodStrategyTest.causes(api.update(update, true).body())).containsExactly(
        "status.Phase: Invalid value: \"Terminating\": may only be 'Active' if `deletionTimestamp` is empty");
  }
}
