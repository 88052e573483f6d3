package dev.skiff.fake.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Service defaults per type, cluster IP and node port allocation, update rules and validation. */
class ServiceStrategyTest {
  private final ApiLayerStandIn api = new ApiLayerStandIn();

  private ObjectNode created(String json) {
    ApiLayerStandIn.Result result = api.create("ns", Json.obj(json));
    assertThat(result.code()).as(result.body().toString()).isEqualTo(201);
    return result.body();
  }

  @Test
  void nodePortServiceGetsPortsFromTheRangeAndExternalPolicy() {
    ObjectNode svc = created("{'kind':'Service','metadata':{'name':'np'},'spec':{'type':'NodePort',"
        + "'ports':[{'name':'a','port':80},{'name':'b','port':81,'nodePort':30080}]}}");
    int allocated = svc.at("/spec/ports/0/nodePort").asInt();
    assertThat(allocated).isBetween(30000, 32767).isNotEqualTo(30080);
    assertThat(svc.at("/spec/ports/1/nodePort").asInt()).isEqualTo(30080);
    assertThat(svc.at("/spec/externalTrafficPolicy").asText()).isEqualTo("Cluster");
    assertThat(svc.at("/spec/internalTrafficPolicy").asText()).isEqualTo("Cluster");
    ApiLayerStandIn.Result taken = api.create("ns", Json.obj("{'kind':'Service','metadata':{'name':'np2'},"
        + "'spec':{'type':'NodePort','ports':[{'port':80,'nodePort':30080}]}}"));
    assertThat(PodStrategyTest.causes(taken.body()))
        .containsExactly("spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated");
    ApiLayerStandIn.Result outside = api.create("ns", Json.obj("{'kind':'Service','metadata':{'name':'np3'},"
        + "'spec':{'type':'NodePort','ports':[{'port':80,'nodePort':80}]}}"));
    assertThat(PodStrategyTest.causes(outside.body())).containsExactly("spec.ports[0].nodePort: Invalid value: 80: "
        + "provided port is not in the valid range. The range of valid ports is 30000-32767");
  }

  @Test
  void loadBalancerDefaultsAndHealthCheckPort() {
    ObjectNode svc = created("{'kind':'Service','metadata':{'name':'lb'},'spec':{'type':'LoadBalancer',"
        + "'externalTrafficPolicy':'Local','ports':[{'port':443}]}}");
    assertThat(svc.at("/spec/allocateLoadBalancerNodePorts").asBoolean()).isTrue();
    assertThat(svc.at("/spec/healthCheckNodePort").asInt()).isBetween(30000, 32767);
    assertThat(svc.at("/spec/ports/0/nodePort").asInt()).isBetween(30000, 32767);
    assertThat(svc.at("/status").toString()).isEqualTo("{\"loadBalancer\":{}}");
  }

  @Test
  void externalNameServiceHasNoAddressNorFamilies() {
    ObjectNode svc = created("{'kind':'Service','metadata':{'name':'ext'},'spec':{'type':'ExternalName',"
        + "'externalName':'example.com.'}}");
    assertThat(svc.at("/spec").has("clusterIP")).isFalse();
    assertThat(svc.at("/spec").has("ipFamilies")).isFalse();
    assertThat(svc.at("/spec").has("internalTrafficPolicy")).isFalse();
    ApiLayerStandIn.Result missing = api.create("ns", Json.obj("{'kind':'Service','metadata':{'name':'ext2'},"
        + "'spec':{'type':'ExternalName'}}"));
    assertThat(PodStrategyTest.causes(missing.body())).containsExactly("spec.externalName: Required value");
  }

  @Test
  void headlessServiceWithoutSelectorMayUseEveryFamily() {
    ObjectNode svc = created("{'kind':'Service','metadata':{'name':'hl'},'spec':{'clusterIP':'None'}}");
    assertThat(svc.at("/spec/clusterIPs/0").asText()).isEqualTo("None");
    assertThat(svc.at("/spec/ipFamilyPolicy").asText()).isEqualTo("RequireDualStack");
  }

  @Test
  void requestedClusterIpIsReservedOnce() {
    ObjectNode svc = created("{'kind':'Service','metadata':{'name':'a'},'spec':{'clusterIP':'10.0.0.50','ports':[{'port':80}]}}");
    assertThat(svc.at("/spec/clusterIPs/0").asText()).isEqualTo("10.0.0.50");
    ApiLayerStandIn.Result again = api.create("ns", Json.obj("{'kind':'Service','metadata':{'name':'b'},"
        + "'spec':{'clusterIP':'10.0.0.50','ports':[{'port':80}]}}"));
    assertThat(PodStrategyTest.causes(again.body())).containsExactly("spec.clusterIPs: Invalid value: [\"10.0.0.50\"]: "
        + "failed to allocate IP 10.0.0.50: provided IP is already allocated");
    ApiLayerStandIn.Result outside = api.create("ns", Json.obj("{'kind':'Service','metadata':{'name':'c'},"
        + "'spec':{'clusterIP':'10.1.0.5','ports':[{'port':80}]}}"));
    assertThat(PodStrategyTest.causes(outside.body())).containsExactly("spec.clusterIPs: Invalid value: [\"10.1.0.5\"]: "
        + "failed to allocate IP 10.1.0.5: the provided IP (10.1.0.5) is not in the valid range. The range of valid "
        + "IPs is 10.0.0.0/24");
    api.registry.strategy("Service").release(svc);
    assertThat(api.create("ns", Json.obj("{'kind':'Service','metadata':{'name':'d'},"
        + "'spec':{'clusterIP':'10.0.0.50','ports':[{'port':80}]}}")).code()).isEqualTo(201);
  }

  @Test
  void kubernetesServiceAddressIsOnlyGivenOnRequest() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 253; i++) {
      ObjectNode svc = created("{'kind':'Service','metadata':{'name':'s" + i + "'},'spec':{'ports':[{'port':80}]}}");
      seen.add(svc.at("/spec/clusterIP").asText());
    }
    assertThat(seen).hasSize(253).doesNotContain("10.0.0.0", "10.0.0.1", "10.0.0.255");
    ApiLayerStandIn.Result full = api.create("ns", Json.obj("{'kind':'Service','metadata':{'name':'full'},"
        + "'spec':{'ports':[{'port':80}]}}"));
    assertThat(full.code()).isEqualTo(422);
    assertThat(created("{'kind':'Service','metadata':{'name':'kubernetes'},'spec':{'clusterIP':'10.0.0.1',"
        + "'ports':[{'name':'https','port':443,'targetPort':6443}]}}").at("/spec/clusterIP").asText())
        .isEqualTo("10.0.0.1");
  }

  @Test
  void updateKeepsAllocatedValuesAndAllocatesForANewType() {
    ObjectNode svc = created("{'kind':'Service','metadata':{'name':'a'},'spec':{'ports':[{'name':'http','port':80}]}}");
    String ip = svc.at("/spec/clusterIP").asText();
    // A client that sends the spec without the allocated fields (as kubectl replace does).
    ObjectNode update = Json.obj("{'kind':'Service','metadata':{'name':'a','namespace':'ns'},"
        + "'spec':{'type':'NodePort','ports':[{'name':'http','port':80}]}}");
    ApiLayerStandIn.Result result = api.update(update, false);
    assertThat(result.code()).as(result.body().toString()).isEqualTo(200);
    assertThat(result.body().at("/spec/clusterIP").asText()).isEqualTo(ip);
    int nodePort = result.body().at("/spec/ports/0/nodePort").asInt();
    assertThat(nodePort).isBetween(30000, 32767);
    // Back to ClusterIP: the node port must go, and is given back.
    ObjectNode back = result.body().deepCopy();
    back.with("spec").put("type", "ClusterIP");
    ApiLayerStandIn.Result refused = api.update(back.deepCopy(), false);
    assertThat(PodStrategyTest.causes(refused.body()))
        .contains("spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'");
    ((ObjectNode) back.with("spec").withArray("ports").get(0)).remove("nodePort");
    back.with("spec").remove("externalTrafficPolicy");
    assertThat(api.update(back, false).code()).isEqualTo(200);
    assertThat(api.create("ns", Json.obj("{'kind':'Service','metadata':{'name':'b'},"
        + "'spec':{'type':'NodePort','ports':[{'port':80,'nodePort':" + nodePort + "}]}}")).code()).isEqualTo(201);
  }

  @Test
  void validationMessagesOfTheCommonMistakes() {
    ApiLayerStandIn.Result result = api.create("ns", Json.obj("{'kind':'Service','metadata':{'name':'bad'},"
        + "'spec':{'type':'Magic','sessionAffinity':'Sticky','selector':{'app':'a b'},"
        + "'ports':[{'port':0},{'name':'x','port':80,'protocol':'HTTP','targetPort':'Http'}]}}"));
    assertThat(PodStrategyTest.causes(result.body())).containsExactly(
        "spec.ports[0].name: Required value",
        "spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive",
        "spec.ports[0].targetPort: Invalid value: 0: must be between 1 and 65535, inclusive",
        "spec.ports[1].protocol: Unsupported value: \"HTTP\": supported values: \"SCTP\", \"TCP\", \"UDP\"",
        "spec.ports[1].targetPort: Invalid value: \"Http\": must contain only alpha-numeric characters (a-z, 0-9), "
            + "and hyphens (-)",
        "spec.selector: Invalid value: \"a b\": a valid label must be an empty string or consist of alphanumeric "
            + "characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  "
            + "or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
        "spec.sessionAffinity: Unsupported value: \"Sticky\": supported values: \"ClientIP\", \"None\"",
        "spec.type: Unsupported value: \"Magic\": supported values: \"ClusterIP\", \"ExternalName\", "
            + "\"LoadBalancer\", \"NodePort\"");
    ApiLayerStandIn.Result noPorts = api.create("ns", Json.obj("{'kind':'Service','metadata':{'name':'np'},'spec':{}}"));
    assertThat(PodStrategyTest.causes(noPorts.body())).containsExactly("spec.ports: Required value");
  }

  @Test
  void clientIpAffinityGetsItsTimeout() {
    ObjectNode svc = created("{'kind':'Service','metadata':{'name':'sticky'},'spec':{'sessionAffinity':'ClientIP',"
        + "'ports':[{'port':80}]}}");
    assertThat(svc.at("/spec/sessionAffinityConfig/clientIP/timeoutSeconds").asInt()).isEqualTo(10800);
  }
}
