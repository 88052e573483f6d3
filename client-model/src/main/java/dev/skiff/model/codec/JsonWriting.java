package dev.skiff.model.codec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.skiff.model.FieldsV1;
import dev.skiff.model.IntOrString;
import dev.skiff.model.Times;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Value writers the generated codecs call. */
final class JsonWriting {
  private static final JsonFactory RAW = new JsonFactory();

  private JsonWriting() {}

  static void intOrString(JsonGenerator g, IntOrString v) throws IOException {
    if (v.isInt()) {
      g.writeNumber(v.intValue());
    } else {
      g.writeString(v.stringValue());
    }
  }

  static void time(JsonGenerator g, Instant v) throws IOException {
    g.writeString(Times.formatTime(v));
  }

  static void microTime(JsonGenerator g, Instant v) throws IOException {
    g.writeString(Times.formatMicroTime(v));
  }

  /** JSON output takes the text as it is; YAML cannot embed raw JSON, so it gets the text re-parsed. */
  static void fieldsV1(JsonGenerator g, FieldsV1 v) throws IOException {
    if (!(g instanceof YAMLGenerator)) {
      g.writeRawValue(v.json());
    } else {
      try (JsonParser p = RAW.createParser(v.json())) {
        p.nextToken();
        g.copyCurrentStructure(p);
      }
    }
  }

  /** An embedded API object: a model object with its apiVersion and kind, or a plain map. */
  static void embedded(JsonGenerator g, Object v) throws IOException {
    any(g, v);
  }

  static void extraFields(JsonGenerator g, Map<String, Object> extra) throws IOException {
    if (extra.isEmpty()) {
      return;
    }
    for (Map.Entry<String, Object> e : extra.entrySet()) {
      g.writeFieldName(e.getKey());
      any(g, e.getValue());
    }
  }

  /** Writes plain Java values (maps, lists, strings, numbers, booleans, null) and model objects. */
  static void any(JsonGenerator g, Object v) throws IOException {
    if (v == null) {
      g.writeNull();
    } else if (v instanceof String s) {
      g.writeString(s);
    } else if (v instanceof Map<?, ?> m) {
      g.writeStartObject();
      for (Map.Entry<?, ?> e : m.entrySet()) {
        g.writeFieldName(String.valueOf(e.getKey()));
        any(g, e.getValue());
      }
      g.writeEndObject();
    } else if (v instanceof List<?> l) {
      g.writeStartArray();
      for (Object o : l) {
        any(g, o);
      }
      g.writeEndArray();
    } else if (v instanceof Boolean b) {
      g.writeBoolean(b);
    } else if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
      g.writeNumber(((Number) v).longValue());
    } else if (v instanceof Double || v instanceof Float) {
      g.writeNumber(((Number) v).doubleValue());
    } else if (v instanceof BigInteger b) {
      g.writeNumber(b);
    } else if (v instanceof BigDecimal b) {
      g.writeNumber(b);
    } else {
      TypeCodec<?> codec = Codecs.forClass(v.getClass());
      if (codec == null) {
        throw new IllegalArgumentException("cannot write a " + v.getClass().getName()
            + " as JSON: not a Skiff model type, map, list, string, number or boolean");
      }
      codec.write(g, v, true);
    }
  }
}
