package dev.skiff.fake.patch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * managedFields of non-apply writes, checked against what a real kube-apiserver v1.34 recorded (the golden
 * transcripts). Each write passes the object as the server's field manager sees it: the defaulted request
 * body, before admission and allocation.
 */
class ManagedFieldsTrackerTest {
  private static final String PATCHES = "patch-merge-json.json";
  private static final String POD = "pod-defaults.json";
  private static final String RC = "rc-flake.json";
  private static final Instant T0 = Instant.parse("2026-11-27T10:00:00.250Z");
  private static final Instant T1 = Instant.parse("2026-11-27T10:00:05Z");
  private static final Instant T2 = Instant.parse("2026-11-27T10:00:09Z");

  private final ManagedFieldsTracker tracker = new ManagedFieldsTracker();

  private static JsonNode managed(JsonNode object) {
    return object.at("/metadata/managedFields");
  }

  @Test
  void configMapCreateRecordsTheBodysFields() {
    ObjectNode body = Transcripts.requestBody(PATCHES, "configmap");
    tracker.update(Optional.empty(), body, "ConfigMap", "diffrun", "", T0);
    assertThat(Transcripts.masked(managed(body))).isEqualTo(Transcripts.managedFields(PATCHES, "configmap"));
    assertThat(managed(body).get(0).get("time").asText()).isEqualTo("2026-11-27T10:00:00Z");
  }

  @Test
  void mergePatchThenJsonPatchKeepOneEntryWithTheCurrentFields() throws PatchException {
    ObjectNode live = Transcripts.responseBody(PATCHES, "configmap");
    ObjectNode patched = (ObjectNode) Patches.mergePatch(live,
        Transcripts.step(PATCHES, "merge-null-deletes").at("/request/body"));
    tracker.update(Optional.of(live), patched, "ConfigMap", "diffrun", "", T1);
    assertThat(Transcripts.masked(managed(patched)))
        .isEqualTo(Transcripts.managedFields(PATCHES, "merge-null-deletes"));
    assertThat(managed(patched).get(0).get("time").asText()).isEqualTo("2026-11-27T10:00:05Z");

    ObjectNode patched2 = (ObjectNode) Patches.jsonPatch(patched,
        Transcripts.step(PATCHES, "json-patch").at("/request/body"));
    tracker.update(Optional.of(patched), patched2, "ConfigMap", "diffrun", "", T2);
    assertThat(Transcripts.masked(managed(patched2))).isEqualTo(Transcripts.managedFields(PATCHES, "json-patch"));
  }

  @Test
  void serviceCreateRecordsDefaultsButNotAllocations() {
    // What the field manager sees: the body with the API defaults, before the IP allocator runs.
    ObjectNode defaulted = Transcripts.responseBody(PATCHES, "service");
    ObjectNode spec = (ObjectNode) defaulted.get("spec");
    spec.remove(java.util.List.of("clusterIP", "clusterIPs", "ipFamilies", "ipFamilyPolicy"));
    ((ObjectNode) defaulted.get("metadata")).remove("managedFields");
    tracker.update(Optional.empty(), defaulted, "Service", "diffrun", "", T0);
    assertThat(Transcripts.masked(managed(defaulted))).isEqualTo(Transcripts.managedFields(PATCHES, "service"));
  }

  @Test
  void mergePatchReplacingPortsMovesOwnershipToTheNewPort() {
    ObjectNode live = Transcripts.responseBody(PATCHES, "service");
    ObjectNode patched = Transcripts.responseBody(PATCHES, "merge-replaces-arrays");
    ((ObjectNode) patched.get("metadata")).set("managedFields", live.at("/metadata/managedFields"));
    tracker.update(Optional.of(live), patched, "Service", "diffrun", "", T1);
    assertThat(Transcripts.masked(managed(patched)))
        .isEqualTo(Transcripts.managedFields(PATCHES, "merge-replaces-arrays"));
  }

  @Test
  void podCreateRecordsDefaultsButNotAdmissionOrStatus() {
    ObjectNode defaulted = podAsFieldManagerSeesIt(Transcripts.responseBody(POD, "create"));
    tracker.update(Optional.empty(), defaulted, "Pod", "diffrun", "", T0);
    assertThat(Transcripts.masked(managed(defaulted))).isEqualTo(Transcripts.managedFields(POD, "create"));
  }

  /** Removes what admission plugins add to a pod after the field manager ran, and its managedFields. */
  private static ObjectNode podAsFieldManagerSeesIt(ObjectNode stored) {
    ObjectNode spec = (ObjectNode) stored.get("spec");
    spec.remove(java.util.List.of("volumes", "serviceAccountName", "serviceAccount", "tolerations", "priority",
        "preemptionPolicy"));
    for (JsonNode c : spec.get("containers")) {
      ((ObjectNode) c).remove("volumeMounts");
    }
    ((ObjectNode) stored.get("metadata")).remove("managedFields");
    return stored;
  }

  @Test
  void controllerCreatedPodOwnsItsOwnerReferenceAsOneUnit() {
    ObjectNode pod = podAsFieldManagerSeesIt(Transcripts.responseBody(RC, "pod"));
    tracker.update(Optional.empty(), pod, "Pod", "kube-controller-manager", "", T0);
    assertThat(Transcripts.masked(managed(pod))).isEqualTo(Transcripts.managedFields(RC, "pod"));
  }

  @Test
  void replicationControllerLifecycleWithStatusWrites() {
    ObjectNode created = Transcripts.responseBody(RC, "create");
    ((ObjectNode) created.get("metadata")).remove("managedFields");
    tracker.update(Optional.empty(), created, "ReplicationController", "diffrun", "", T0);
    assertThat(Transcripts.masked(managed(created))).isEqualTo(Transcripts.managedFields(RC, "create"));

    // The replication manager writes status through the status subresource.
    ObjectNode counted = created.deepCopy();
    counted.set("status", Json.parse("{'replicas':24,'fullyLabeledReplicas':24,'observedGeneration':1}"));
    tracker.update(Optional.of(created), counted, "ReplicationController", "kube-controller-manager", "status", T1);
    assertThat(Transcripts.normalized(managed(counted))).isEqualTo(Transcripts.managedFields(RC, "status-counts"));

    ObjectNode stopped = (ObjectNode) Patches.mergePatch(counted, Json.parse("{'spec':{'replicas':0}}"));
    tracker.update(Optional.of(counted), stopped, "ReplicationController", "diffrun", "", T2);
    assertThat(Transcripts.normalized(managed(stopped))).isEqualTo(Transcripts.managedFields(RC, "stop"));

    ObjectNode zero = stopped.deepCopy();
    zero.set("status", Json.parse("{'replicas':0,'observedGeneration':2}"));
    tracker.update(Optional.of(stopped), zero, "ReplicationController", "kube-controller-manager", "status",
        T2.plusSeconds(3));
    assertThat(Transcripts.normalized(managed(zero))).isEqualTo(Transcripts.managedFields(RC, "status-zero"));
  }

  @Test
  void changedFieldsMoveToTheWriterAndEmptyEntriesDisappear() {
    ObjectNode cm = Json.object("{'metadata':{'name':'c','labels':{'a':'1'}},'data':{'k':'v'}}");
    tracker.update(Optional.empty(), cm, "ConfigMap", "creator", "", T0);
    ObjectNode relabeled = cm.deepCopy();
    ((ObjectNode) relabeled.at("/metadata/labels")).put("a", "2");
    tracker.update(Optional.of(cm), relabeled, "ConfigMap", "kubectl-label", "", T1);
    assertThat(managed(relabeled)).isEqualTo(Json.parse("["
        + "{'manager':'creator','operation':'Update','apiVersion':'v1','time':'2026-11-27T10:00:00Z',"
        + "'fieldsType':'FieldsV1','fieldsV1':{'f:data':{'.':{},'f:k':{}},'f:metadata':{'f:labels':{}}}},"
        + "{'manager':'kubectl-label','operation':'Update','apiVersion':'v1','time':'2026-11-27T10:00:05Z',"
        + "'fieldsType':'FieldsV1','fieldsV1':{'f:metadata':{'f:labels':{'f:a':{}}}}}]"));

    // Removing data takes it from its owner, which keeps the labels map itself (a member without children).
    ObjectNode emptied = relabeled.deepCopy();
    emptied.remove("data");
    tracker.update(Optional.of(relabeled), emptied, "ConfigMap", "other", "", T2);
    assertThat(managed(emptied)).isEqualTo(Json.parse("["
        + "{'manager':'creator','operation':'Update','apiVersion':'v1','time':'2026-11-27T10:00:00Z',"
        + "'fieldsType':'FieldsV1','fieldsV1':{'f:metadata':{'f:labels':{}}}},"
        + "{'manager':'kubectl-label','operation':'Update','apiVersion':'v1','time':'2026-11-27T10:00:05Z',"
        + "'fieldsType':'FieldsV1','fieldsV1':{'f:metadata':{'f:labels':{'f:a':{}}}}}]"));
  }

  @Test
  void aWriteThatChangesNothingKeepsTheEntryTime() {
    ObjectNode cm = Json.object("{'metadata':{'name':'c'},'data':{'k':'v'}}");
    tracker.update(Optional.empty(), cm, "ConfigMap", "m", "", T0);
    ObjectNode same = cm.deepCopy();
    ((ObjectNode) same.get("metadata")).put("resourceVersion", "42");
    tracker.update(Optional.of(cm), same, "ConfigMap", "m", "", T1);
    assertThat(managed(same).get(0).get("time").asText()).isEqualTo("2026-11-27T10:00:00Z");
  }

  @Test
  void statusWritesThroughTheMainResourceAndSpecWritesThroughStatusAreNotRecorded() {
    ObjectNode pod = Json.object(
        "{'metadata':{'name':'p'},'spec':{'containers':[{'name':'c','image':'i'}]},'status':{'phase':'Pending'}}");
    tracker.update(Optional.empty(), pod, "Pod", "creator", "", T0);
    ObjectNode withStatus = pod.deepCopy();
    ((ObjectNode) withStatus.get("status")).put("phase", "Running");
    tracker.update(Optional.of(pod), withStatus, "Pod", "sneaky", "", T1);
    assertThat(managed(withStatus)).hasSize(1);

    ObjectNode viaStatus = pod.deepCopy();
    ((ObjectNode) viaStatus.get("status")).put("phase", "Running");
    ((ObjectNode) viaStatus.at("/spec/containers/0")).put("image", "j");
    tracker.update(Optional.of(pod), viaStatus, "Pod", "kubelet", "status", T1);
    assertThat(managed(viaStatus).get(1)).isEqualTo(Json.parse(
        "{'manager':'kubelet','operation':'Update','apiVersion':'v1','time':'2026-11-27T10:00:05Z',"
            + "'fieldsType':'FieldsV1','fieldsV1':{'f:status':{'f:phase':{}}},'subresource':'status'}"));
  }

  @Test
  void managedFieldsSentByTheClientAreUsedAndAnEmptyEntryResetsThem() {
    ObjectNode cm = Json.object("{'metadata':{'name':'c'},'data':{'k':'v'}}");
    tracker.update(Optional.empty(), cm, "ConfigMap", "m", "", T0);
    ObjectNode reset = cm.deepCopy();
    ((ObjectNode) reset.get("metadata")).set("managedFields", Json.parse("[{}]"));
    tracker.update(Optional.of(cm), reset, "ConfigMap", "m", "", T1);
    assertThat(reset.at("/metadata/managedFields").isMissingNode()).isTrue();

    ObjectNode noneSent = cm.deepCopy();
    ((ObjectNode) noneSent.get("metadata")).remove("managedFields");
    tracker.update(Optional.of(cm), noneSent, "ConfigMap", "m", "", T1);
    assertThat(managed(noneSent)).isEqualTo(managed(cm));
  }

  @Test
  void entriesAreSortedByOperationThenTimeThenManager() {
    ObjectNode cm = Json.object("{'metadata':{'name':'c','managedFields':["
        + "{'manager':'z','operation':'Update','apiVersion':'v1','time':'2026-11-27T09:00:00Z','fieldsType':'FieldsV1','fieldsV1':{'f:data':{'f:z':{}}}},"
        + "{'manager':'a','operation':'Update','apiVersion':'v1','time':'2026-11-27T09:30:00Z','fieldsType':'FieldsV1','fieldsV1':{'f:data':{'f:a':{}}}},"
        + "{'manager':'y','operation':'Apply','apiVersion':'v1','time':'2026-11-27T09:45:00Z','fieldsType':'FieldsV1','fieldsV1':{'f:data':{'f:y':{}}}}"
        + "]},'data':{'z':'1','a':'1','y':'1'}}");
    ObjectNode next = cm.deepCopy();
    ((ObjectNode) next.get("data")).put("b", "1");
    tracker.update(Optional.of(cm), next, "ConfigMap", "b", "", T0);
    ArrayNode entries = (ArrayNode) managed(next);
    assertThat(entries.findValuesAsText("manager")).containsExactly("y", "z", "a", "b");
  }

  @Test
  void moreThanTenUpdateManagersMergeTheOldestIntoAncientChanges() {
    ObjectNode cm = Json.object("{'metadata':{'name':'c'},'data':{}}");
    ObjectNode current = cm;
    Optional<ObjectNode> old = Optional.empty();
    for (int i = 0; i < 11; i++) {
      ObjectNode next = current.deepCopy();
      ((ObjectNode) next.get("data")).put("k" + i, "v");
      tracker.update(old, next, "ConfigMap", "m" + i, "", T0.plusSeconds(i));
      old = Optional.of(next);
      current = next;
    }
    ArrayNode entries = (ArrayNode) managed(current);
    assertThat(entries).hasSize(10);
    assertThat(entries.get(0).get("manager").asText()).isEqualTo("ancient-changes");
    assertThat(entries.get(0).at("/fieldsV1/f:data").has("f:k0")).isTrue();
    assertThat(entries.get(0).at("/fieldsV1/f:data").has("f:k1")).isTrue();
    assertThat(entries.get(0).get("time").asText()).isEqualTo("2026-11-27T10:00:01Z");
  }

  /**
   * Creates whose defaulted bodies are written out here (the API defaults applied by hand, a Secret's
   * stringData already merged into data as the decoder does), against the recorded managedFields.
   */
  @org.junit.jupiter.params.ParameterizedTest(name = "{0} {1}")
  @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', quoteCharacter = '"', value = {
      "configmap-secret.json | secret-stringdata  | Secret     | {'apiVersion':'v1','kind':'Secret','metadata':{'name':'s1'},'data':{'pw':'b3ZlcnJpZGU=','user':'YWRtaW4='},'type':'Opaque'}",
      "configmap-secret.json | configmap-binary   | ConfigMap  | {'apiVersion':'v1','kind':'ConfigMap','metadata':{'name':'bin'},'data':{'text':'hello'},'binaryData':{'blob':'AAEC/w=='}}",
      "configmap-secret.json | configmap-immutable| ConfigMap  | {'apiVersion':'v1','kind':'ConfigMap','metadata':{'name':'frozen'},'data':{'k':'v'},'immutable':true}",
      "services.json         | headless           | Service    | {'apiVersion':'v1','kind':'Service','metadata':{'name':'hl'},'spec':{'ports':[{'port':5432,'protocol':'TCP','targetPort':5432}],'selector':{'app':'db'},'clusterIP':'None','type':'ClusterIP','sessionAffinity':'None','internalTrafficPolicy':'Cluster'},'status':{'loadBalancer':{}}}",
      "generate-name.json    | name-wins          | ConfigMap  | {'apiVersion':'v1','kind':'ConfigMap','metadata':{'name':'fixed','generateName':'ignored-'}}",
  })
  void createsRecordTheDefaultedBody(String file, String step, String type, String defaulted) {
    ObjectNode body = Json.object(defaulted);
    tracker.update(Optional.empty(), body, type, "diffrun", "", T0);
    assertThat(Transcripts.masked(managed(body))).isEqualTo(Transcripts.managedFields(file, step));
  }

  @Test
  void aBodyWithOnlyServerMetadataRecordsNothing() {
    ObjectNode body = Json.object("{'apiVersion':'v1','kind':'ConfigMap','metadata':{'name':'bare','namespace':'n'}}");
    tracker.update(Optional.empty(), body, "ConfigMap", "diffrun", "", T0);
    assertThat(body.at("/metadata").has("managedFields")).isFalse();
  }
}
