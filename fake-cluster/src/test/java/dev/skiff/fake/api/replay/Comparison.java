package dev.skiff.fake.api.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What of a recorded step is compared, and how: the harness's {@code comparable}, subset lists, and a
 * JSON diff with its equality (numbers by value, objects regardless of key order).
 */
final class Comparison {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final List<String> VERSION_KEYS = List.of("major", "minor", "emulationMajor", "emulationMinor",
      "minCompatibilityMajor", "minCompatibilityMinor", "gitVersion", "gitCommit", "gitTreeState", "buildDate",
      "goVersion", "compiler", "platform");

  private Comparison() {}

  /** Steps in order with qualified names: batch subs as {@code batch/sub}, watch steps before the watch. */
  static Map<String, JsonNode> flatten(JsonNode steps, String prefix) {
    Map<String, JsonNode> out = new LinkedHashMap<>();
    for (JsonNode rec : steps) {
      String name = prefix + rec.get("name").asText();
      String type = rec.path("type").asText();
      if (type.equals("batch")) {
        for (JsonNode sub : rec.path("subs")) {
          out.put(name + "/" + sub.get("name").asText(), sub);
        }
      } else if (type.equals("watch")) {
        out.putAll(flatten(rec.path("steps"), name + "/"));
        out.put(name, rec);
      } else if (!type.equals("sleep")) {
        out.put(name, rec);
      }
    }
    return out;
  }

  /** The corpus step specs by qualified name, batch-level options applied to their requests. */
  static Map<String, JsonNode> flattenSpecs(JsonNode steps, String prefix) {
    Map<String, JsonNode> out = new LinkedHashMap<>();
    for (JsonNode st : steps) {
      String name = prefix + st.get("name").asText();
      if (st.has("requests")) {
        int i = 0;
        for (JsonNode sub : st.get("requests")) {
          ObjectNode s = ((ObjectNode) sub).deepCopy();
          for (String k : List.of("compare", "ignore", "mask", "unordered")) {
            if (st.has(k) && !s.has(k)) {
              s.set(k, st.get(k));
            }
          }
          out.put(name + "/" + (s.has("name") ? s.get("name").asText() : Integer.toString(i)), s);
          i++;
        }
      } else if (st.has("watch")) {
        out.putAll(flattenSpecs(st.path("steps"), name + "/"));
        out.put(name, st);
      } else {
        out.put(name, st);
      }
    }
    return out;
  }

  /** The compared part of a recorded step, with the step's ignore, mask and unordered applied. */
  static JsonNode comparable(JsonNode rec, JsonNode step) {
    String kind = rec.path("type").asText();
    String mode = step.path("compare").asText("full");
    ObjectNode doc = F.objectNode();
    if (rec.has("error")) {
      doc.set("error", rec.get("error"));
      return doc;
    }
    if (kind.equals("wait")) {
      doc.set("reached", rec.has("reached") ? rec.get("reached") : F.nullNode());
      if (mode.equals("body") && rec.has("response")) {
        doc.set("response", rec.get("response").deepCopy());
      }
    } else if (kind.equals("watch")) {
      ArrayNode types = F.arrayNode();
      for (JsonNode e : rec.path("events")) {
        types.add(e.has("type") ? e.get("type") : F.nullNode());
      }
      if (mode.equals("types")) {
        doc.set("status", orNull(rec.get("status")));
        doc.set("types", types);
        doc.set("checks", orNull(rec.get("checks")));
      } else {
        doc.set("status", orNull(rec.get("status")));
        doc.set("contentType", orNull(rec.get("contentType")));
        doc.set("types", types);
        doc.set("events", rec.has("events") ? rec.get("events").deepCopy() : F.arrayNode());
        doc.set("checks", orNull(rec.get("checks")));
        doc.set("body", rec.has("body") ? rec.get("body").deepCopy() : F.nullNode());
      }
    } else {
      JsonNode r = rec.has("response") ? rec.get("response") : F.objectNode();
      if (mode.equals("status")) {
        doc.set("status", orNull(r.get("status")));
      } else if (!mode.equals("none")) {
        doc = ((ObjectNode) r).deepCopy();
        String path = rec.path("request").path("path").asText("");
        if (path.equals("/version") && doc.path("body").isObject()) {
          ObjectNode b = (ObjectNode) doc.get("body");
          for (String k : VERSION_KEYS) {
            if (b.has(k)) {
              b.put(k, "<version>");
            }
          }
        }
      }
    }
    JsonNode as = rec.get("assertions");
    if (as != null && as.size() > 0) {
      ObjectNode named = doc.putObject("assertions");
      int i = 0;
      for (JsonNode a : as) {
        named.set(i + " " + Assertions.text(a.get("assert")), a.get("result"));
        i++;
      }
    }
    for (JsonNode p : step.path("ignore")) {
      JsonPath.delete(doc, p.asText());
    }
    for (JsonNode p : step.path("mask")) {
      JsonPath.mask(doc, p.asText());
    }
    for (JsonNode p : step.path("unordered")) {
      for (JsonPath.Slot s : JsonPath.parse(p.asText()).slots(doc)) {
        JsonNode list = s.get();
        if (list.isArray()) {
          List<JsonNode> items = new ArrayList<>();
          list.forEach(items::add);
          items.sort(Comparator.comparing(Json::canonical));
          ArrayNode sorted = F.arrayNode();
          items.forEach(sorted::add);
          s.set(sorted);
        }
      }
    }
    return doc;
  }

  private static JsonNode orNull(JsonNode n) {
    return n == null ? F.nullNode() : n;
  }

  /** The step's {@code subsetBy}: the server may serve fewer list entries, but those it serves must match. */
  static void applySubset(JsonNode expected, JsonNode actual, JsonNode spec) {
    JsonNode subset = spec.get("subsetBy");
    if (subset == null) {
      return;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = subset.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String path = e.getKey();
      String key = e.getValue().asText();
      Set<String> required = new HashSet<>();
      spec.path("require").path(path).forEach(x -> required.add(x.asText()));
      List<JsonPath.Slot> es = JsonPath.parse(path).slots(expected);
      List<JsonPath.Slot> as = JsonPath.parse(path).slots(actual);
      for (int i = 0; i < Math.min(es.size(), as.size()); i++) {
        JsonNode el = es.get(i).get();
        JsonNode al = as.get(i).get();
        if (!el.isArray() || !al.isArray()) {
          continue;
        }
        Set<String> served = new HashSet<>();
        for (JsonNode x : al) {
          if (x.isObject()) {
            served.add(keyText(x.get(key)));
          }
        }
        List<JsonNode> kept = new ArrayList<>();
        for (JsonNode x : el) {
          if (x.isObject() && (served.contains(keyText(x.get(key))) || required.contains(keyText(x.get(key))))) {
            kept.add(x);
          }
        }
        kept.sort(Comparator.comparing(x -> keyText(x.get(key))));
        List<JsonNode> act = new ArrayList<>();
        al.forEach(act::add);
        act.sort(Comparator.comparing(x -> x.isObject() ? keyText(x.get(key)) : Json.canonical(x)));
        ArrayNode ek = F.arrayNode();
        kept.forEach(ek::add);
        ArrayNode ak = F.arrayNode();
        act.forEach(ak::add);
        es.get(i).set(ek);
        as.get(i).set(ak);
      }
    }
  }

  private static String keyText(JsonNode n) {
    return n == null ? "None" : n.isTextual() ? n.asText() : n.toString();
  }

  private static boolean sameType(JsonNode a, JsonNode b) {
    if (a.isBoolean() || b.isBoolean()) {
      return a.isBoolean() && b.isBoolean();
    }
    if (a.isNumber() && b.isNumber()) {
      return true;
    }
    return a.getNodeType() == b.getNodeType();
  }

  /** JSON equality as Python's: numbers by value, objects regardless of key order. */
  static boolean equal(JsonNode a, JsonNode b) {
    return diff(a, b, "$", new ArrayList<>()).isEmpty();
  }

  /** The differences, one line each: {@code path: expected X, got Y}. */
  static List<String> diff(JsonNode exp, JsonNode act, String path, List<String> out) {
    if (exp == null) {
      exp = F.nullNode();
    }
    if (act == null) {
      act = F.nullNode();
    }
    if (!sameType(exp, act)) {
      out.add(path + ": expected " + shortText(exp) + ", got " + shortText(act));
    } else if (exp.isObject()) {
      for (Iterator<String> it = exp.fieldNames(); it.hasNext(); ) {
        String k = it.next();
        if (!act.has(k)) {
          out.add(sub(path, k) + ": missing (expected " + shortText(exp.get(k)) + ")");
        } else {
          diff(exp.get(k), act.get(k), sub(path, k), out);
        }
      }
      for (Iterator<String> it = act.fieldNames(); it.hasNext(); ) {
        String k = it.next();
        if (!exp.has(k)) {
          out.add(sub(path, k) + ": unexpected " + shortText(act.get(k)));
        }
      }
    } else if (exp.isArray()) {
      if (exp.size() != act.size()) {
        out.add(path + ": length " + act.size() + ", expected " + exp.size());
      }
      for (int i = 0; i < Math.min(exp.size(), act.size()); i++) {
        diff(exp.get(i), act.get(i), path + "[" + i + "]", out);
      }
    } else if (exp.isNumber()) {
      if (exp.decimalValue().compareTo(act.decimalValue()) != 0) {
        out.add(path + ": expected " + shortText(exp) + ", got " + shortText(act));
      }
    } else if (!exp.equals(act)) {
      out.add(path + ": expected " + shortText(exp) + ", got " + shortText(act));
    }
    return out;
  }

  private static String sub(String path, String key) {
    return key.matches("[A-Za-z_][A-Za-z0-9_]*") ? path + "." + key : path + "[" + TextNode.valueOf(key) + "]";
  }

  private static String shortText(JsonNode v) {
    String s = v.isTextual() ? v.toString() : Json.canonical(v);
    return s.length() <= 120 ? s : s.substring(0, 117) + "...";
  }
}
