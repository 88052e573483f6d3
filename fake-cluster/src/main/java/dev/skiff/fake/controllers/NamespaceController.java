package dev.skiff.fake.controllers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The namespace controller: for a namespace being deleted, deletes everything in it, reports in the namespace's
 * status conditions what remains (and which finalizers hold it), and once it is empty removes the
 * {@code kubernetes} finalizer through {@code namespaces/{name}/finalize} and deletes the namespace.
 */
final class NamespaceController extends Controller {
  private final ApiClient client;
  private final Clock clock;

  /**
   * Creates the controller.
   *
   * @param client the controller-manager's client
   * @param clock the time of condition transitions
   */
  NamespaceController(ApiClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  @Override
  public String name() {
    return "namespace";
  }

  @Override
  void start() {
    watch(Kinds.of("v1", "Namespace"), (type, ns) -> {
      if (!type.equals("DELETED") && ns.fields().getOrDefault("status.phase", "").equals("Terminating")) {
        enqueue(ns.name());
      }
    });
    for (Kinds.Kind kind : Kinds.all()) {
      if (kind.namespaced()) {
        watch(kind, (type, o) -> {
          boolean terminating = client.store().get("namespaces", "", o.namespace())
              .map(ns -> ns.fields().getOrDefault("status.phase", "").equals("Terminating")).orElse(false);
          if (terminating) {
            enqueue(o.namespace());
          }
        });
      }
    }
  }

  @Override
  void reconcile(String name) {
    Kinds.Kind nsKind = Kinds.of("v1", "Namespace");
    ObjectNode ns = client.get(nsKind, "", name).orElse(null);
    if (ns == null || !Json.deleting(ns)) {
      return;
    }
    Map<String, Integer> remaining = new TreeMap<>();
    Map<String, Integer> finalizers = new TreeMap<>();
    for (Kinds.Kind kind : Kinds.all()) {
      if (!kind.namespaced()) {
        continue;
      }
      for (ObjectNode o : client.list(kind, name, x -> true)) {
        if (!Json.deleting(o)) {
          client.delete(kind, name, o.path("metadata").path("name").asText(), "Background", null,
              o.path("metadata").path("uid").asText());
        }
      }
      for (ObjectNode o : client.list(kind, name, x -> true)) {
        String resource = kind.apiVersion().contains("/")
            ? kind.plural() + "." + kind.apiVersion().substring(0, kind.apiVersion().indexOf('/')) : kind.plural();
        remaining.merge(resource, 1, Integer::sum);
        for (JsonNode f : o.path("metadata").path("finalizers")) {
          finalizers.merge(f.asText(), 1, Integer::sum);
        }
      }
    }
    if (remaining.isEmpty()) {
      ObjectNode finalize = ns.deepCopy();
      finalize.with("spec").putArray("finalizers");
      ApiResponse r = client.send("PUT", nsKind.path("", name) + "/finalize", finalize);
      if (r.ok()) {
        client.delete(nsKind, "", name, null, null, null);
      } else if (r.status() != 404) {
        retry(name);
      }
      return;
    }
    String now = Json.timestamp(clock.instant());
    ArrayNode conditions = Json.F.arrayNode();
    condition(conditions, ns, "NamespaceDeletionDiscoveryFailure", false, "ResourcesDiscovered",
        "All resources successfully discovered", now);
    condition(conditions, ns, "NamespaceDeletionGroupVersionParsingFailure", false, "ParsedGroupVersions",
        "All legacy kube types successfully parsed", now);
    condition(conditions, ns, "NamespaceDeletionContentFailure", false, "ContentDeleted",
        "All content successfully deleted, may be waiting on finalization", now);
    List<String> resources = new ArrayList<>();
    remaining.forEach((r, n) -> resources.add(r + " has " + n + " resource instances"));
    condition(conditions, ns, "NamespaceContentRemaining", true, "SomeResourcesRemain",
        "Some resources are remaining: " + String.join(", ", resources), now);
    if (finalizers.isEmpty()) {
      condition(conditions, ns, "NamespaceFinalizersRemaining", false, "ContentHasNoFinalizers",
          "All content-preserving finalizers finished", now);
    } else {
      List<String> held = new ArrayList<>();
      finalizers.forEach((f, n) -> held.add(f + " in " + n + " resource instances"));
      condition(conditions, ns, "NamespaceFinalizersRemaining", true, "SomeFinalizersRemain",
          "Some content in the namespace has finalizers remaining: " + String.join(", ", held), now);
    }
    if (conditions.equals(ns.path("status").path("conditions"))) {
      return;
    }
    ns.with("status").set("conditions", conditions);
    if (client.updateStatus(nsKind, ns).status() == 409) {
      retry(name);
    }
  }

  /** A namespace condition; its transition time stays while its status does not change. */
  private static void condition(ArrayNode conditions, JsonNode ns, String type, boolean value, String reason,
      String message, String now) {
    JsonNode old = Json.condition(ns, type);
    String status = value ? "True" : "False";
    String since = old != null && old.path("status").asText().equals(status)
        ? old.path("lastTransitionTime").asText(now) : now;
    conditions.addObject().put("type", type).put("status", status).put("lastTransitionTime", since)
        .put("reason", reason).put("message", message);
  }
}
