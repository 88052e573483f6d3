package dev.skiff.fake.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skiff.fake.http.HttpRequest;
import dev.skiff.fake.store.StoredObject;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The options of a DELETE, from its {@code DeleteOptions} body or its query: preconditions, dry run, grace
 * period and propagation policy (the last two are accepted; this server deletes at once and has no garbage
 * collector yet).
 *
 * @param uid the uid precondition, or null
 * @param resourceVersion the resourceVersion precondition, or null
 * @param dryRun whether nothing is to be stored
 * @param gracePeriodSeconds the requested grace period, or null
 */
record DeleteOptions(String uid, String resourceVersion, boolean dryRun, Long gracePeriodSeconds) {

  private static final Set<String> POLICIES = Set.of("Orphan", "Background", "Foreground");

  /** Reads the options of a request, the body first. */
  static DeleteOptions from(HttpRequest req, Function<HttpRequest, JsonNode> body) {
    JsonNode b = body.apply(req);
    if (b != null && !b.isObject()) {
      throw ApiException.badRequest("the body of the request is not a DeleteOptions object");
    }
    String uid = null;
    String rv = null;
    boolean dryRun = false;
    String policy = req.queryParam("propagationPolicy").orElse(null);
    String grace = req.queryParam("gracePeriodSeconds").orElse(null);
    Long graceSeconds = null;
    if (b != null) {
      JsonNode pre = b.path("preconditions");
      uid = pre.path("uid").isTextual() ? pre.path("uid").asText() : null;
      rv = pre.path("resourceVersion").isTextual() ? pre.path("resourceVersion").asText() : null;
      for (JsonNode d : b.path("dryRun")) {
        dryRun |= d.asText().equals("All");
      }
      if (b.path("propagationPolicy").isTextual()) {
        policy = b.path("propagationPolicy").asText();
      }
      if (b.has("gracePeriodSeconds") && !b.get("gracePeriodSeconds").isNull()) {
        if (!b.get("gracePeriodSeconds").isIntegralNumber() || !b.get("gracePeriodSeconds").canConvertToLong()) {
          throw ApiException.badRequest("json: cannot unmarshal " + b.get("gracePeriodSeconds").getNodeType()
              .toString().toLowerCase(java.util.Locale.ROOT) + " into Go struct field DeleteOptions.gracePeriodSeconds"
              + " of type int64");
        }
        graceSeconds = b.get("gracePeriodSeconds").asLong();
      }
    }
    for (String d : req.query().getOrDefault("dryRun", List.of())) {
      if (!d.equals("All")) {
        throw ApiException.badRequest("dryRun: Unsupported value: \"" + d + "\": supported values: \"All\"");
      }
      dryRun = true;
    }
    if (grace != null) {
      try {
        graceSeconds = Long.parseLong(grace);
      } catch (NumberFormatException e) {
        throw ApiException.badRequest("strconv.ParseInt: parsing \"" + grace + "\": invalid syntax");
      }
    }
    if (policy != null && !POLICIES.contains(policy)) {
      throw new ApiException(422, "Invalid", "DeleteOptions.meta.k8s.io \"\" is invalid: propagationPolicy: "
          + "Unsupported value: \"" + policy + "\": supported values: \"Foreground\", \"Background\", \"Orphan\", "
          + "\"nil\"", null);
    }
    return new DeleteOptions(uid, rv, dryRun, graceSeconds);
  }

  /** Checks the preconditions against the stored object: 409 Conflict with the real message when they fail. */
  void checkPreconditions(String kind, StoredObject current) {
    if (uid != null && !uid.equals(current.uid())) {
      throw ApiException.conflict(kind, current.name(), "the UID in the precondition (" + uid
          + ") does not match the UID in record (" + current.uid()
          + "). The object might have been deleted and then recreated");
    }
    String currentRv = Long.toString(current.resourceVersion());
    if (resourceVersion != null && !resourceVersion.equals(currentRv)) {
      throw ApiException.conflict(kind, current.name(), "the ResourceVersion in the precondition ("
          + resourceVersion + ") does not match the ResourceVersion in record (" + currentRv
          + "). The object might have been modified");
    }
  }
}
