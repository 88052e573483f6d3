package dev.skiff.fake.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The finalizers a DELETE's propagation policy puts on an object, as the real registry's
 * {@code deletionFinalizersForGarbageCollection}: {@code orphan} for Orphan, {@code foregroundDeletion} for
 * Foreground, neither for Background. The garbage collector removes them once it has done their work.
 */
final class GcFinalizers {
  static final String ORPHAN = "orphan";
  static final String FOREGROUND = "foregroundDeletion";

  private GcFinalizers() {}

  /**
   * The policy a DELETE without one gets: core v1 ReplicationControllers orphan their pods (kept for
   * compatibility, as the 1.34 server does); everything else is deleted in the background.
   */
  static String defaultPolicy(String kind, String apiVersion) {
    return kind.equals("ReplicationController") && apiVersion.equals("v1") ? "Orphan" : "Background";
  }

  /**
   * Sets the garbage-collection finalizers the policy asks for on the object being deleted.
   *
   * @param object the object, changed in place
   * @param policy the request's policy, or null for the kind's default
   * @return whether the object has any finalizer afterwards
   */
  static boolean apply(ObjectNode object, String kind, String apiVersion, String policy) {
    String effective = policy != null ? policy : defaultPolicy(kind, apiVersion);
    ObjectNode meta = ApiServer.metadataOf(object);
    List<String> finalizers = new ArrayList<>();
    JsonNode existing = meta.get("finalizers");
    if (existing != null && existing.isArray()) {
      existing.forEach(f -> finalizers.add(f.asText()));
    }
    boolean changed = false;
    if (effective.equals("Orphan") && !finalizers.contains(ORPHAN)) {
      finalizers.remove(FOREGROUND);
      finalizers.add(ORPHAN);
      changed = true;
    } else if (effective.equals("Foreground") && !finalizers.contains(FOREGROUND)) {
      finalizers.remove(ORPHAN);
      finalizers.add(FOREGROUND);
      changed = true;
    } else if (effective.equals("Background") && policy != null) {
      changed = finalizers.remove(ORPHAN) | finalizers.remove(FOREGROUND);
    }
    if (changed) {
      ArrayNode out = meta.putArray("finalizers");
      finalizers.forEach(out::add);
      if (finalizers.isEmpty()) {
        meta.remove("finalizers");
      }
    }
    return !finalizers.isEmpty();
  }
}
