package dev.skiff.fake.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** The ServiceAccount, DefaultTolerationSeconds and Priority admission steps of pod creation. */
class PodAdmissionTest {
  private final ApiLayerStandIn api = ApiLayerStandIn.withDefaultServiceAccount("ns");

  private ObjectNode create(String json) {
    ApiLayerStandIn.Result result = api.create("ns", Json.obj(json));
    assertThat(result.code()).as(result.body().toString()).isEqualTo(201);
    return result.body();
  }

  @Test
  void namedServiceAccountMustExist() {
    assertThatThrownBy(() -> api.registry.strategy("Pod").prepareForCreate(Json.obj(
        "{'kind':'Pod','metadata':{'name':'p','namespace':'ns'},"
            + "'spec':{'serviceAccountName':'robot','containers':[{'name':'c','image':'i'}]}}")))
        .isInstanceOf(AdmissionDeniedException.class)
        .hasMessage("pods \"p\" is forbidden: error looking up service account ns/robot: serviceaccount \"robot\" not found")
        .satisfies(e -> assertThat(((AdmissionDeniedException) e).status().get("code").asInt()).isEqualTo(403));
  }

  @Test
  void deprecatedServiceAccountFieldNamesTheAccount() {
    api.put(Json.obj("{'kind':'ServiceAccount','metadata':{'name':'robot','namespace':'ns'}}"));
    ObjectNode pod = create("{'kind':'Pod','metadata':{'name':'p'},"
        + "'spec':{'serviceAccount':'robot','containers':[{'name':'c','image':'i'}]}}");
    assertThat(pod.at("/spec/serviceAccountName").asText()).isEqualTo("robot");
    assertThat(pod.at("/spec/serviceAccount").asText()).isEqualTo("robot");
  }

  @Test
  void automountCanBeTurnedOffByTheAccountOrThePod() {
    api.put(Json.obj("{'kind':'ServiceAccount','metadata':{'name':'quiet','namespace':'ns'},"
        + "'automountServiceAccountToken':false}"));
    ObjectNode byAccount = create("{'kind':'Pod','metadata':{'name':'a'},"
        + "'spec':{'serviceAccountName':'quiet','containers':[{'name':'c','image':'i'}]}}");
    assertThat(byAccount.at("/spec").has("volumes")).isFalse();
    assertThat(byAccount.at("/spec/containers/0").has("volumeMounts")).isFalse();
    ObjectNode byPod = create("{'kind':'Pod','metadata':{'name':'b'},"
        + "'spec':{'automountServiceAccountToken':false,'containers':[{'name':'c','image':'i'}]}}");
    assertThat(byPod.at("/spec").has("volumes")).isFalse();
    // The pod's own setting wins over the account's.
    ObjectNode podWins = create("{'kind':'Pod','metadata':{'name':'c'},"
        + "'spec':{'serviceAccountName':'quiet','automountServiceAccountToken':true,"
        + "'containers':[{'name':'c','image':'i'}]}}");
    assertThat(podWins.at("/spec/volumes/0/name").asText()).startsWith("kube-api-access-");
  }

  @Test
  void tokenIsMountedInInitContainersAndNotWhereThePathIsTaken() {
    ObjectNode pod = create("{'kind':'Pod','metadata':{'name':'p'},'spec':{"
        + "'volumes':[{'name':'own','emptyDir':{}}],"
        + "'initContainers':[{'name':'init','image':'i'}],"
        + "'containers':[{'name':'a','image':'i'},{'name':'b','image':'i','volumeMounts':[{'name':'own',"
        + "'mountPath':'/var/run/secrets/kubernetes.io/serviceaccount'}]}]}}");
    String token = pod.at("/spec/volumes/1/name").asText();
    assertThat(pod.at("/spec/volumes/0/name").asText()).isEqualTo("own");
    assertThat(pod.at("/spec/initContainers/0/volumeMounts/0/name").asText()).isEqualTo(token);
    assertThat(pod.at("/spec/containers/0/volumeMounts/0/name").asText()).isEqualTo(token);
    assertThat(pod.at("/spec/containers/1/volumeMounts").size()).isEqualTo(1);
  }

  @Test
  void existingTokenVolumeIsReused() {
    ObjectNode pod = create("{'kind':'Pod','metadata':{'name':'p'},'spec':{"
        + "'volumes':[{'name':'kube-api-access-abcde','emptyDir':{}}],"
        + "'containers':[{'name':'a','image':'i'}]}}");
    assertThat(pod.at("/spec/volumes").size()).isEqualTo(1);
    assertThat(pod.at("/spec/containers/0/volumeMounts/0/name").asText()).isEqualTo("kube-api-access-abcde");
  }

  @Test
  void imagePullSecretsComeFromTheAccountWhenThePodHasNone() {
    api.put(Json.obj("{'kind':'ServiceAccount','metadata':{'name':'puller','namespace':'ns'},"
        + "'imagePullSecrets':[{'name':'registry'}]}"));
    ObjectNode pod = create("{'kind':'Pod','metadata':{'name':'p'},"
        + "'spec':{'serviceAccountName':'puller','containers':[{'name':'c','image':'i'}]}}");
    assertThat(pod.at("/spec/imagePullSecrets").toString()).isEqualTo("[{\"name\":\"registry\"}]");
  }

  @Test
  void defaultTolerationsAreAddedOnlyWhenNotAlreadyTolerated() {
    ObjectNode all = create("{'kind':'Pod','metadata':{'name':'a'},"
        + "'spec':{'tolerations':[{'operator':'Exists'}],'containers':[{'name':'c','image':'i'}]}}");
    assertThat(all.at("/spec/tolerations").size()).isEqualTo(1);
    ObjectNode notReady = create("{'kind':'Pod','metadata':{'name':'b'},'spec':{'tolerations':[{"
        + "'key':'node.kubernetes.io/not-ready','operator':'Exists','effect':'NoExecute','tolerationSeconds':5}],"
        + "'containers':[{'name':'c','image':'i'}]}}");
    assertThat(notReady.at("/spec/tolerations").size()).isEqualTo(2);
    assertThat(notReady.at("/spec/tolerations/0/tolerationSeconds").asInt()).isEqualTo(5);
    assertThat(notReady.at("/spec/tolerations/1/key").asText()).isEqualTo("node.kubernetes.io/unreachable");
    assertThat(notReady.at("/spec/tolerations/1/tolerationSeconds").asInt()).isEqualTo(300);
  }

  @Test
  void priorityComesFromTheClass() {
    ObjectNode critical = create("{'kind':'Pod','metadata':{'name':'a'},"
        + "'spec':{'priorityClassName':'system-node-critical','containers':[{'name':'c','image':'i'}]}}");
    assertThat(critical.at("/spec/priority").asInt()).isEqualTo(2000001000);
    assertThat(critical.at("/spec/preemptionPolicy").asText()).isEqualTo("PreemptLowerPriority");
  }

  @Test
  void unknownClassAndContradictingValuesAreForbidden() {
    ApiLayerStandIn.Result unknown = api.create("ns", Json.obj("{'kind':'Pod','metadata':{'name':'a'},"
        + "'spec':{'priorityClassName':'gold','containers':[{'name':'c','image':'i'}]}}"));
    assertThat(unknown.code()).isEqualTo(403);
    assertThat(unknown.body().get("message").asText())
        .isEqualTo("pods \"a\" is forbidden: no PriorityClass with name gold was found");
    ApiLayerStandIn.Result priority = api.create("ns", Json.obj("{'kind':'Pod','metadata':{'name':'b'},"
        + "'spec':{'priority':5,'containers':[{'name':'c','image':'i'}]}}"));
    assertThat(priority.body().get("message").asText()).isEqualTo("pods \"b\" is forbidden: the integer value of "
        + "priority (5) must not be provided in pod spec; priority admission controller computed 0 from the given "
        + "PriorityClass name");
    ApiLayerStandIn.Result preemption = api.create("ns", Json.obj("{'kind':'Pod','metadata':{'name':'c'},"
        + "'spec':{'preemptionPolicy':'Never','containers':[{'name':'c','image':'i'}]}}"));
    assertThat(preemption.body().get("message").asText()).isEqualTo("pods \"c\" is forbidden: the string value of "
        + "PreemptionPolicy (Never) must not be provided in pod spec; priority admission controller computed "
        + "PreemptLowerPriority from the given PriorityClass name");
  }
}
