package dev.skiff.fake.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skiff.fake.api.TestClient.Answer;
import dev.skiff.fake.api.replay.InProcessExchange;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The generic semantics of writes: namespaces, finalizers, preconditions, dry run, pagination, subresources. */
class ObjectLifecycleTest {
  private static final String CMS = "/api/v1/namespaces/default/configmaps";
  private ApiServer server;
  private TestClient client;

  @BeforeEach
  void start() {
    server = new ApiServer(ApiServerOptions.defaults().withWatchHistorySize(50));
    client = new TestClient(server);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static String cm(String name) {
    return "{'metadata':{'name':'" + name + "'},'data':{'k':'v'}}";
  }

  /** Polls a condition with a bound, for the one asynchronous step (the namespace controller's cleanup). */
  private static boolean eventually(java.util.function.BooleanSupplier condition) {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return true;
      }
      LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
    }
    return condition.getAsBoolean();
  }

  @Test
  void startsWithTheSystemNamespacesAndTheirServiceAccounts() {
    for (String ns : List.of("default", "kube-system", "kube-public", "kube-node-lease")) {
      assertEquals(200, client.get("/api/v1/namespaces/" + ns).status());
      assertEquals(200, client.get("/api/v1/namespaces/" + ns + "/serviceaccounts/default").status());
    }
  }

  /**
   * Creates prepare their objects outside the store's lock: racing creates of one name must still store exactly
   * one, and every stored object must get its own resourceVersion.
   */
  @Test
  void concurrentCreatesStoreEachNameOnceUnderDistinctVersions() throws Exception {
    int threads = 6;
    int each = 40;
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
    java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
    List<java.util.concurrent.Future<List<Answer>>> results = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      results.add(pool.submit(() -> {
        go.await();
        List<Answer> answers = new ArrayList<>();
        for (int i = 0; i < each; i++) {
          answers.add(client.post(CMS, cm("shared-" + i)));
          answers.add(client.post(CMS, cm("own-" + thread + "-" + i)));
        }
        return answers;
      }));
    }
    go.countDown();
    List<Answer> all = new ArrayList<>();
    for (java.util.concurrent.Future<List<Answer>> r : results) {
      all.addAll(r.get(60, java.util.concurrent.TimeUnit.SECONDS));
    }
    pool.shutdown();
    java.util.Map<String, Integer> created = new java.util.HashMap<>();
    java.util.Set<String> versions = new java.util.HashSet<>();
    for (Answer a : all) {
      if (a.status() == 201) {
        created.merge(a.body().path("metadata").path("name").asText(), 1, Integer::sum);
        assertTrue(versions.add(a.rv()), "resourceVersion " + a.rv() + " given twice");
      } else {
        assertEquals(409, a.status(), a.body().toString());
        assertEquals("AlreadyExists", a.body().path("reason").asText());
      }
    }
    assertEquals(each + threads * each, created.size());
    created.forEach((name, times) -> assertEquals(1, times, name));
    JsonNode list = client.get(CMS).body();
    assertEquals(each + threads * each, list.path("items").size());
    for (JsonNode item : list.path("items")) {
      assertTrue(versions.contains(item.path("metadata").path("resourceVersion").asText()), item.toString());
    }
  }

  @Test
  void systemNamespacesCannotBeDeleted() {
    Answer refused = client.delete("/api/v1/namespaces/default");
    assertEquals(403, refused.status());
    assertEquals("namespaces \"default\" is forbidden: this namespace may not be deleted", refused.message());
  }

  @Test
  void malformedFieldTypesAreBadRequests() {
    for (String body : List.of("{'metadata':{'name':'m'},'spec':5}", "{'metadata':{'name':'m'},'spec':{'containers':'x'}}",
        "{'metadata':{'name':'m'},'spec':{'containers':[5]}}", "{'metadata':{'name':'m','labels':[]}}",
        "{'metadata':{'name':5}}", "{'metadata':{'name':'m'},'spec':{'containers':[{'name':'c','image':'i',"
            + "'ports':[{'containerPort':'eighty'}]}]}}")) {
      Answer answer = client.post("/api/v1/namespaces/default/pods", body);
      assertEquals(400, answer.status(), body + " -> " + answer.body());
      assertEquals("BadRequest", answer.body().path("reason").asText());
    }
  }

  @Test
  void namespaceLifecycle() {
    Answer ns = client.post("/api/v1/namespaces", "{'metadata':{'name':'life'}}");
    assertEquals(201, ns.status());
    assertEquals("Active", ns.body().path("status").path("phase").asText());
    assertEquals("life", ns.body().path("metadata").path("labels").path("kubernetes.io/metadata.name").asText());
    assertEquals("kubernetes", ns.body().path("spec").path("finalizers").path(0).asText());
    assertEquals(200, client.get("/api/v1/namespaces/life/serviceaccounts/default").status());
    assertEquals(201, client.post("/api/v1/namespaces/life/configmaps", cm("inside")).status());

    Answer deleting = client.delete("/api/v1/namespaces/life");
    assertEquals(200, deleting.status());
    assertEquals("Terminating", deleting.body().path("status").path("phase").asText());
    assertTrue(deleting.body().path("metadata").has("deletionTimestamp"));
    assertTrue(eventually(() -> client.get("/api/v1/namespaces/life").status() == 404));
    assertEquals(404, client.get("/api/v1/namespaces/life/configmaps/inside").status());
    Answer missing = client.post("/api/v1/namespaces/life/configmaps", cm("late"));
    assertEquals(404, missing.status());
    assertEquals("namespaces \"life\" not found", missing.message());
  }

  @Test
  void finalizersHoldTheObjectUntilTheLastIsRemoved() throws Exception {
    assertEquals(201, client.post(CMS, "{'metadata':{'name':'held','finalizers':['example.com/hold']}}").status());
    InProcessExchange watch = client.watch(CMS + "?resourceVersion=" + server.store().resourceVersion());
    Answer deleted = client.delete(CMS + "/held");
    assertEquals(200, deleted.status());
    assertTrue(deleted.body().path("metadata").has("deletionTimestamp"));
    assertEquals(0, deleted.body().path("metadata").path("deletionGracePeriodSeconds").asInt());
    assertEquals(200, client.get(CMS + "/held").status());
    assertEquals(200, client.delete(CMS + "/held").status(), "a second delete changes nothing");
    Answer released = client.mergePatch(CMS + "/held", "{'metadata':{'finalizers':null}}");
    assertEquals(200, released.status());
    assertEquals(404, client.get(CMS + "/held").status());
    watch.awaitChunks(2, Duration.ofSeconds(5));
    List<String> types = new ArrayList<>();
    TestClient.events(watch).forEach(e -> types.add(e.get("type").asText()));
    assertEquals(List.of("MODIFIED", "DELETED"), types);
  }

  @Test
  void aBoundPodDeletesGracefullyUntilForced() {
    client.post("/api/v1/namespaces/default/pods", "{'metadata':{'name':'bound'},'spec':{'nodeName':'node-a',"
        + "'containers':[{'name':'c','image':'busybox'}]}}");
    Answer graceful = client.delete("/api/v1/namespaces/default/pods/bound");
    assertEquals(200, graceful.status());
    assertEquals(30, graceful.body().path("metadata").path("deletionGracePeriodSeconds").asInt());
    assertEquals(200, client.get("/api/v1/namespaces/default/pods/bound").status(), "no kubelet ends it");
    Answer forced = client.call("DELETE", "/api/v1/namespaces/default/pods/bound?gracePeriodSeconds=0", null, null);
    assertEquals(200, forced.status());
    assertEquals(404, client.get("/api/v1/namespaces/default/pods/bound").status());
  }

  @Test
  void deletePreconditionsAnswerConflict() {
    Answer created = client.post(CMS, cm("pre"));
    Answer uid = client.delete(CMS + "/pre", "{'preconditions':{'uid':'00000000-0000-0000-0000-000000000000'}}");
    assertEquals(409, uid.status());
    assertEquals("Operation cannot be fulfilled on ConfigMap \"pre\": the UID in the precondition "
        + "(00000000-0000-0000-0000-000000000000) does not match the UID in record ("
        + created.body().path("metadata").path("uid").asText() + "). The object might have been deleted and then "
        + "recreated", uid.message());
    Answer rv = client.delete(CMS + "/pre", "{'preconditions':{'resourceVersion':'1'}}");
    assertEquals(409, rv.status());
    assertEquals("Conflict", rv.body().path("reason").asText());
    assertEquals(200, client.delete(CMS + "/pre", "{'preconditions':{'resourceVersion':'" + created.rv() + "'}}")
        .status());
  }

  @Test
  void dryRunStoresNothing() {
    long before = server.store().resourceVersion();
    Answer created = client.post(CMS + "?dryRun=All", cm("dry"));
    assertEquals(201, created.status());
    assertEquals(404, client.get(CMS + "/dry").status());
    client.post(CMS, cm("wet"));
    assertEquals(200, client.call("DELETE", CMS + "/wet?dryRun=All", null, null).status());
    assertEquals(200, client.get(CMS + "/wet").status());
    assertEquals(before + 1, server.store().resourceVersion());
    assertEquals(400, client.post(CMS + "?dryRun=Some", cm("x")).status());
  }

  @Test
  void updatesCheckTheResourceVersionAndNeedTheObject() {
    Answer created = client.post(CMS, cm("upd"));
    Answer updated = client.put(CMS + "/upd", "{'metadata':{'name':'upd','resourceVersion':'" + created.rv()
        + "'},'data':{'k':'2'}}");
    assertEquals(200, updated.status());
    Answer stale = client.put(CMS + "/upd", "{'metadata':{'name':'upd','resourceVersion':'" + created.rv()
        + "'},'data':{'k':'3'}}");
    assertEquals(409, stale.status());
    assertEquals("Operation cannot be fulfilled on configmaps \"upd\": the object has been modified; please apply "
        + "your changes to the latest version and try again", stale.message());
    Answer missing = client.put(CMS + "/nope", "{'metadata':{'name':'nope'}}");
    assertEquals(404, missing.status());
    Answer same = client.put(CMS + "/upd", "{'metadata':{'name':'upd'},'data':{'k':'2'}}");
    assertEquals(updated.rv(), same.rv(), "an update that changes nothing is not a write");
  }

  @Test
  void paginationServesTheFirstPagesSnapshot() {
    for (int i = 0; i < 5; i++) {
      client.post(CMS, cm("p" + i));
    }
    Answer first = client.get(CMS + "?limit=2");
    assertEquals(2, first.body().path("items").size());
    assertEquals(3, first.body().path("metadata").path("remainingItemCount").asInt());
    String token = first.body().path("metadata").path("continue").asText();
    client.post(CMS, cm("p9"));
    client.delete(CMS + "/p4");
    List<String> names = new ArrayList<>();
    first.body().path("items").forEach(i -> names.add(i.path("metadata").path("name").asText()));
    String next = token;
    while (!next.isEmpty()) {
      Answer page = client.get(CMS + "?limit=2&continue=" + next);
      assertEquals(200, page.status());
      assertEquals(first.rv(), page.rv());
      page.body().path("items").forEach(i -> names.add(i.path("metadata").path("name").asText()));
      next = page.body().path("metadata").path("continue").asText("");
    }
    assertEquals(List.of("p0", "p1", "p2", "p3", "p4"), names);
    assertEquals(400, client.get(CMS + "?limit=2&continue=garbage").status());
  }

  @Test
  void exactListsServeThePast() {
    String rv = client.post(CMS, cm("x1")).rv();
    client.post(CMS, cm("x2"));
    client.mergePatch(CMS + "/x1", "{'data':{'k':'changed'}}");
    Answer past = client.get(CMS + "?resourceVersion=" + rv + "&resourceVersionMatch=Exact");
    assertEquals(200, past.status());
    assertEquals(rv, past.rv());
    assertEquals(1, past.body().path("items").size());
    assertEquals("v", past.body().path("items").path(0).path("data").path("k").asText());
    assertEquals(422, client.get(CMS + "?resourceVersionMatch=Exact").status());
    assertEquals(504, client.get(CMS + "?resourceVersion=999999&resourceVersionMatch=Exact").status());
    assertEquals(200, client.get(CMS + "?resourceVersion=" + rv + "&resourceVersionMatch=NotOlderThan").status());
  }

  @Test
  void aContinueTokenOlderThanTheHistoryIsExpired() {
    for (int i = 0; i < 3; i++) {
      client.post(CMS, cm("e" + i));
    }
    String token = client.get(CMS + "?limit=1").body().path("metadata").path("continue").asText();
    for (int i = 0; i < 60; i++) {
      client.mergePatch(CMS + "/e0", "{'data':{'k':'" + i + "'}}");
    }
    Answer gone = client.get(CMS + "?limit=1&continue=" + token);
    assertEquals(410, gone.status());
    assertEquals("Expired", gone.body().path("reason").asText());
  }

  @Test
  void statusSubresourceChangesOnlyStatusAndMainPutKeepsIt() {
    client.post("/api/v1/namespaces/default/pods", "{'metadata':{'name':'st'},'spec':{'containers':[{'name':'c',"
        + "'image':'busybox'}]}}");
    JsonNode pod = client.get("/api/v1/namespaces/default/pods/st").body();
    ((com.fasterxml.jackson.databind.node.ObjectNode) pod.path("status")).put("phase", "Running");
    ((com.fasterxml.jackson.databind.node.ObjectNode) pod.path("metadata")).putObject("labels").put("x", "y");
    Answer main = client.put("/api/v1/namespaces/default/pods/st", pod.toString().replace('"', '\''));
    assertEquals(200, main.status());
    assertEquals("Pending", main.body().path("status").path("phase").asText());
    assertEquals("y", main.body().path("metadata").path("labels").path("x").asText());
    JsonNode again = main.body().deepCopy();
    ((com.fasterxml.jackson.databind.node.ObjectNode) again.path("status")).put("phase", "Running");
    ((com.fasterxml.jackson.databind.node.ObjectNode) again.path("spec")).put("activeDeadlineSeconds", 30);
    Answer status = client.put("/api/v1/namespaces/default/pods/st/status", again.toString().replace('"', '\''));
    assertEquals(200, status.status());
    assertEquals("Running", status.body().path("status").path("phase").asText());
    assertFalse(status.body().path("spec").has("activeDeadlineSeconds"), "a status write keeps the spec");
  }

  @Test
  void scaleSubresourceSpeaksAutoscalingV1() {
    Answer rc = client.post("/api/v1/namespaces/default/replicationcontrollers", "{'metadata':{'name':'web'},"
        + "'spec':{'replicas':1,'selector':{'app':'web'},'template':{'metadata':{'labels':{'app':'web'}},"
        + "'spec':{'containers':[{'name':'c','image':'nginx'}]}}}}");
    assertEquals(201, rc.status(), rc.body().toString());
    Answer scale = client.get("/api/v1/namespaces/default/replicationcontrollers/web/scale");
    assertEquals(200, scale.status());
    assertEquals("Scale", scale.body().path("kind").asText());
    assertEquals("autoscaling/v1", scale.body().path("apiVersion").asText());
    assertEquals(1, scale.body().path("spec").path("replicas").asInt());
    assertEquals("app=web", scale.body().path("status").path("selector").asText());
    Answer put = client.put("/api/v1/namespaces/default/replicationcontrollers/web/scale",
        "{'metadata':{'name':'web'},'spec':{'replicas':3}}");
    assertEquals(200, put.status());
    assertEquals(3, put.body().path("spec").path("replicas").asInt());
    assertEquals(3, client.get("/api/v1/namespaces/default/replicationcontrollers/web").body().path("spec")
        .path("replicas").asInt());
    Answer patched = client.mergePatch("/api/v1/namespaces/default/replicationcontrollers/web/scale",
        "{'spec':{'replicas':0}}");
    assertEquals(0, patched.body().path("spec").path("replicas").asInt());
    assertEquals(404, client.get("/api/v1/namespaces/default/configmaps/web/scale").status());
  }

  @Test
  void serverSideApplyCreatesUpdatesAndReportsConflicts() {
    String yaml = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: applied\ndata:\n  k: one\n";
    Answer created = client.call("PATCH", CMS + "/applied?fieldManager=alice", "application/apply-patch+yaml", yaml);
    assertEquals(201, created.status(), created.body().toString());
    assertEquals("alice", created.body().path("metadata").path("managedFields").path(0).path("manager").asText());
    assertEquals("Apply", created.body().path("metadata").path("managedFields").path(0).path("operation").asText());
    Answer again = client.call("PATCH", CMS + "/applied?fieldManager=alice", "application/apply-patch+yaml",
        yaml.replace("one", "two"));
    assertEquals(200, again.status());
    assertEquals("two", again.body().path("data").path("k").asText());
    Answer conflict = client.call("PATCH", CMS + "/applied?fieldManager=bob", "application/apply-patch+yaml",
        yaml.replace("one", "three"));
    assertEquals(409, conflict.status());
    assertEquals("Conflict", conflict.body().path("reason").asText());
    Answer forced = client.call("PATCH", CMS + "/applied?fieldManager=bob&force=true",
        "application/apply-patch+yaml", yaml.replace("one", "three"));
    assertEquals(200, forced.status());
    assertEquals(422, client.call("PATCH", CMS + "/applied", "application/apply-patch+yaml", yaml).status());
    assertEquals(400, client.call("PATCH", CMS + "/applied?fieldManager=a", "application/apply-patch+yaml",
        "a: [").status());
  }

  @Test
  void strategicMergePatchMergesContainersByName() {
    client.post("/api/v1/namespaces/default/pods", "{'metadata':{'name':'smp'},'spec':{'containers':[{'name':'a',"
        + "'image':'one'},{'name':'b','image':'two'}]}}");
    Answer patched = client.call("PATCH", "/api/v1/namespaces/default/pods/smp",
        "application/strategic-merge-patch+json", "{'spec':{'containers':[{'name':'b','image':'three'}]}}");
    assertEquals(200, patched.status(), patched.body().toString());
    JsonNode containers = patched.body().path("spec").path("containers");
    assertEquals(2, containers.size());
    assertEquals("one", containers.path(0).path("image").asText());
    assertEquals("three", containers.path(1).path("image").asText());
  }

  @Test
  void unknownFieldsAreDroppedWithAWarningOrRefusedWhenStrict() {
    Answer warned = client.post(CMS, "{'metadata':{'name':'uf'},'data':{'k':'v'},'extra':1}");
    assertEquals(201, warned.status());
    assertFalse(warned.body().has("extra"));
    assertEquals("299 - \"unknown field \\\"extra\\\"\"", warned.headers().get("Warning"));
    Answer strict = client.post(CMS + "?fieldValidation=Strict", "{'metadata':{'name':'uf2'},'spec':{'foo':1}}");
    assertEquals(400, strict.status());
    assertEquals("strict decoding error: unknown field \"spec\"", strict.message());
    Answer ignored = client.post(CMS + "?fieldValidation=Ignore", "{'metadata':{'name':'uf3'},'extra':1}");
    assertEquals(201, ignored.status());
    assertTrue(ignored.headers().isEmpty());
  }

  @Test
  void identityAndGenerateName() {
    Answer a = client.post(CMS, "{'metadata':{'generateName':'gen-'}}");
    assertEquals(201, a.status());
    String name = a.body().path("metadata").path("name").asText();
    assertTrue(name.matches("gen-[bcdfghjklmnpqrstvwxz2456789]{5}"), name);
    assertTrue(a.body().path("metadata").path("creationTimestamp").asText().matches(
        "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"));
    assertTrue(a.body().path("metadata").path("uid").asText().matches("[0-9a-f-]{36}"));
    Answer b = client.post(CMS, "{'metadata':{'generateName':'gen-'}}");
    assertNotEquals(a.body().path("metadata").path("uid"), b.body().path("metadata").path("uid"));
    assertTrue(Long.parseLong(b.rv()) > Long.parseLong(a.rv()));
    Answer cluster = client.get("/api/v1/nodes");
    assertEquals("NodeList", cluster.body().path("kind").asText());
    Answer all = client.get("/api/v1/configmaps");
    assertEquals(2, all.body().path("items").size());
    assertFalse(all.body().path("items").path(0).has("kind"), "list items carry no kind");
  }
}
