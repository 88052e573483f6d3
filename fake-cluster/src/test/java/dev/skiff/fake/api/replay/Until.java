package dev.skiff.fake.api.replay;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** The conditions of wait steps: status, path with eq/ne/len/lenGe/exists/contains, or all of several. */
final class Until {
  private Until() {}

  static boolean eval(JsonNode cond, int status, JsonNode body) {
    if (cond.has("all")) {
      for (JsonNode c : cond.get("all")) {
        if (!eval(c, status, body)) {
          return false;
        }
      }
      return true;
    }
    if (cond.has("status") && !cond.has("path")) {
      return status == cond.get("status").asInt();
    }
    if (status != cond.path("status").asInt(200)) {
      return false;
    }
    List<JsonNode> vals = body == null || body.isNull() ? List.of() : JsonPath.values(body, cond.get("path").asText());
    if (cond.has("exists")) {
      return !vals.isEmpty() == cond.get("exists").asBoolean();
    }
    if (vals.isEmpty()) {
      return false;
    }
    JsonNode v = vals.get(0);
    if (cond.has("eq")) {
      return Comparison.equal(v, cond.get("eq"));
    }
    if (cond.has("ne")) {
      return !Comparison.equal(v, cond.get("ne"));
    }
    if (cond.has("len")) {
      return v.isContainerNode() && v.size() == cond.get("len").asInt();
    }
    if (cond.has("lenGe")) {
      return v.isContainerNode() && v.size() >= cond.get("lenGe").asInt();
    }
    if (cond.has("contains")) {
      if (!v.isArray()) {
        return false;
      }
      for (JsonNode x : v) {
        if (Comparison.equal(x, cond.get("contains"))) {
          return true;
        }
      }
      return false;
    }
    throw new IllegalArgumentException("bad until condition " + cond);
  }
}
