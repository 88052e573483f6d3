package dev.skiff.fake.patch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Server-side apply: create, ownership, conflicts, force, pruning, list merging. */
class ServerSideApplyTest {
  private static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");
  private static final Instant T1 = Instant.parse("2026-11-27T10:01:00Z");
  private static final Instant T2 = Instant.parse("2026-11-27T10:02:00Z");

  private final ManagedFieldsTracker tracker = new ManagedFieldsTracker();

  private static ObjectNode configMap(String data) {
    return Json.object("{'apiVersion':'v1','kind':'ConfigMap','metadata':{'name':'ssa','labels':{'app':'x'}},"
        + "'data':" + data + "}");
  }

  private static JsonNode entry(JsonNode object, String manager) {
    for (JsonNode e : object.at("/metadata/managedFields")) {
      if (e.get("manager").asText().equals(manager)) {
        return e;
      }
    }
    return null;
  }

  @Test
  void applyCreatesAndOwnsExactlyTheAppliedFields() throws Exception {
    ObjectNode created = tracker.apply(Optional.empty(), configMap("{'key':'a'}"), "ConfigMap", "kubectl", false,
        "", T0);
    assertThat(created.get("data")).isEqualTo(Json.parse("{'key':'a'}"));
    assertThat(created.at("/metadata/labels")).isEqualTo(Json.parse("{'app':'x'}"));
    assertThat(created.at("/metadata/managedFields")).isEqualTo(Json.parse(
        "[{'manager':'kubectl','operation':'Apply','apiVersion':'v1','time':'2026-11-27T10:00:00Z',"
            + "'fieldsType':'FieldsV1','fieldsV1':{'f:data':{'f:key':{}},'f:metadata':{'f:labels':{'f:app':{}}}}}]"));
  }

  @Test
  void changingAFieldOwnedByAnUpdaterIsAConflictWithTheServersMessage() {
    ObjectNode live = configMap("{'key':'a'}");
    tracker.update(Optional.empty(), live, "ConfigMap", "kubectl-client-side-apply", "", T0);
    assertThatThrownBy(() -> tracker.apply(Optional.of(live), configMap("{'key':'b'}"), "ConfigMap", "kubectl",
        false, "", T1))
        .isInstanceOfSatisfying(ApplyConflictException.class, e -> {
          assertThat(e.getMessage()).isEqualTo(
              "Apply failed with 1 conflict: conflict with \"kubectl-client-side-apply\" using v1: .data.key");
          assertThat(e.conflicts()).containsExactly(new ApplyConflictException.Conflict(
              "kubectl-client-side-apply", ".data.key", "conflict with \"kubectl-client-side-apply\" using v1"));
          assertThat(e.statusDetails()).isEqualTo(Json.parse("{'causes':[{'type':'FieldManagerConflict',"
              + "'message':'conflict with \\\"kubectl-client-side-apply\\\" using v1','field':'.data.key'}]}"));
        });
  }

  @Test
  void severalConflictsAreGroupedByManager() {
    ObjectNode live = configMap("{'a':'1','b':'1'}");
    tracker.update(Optional.empty(), live, "ConfigMap", "writer", "", T0);
    assertThatThrownBy(() -> tracker.apply(Optional.of(live), configMap("{'a':'2','b':'2'}"), "ConfigMap",
        "kubectl", false, "", T1))
        .isInstanceOfSatisfying(ApplyConflictException.class, e -> assertThat(e.getMessage()).isEqualTo(
            "Apply failed with 2 conflicts: conflicts with \"writer\" using v1:\n- .data.a\n- .data.b"));
  }

  @Test
  void applyingTheSameValueSharesOwnership() throws Exception {
    ObjectNode live = configMap("{'key':'a'}");
    tracker.update(Optional.empty(), live, "ConfigMap", "writer", "", T0);
    ObjectNode result = tracker.apply(Optional.of(live), configMap("{'key':'a'}"), "ConfigMap", "kubectl", false,
        "", T1);
    assertThat(entry(result, "writer").at("/fieldsV1/f:data").has("f:key")).isTrue();
    assertThat(entry(result, "kubectl").at("/fieldsV1/f:data").has("f:key")).isTrue();
    // Nothing changed, so the new apply entry records no time.
    assertThat(entry(result, "kubectl").has("time")).isFalse();
  }

  @Test
  void forceTakesOwnership() throws Exception {
    ObjectNode live = configMap("{'key':'a','other':'o'}");
    tracker.update(Optional.empty(), live, "ConfigMap", "writer", "", T0);
    ObjectNode result = tracker.apply(Optional.of(live), configMap("{'key':'b'}"), "ConfigMap", "kubectl", true,
        "", T1);
    assertThat(result.get("data")).isEqualTo(Json.parse("{'key':'b','other':'o'}"));
    assertThat(entry(result, "writer").at("/fieldsV1/f:data").has("f:key")).isFalse();
    assertThat(entry(result, "writer").at("/fieldsV1/f:data").has("f:other")).isTrue();
    assertThat(entry(result, "kubectl").get("time").asText()).isEqualTo("2026-11-27T10:01:00Z");
    // Apply entries sort before update entries.
    assertThat(result.at("/metadata/managedFields/0/operation").asText()).isEqualTo("Apply");
  }

  @Test
  void fieldsNoLongerAppliedAreRemovedUnlessSomeoneElseOwnsThem() throws Exception {
    ObjectNode v1 = tracker.apply(Optional.empty(), configMap("{'a':'1','b':'1','c':'1'}"), "ConfigMap", "kubectl",
        false, "", T0);
    ObjectNode v2 = tracker.apply(Optional.of(v1), configMap("{'c':'1'}"), "ConfigMap", "other", false, "", T1);
    ObjectNode v3 = tracker.apply(Optional.of(v2), configMap("{'a':'1'}"), "ConfigMap", "kubectl", false, "", T2);
    assertThat(v3.get("data")).isEqualTo(Json.parse("{'a':'1','c':'1'}"));
    assertThat(entry(v3, "kubectl").at("/fieldsV1/f:data")).isEqualTo(Json.parse("{'f:a':{}}"));
    assertThat(entry(v3, "other").at("/fieldsV1/f:data")).isEqualTo(Json.parse("{'f:c':{}}"));
  }

  @Test
  void fieldsSetByOthersAreNeverPrunedByAnApplier() throws Exception {
    ObjectNode v1 = tracker.apply(Optional.empty(), configMap("{'a':'1'}"), "ConfigMap", "kubectl", false, "", T0);
    ObjectNode v2 = v1.deepCopy();
    ((ObjectNode) v2.get("data")).put("z", "9");
    tracker.update(Optional.of(v1), v2, "ConfigMap", "editor", "", T1);
    ObjectNode v3 = tracker.apply(Optional.of(v2), configMap("{'b':'2'}"), "ConfigMap", "kubectl", false, "", T2);
    assertThat(v3.get("data")).isEqualTo(Json.parse("{'z':'9','b':'2'}"));
  }

  @Test
  void containersMergeByNameAcrossAppliers() throws Exception {
    ObjectNode a = Json.object("{'apiVersion':'v1','kind':'Pod','metadata':{'name':'p'},"
        + "'spec':{'containers':[{'name':'app','image':'nginx'}]}}");
    ObjectNode b = Json.object("{'apiVersion':'v1','kind':'Pod','metadata':{'name':'p'},"
        + "'spec':{'containers':[{'name':'sidecar','image':'envoy'}]}}");
    ObjectNode v1 = tracker.apply(Optional.empty(), a, "Pod", "team-a", false, "", T0);
    ObjectNode v2 = tracker.apply(Optional.of(v1), b, "Pod", "team-b", false, "", T1);
    assertThat(v2.at("/spec/containers")).isEqualTo(Json.parse(
        "[{'name':'app','image':'nginx'},{'name':'sidecar','image':'envoy'}]"));
    assertThat(entry(v2, "team-b").get("fieldsV1")).isEqualTo(Json.parse(
        "{'f:spec':{'f:containers':{'k:{\"name\":\"sidecar\"}':{'.':{},'f:image':{},'f:name':{}}}}}"));

    // team-a stops applying its container: it goes, team-b's stays.
    ObjectNode aEmpty = Json.object("{'apiVersion':'v1','kind':'Pod','metadata':{'name':'p','labels':{'t':'a'}}}");
    ObjectNode v3 = tracker.apply(Optional.of(v2), aEmpty, "Pod", "team-a", false, "", T2);
    assertThat(v3.at("/spec/containers")).isEqualTo(Json.parse("[{'name':'sidecar','image':'envoy'}]"));
  }

  @Test
  void anElementKeptForAnotherOwnerKeepsItsKeyAndLosesOnlyTheApplierFields() throws Exception {
    ObjectNode a = Json.object("{'apiVersion':'v1','kind':'Pod','metadata':{'name':'p'},"
        + "'spec':{'containers':[{'name':'app','image':'nginx','args':['x']}]}}");
    ObjectNode v1 = tracker.apply(Optional.empty(), a, "Pod", "team-a", false, "", T0);
    ObjectNode b = Json.object("{'apiVersion':'v1','kind':'Pod','metadata':{'name':'p'},"
        + "'spec':{'containers':[{'name':'app','image':'nginx'}]}}");
    ObjectNode v2 = tracker.apply(Optional.of(v1), b, "Pod", "team-b", false, "", T1);
    ObjectNode aEmpty = Json.object("{'apiVersion':'v1','kind':'Pod','metadata':{'name':'p','labels':{'t':'a'}}}");
    ObjectNode v3 = tracker.apply(Optional.of(v2), aEmpty, "Pod", "team-a", false, "", T2);
    assertThat(v3.at("/spec/containers")).isEqualTo(Json.parse("[{'name':'app','image':'nginx'}]"));
  }

  @Test
  void setListsTakeTheUnion() throws Exception {
    ObjectNode a = configMap("{}");
    ((ObjectNode) a.get("metadata")).set("finalizers", Json.parse("['x/a']"));
    ObjectNode v1 = tracker.apply(Optional.empty(), a, "ConfigMap", "one", false, "", T0);
    ObjectNode b = configMap("{}");
    ((ObjectNode) b.get("metadata")).set("finalizers", Json.parse("['x/b']"));
    ObjectNode v2 = tracker.apply(Optional.of(v1), b, "ConfigMap", "two", false, "", T1);
    assertThat(v2.at("/metadata/finalizers")).isEqualTo(Json.parse("['x/a','x/b']"));
    assertThat(entry(v2, "two").at("/fieldsV1/f:metadata/f:finalizers")).isEqualTo(Json.parse("{'v:\"x/b\"':{}}"));
  }

  @Test
  void statusIsNotOwnedThroughTheMainResource() throws Exception {
    ObjectNode pod = Json.object("{'apiVersion':'v1','kind':'Pod','metadata':{'name':'p'},"
        + "'spec':{'containers':[{'name':'c','image':'i'}]},'status':{'phase':'Running'}}");
    ObjectNode v1 = tracker.apply(Optional.empty(), pod, "Pod", "kubectl", false, "", T0);
    assertThat(entry(v1, "kubectl").get("fieldsV1").has("f:status")).isFalse();
  }

  @Test
  void managedFieldsInTheConfigurationAreRejected() {
    ObjectNode cm = configMap("{}");
    ((ObjectNode) cm.get("metadata")).set("managedFields", Json.parse("[{'manager':'x'}]"));
    assertThatThrownBy(() -> tracker.apply(Optional.empty(), cm, "ConfigMap", "kubectl", false, "", T0))
        .isInstanceOfSatisfying(PatchException.class, e -> {
          assertThat(e.code()).isEqualTo(400);
          assertThat(e.getMessage()).isEqualTo("metadata.managedFields must be nil");
        });
  }

  @Test
  void reapplyingTheSameConfigurationKeepsTheTime() throws Exception {
    ObjectNode v1 = tracker.apply(Optional.empty(), configMap("{'k':'v'}"), "ConfigMap", "kubectl", false, "", T0);
    ObjectNode v2 = tracker.apply(Optional.of(v1), configMap("{'k':'v'}"), "ConfigMap", "kubectl", false, "", T1);
    assertThat(v2).isEqualTo(v1);
  }

  @Test
  void aMapNoLongerAppliedByAnyoneGoesWhole() throws Exception {
    ObjectNode v1 = tracker.apply(Optional.empty(), configMap("{'a':'1'}"), "ConfigMap", "kubectl", false, "", T0);
    ObjectNode noData = Json.object("{'apiVersion':'v1','kind':'ConfigMap','metadata':{'name':'ssa'}}");
    ObjectNode v2 = tracker.apply(Optional.of(v1), noData, "ConfigMap", "kubectl", false, "", T1);
    assertThat(v2.has("data")).isFalse();
    assertThat(v2.at("/metadata/name").asText()).isEqualTo("ssa");
    assertThat(v2.at("/metadata").has("labels")).isFalse();
    // Nothing is owned any more, so no entry is left.
    assertThat(v2.at("/metadata/managedFields").isMissingNode()).isTrue();
  }

  @Test
  void deploymentStrategyDroppedFromTheConfigurationIsRemoved() throws Exception {
    ObjectNode withStrategy = Json.object("{'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'d'},"
        + "'spec':{'replicas':2,'strategy':{'type':'RollingUpdate','rollingUpdate':{'maxSurge':1}}}}");
    ObjectNode v1 = tracker.apply(Optional.empty(), withStrategy, "Deployment", "kubectl", false, "", T0);
    assertThat(entry(v1, "kubectl").get("apiVersion").asText()).isEqualTo("apps/v1");
    ObjectNode without = Json.object("{'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'d'},"
        + "'spec':{'replicas':2}}");
    ObjectNode v2 = tracker.apply(Optional.of(v1), without, "Deployment", "kubectl", false, "", T1);
    assertThat(v2.get("spec")).isEqualTo(Json.parse("{'replicas':2}"));
  }

  @Test
  void aConfigurationOfAnotherKindOrWithoutOneIsABadRequest() {
    assertThatThrownBy(() -> tracker.apply(Optional.empty(), Json.object("{'metadata':{'name':'x'}}"), "ConfigMap",
        "kubectl", false, "", T0))
        .isInstanceOfSatisfying(PatchException.class, e -> {
          assertThat(e.code()).isEqualTo(400);
          assertThat(e.getMessage()).isEqualTo("invalid object type: /, Kind=");
        });
    assertThatThrownBy(() -> tracker.apply(Optional.empty(),
        Json.object("{'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'x'}}"), "ConfigMap",
        "kubectl", false, "", T0))
        .isInstanceOfSatisfying(PatchException.class,
            e -> assertThat(e.getMessage()).isEqualTo("invalid object type: apps/v1, Kind=Deployment"));
  }

  /** An object as {@code kubectl apply} (client-side) created it: with its last-applied annotation. */
  private ObjectNode clientSideApplied() {
    String lastApplied = "{\"apiVersion\":\"v1\",\"data\":{\"key\":\"a\"},\"kind\":\"ConfigMap\","
        + "\"metadata\":{\"annotations\":{},\"name\":\"ssa\"}}\n";
    ObjectNode live = Json.object("{'apiVersion':'v1','kind':'ConfigMap','metadata':{'name':'ssa','annotations':{}},"
        + "'data':{'key':'a'}}");
    ((ObjectNode) live.at("/metadata/annotations")).put(LastApplied.ANNOTATION, lastApplied);
    tracker.update(Optional.empty(), live, "ConfigMap", "kubectl-client-side-apply", "", T0);
    return live;
  }

  @Test
  void kubectlServerSideApplyTakesOverClientSideAppliedFieldsAndRewritesTheAnnotation() throws Exception {
    ObjectNode live = clientSideApplied();
    assertThat(live.at("/metadata/annotations").get(LastApplied.ANNOTATION).asText()).startsWith("{\"apiVersion\"");
    ObjectNode applied = Json.object("{'apiVersion':'v1','kind':'ConfigMap','metadata':{'name':'ssa'},"
        + "'data':{'key':'b','x':'<&>'}}");
    ObjectNode result = tracker.apply(Optional.of(live), applied, "ConfigMap", "kubectl", false, "", T1);
    assertThat(result.get("data")).isEqualTo(Json.parse("{'key':'b','x':'<&>'}"));
    assertThat(result.at("/metadata/annotations").get(LastApplied.ANNOTATION).asText()).isEqualTo(
        "{\"apiVersion\":\"v1\",\"data\":{\"key\":\"b\",\"x\":\"\\u003c\\u0026\\u003e\"},"
            + "\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"ssa\"}}\n");
    assertThat(entry(result, "kubectl-client-side-apply").at("/fieldsV1/f:data").has("f:key")).isFalse();
  }

  @Test
  void otherManagersGetNoClientSideApplyAllowance() {
    ObjectNode live = clientSideApplied();
    ObjectNode applied = Json.object("{'apiVersion':'v1','kind':'ConfigMap','metadata':{'name':'ssa'},"
        + "'data':{'key':'b'}}");
    assertThatThrownBy(() -> tracker.apply(Optional.of(live), applied, "ConfigMap", "my-controller", false, "", T1))
        .isInstanceOf(ApplyConflictException.class);
  }

  @Test
  void aKubectlPrintedManifestWithCreationTimestampNullKeepsTheServersTimestamp() throws Exception {
    ObjectNode live = configMap("{'k':'v'}");
    ((ObjectNode) live.get("metadata")).put("creationTimestamp", "2026-11-27T09:00:00Z");
    ObjectNode applied = configMap("{'k':'v'}");
    ((ObjectNode) applied.get("metadata")).putNull("creationTimestamp");
    ObjectNode result = tracker.apply(Optional.of(live), applied, "ConfigMap", "kubectl", false, "", T1);
    assertThat(result.at("/metadata/creationTimestamp").asText()).isEqualTo("2026-11-27T09:00:00Z");
    assertThat(entry(result, "kubectl").at("/fieldsV1/f:metadata").has("f:creationTimestamp")).isFalse();
  }

  @Test
  void theLiveObjectAndTheConfigurationAreNotModified() throws Exception {
    ObjectNode live = configMap("{'k':'v'}");
    tracker.update(Optional.empty(), live, "ConfigMap", "writer", "", T0);
    ObjectNode applied = configMap("{'k':'w','n':'1'}");
    ObjectNode liveCopy = live.deepCopy();
    ObjectNode appliedCopy = applied.deepCopy();
    tracker.apply(Optional.of(live), applied, "ConfigMap", "kubectl", true, "", T1);
    assertThat(live).isEqualTo(liveCopy);
    assertThat(applied).isEqualTo(appliedCopy);
  }

  /** Empty structs ({@code resources: {}}, {@code status: {}}) give an applier nothing; selectors are atomic. */
  @Test
  void deploymentAppliedByKubectlRecordsTheUsualFieldSet() throws Exception {
    ObjectNode deployment = Json.object("{'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'web',"
        + "'labels':{'app':'web'}},'spec':{'replicas':1,'selector':{'matchLabels':{'app':'web'}},'template':{"
        + "'metadata':{'labels':{'app':'web'}},'spec':{'containers':[{'name':'nginx','image':'nginx',"
        + "'resources':{}}]}}},'status':{}}");
    ObjectNode created = tracker.apply(Optional.empty(), deployment, "Deployment", "kubectl", false, "", T0);
    assertThat(entry(created, "kubectl").get("fieldsV1")).isEqualTo(Json.parse("{'f:metadata':{'f:labels':{"
        + "'f:app':{}}},'f:spec':{'f:replicas':{},'f:selector':{},'f:template':{'f:metadata':{'f:labels':{"
        + "'f:app':{}}},'f:spec':{'f:containers':{'k:{\"name\":\"nginx\"}':{'.':{},'f:image':{},'f:name':{}"
        + "}}}}}}"));
  }
}
