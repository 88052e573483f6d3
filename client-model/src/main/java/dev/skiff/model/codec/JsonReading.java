package dev.skiff.model.codec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import dev.skiff.model.FieldsV1;
import dev.skiff.model.IntOrString;
import dev.skiff.model.Quantity;
import dev.skiff.model.Times;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Value readers the generated codecs call. Each expects the parser on the value's first token. */
final class JsonReading {
  private JsonReading() {}

  static void requireObject(JsonParser p, String what) throws IOException {
    if (p.currentToken() != JsonToken.START_OBJECT) {
      throw mismatch(p, "a JSON object (" + what + ")");
    }
  }

  static void requireArray(JsonParser p) throws IOException {
    if (p.currentToken() != JsonToken.START_ARRAY) {
      throw mismatch(p, "a JSON array");
    }
  }

  static String string(JsonParser p, ReadContext ctx) throws IOException {
    if (p.currentToken() != JsonToken.VALUE_STRING) {
      throw mismatch(p, "a JSON string");
    }
    StringPool pool = ctx.strings;
    if (pool == null) {
      return p.getText();
    }
    return pool.intern(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
  }

  /** A kind's own {@code kind} field, which must name that kind: a ConfigMap is not a Secret. */
  static String kind(JsonParser p, ReadContext ctx, String expected) throws IOException {
    String kind = string(p, ctx);
    if (!kind.equals(expected)) {
      throw decodeError(p, "the document is a " + kind + ", not a " + expected, null);
    }
    return kind;
  }

  static String uniqueString(JsonParser p) throws IOException {
    if (p.currentToken() != JsonToken.VALUE_STRING) {
      throw mismatch(p, "a JSON string");
    }
    return p.getText();
  }

  static boolean bool(JsonParser p) throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_TRUE) {
      return true;
    }
    if (t == JsonToken.VALUE_FALSE) {
      return false;
    }
    throw mismatch(p, "a JSON boolean");
  }

  static int int32(JsonParser p) throws IOException {
    if (p.currentToken() != JsonToken.VALUE_NUMBER_INT) {
      throw mismatch(p, "a JSON integer");
    }
    try {
      return p.getIntValue();
    } catch (InputCoercionException e) {
      throw decodeError(p, "integer " + p.getText() + " does not fit in 32 bits", e);
    }
  }

  static long int64(JsonParser p) throws IOException {
    if (p.currentToken() != JsonToken.VALUE_NUMBER_INT) {
      throw mismatch(p, "a JSON integer");
    }
    try {
      return p.getLongValue();
    } catch (InputCoercionException e) {
      throw decodeError(p, "integer " + p.getText() + " does not fit in 64 bits", e);
    }
  }

  static double float64(JsonParser p) throws IOException {
    JsonToken t = p.currentToken();
    if (t != JsonToken.VALUE_NUMBER_INT && t != JsonToken.VALUE_NUMBER_FLOAT) {
      throw mismatch(p, "a JSON number");
    }
    return p.getDoubleValue();
  }

  /** A quantity: a string, or a plain number as Go's decoder also accepts. Equal texts share one instance. */
  static Quantity quantity(JsonParser p, ReadContext ctx) throws IOException {
    JsonToken t = p.currentToken();
    if (t != JsonToken.VALUE_STRING && t != JsonToken.VALUE_NUMBER_INT && t != JsonToken.VALUE_NUMBER_FLOAT) {
      throw mismatch(p, "a quantity string");
    }
    // Like the API server's decoder, tolerate surrounding blanks and unquoted numbers.
    String text = t == JsonToken.VALUE_STRING ? string(p, ctx).strip() : p.getText();
    Quantity q = ctx.quantities.get(text);
    if (q == null) {
      try {
        q = Quantity.parse(text);
      } catch (IllegalArgumentException e) {
        throw decodeError(p, e.getMessage(), e);
      }
      ctx.quantities.put(text, q);
    }
    return q;
  }

  static IntOrString intOrString(JsonParser p, ReadContext ctx) throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.VALUE_NUMBER_INT) {
      return IntOrString.of(int32(p));
    }
    if (t == JsonToken.VALUE_STRING) {
      return IntOrString.of(string(p, ctx));
    }
    throw mismatch(p, "an integer or a string");
  }

  static Instant time(JsonParser p) throws IOException {
    if (p.currentToken() != JsonToken.VALUE_STRING) {
      throw mismatch(p, "an RFC 3339 time string");
    }
    try {
      return Times.parseTime(p.getText());
    } catch (IllegalArgumentException e) {
      throw decodeError(p, e.getMessage(), e);
    }
  }

  static Instant microTime(JsonParser p) throws IOException {
    if (p.currentToken() != JsonToken.VALUE_STRING) {
      throw mismatch(p, "an RFC 3339 time string");
    }
    try {
      return Times.parseMicroTime(p.getText());
    } catch (IllegalArgumentException e) {
      throw decodeError(p, e.getMessage(), e);
    }
  }

  /** A managed-fields set, kept as compact JSON text; equal sets share one instance. */
  static FieldsV1 fieldsV1(JsonParser p, ReadContext ctx) throws IOException {
    requireObject(p, "FieldsV1");
    byte[] source = ctx.source;
    if (source != null) {
      // Take the set's bytes from the input as they are; only pretty-printed input needs compacting.
      int from = (int) p.currentTokenLocation().getByteOffset();
      int to = p instanceof RawSkippingJsonFactory.RawSkippingParser raw ? raw.skipRaw() : -1;
      if (to < 0) {
        p.skipChildren();
        to = (int) p.currentTokenLocation().getByteOffset() + 1;
      }
      FieldsV1 shared = ctx.fieldSetPool().get(from, to);
      return shared != null ? shared : pooledFieldSet(compact(ctx, from, to), ctx);
    }
    return pooledFieldSet(RawJson.capture(p, ctx.scratch), ctx);
  }

  /** Compact JSON of the (pretty-printed) object at {@code source[from, to)}. */
  private static String compact(ReadContext ctx, int from, int to) throws IOException {
    try (JsonParser again = ctx.codec.jsonParser(ctx.source, from, to - from)) {
      again.nextToken();
      return RawJson.capture(again, ctx.scratch);
    }
  }

  private static FieldsV1 pooledFieldSet(String json, ReadContext ctx) {
    FieldsV1 f = ctx.fieldSets.get(json);
    if (f == null) {
      f = FieldsV1.of(json);
      ctx.fieldSets.put(json, f);
    }
    return f;
  }

  /** An embedded object such as a watch event's: decoded by its own apiVersion and kind. */
  static Object embedded(JsonParser p, ReadContext ctx) throws IOException {
    requireObject(p, "an embedded API object");
    byte[] source = ctx.source;
    if (source != null && !ctx.captureEmbedded) {
      // Decode it in place, in the same pass as the outer object, when its bytes tell its kind plainly.
      String[] kind = KindScan.of(source, (int) p.currentTokenLocation().getByteOffset());
      if (kind != null) {
        return ctx.codec.readEmbeddedInPlace(p, kind[0], kind[1], ctx);
      }
    }
    String json = RawJson.capture(p, new StringBuilder(1024));
    return ctx.codec.readEmbedded(json, ctx);
  }

  /** Any JSON value as plain Java: maps, lists, strings, numbers (Long or Double or big), booleans, null. */
  static Object any(JsonParser p, ReadContext ctx) throws IOException {
    switch (p.currentToken()) {
      case START_OBJECT: {
        Map<String, Object> m = new LinkedHashMap<>();
        for (String key; (key = p.nextFieldName()) != null; ) {
          p.nextToken();
          m.put(key, any(p, ctx));
        }
        return m;
      }
      case START_ARRAY: {
        List<Object> l = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          l.add(any(p, ctx));
        }
        return l;
      }
      case VALUE_STRING:
        return string(p, ctx);
      case VALUE_NUMBER_INT:
        return switch (p.getNumberType()) {
          case INT, LONG -> p.getLongValue();
          default -> p.getBigIntegerValue();
        };
      case VALUE_NUMBER_FLOAT:
        return p.getDoubleValue();
      case VALUE_TRUE:
        return Boolean.TRUE;
      case VALUE_FALSE:
        return Boolean.FALSE;
      case VALUE_NULL:
        return null;
      default:
        throw mismatch(p, "a JSON value");
    }
  }

  static DecodeException incomplete(JsonParser p, String type, IllegalStateException e) {
    return decodeError(p, "incomplete " + type + ": " + e.getMessage(), e);
  }

  static DecodeException mismatch(JsonParser p, String expected) {
    JsonToken t = p.currentToken();
    return decodeError(p, "expected " + expected + " but found " + describe(t), null);
  }

  static DecodeException decodeError(JsonParser p, String message, Throwable cause) {
    JsonLocation loc = p.currentTokenLocation();
    String path = p.getParsingContext().pathAsPointer().toString();
    return new DecodeException(message, path, loc.getLineNr(), loc.getColumnNr(), cause);
  }

  private static String describe(JsonToken t) {
    if (t == null) {
      return "the end of the input";
    }
    return switch (t) {
      case START_OBJECT -> "an object";
      case START_ARRAY -> "an array";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      default -> t.asString() == null ? t.name() : "'" + t.asString() + "'";
    };
  }
}
