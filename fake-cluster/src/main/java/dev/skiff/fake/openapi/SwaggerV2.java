package dev.skiff.fake.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Rewrites the v3 documents of all group versions into the single Swagger 2.0 document of
 * {@code /openapi/v2}, with the differences the real server's v2 has: {@code #/definitions/} references
 * placed directly beside the description (no {@code allOf}), query parameters typed inline, request bodies as
 * a {@code body} parameter, {@code consumes}/{@code produces} lists, and Quantity and IntOrString as strings
 * (v2 has no {@code oneOf}).
 */
final class SwaggerV2 {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final String V3_REF = "#/components/schemas/";
  private static final String V2_REF = "#/definitions/";

  private SwaggerV2() {}

  /**
   * Builds the v2 document.
   *
   * @param v3Documents the v3 documents of every served group version
   * @param infoVersion the {@code info.version}
   */
  static ObjectNode fromV3(List<ObjectNode> v3Documents, String infoVersion) {
    Map<String, JsonNode> paths = new TreeMap<>();
    Map<String, JsonNode> definitions = new TreeMap<>();
    for (ObjectNode v3 : v3Documents) {
      v3.path("paths").fields().forEachRemaining(e -> paths.put(e.getKey(), path((ObjectNode) e.getValue())));
      v3.path("components").path("schemas").fields()
          .forEachRemaining(e -> definitions.put(e.getKey(), definition(e.getKey(), e.getValue())));
    }
    ObjectNode doc = JSON.objectNode();
    doc.put("swagger", "2.0");
    doc.putObject("info").put("title", "Kubernetes").put("version", infoVersion);
    doc.putObject("paths").setAll(paths);
    doc.putObject("definitions").setAll(definitions);
    return doc;
  }

  private static JsonNode definition(String name, JsonNode v3) {
    ObjectNode d = (ObjectNode) schema(v3);
    if (name.equals(SchemaNames.QUANTITY) || name.equals(SchemaNames.INT_OR_STRING)) {
      d.remove("oneOf");
      d.put("type", "string");
    }
    return d;
  }

  /** A v3 schema object rewritten for v2, recursively. */
  private static JsonNode schema(JsonNode v3) {
    if (v3.isArray()) {
      ArrayNode a = JSON.arrayNode();
      v3.forEach(x -> a.add(schema(x)));
      return a;
    }
    if (!v3.isObject()) {
      return v3.deepCopy();
    }
    ObjectNode out = JSON.objectNode();
    JsonNode allOf = v3.get("allOf");
    boolean singleRef = allOf != null && allOf.size() == 1 && allOf.get(0).has("$ref");
    Iterator<Map.Entry<String, JsonNode>> it = v3.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      String key = e.getKey();
      if (singleRef && key.equals("allOf")) {
        out.put("$ref", ref(allOf.get(0).get("$ref").asText()));
      } else if (singleRef && key.equals("default") && e.getValue().isObject() && e.getValue().isEmpty()) {
        continue;
      } else if (key.equals("$ref")) {
        out.put("$ref", ref(e.getValue().asText()));
      } else if (key.equals("properties")) {
        ObjectNode props = out.putObject("properties");
        e.getValue().fields().forEachRemaining(p -> props.set(p.getKey(), schema(p.getValue())));
      } else if (key.equals("items") || key.equals("additionalProperties")) {
        out.set(key, schema(e.getValue()));
      } else {
        out.set(key, e.getValue().deepCopy());
      }
    }
    return out;
  }

  private static String ref(String v3Ref) {
    return v3Ref.startsWith(V3_REF) ? V2_REF + v3Ref.substring(V3_REF.length()) : v3Ref;
  }

  private static JsonNode path(ObjectNode v3Path) {
    ObjectNode out = JSON.objectNode();
    v3Path.fields().forEachRemaining(e -> {
      if (e.getKey().equals("parameters")) {
        out.set("parameters", parameters(e.getValue()));
      } else {
        out.set(e.getKey(), operation((ObjectNode) e.getValue()));
      }
    });
    return out;
  }

  private static ObjectNode operation(ObjectNode v3) {
    ObjectNode op = JSON.objectNode();
    op.put("description", v3.path("description").asText());
    JsonNode body = v3.get("requestBody");
    ArrayNode consumes = op.putArray("consumes");
    if (body != null) {
      // The v2 document lists the apply patch type last (it was added after the others).
      List<String> types = new ArrayList<>();
      body.path("content").fieldNames().forEachRemaining(types::add);
      if (types.remove("application/apply-patch+yaml")) {
        types.add("application/apply-patch+yaml");
      }
      types.forEach(consumes::add);
    } else {
      consumes.add("*/*");
    }
    Set<String> produces = new LinkedHashSet<>();
    v3.path("responses").forEach(r -> r.path("content").fieldNames().forEachRemaining(produces::add));
    ArrayNode prod = op.putArray("produces");
    produces.forEach(prod::add);
    op.putArray("schemes").add("https");
    op.set("tags", v3.path("tags").deepCopy());
    op.put("operationId", v3.path("operationId").asText());
    ArrayNode params = parameters(v3.path("parameters"));
    if (body != null) {
      ObjectNode b = JSON.objectNode();
      b.put("name", "body");
      b.put("in", "body");
      b.put("required", true);
      JsonNode first = body.path("content").elements().next().path("schema");
      b.set("schema", schema(first));
      List<JsonNode> all = new ArrayList<>();
      all.add(b);
      params.forEach(all::add);
      params = JSON.arrayNode().addAll(all);
    }
    if (!params.isEmpty()) {
      op.set("parameters", params);
    }
    ObjectNode responses = op.putObject("responses");
    v3.path("responses").fields().forEachRemaining(e -> {
      ObjectNode r = responses.putObject(e.getKey());
      r.put("description", e.getValue().path("description").asText());
      JsonNode content = e.getValue().path("content");
      if (content.size() > 0) {
        r.set("schema", schema(content.elements().next().path("schema")));
      }
    });
    v3.fields().forEachRemaining(e -> {
      if (e.getKey().startsWith("x-kubernetes-")) {
        op.set(e.getKey(), e.getValue().deepCopy());
      }
    });
    return op;
  }

  private static ArrayNode parameters(JsonNode v3) {
    ArrayNode out = JSON.arrayNode();
    for (JsonNode p : v3) {
      ObjectNode q = JSON.objectNode();
      p.fields().forEachRemaining(e -> {
        if (e.getKey().equals("schema")) {
          q.setAll((ObjectNode) e.getValue().deepCopy());
        } else {
          q.set(e.getKey(), e.getValue().deepCopy());
        }
      });
      out.add(q);
    }
    return out;
  }
}
