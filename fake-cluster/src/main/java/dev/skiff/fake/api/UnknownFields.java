package dev.skiff.fake.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.gen.Schema;
import dev.skiff.gen.TypeRef;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds and drops the fields a kind's schema does not have, as decoding into the real server's Go types drops
 * them; the paths are worded as its strict decoder words them ({@code spec.containers[0].foo}).
 */
final class UnknownFields {

  private static final class Holder {
    static final Schema SCHEMA = Schema.load();
  }

  private UnknownFields() {}

  /**
   * Removes unknown fields from an object of a kind.
   *
   * @return the paths of the removed fields, in document order
   */
  static List<String> prune(String kind, ObjectNode object) {
    List<String> out = new ArrayList<>();
    Schema.TypeDef type = Holder.SCHEMA.types().get(kind);
    if (type != null) {
      walk(type, object, "", true, out);
    }
    return out;
  }

  private static void walk(Schema.TypeDef type, ObjectNode node, String path, boolean top, List<String> out) {
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String name = e.getKey();
      String here = path.isEmpty() ? name : path + "." + name;
      if (top && (name.equals("apiVersion") || name.equals("kind"))) {
        continue;
      }
      Optional<Schema.FieldDef> field = type.field(name);
      if (field.isEmpty()) {
        out.add(here);
        it.remove();
        continue;
      }
      value(field.get().type(), e.getValue(), here, out);
    }
  }

  private static void value(TypeRef ref, JsonNode v, String path, List<String> out) {
    if (v == null || v.isNull()) {
      return;
    }
    switch (ref.kind()) {
      case NAMED: {
        Schema.TypeDef t = Holder.SCHEMA.types().get(ref.name());
        if (t != null && v.isObject()) {
          walk(t, (ObjectNode) v, path, false, out);
        }
        break;
      }
      case LIST:
        if (v.isArray()) {
          for (int i = 0; i < v.size(); i++) {
            value(ref.element(), v.get(i), path + "[" + i + "]", out);
          }
        }
        break;
      case MAP:
        if (v.isObject()) {
          for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            value(ref.element(), e.getValue(), path + "." + e.getKey(), out);
          }
        }
        break;
      default:
        break; // scalars, embedded objects and free JSON have no fixed fields
    }
  }
}
