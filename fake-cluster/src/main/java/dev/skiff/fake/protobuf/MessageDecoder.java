package dev.skiff.fake.protobuf;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.gen.Schema;
import dev.skiff.gen.Schema.FieldDef;
import dev.skiff.gen.Schema.TypeDef;
import dev.skiff.gen.TypeRef;
import dev.skiff.model.InvalidQuantityException;
import dev.skiff.model.Quantity;
import dev.skiff.model.Times;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes one protobuf-encoded API object into the JSON tree Go's JSON encoding of the same object
 * would give, steered by the schema's {@code proto} facts rather than by code per type.
 *
 * <p>Fields come out in the order they first arrive, which for Go's encoder is field-number order,
 * close to Go's struct order and so to the order of Go's JSON. What Go would print decides every
 * other choice: a by-value scalar that is zero and optional is left out (Go's protobuf code writes
 * such fields even when unset, Go's JSON omits them; "optional" is the schema's not-required, which
 * stands for Go's {@code omitempty}); a scalar Go holds as a pointer (the schema's {@code pointer}
 * fact) is kept whenever it is on the wire; a nested message that is on the wire is kept even when
 * empty ({@code "spec": {}}), and a zero {@code Time} is {@code null}, as Go prints them. Fields
 * the schema does not know are skipped, as Go's protobuf decoding skips them.
 *
 * <p>One decoder serves one body: it builds the number tables of the types that body touches.
 */
final class MessageDecoder {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Far deeper than any API type nests; a bound so hostile input cannot exhaust the stack. */
  private static final int MAX_DEPTH = 64;

  /** Where a protobuf field number of a type leads. */
  private sealed interface Slot permits Leaf, Embedded {}

  /** To one of the type's JSON fields. */
  private record Leaf(FieldDef field) implements Slot {}

  /** Into an embedded message whose fields the JSON inlines into the enclosing object. */
  private record Embedded(Map<Integer, Slot> slots) implements Slot {}

  private final Schema schema;
  private final Map<String, Map<Integer, Slot>> slotsByType = new HashMap<>();

  /** A decoder for the types of this schema. */
  MessageDecoder(Schema schema) {
    this.schema = schema;
  }

  /** Decodes a whole message of the given type. */
  ObjectNode decode(WireReader message, TypeDef type, int depth) throws ProtobufDecodeException {
    if (depth > MAX_DEPTH) {
      throw new ProtobufDecodeException("protobuf body nests messages deeper than " + MAX_DEPTH + " levels");
    }
    Map<String, JsonNode> values = new LinkedHashMap<>();
    decodeFields(message, slots(type), values, type.name(), depth);
    ObjectNode out = NODES.objectNode();
    out.setAll(values);
    return out;
  }

  private void decodeFields(WireReader r, Map<Integer, Slot> slots, Map<String, JsonNode> values, String typeName,
      int depth) throws ProtobufDecodeException {
    while (!r.atEnd()) {
      long key = r.readKey();
      int number = (int) (key >>> 3);
      int wireType = (int) (key & 7);
      Slot slot = slots.get(number);
      if (slot == null) {
        r.skip(wireType);
      } else if (slot instanceof Embedded embedded) {
        expect(wireType, WireReader.LENGTH_DELIMITED, typeName, "field " + number);
        decodeFields(r.readLengthDelimited(), embedded.slots(), values, typeName, depth + 1);
      } else {
        decodeField(r, wireType, ((Leaf) slot).field(), values, typeName, depth);
      }
    }
  }

  private void decodeField(WireReader r, int wireType, FieldDef f, Map<String, JsonNode> values, String typeName,
      int depth) throws ProtobufDecodeException {
    String where = typeName + "." + f.jsonName();
    TypeRef type = f.type();
    switch (type.kind()) {
      case LIST -> {
        ArrayNode list = (ArrayNode) values.computeIfAbsent(f.jsonName(), k -> NODES.arrayNode());
        TypeRef element = type.element();
        if (wireType == WireReader.LENGTH_DELIMITED && isPackable(element)) {
          // Packed encoding: one length-delimited run of numbers.
          WireReader packed = r.readLengthDelimited();
          while (!packed.atEnd()) {
            list.add(value(packed, wireFor(element), element, where, depth));
          }
        } else {
          list.add(value(r, wireType, element, where, depth));
        }
      }
      case MAP -> {
        expect(wireType, WireReader.LENGTH_DELIMITED, where, "map entry");
        ObjectNode map = (ObjectNode) values.computeIfAbsent(f.jsonName(), k -> NODES.objectNode());
        mapEntry(r.readLengthDelimited(), type.element(), map, where, depth);
      }
      default -> {
        JsonNode v = value(r, wireType, type, where, depth);
        if (keepsScalar(f, v)) {
          values.put(f.jsonName(), v);
        } else {
          values.remove(f.jsonName());
        }
      }
    }
  }

  /** Go's JSON omits an optional by-value scalar at its zero value; pointers and required fields stay. */
  private static boolean keepsScalar(FieldDef f, JsonNode v) {
    return switch (f.type().kind()) {
      case STRING, BYTES -> f.pointer() || f.required() || !v.asText().isEmpty();
      case BOOL -> f.pointer() || f.required() || v.asBoolean();
      case INT32, INT64, DOUBLE -> f.pointer() || f.required() || v.asDouble() != 0;
      default -> true;
    };
  }

  private void mapEntry(WireReader entry, TypeRef valueType, ObjectNode map, String where, int depth)
      throws ProtobufDecodeException {
    String key = "";
    JsonNode value = null;
    while (!entry.atEnd()) {
      long k = entry.readKey();
      int wireType = (int) (k & 7);
      switch ((int) (k >>> 3)) {
        case 1 -> {
          expect(wireType, WireReader.LENGTH_DELIMITED, where, "map key");
          key = entry.readString();
        }
        case 2 -> value = value(entry, wireType, valueType, where, depth);
        default -> entry.skip(wireType);
      }
    }
    map.set(key, value != null ? value : zeroValue(valueType));
  }

  /** What Go prints for a map value that the wire left out: the type's zero value. */
  private JsonNode zeroValue(TypeRef type) {
    return switch (type.kind()) {
      case STRING, BYTES -> NODES.textNode("");
      case BOOL -> NODES.booleanNode(false);
      case INT32, INT64, DOUBLE -> NODES.numberNode(0);
      case QUANTITY -> NODES.textNode("0");
      case INT_OR_STRING -> NODES.numberNode(0);
      case NAMED -> NODES.objectNode();
      default -> NODES.nullNode();
    };
  }

  private JsonNode value(WireReader r, int wireType, TypeRef type, String where, int depth)
      throws ProtobufDecodeException {
    return switch (type.kind()) {
      case STRING -> {
        expect(wireType, WireReader.LENGTH_DELIMITED, where, "string");
        yield NODES.textNode(r.readString());
      }
      case BYTES -> {
        expect(wireType, WireReader.LENGTH_DELIMITED, where, "bytes");
        // Go's JSON writes []byte as standard base64, which is what a Secret's data holds.
        yield NODES.textNode(Base64.getEncoder().encodeToString(r.readBytes()));
      }
      case BOOL -> {
        expect(wireType, WireReader.VARINT, where, "bool");
        yield NODES.booleanNode(r.readVarint() != 0);
      }
      case INT32 -> {
        expect(wireType, WireReader.VARINT, where, "int32");
        yield NODES.numberNode((int) r.readVarint());
      }
      case INT64 -> {
        expect(wireType, WireReader.VARINT, where, "int64");
        yield number(r.readVarint());
      }
      case DOUBLE -> {
        expect(wireType, WireReader.FIXED64, where, "double");
        double d = Double.longBitsToDouble(r.readFixed64());
        // Go writes a whole float64 without a fraction ("2", not "2.0"), which reads back as an integer.
        yield d == Math.rint(d) && Math.abs(d) < 1e15 ? number((long) d) : NODES.numberNode(d);
      }
      case QUANTITY -> quantity(message(r, wireType, where), where);
      case INT_OR_STRING -> intOrString(message(r, wireType, where), where);
      case TIME, MICRO_TIME -> time(message(r, wireType, where), type.kind() == TypeRef.Kind.MICRO_TIME, where);
      case FIELDS_V1, OBJECT, JSON -> embeddedJson(message(r, wireType, where), where);
      case NAMED -> decode(message(r, wireType, where), schema.type(type.name()), depth + 1);
      case LIST, MAP -> throw new ProtobufDecodeException(where + ": nested lists and maps have no protobuf form");
    };
  }

  /** A number node of the smallest kind that holds the value, as a JSON parser would make it. */
  private static JsonNode number(long value) {
    return value == (int) value ? NODES.numberNode((int) value) : NODES.numberNode(value);
  }

  private static WireReader message(WireReader r, int wireType, String where) throws ProtobufDecodeException {
    expect(wireType, WireReader.LENGTH_DELIMITED, where, "message");
    return r.readLengthDelimited();
  }

  /**
   * resource.Quantity: {string = 1}. Go parses the text while decoding and refuses the body when it
   * is not a quantity; a message without it is the zero quantity, which Go prints as "0". The text
   * is kept as sent, as a JSON body's would be.
   */
  private static JsonNode quantity(WireReader m, String where) throws ProtobufDecodeException {
    String text = null;
    while (!m.atEnd()) {
      long k = m.readKey();
      if ((k >>> 3) == 1) {
        expect((int) (k & 7), WireReader.LENGTH_DELIMITED, where, "quantity");
        text = m.readString();
      } else {
        m.skip((int) (k & 7));
      }
    }
    if (text == null) {
      return NODES.textNode("0");
    }
    try {
      Quantity.parse(text);
    } catch (InvalidQuantityException e) {
      throw new ProtobufDecodeException(where + ": " + e.getMessage());
    }
    return NODES.textNode(text);
  }

  /** intstr.IntOrString: {type = 1 (0 int, 1 string), intVal = 2, strVal = 3}. */
  private static JsonNode intOrString(WireReader m, String where) throws ProtobufDecodeException {
    long kind = 0;
    int intVal = 0;
    String strVal = "";
    while (!m.atEnd()) {
      long k = m.readKey();
      int wireType = (int) (k & 7);
      switch ((int) (k >>> 3)) {
        case 1 -> {
          expect(wireType, WireReader.VARINT, where, "int-or-string type");
          kind = m.readVarint();
        }
        case 2 -> {
          expect(wireType, WireReader.VARINT, where, "int-or-string number");
          intVal = (int) m.readVarint();
        }
        case 3 -> {
          expect(wireType, WireReader.LENGTH_DELIMITED, where, "int-or-string text");
          strVal = m.readString();
        }
        default -> m.skip(wireType);
      }
    }
    return kind == 1 ? NODES.textNode(strVal) : NODES.numberNode(intVal);
  }

  /** meta.v1 Time and MicroTime: {seconds = 1, nanos = 2}; the zero time prints as null in Go. */
  private static JsonNode time(WireReader m, boolean micro, String where) throws ProtobufDecodeException {
    long seconds = 0;
    long nanos = 0;
    while (!m.atEnd()) {
      long k = m.readKey();
      int wireType = (int) (k & 7);
      switch ((int) (k >>> 3)) {
        case 1 -> {
          expect(wireType, WireReader.VARINT, where, "time seconds");
          seconds = m.readVarint();
        }
        case 2 -> {
          expect(wireType, WireReader.VARINT, where, "time nanoseconds");
          nanos = (int) m.readVarint();
        }
        default -> m.skip(wireType);
      }
    }
    if (seconds == 0 && nanos == 0) {
      return NODES.nullNode();
    }
    if (nanos < 0 || nanos > 999_999_999) {
      throw new ProtobufDecodeException(where + ": nanoseconds out of range: " + nanos);
    }
    try {
      Instant instant = Instant.ofEpochSecond(seconds, nanos);
      return NODES.textNode(micro ? Times.formatMicroTime(instant) : Times.formatTime(instant));
    } catch (DateTimeException | IllegalArgumentException e) {
      // Times refuses years RFC 3339 cannot write; Instant refuses the rest of the range.
      throw new ProtobufDecodeException(where + ": time out of range: " + seconds + " seconds");
    }
  }

  /** FieldsV1 {Raw = 1} and RawExtension {raw = 1}: JSON text carried as bytes. */
  private static JsonNode embeddedJson(WireReader m, String where) throws ProtobufDecodeException {
    byte[] raw = null;
    while (!m.atEnd()) {
      long k = m.readKey();
      if ((k >>> 3) == 1) {
        expect((int) (k & 7), WireReader.LENGTH_DELIMITED, where, "raw JSON");
        raw = m.readBytes();
      } else {
        m.skip((int) (k & 7));
      }
    }
    if (raw == null || raw.length == 0) {
      return NODES.nullNode();
    }
    try {
      return JSON.readTree(raw);
    } catch (JacksonException e) {
      throw new ProtobufDecodeException(where + ": embedded content is not JSON: " + e.getOriginalMessage());
    } catch (java.io.IOException e) {
      throw new ProtobufDecodeException(where + ": embedded content cannot be read: " + e.getMessage());
    }
  }

  private static boolean isPackable(TypeRef t) {
    return switch (t.kind()) {
      case BOOL, INT32, INT64, DOUBLE -> true;
      default -> false;
    };
  }

  private static int wireFor(TypeRef scalar) {
    return scalar.kind() == TypeRef.Kind.DOUBLE ? WireReader.FIXED64 : WireReader.VARINT;
  }

  private static void expect(int actual, int expected, String where, String what) throws ProtobufDecodeException {
    if (actual != expected) {
      throw new ProtobufDecodeException(
          where + ": wrong protobuf wire type " + actual + " for " + what + " (expected " + expected + ")");
    }
  }

  /** The number-to-field table of a type, built from the schema's proto facts on first use. */
  private Map<Integer, Slot> slots(TypeDef type) {
    return slotsByType.computeIfAbsent(type.name(), n -> {
      Map<Integer, Slot> root = new HashMap<>();
      for (FieldDef f : type.fields()) {
        List<Integer> path = f.protoPath();
        if (path.isEmpty()) {
          continue;
        }
        Map<Integer, Slot> level = root;
        for (int i = 0; i < path.size() - 1; i++) {
          level = ((Embedded) level.computeIfAbsent(path.get(i), x -> new Embedded(new HashMap<>()))).slots();
        }
        level.put(path.get(path.size() - 1), new Leaf(f));
      }
      return root;
    });
  }
}
