package dev.skiff.fake.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Pod defaults, QoS class, validation messages and the update rules. */
class PodStrategyTest {
  private final ApiLayerStandIn api = ApiLayerStandIn.withDefaultServiceAccount("ns");

  private ObjectNode created(String json) {
    ApiLayerStandIn.Result result = api.create("ns", Json.obj(json));
    assertThat(result.code()).as(result.body().toString()).isEqualTo(201);
    return result.body();
  }

  /** The causes of a refused create as {@code field: message} lines. */
  private List<String> errors(String json) {
    ApiLayerStandIn.Result result = api.create("ns", Json.obj(json));
    assertThat(result.code()).as(result.body().toString()).isEqualTo(422);
    return causes(result.body());
  }

  static List<String> causes(ObjectNode status) {
    return java.util.stream.StreamSupport.stream(status.at("/details/causes").spliterator(), false)
        .map(c -> c.path("field").asText() + ": " + c.path("message").asText()).collect(Collectors.toList());
  }

  @ParameterizedTest
  @CsvSource({"nginx, Always", "nginx:latest, Always", "nginx:1.25, IfNotPresent", "localhost:5000/nginx, Always",
      "localhost:5000/nginx:2, IfNotPresent", "nginx@sha256:abc, IfNotPresent", "nginx:latest@sha256:abc, Always"})
  void pullPolicyFollowsTheTag(String image, String policy) {
    ObjectNode pod = created("{'kind':'Pod','metadata':{'name':'p'},'spec':{'containers':[{'name':'c','image':'"
        + image + "'}]}}");
    assertThat(pod.at("/spec/containers/0/imagePullPolicy").asText()).isEqualTo(policy);
  }

  @Test
  void probesPortsVolumesAndFieldRefsGetTheirDefaults() {
    ObjectNode pod = created("{'kind':'Pod','metadata':{'name':'p'},'spec':{"
        + "'volumes':[{'name':'s','secret':{'secretName':'x'}},{'name':'h','hostPath':{'path':'/tmp'}},{'name':'e'}],"
        + "'containers':[{'name':'c','image':'i:1','ports':[{'containerPort':80}],"
        + "'env':[{'name':'N','valueFrom':{'fieldRef':{'fieldPath':'metadata.name'}}}],"
        + "'livenessProbe':{'httpGet':{'port':80}}}]}}");
    assertThat(pod.at("/spec/containers/0/ports/0/protocol").asText()).isEqualTo("TCP");
    assertThat(pod.at("/spec/containers/0/env/0/valueFrom/fieldRef/apiVersion").asText()).isEqualTo("v1");
    assertThat(pod.at("/spec/containers/0/livenessProbe").toString()).isEqualTo("{\"httpGet\":{\"port\":80,"
        + "\"path\":\"/\",\"scheme\":\"HTTP\"},\"timeoutSeconds\":1,\"periodSeconds\":10,\"successThreshold\":1,"
        + "\"failureThreshold\":3}");
    assertThat(pod.at("/spec/volumes/0/secret/defaultMode").asInt()).isEqualTo(420);
    assertThat(pod.at("/spec/volumes/1/hostPath/type").asText()).isEmpty();
    assertThat(pod.at("/spec/volumes/2/emptyDir").isObject()).isTrue();
  }

  @Test
  void hostNetworkPortsGetHostPorts() {
    ObjectNode pod = created("{'kind':'Pod','metadata':{'name':'p'},'spec':{'hostNetwork':true,"
        + "'containers':[{'name':'c','image':'i:1','ports':[{'containerPort':8080}]}]}}");
    assertThat(pod.at("/spec/containers/0/ports/0/hostPort").asInt()).isEqualTo(8080);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{}|BestEffort",
      "{'requests':{'cpu':'100m'}}|Burstable",
      "{'limits':{'cpu':'1','memory':'1Gi'}}|Guaranteed",
      "{'limits':{'cpu':'1','memory':'1Gi'},'requests':{'cpu':'500m'}}|Burstable",
      "{'limits':{'cpu':'1'}}|Burstable",
      "{'requests':{'cpu':'0'}}|BestEffort",
      "{'limits':{'cpu':'1','memory':'1Gi','nvidia.com/gpu':'1'}}|Guaranteed"})
  void qosClassFollowsRequestsAndLimits(String resources, String qos) {
    ObjectNode pod = created("{'kind':'Pod','metadata':{'name':'p'},'spec':{'containers':[{'name':'c','image':'i:1',"
        + "'resources':" + resources + "}]}}");
    assertThat(pod.at("/status/qosClass").asText()).isEqualTo(qos);
  }

  @Test
  void quantitiesComeBackInTheServerForm() {
    ObjectNode pod = created("{'kind':'Pod','metadata':{'name':'p'},'spec':{'containers':[{'name':'c','image':'i:1',"
        + "'resources':{'limits':{'cpu':0.5,'memory':'1024Mi'},'requests':{'cpu':'0.25'}}}]}}");
    assertThat(pod.at("/spec/containers/0/resources").toString()).isEqualTo(
        "{\"limits\":{\"cpu\":\"500m\",\"memory\":\"1Gi\"},\"requests\":{\"cpu\":\"250m\",\"memory\":\"1Gi\"}}");
  }

  @Test
  void schedulingGatesAddTheGatedCondition() {
    ObjectNode pod = created("{'kind':'Pod','metadata':{'name':'p'},'spec':{'schedulingGates':[{'name':'wait'}],"
        + "'containers':[{'name':'c','image':'i:1'}]}}");
    assertThat(pod.at("/status/conditions/0/reason").asText()).isEqualTo("SchedulingGated");
    assertThat(pod.at("/status/conditions/0/message").asText())
        .isEqualTo("Scheduling is blocked due to non-empty scheduling gates");
  }

  @Test
  void statusInTheRequestIsReplaced() {
    ObjectNode pod = created("{'kind':'Pod','metadata':{'name':'p'},'spec':{'containers':[{'name':'c','image':'i:1'}]},"
        + "'status':{'phase':'Running','podIP':'1.2.3.4'}}");
    assertThat(pod.get("status").toString()).isEqualTo("{\"phase\":\"Pending\",\"qosClass\":\"BestEffort\"}");
  }

  @Test
  void containerRulesHaveTheServerMessages() {
    assertThat(errors("{'kind':'Pod','metadata':{'name':'p'},'spec':{'volumes':[{'name':'v','emptyDir':{}}],"
        + "'containers':[{'name':'c','image':'i','imagePullPolicy':'Sometimes',"
        + "'ports':[{'containerPort':70000,'protocol':'TCP'}],"
        + "'volumeMounts':[{'name':'nope','mountPath':'/a'}],"
        + "'resources':{'limits':{'cpu':'1'},'requests':{'cpu':'2'}}},"
        + "{'name':'c','image':''}]}}"))
        .containsExactly(
            "spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive",
            "spec.containers[0].volumeMounts[0].name: Not found: \"nope\"",
            "spec.containers[0].imagePullPolicy: Unsupported value: \"Sometimes\": supported values: "
                + "\"Always\", \"IfNotPresent\", \"Never\"",
            "spec.containers[0].resources.requests: Invalid value: \"2\": must be less than or equal to cpu limit of 1",
            "spec.containers[1].image: Required value",
            "spec.containers[1].name: Duplicate value: \"c\"");
  }

  @Test
  void nameAndSpecErrorsAreReportedTogetherInOrder() {
    ApiLayerStandIn.Result result = api.create("ns", Json.obj("{'kind':'Pod','metadata':{'name':'Bad'},"
        + "'spec':{'containers':[{'name':'Web','image':'i'}],'dnsPolicy':'Foo'}}"));
    List<String> causes = causes(result.body());
    assertThat(causes).hasSize(3);
    assertThat(causes.get(0)).startsWith("metadata.name: Invalid value: \"Bad\": a lowercase RFC 1123 subdomain");
    assertThat(causes.get(1)).startsWith("spec.containers[0].name: Invalid value: \"Web\": a lowercase RFC 1123 label");
    assertThat(causes.get(2)).isEqualTo("spec.dnsPolicy: Unsupported value: \"Foo\": supported values: "
        + "\"ClusterFirstWithHostNet\", \"ClusterFirst\", \"Default\", \"None\"");
    assertThat(result.body().get("message").asText()).startsWith("Pod \"Bad\" is invalid: [metadata.name: ");
  }

  @Test
  void imageChangeBumpsGenerationAndKeepsStatus() {
    ObjectNode pod = created("{'kind':'Pod','metadata':{'name':'p'},'spec':{'containers':[{'name':'c','image':'i:1'}]}}");
    ObjectNode update = pod.deepCopy();
    ((ObjectNode) update.with("spec").withArray("containers").get(0)).put("image", "i:2");
    update.set("status", Json.obj("{'phase':'Running'}"));
    update.with("metadata").put("generation", 7);
    ApiLayerStandIn.Result result = api.update(update, false);
    assertThat(result.code()).isEqualTo(200);
    assertThat(result.body().at("/metadata/generation").asInt()).isEqualTo(2);
    assertThat(result.body().at("/status/phase").asText()).isEqualTo("Pending");
    ObjectNode labelsOnly = result.body().deepCopy();
    labelsOnly.with("metadata").with("labels").put("a", "b");
    assertThat(api.update(labelsOnly, false).body().at("/metadata/generation").asInt()).isEqualTo(2);
  }

  @Test
  void otherSpecChangesAreForbidden() {
    ObjectNode pod = created("{'kind':'Pod','metadata':{'name':'p'},'spec':{'containers':[{'name':'c','image':'i:1'}]}}");
    ObjectNode update = pod.deepCopy();
    update.with("spec").put("restartPolicy", "Never");
    ApiLayerStandIn.Result result = api.update(update, false);
    assertThat(causes(result.body())).containsExactly("spec: Forbidden: " + PodStrategy.IMMUTABLE_SPEC_DETAIL);
    ObjectNode more = pod.deepCopy();
    more.with("spec").withArray("containers").addObject().put("name", "d").put("image", "i");
    assertThat(causes(api.update(more, false).body()))
        .contains("spec.containers: Forbidden: pod updates may not add or remove containers");
  }

  @Test
  void statusUpdateChangesOnlyStatus() {
    ObjectNode pod = created("{'kind':'Pod','metadata':{'name':'p'},'spec':{'containers':[{'name':'c','image':'i:1'}]}}");
    ObjectNode update = pod.deepCopy();
    update.set("status", Json.obj("{'phase':'Running','qosClass':'BestEffort'}"));
    ((ObjectNode) update.with("spec").withArray("containers").get(0)).put("image", "i:2");
    ApiLayerStandIn.Result result = api.update(update, true);
    assertThat(result.code()).isEqualTo(200);
    assertThat(result.body().at("/status/phase").asText()).isEqualTo("Running");
    assertThat(result.body().at("/spec/containers/0/image").asText()).isEqualTo("i:1");
    assertThat(result.body().at("/metadata/generation").asInt()).isEqualTo(1);
  }

  @Test
  void statusUpdateMayNotChangeTheQosClass() {
    ObjectNode pod = created("{'kind':'Pod','metadata':{'name':'p'},'spec':{'containers':[{'name':'c','image':'i:1'}]}}");
    ObjectNode update = pod.deepCopy();
    update.set("status", Json.obj("{'phase':'Running','qosClass':'Guaranteed'}"));
    assertThat(causes(api.update(update, true).body()))
        .containsExactly("status.qosClass: Invalid value: \"Guaranteed\": field is immutable");
  }

  @Test
  void decoderDefaultsAloneLeaveAdmissionStatusAndGenerationOut() {
    ObjectNode pod = Json.obj("{'kind':'Pod','metadata':{'name':'p'},'spec':{'containers':[{'name':'c','image':'i'}]}}");
    api.registry.strategy("Pod").applyDefaults(pod);
    assertThat(pod.toString()).isEqualTo("{\"kind\":\"Pod\",\"metadata\":{\"name\":\"p\"},\"spec\":{"
        + "\"containers\":[{\"name\":\"c\",\"image\":\"i\",\"imagePullPolicy\":\"Always\","
        + "\"terminationMessagePath\":\"/dev/termination-log\",\"terminationMessagePolicy\":\"File\","
        + "\"resources\":{}}],\"enableServiceLinks\":true,\"dnsPolicy\":\"ClusterFirst\","
        + "\"restartPolicy\":\"Always\",\"securityContext\":{},\"terminationGracePeriodSeconds\":30,"
        + "\"schedulerName\":\"default-scheduler\"}}");
  }

  @Test
  void environmentVariableNamesArePrintableAsciiWithoutEquals() {
    assertThat(errors("{'kind':'Pod','metadata':{'name':'p'},'spec':{'containers':[{'name':'c','image':'i',"
        + "'env':[{'name':'KEY=1'},{'name':'my.var-1 ok'},{'value':'x'}]}]}}")).containsExactly(
        "spec.containers[0].env[0].name: Invalid value: \"KEY=1\": a valid environment variable name must consist "
            + "only of printable ASCII characters other than '='",
        "spec.containers[0].env[2].name: Required value");
  }
}
