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
 * Decodes a body against its kind's schema as the real server's Go decoder does: values of the wrong JSON type
 * are refused (with the decoder's {@code cannot unmarshal} wording), and fields the schema does not have are
 * found and dropped; their paths are worded as the strict decoder words them ({@code spec.containers[0].foo}).
 */
final class UnknownFields {

  private static final class Holder {
    static final Schema SCHEMA = Schema.load();
  }

  private UnknownFields() {}

  /**
   * Checks the JSON types of an object's fields against the kind's schema.
   *
   * @throws ApiException 400 BadRequest at the first value of the wrong type
   */
  static void checkTypes(ServedResource r, ObjectNode object) {
    Schema.TypeDef type = Holder.SCHEMA.types().get(r.kind());
    if (type == null) {
      return;
    }
    String error = typeError(type, object, Path.ROOT);
    if (error != null) {
      throw ApiException.badRequest(r.kind() + " in version \"" + r.type().version() + "\" cannot be handled as a "
          + r.kind() + ": json: cannot unmarshal " + error);
    }
  }

  private static String typeError(Schema.TypeDef type, JsonNode node, Path path) {
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      Optional<Schema.FieldDef> field = type.field(e.getKey());
      if (field.isEmpty()) {
        continue;
      }
      String error = valueError(field.get().type(), e.getValue(), type.name(), path.child(e.getKey()));
      if (error != null) {
        return error;
      }
    }
    return null;
  }

  private static String valueError(TypeRef ref, JsonNode v, String struct, Path path) {
    if (v == null || v.isNull()) {
      return null;
    }
    boolean ok;
    switch (ref.kind()) {
      case STRING:
      case BYTES:
      case TIME:
      case MICRO_TIME:
        ok = v.isTextual();
        break;
      case BOOL:
        ok = v.isBoolean();
        break;
      case INT32:
      case INT64:
        ok = v.isIntegralNumber();
        break;
      case DOUBLE:
        ok = v.isNumber();
        break;
      case QUANTITY:
        ok = v.isTextual() || v.isNumber();
        break;
      case INT_OR_STRING:
        ok = v.isTextual() || v.isIntegralNumber();
        break;
      case NAMED: {
        if (!v.isObject()) {
          ok = false;
          break;
        }
        Schema.TypeDef t = Holder.SCHEMA.types().get(ref.name());
        return t == null ? null : typeError(t, v, path);
      }
      case LIST:
      case MAP:
        if (ref.kind() == TypeRef.Kind.LIST ? !v.isArray() : !v.isObject()) {
          ok = false;
          break;
        }
        for (JsonNode x : v) { // a list's elements or a map's values
          String error = valueError(ref.element(), x, struct, path);
          if (error != null) {
            return error;
          }
        }
        return null;
      default:
        return null; // embedded objects, free JSON, field sets: anything goes
    }
    if (ok) {
      return null;
    }
    String jsonKind = v.isObject() ? "object" : v.isArray() ? "array" : v.isTextual() ? "string"
        : v.isBoolean() ? "bool" : "number" + (v.isNumber() && !v.isIntegralNumber() ? " " + v.asText() : "");
    return jsonKind + " into Go struct field " + struct + "." + path + " of type " + goType(ref);
  }

  private static String goType(TypeRef ref) {
    switch (ref.kind()) {
      case STRING:
        return "string";
      case BOOL:
        return "bool";
      case INT32:
        return "int32";
      case INT64:
        return "int64";
      case DOUBLE:
        return "float64";
      case BYTES:
        return "[]uint8";
      case QUANTITY:
        return "resource.Quantity";
      case INT_OR_STRING:
        return "intstr.IntOrString";
      case TIME:
        return "v1.Time";
      case MICRO_TIME:
        return "v1.MicroTime";
      case LIST:
        return "[]" + goType(ref.element());
      case MAP:
        return "map[string]" + goType(ref.element());
      default:
        return "v1." + ref.name();
    }
  }

  /**
   * Removes unknown fields from an object of a kind.
   *
   * @return the paths of the removed fields, in document order
   */
  static List<String> prune(String kind, ObjectNode object) {
    List<String> out = new ArrayList<>();
    Schema.TypeDef type = Holder.SCHEMA.types().get(kind);
    if (type != null) {
      walk(type, object, Path.ROOT, true, out);
    }
    return out;
  }

  private static void walk(Schema.TypeDef type, ObjectNode node, Path path, boolean top, List<String> out) {
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String name = e.getKey();
      Path here = path.child(name);
      if (top && (name.equals("apiVersion") || name.equals("kind"))) {
        continue;
      }
      Optional<Schema.FieldDef> field = type.field(name);
      if (field.isEmpty()) {
        out.add(here.toString());
        it.remove();
        continue;
      }
      value(field.get().type(), e.getValue(), here, out);
    }
  }

  private static void value(TypeRef ref, JsonNode v, Path path, List<String> out) {
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
            value(ref.element(), v.get(i), path.element(i), out);
          }
        }
        break;
      case MAP:
        if (v.isObject()) {
          for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            value(ref.element(), e.getValue(), path.child(e.getKey()), out);
          }
        }
        break;
      default:
        break; // scalars, embedded objects and free JSON have no fixed fields
    }
  }

  /**
   * Where a value is, as the strict decoder words it ({@code spec.containers[0].foo}); spelled out only for the
   * rare value that is reported, as most bodies have nothing to report.
   */
  private record Path(Path parent, String name, int index) {
    static final Path ROOT = new Path(null, null, -1);

    Path child(String member) {
      return new Path(this, member, -1);
    }

    Path element(int i) {
      return new Path(this, null, i);
    }

    @Override
    public String toString() {
      if (parent == null) {
        return "";
      }
      String before = parent.toString();
      if (name == null) {
        return before + "[" + index + "]";
      }
      return before.isEmpty() ? name : before + "." + name;
    }
  }
}
