package dev.skiff.fake.controllers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.fake.store.StoredObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The garbage collector: deletes objects whose owners are all gone (background propagation), deletes the
 * dependents of an owner deleted with {@code foregroundDeletion} and then lets the owner go, and takes the
 * owner reference off the dependents of an owner deleted with the {@code orphan} finalizer before removing that
 * finalizer. It watches every served resource and keeps an index from owner uid to dependents.
 *
 * <p>Keys are {@code storeKey|namespace|name}.
 */
final class GarbageCollector extends Controller {
  static final String ORPHAN = "orphan";
  static final String FOREGROUND = "foregroundDeletion";

  private final ApiClient client;
  /** owner uid -> keys of the objects that name it in their ownerReferences. */
  private final Map<String, Set<String>> dependents = new HashMap<>();
  /** object key -> the owner uids it names, to update {@link #dependents} without a scan. */
  private final Map<String, List<String>> ownersOf = new HashMap<>();

  /**
   * Creates the collector.
   *
   * @param client the controller-manager's client
   */
  GarbageCollector(ApiClient client) {
    this.client = client;
  }

  @Override
  public String name() {
    return "garbage-collector";
  }

  @Override
  void start() {
    for (Kinds.Kind kind : Kinds.all()) {
      if (kind.kind().equals("Event")) {
        continue; // nothing owns events, and they are many
      }
      watch(kind, (type, o) -> onEvent(kind, type, o));
    }
  }

  private static String key(Kinds.Kind kind, String namespace, String name) {
    return kind.storeKey() + "|" + namespace + "|" + name;
  }

  private void onEvent(Kinds.Kind kind, String type, StoredObject o) {
    String key = key(kind, o.namespace(), o.name());
    // Most objects name no owner and are not being deleted, which needs no parse to see: the collector watches
    // every write (and every object when it starts), so parsing them all was much of its cost.
    ObjectNode object = Json.containsAny(o, "\"ownerReferences\"", "\"deletionTimestamp\"") ? Json.decode(o)
        : Json.F.objectNode();
    List<String> owners = new ArrayList<>();
    for (JsonNode ref : object.path("metadata").path("ownerReferences")) {
      owners.add(ref.path("uid").asText());
    }
    synchronized (this) {
      for (String previousOwner : ownersOf.getOrDefault(key, List.of())) {
        Set<String> deps = dependents.get(previousOwner);
        if (deps != null) {
          deps.remove(key);
          if (deps.isEmpty()) {
            dependents.remove(previousOwner);
          }
        }
      }
      ownersOf.remove(key);
      if (!type.equals("DELETED") && !owners.isEmpty()) {
        for (String owner : owners) {
          dependents.computeIfAbsent(owner, u -> new LinkedHashSet<>()).add(key);
        }
        ownersOf.put(key, owners);
      }
    }
    if (!owners.isEmpty() && !type.equals("DELETED")) {
      enqueue(key); // its owners may be gone already
    }
    if (type.equals("DELETED") || Json.deleting(object)) {
      if (!type.equals("DELETED")) {
        enqueue(key); // its own finalizers
      }
      for (String dependent : dependentsOf(o.uid())) {
        enqueue(dependent);
      }
    }
    if (type.equals("DELETED")) {
      // an owner waiting in foreground deletion may be free now
      for (JsonNode ref : object.path("metadata").path("ownerReferences")) {
        Kinds.Kind ownerKind = Kinds.of(ref.path("apiVersion").asText(), ref.path("kind").asText());
        if (ownerKind != null) {
          enqueue(key(ownerKind, ownerKind.namespaced() ? o.namespace() : "", ref.path("name").asText()));
        }
      }
    }
  }

  private synchronized List<String> dependentsOf(String uid) {
    return new ArrayList<>(dependents.getOrDefault(uid, Set.of()));
  }

  @Override
  void reconcile(String key) {
    String[] parts = key.split("\\|", 3);
    Kinds.Kind kind = kindOf(parts[0]);
    if (kind == null) {
      return;
    }
    ObjectNode object = client.get(kind, parts[1], parts[2]).orElse(null);
    if (object == null) {
      return;
    }
    List<String> finalizers = new ArrayList<>();
    object.path("metadata").path("finalizers").forEach(f -> finalizers.add(f.asText()));
    if (Json.deleting(object) && finalizers.contains(ORPHAN)) {
      orphanDependents(object, key);
      removeFinalizer(kind, object, ORPHAN, key);
      return;
    }
    if (Json.deleting(object) && finalizers.contains(FOREGROUND)) {
      if (deleteDependentsInForeground(object)) {
        removeFinalizer(kind, object, FOREGROUND, key);
      }
      return;
    }
    collectIfOwnersGone(kind, object, parts[1]);
  }

  /** Takes the reference to the owner off each of its dependents. */
  private void orphanDependents(ObjectNode owner, String key) {
    String uid = owner.path("metadata").path("uid").asText();
    for (String dependentKey : dependentsOf(uid)) {
      String[] parts = dependentKey.split("\\|", 3);
      Kinds.Kind kind = kindOf(parts[0]);
      ObjectNode dependent = kind == null ? null : client.get(kind, parts[1], parts[2]).orElse(null);
      if (dependent == null) {
        continue;
      }
      ArrayNode kept = Json.F.arrayNode();
      for (JsonNode ref : dependent.path("metadata").path("ownerReferences")) {
        if (!ref.path("uid").asText().equals(uid)) {
          kept.add(ref);
        }
      }
      ObjectNode patch = Json.F.objectNode();
      ObjectNode meta = patch.putObject("metadata");
      if (kept.isEmpty()) {
        meta.putNull("ownerReferences");
      } else {
        meta.set("ownerReferences", kept);
      }
      meta.put("uid", dependent.path("metadata").path("uid").asText());
      ApiResponse r = client.mergePatch(kind, parts[1], parts[2], patch);
      if (!r.ok() && r.status() != 404) {
        retry(key);
      }
    }
  }

  /**
   * Deletes the owner's dependents (in the foreground themselves when they block their owner's deletion);
   * true once none that blocks it is left.
   */
  private boolean deleteDependentsInForeground(ObjectNode owner) {
    String uid = owner.path("metadata").path("uid").asText();
    boolean blocked = false;
    for (String dependentKey : dependentsOf(uid)) {
      String[] parts = dependentKey.split("\\|", 3);
      Kinds.Kind kind = kindOf(parts[0]);
      ObjectNode dependent = kind == null ? null : client.get(kind, parts[1], parts[2]).orElse(null);
      if (dependent == null) {
        continue;
      }
      boolean blocks = false;
      for (JsonNode ref : dependent.path("metadata").path("ownerReferences")) {
        if (ref.path("uid").asText().equals(uid) && ref.path("blockOwnerDeletion").asBoolean(false)) {
          blocks = true;
        }
      }
      if (!Json.deleting(dependent)) {
        client.delete(kind, parts[1], parts[2], blocks ? "Foreground" : "Background", null,
            dependent.path("metadata").path("uid").asText());
        dependent = client.get(kind, parts[1], parts[2]).orElse(null);
      }
      blocked |= blocks && dependent != null;
    }
    return !blocked;
  }

  private void removeFinalizer(Kinds.Kind kind, ObjectNode object, String finalizer, String key) {
    ArrayNode kept = Json.F.arrayNode();
    object.path("metadata").path("finalizers").forEach(f -> {
      if (!f.asText().equals(finalizer)) {
        kept.add(f);
      }
    });
    ObjectNode patch = Json.F.objectNode();
    ObjectNode meta = patch.putObject("metadata");
    if (kept.isEmpty()) {
      meta.putNull("finalizers");
    } else {
      meta.set("finalizers", kept);
    }
    meta.put("resourceVersion", object.path("metadata").path("resourceVersion").asText());
    ApiResponse r = client.mergePatch(kind, object.path("metadata").path("namespace").asText(""),
        object.path("metadata").path("name").asText(), patch);
    if (r.status() == 409) {
      retry(key);
    }
  }

  /**
   * {@code attemptToDeleteItem}: an object none of whose owners exists any more (same uid) is deleted in the
   * background; one whose remaining owners all wait for their dependents in foreground deletion is deleted in
   * the foreground; dangling references next to a live owner are removed.
   */
  private void collectIfOwnersGone(Kinds.Kind kind, ObjectNode object, String namespace) {
    JsonNode refs = object.path("metadata").path("ownerReferences");
    if (refs.size() == 0 || Json.deleting(object)) {
      return;
    }
    ArrayNode solid = Json.F.arrayNode();
    int waiting = 0;
    int dangling = 0;
    for (JsonNode ref : refs) {
      Kinds.Kind ownerKind = Kinds.of(ref.path("apiVersion").asText(), ref.path("kind").asText());
      ObjectNode owner = ownerKind == null ? null
          : client.get(ownerKind, ownerKind.namespaced() ? namespace : "", ref.path("name").asText()).orElse(null);
      if (owner == null || !owner.path("metadata").path("uid").asText().equals(ref.path("uid").asText())) {
        dangling++;
      } else if (Json.deleting(owner) && hasFinalizer(owner, FOREGROUND)
          && ref.path("blockOwnerDeletion").asBoolean(false)) {
        waiting++;
      } else {
        solid.add(ref);
      }
    }
    String name = object.path("metadata").path("name").asText();
    String uid = object.path("metadata").path("uid").asText();
    if (solid.isEmpty() && waiting == 0) {
      client.delete(kind, namespace, name, "Background", null, uid);
    } else if (solid.isEmpty()) {
      client.delete(kind, namespace, name, "Foreground", null, uid);
    } else if (dangling > 0) {
      ObjectNode patch = Json.F.objectNode();
      patch.putObject("metadata").put("uid", uid).set("ownerReferences", solid);
      client.mergePatch(kind, namespace, name, patch);
    }
  }

  private static boolean hasFinalizer(JsonNode object, String finalizer) {
    for (JsonNode f : object.path("metadata").path("finalizers")) {
      if (f.asText().equals(finalizer)) {
        return true;
      }
    }
    return false;
  }

  private static Kinds.Kind kindOf(String storeKey) {
    for (Kinds.Kind k : Kinds.all()) {
      if (k.storeKey().equals(storeKey)) {
        return k;
      }
    }
    return null;
  }
}
