package dev.skiff.fake.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/**
 * ReplicationControllers, ReplicaSets and Deployments. The ReplicationController expectations are the facts of
 * the rc-flake transcript recorded from kube-apiserver v1.34 (create, then PATCH spec.replicas to 0).
 */
class WorkloadStrategyTest {
  private final ApiLayerStandIn api = new ApiLayerStandIn();

  private static final String FLAKE_TEMPLATE = "'template':{'metadata':{'labels':{'name':'flake'}},'spec':{"
      + "'containers':[{'name':'flake','image':'brendanburns/flake','env':[{'name':'TEST_PACKAGE','value':'pkg/tools'},"
      + "{'name':'REPO_SPEC','value':'https://github.com/GoogleCloudPlatform/kubernetes'}]}]}}";

  @Test
  void replicationControllerCreateMatchesTheRecordedBody() {
    ObjectNode rc = api.create("dr-rc-flake", Json.obj("{'apiVersion':'v1','kind':'ReplicationController',"
        + "'metadata':{'name':'flake-controller','labels':{'name':'flake'}},"
        + "'spec':{'replicas':24,'selector':{'name':'flake'}," + FLAKE_TEMPLATE + "}}")).body();
    ObjectNode expected = Json.obj("{'kind':'ReplicationController','apiVersion':'v1','metadata':{"
        + "'name':'flake-controller','namespace':'dr-rc-flake','generation':1,'labels':{'name':'flake'}},"
        + "'spec':{'replicas':24,'selector':{'name':'flake'},'template':{'metadata':{'labels':{'name':'flake'}},"
        + "'spec':{'containers':[{'name':'flake','image':'brendanburns/flake','env':[{'name':'TEST_PACKAGE',"
        + "'value':'pkg/tools'},{'name':'REPO_SPEC','value':'https://github.com/GoogleCloudPlatform/kubernetes'}],"
        + "'resources':{},'terminationMessagePath':'/dev/termination-log','terminationMessagePolicy':'File',"
        + "'imagePullPolicy':'Always'}],'restartPolicy':'Always','terminationGracePeriodSeconds':30,"
        + "'dnsPolicy':'ClusterFirst','securityContext':{},'schedulerName':'default-scheduler'}}},"
        + "'status':{'replicas':0}}");
    assertThat(ApiLayerStandIn.withoutApiLayerFields(rc)).isEqualTo(expected);
  }

  @Test
  void invalidSeedNameIsRefusedAsRecorded() {
    ApiLayerStandIn.Result result = api.create("dr-rc-flake", Json.obj("{'kind':'ReplicationController',"
        + "'metadata':{'name':'flakeController','labels':{'name':'flake'}},"
        + "'spec':{'replicas':24,'selector':{'name':'flake'}," + FLAKE_TEMPLATE + "}}"));
    assertThat(result.body().get("message").asText()).isEqualTo("ReplicationController \"flakeController\" is "
        + "invalid: metadata.name: Invalid value: \"flakeController\": a lowercase RFC 1123 subdomain must consist of "
        + "lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character "
        + "(e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*"
        + "[a-z0-9])?)*')");
  }

  @Test
  void scalingBumpsGenerationAndKeepsTheControllersStatus() {
    ObjectNode rc = api.create("ns", Json.obj("{'kind':'ReplicationController','metadata':{'name':'f'},"
        + "'spec':{'replicas':24," + FLAKE_TEMPLATE + "}}")).body();
    // The selector and the object's labels come from the template.
    assertThat(rc.at("/spec/selector").toString()).isEqualTo("{\"name\":\"flake\"}");
    assertThat(rc.at("/metadata/labels").toString()).isEqualTo("{\"name\":\"flake\"}");
    ObjectNode counted = rc.deepCopy();
    counted.set("status", Json.obj("{'replicas':24,'fullyLabeledReplicas':24,'observedGeneration':1}"));
    assertThat(api.update(counted, true).code()).isEqualTo(200);
    ApiLayerStandIn.Result stop = api.mergePatch("ReplicationController", "ns", "f",
        Json.obj("{'spec':{'replicas':0},'status':{'replicas':3}}"));
    assertThat(stop.body().at("/metadata/generation").asInt()).isEqualTo(2);
    assertThat(stop.body().get("status").toString())
        .isEqualTo("{\"replicas\":24,\"fullyLabeledReplicas\":24,\"observedGeneration\":1}");
  }

  @Test
  void replicationControllerRules() {
    ApiLayerStandIn.Result result = api.create("ns", Json.obj("{'kind':'ReplicationController','metadata':{'name':'r'},"
        + "'spec':{'replicas':-1,'selector':{'app':'a'},'template':{'metadata':{'labels':{'app':'b'}},"
        + "'spec':{'restartPolicy':'OnFailure','containers':[{'name':'c','image':'i'}]}}}}"));
    assertThat(PodStrategyTest.causes(result.body())).containsExactly(
        "spec.replicas: Invalid value: -1: must be greater than or equal to 0",
        "spec.template.metadata.labels: Invalid value: {\"app\":\"b\"}: `selector` does not match template `labels`",
        "spec.template.spec.restartPolicy: Unsupported value: \"OnFailure\": supported values: \"Always\"");
    ApiLayerStandIn.Result noTemplate = api.create("ns", Json.obj("{'kind':'ReplicationController',"
        + "'metadata':{'name':'r2'},'spec':{}}"));
    assertThat(PodStrategyTest.causes(noTemplate.body()))
        .containsExactly("spec.selector: Required value", "spec.template: Required value");
  }

  @Test
  void deploymentDefaults() {
    ObjectNode d = api.create("ns", Json.obj("{'kind':'Deployment','apiVersion':'apps/v1','metadata':{'name':'web'},"
        + "'spec':{'selector':{'matchLabels':{'app':'web'}},'template':{'metadata':{'labels':{'app':'web'}},"
        + "'spec':{'containers':[{'name':'web','image':'nginx:1.25'}]}}}}")).body();
    assertThat(d.at("/spec/replicas").asInt()).isEqualTo(1);
    assertThat(d.at("/spec/strategy").toString())
        .isEqualTo("{\"type\":\"RollingUpdate\",\"rollingUpdate\":{\"maxUnavailable\":\"25%\",\"maxSurge\":\"25%\"}}");
    assertThat(d.at("/spec/revisionHistoryLimit").asInt()).isEqualTo(10);
    assertThat(d.at("/spec/progressDeadlineSeconds").asInt()).isEqualTo(600);
    assertThat(d.at("/spec/template/spec/containers/0/imagePullPolicy").asText()).isEqualTo("IfNotPresent");
    assertThat(d.at("/spec/template/spec").has("enableServiceLinks")).isFalse();
    assertThat(d.get("status").toString()).isEqualTo("{}");
    assertThat(d.at("/metadata/generation").asInt()).isEqualTo(1);
  }

  @Test
  void deploymentAnnotationChangeBumpsGenerationAndSelectorIsImmutable() {
    ObjectNode d = api.create("ns", Json.obj("{'kind':'Deployment','metadata':{'name':'web'},"
        + "'spec':{'selector':{'matchLabels':{'app':'web'}},'template':{'metadata':{'labels':{'app':'web','v':'1'}},"
        + "'spec':{'containers':[{'name':'web','image':'nginx:1.25'}]}}}}")).body();
    ObjectNode annotated = d.deepCopy();
    annotated.with("metadata").with("annotations").put("note", "x");
    ObjectNode updated = api.update(annotated, false).body();
    assertThat(updated.at("/metadata/generation").asInt()).isEqualTo(2);
    ObjectNode reselected = updated.deepCopy();
    reselected.with("spec").with("selector").with("matchLabels").put("v", "1");
    ApiLayerStandIn.Result result = api.update(reselected, false);
    assertThat(PodStrategyTest.causes(result.body())).containsExactly(
        "spec.selector: Invalid value: {\"matchLabels\":{\"app\":\"web\",\"v\":\"1\"}}: field is immutable");
    assertThat(result.body().get("message").asText()).startsWith("Deployment.apps \"web\" is invalid: ");
  }

  @Test
  void replicaSetSelectorRules() {
    ApiLayerStandIn.Result empty = api.create("ns", Json.obj("{'kind':'ReplicaSet','metadata':{'name':'rs'},"
        + "'spec':{'selector':{},'template':{'spec':{'containers':[{'name':'c','image':'i'}]}}}}"));
    assertThat(PodStrategyTest.causes(empty.body()))
        .containsExactly("spec.selector: Invalid value: {}: empty selector is invalid for deployment");
    ApiLayerStandIn.Result missing = api.create("ns", Json.obj("{'kind':'ReplicaSet','metadata':{'name':'rs'},"
        + "'spec':{'template':{'metadata':{'labels':{'a':'b'}},'spec':{'containers':[{'name':'c','image':'i'}]}}}}"));
    assertThat(PodStrategyTest.causes(missing.body())).containsExactly("spec.selector: Required value",
        "spec.template.metadata.labels: Invalid value: {\"a\":\"b\"}: `selector` does not match template `labels`");
    ApiLayerStandIn.Result expression = api.create("ns", Json.obj("{'kind':'ReplicaSet','metadata':{'name':'rs'},"
        + "'spec':{'selector':{'matchExpressions':[{'key':'tier','operator':'In','values':['web']}]},"
        + "'template':{'metadata':{'labels':{'tier':'web'}},'spec':{'containers':[{'name':'c','image':'i'}]}}}}"));
    assertThat(expression.code()).isEqualTo(201);
    assertThat(expression.body().at("/status").toString()).isEqualTo("{\"replicas\":0}");
  }

  @Test
  void statusCountsCannotExceedReplicas() {
    ObjectNode rc = api.create("ns", Json.obj("{'kind':'ReplicationController','metadata':{'name':'f'},"
        + "'spec':{'replicas':2," + FLAKE_TEMPLATE + "}}")).body();
    ObjectNode update = rc.deepCopy();
    update.set("status", Json.obj("{'replicas':1,'readyReplicas':2,'availableReplicas':-1}"));
    assertThat(PodStrategyTest.causes(api.update(update, true).body())).containsExactly(
        "status.availableReplicas: Invalid value: -1: must be greater than or equal to 0",
        "status.readyReplicas: Invalid value: 2: cannot be greater than status.replicas");
  }
}
