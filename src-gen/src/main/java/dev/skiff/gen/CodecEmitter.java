package dev.skiff.gen;

import dev.skiff.gen.Schema.FieldDef;
import dev.skiff.gen.Schema.TypeDef;
import dev.skiff.gen.TypeRef.Kind;
import java.util.List;
import java.util.Set;

/**
 * Writes the streaming JSON codec of a schema type: a reader straight from Jackson's token stream into the
 * type's builder, and a writer straight from the accessors to the token stream. No reflection, no
 * intermediate trees, no databind.
 */
final class CodecEmitter {
  /** Package of the codec classes and their hand-written helpers. */
  static final String PACKAGE = "dev.skiff.model.codec";

  /**
   * Strings that are different in nearly every object; the string pool would only waste time on them.
   * Everything else short (labels, images, names of containers, reasons, node names) is pooled.
   */
  private static final Set<String> UNIQUE_STRINGS = Set.of(
      "ObjectMeta.name", "ObjectMeta.uid", "ObjectMeta.resourceVersion", "PodStatus.podIP", "PodIP.ip",
      "ContainerStatus.containerID", "ListMeta.continue", "ListMeta.resourceVersion");

  private final JavaTypes types;

  CodecEmitter(JavaTypes types) {
    this.types = types;
  }

  String emit(TypeDef t) {
    String type = types.qualified(t.name());
    boolean top = t.apiKind() && t.field("kind").isPresent();
    List<FieldDef> fields = t.fields();
    JavaSource s = new JavaSource();
    s.line("package " + PACKAGE + ";").blank();
    s.line("import com.fasterxml.jackson.core.JsonGenerator;");
    s.line("import com.fasterxml.jackson.core.JsonParser;");
    s.line("import com.fasterxml.jackson.core.JsonToken;");
    s.line("import com.fasterxml.jackson.core.io.SerializedString;");
    s.line("import java.io.IOException;").blank();
    s.line("/** Streaming JSON reader and writer of {@link " + type + "}. Generated: edit the schema, not this file. */");
    s.line("final class " + t.name() + "Codec {");
    for (int i = 0; i < fields.size(); i++) {
      s.line("  private static final SerializedString F" + i + " = new SerializedString("
          + Names.literal(fields.get(i).jsonName()) + ");");
    }
    boolean predicts = !fields.isEmpty();
    if (predicts) {
      StringBuilder all = new StringBuilder();
      for (int i = 0; i < fields.size(); i++) {
        all.append(i == 0 ? "" : ", ").append("F").append(i);
      }
      s.line("  private static final SerializedString[] FIELDS = {" + all + "};");
      s.line("  /**");
      s.line("   * The field that followed each field (the last slot: the first field) in the last object read. Servers");
      s.line("   * write fields in a fixed order, so the next name is matched against its predicted bytes first, which");
      s.line("   * skips hashing it. Racy on purpose: a stale guess only costs the ordinary lookup.");
      s.line("   */");
      s.line("  private static final int[] NEXT = new int[" + (fields.size() + 1) + "];");
    }
    s.blank();
    s.line("  private " + t.name() + "Codec() {}").blank();

    // reader
    s.line("  /** Reads one object; the parser is on its START_OBJECT and is left on its END_OBJECT. */");
    s.line("  static " + type + " read(JsonParser p, ReadContext ctx) throws IOException {");
    s.line("    JsonReading.requireObject(p, " + Names.literal(t.name()) + ");");
    s.line("    " + type + ".Builder b = " + type + ".builder();");
    s.line("    java.util.Map<String, Object> extra = null;");
    s.line("    String name;");
    if (predicts) {
      s.line("    int last = " + fields.size() + ";");
      s.line("    while (true) {");
      s.line("      SerializedString guess = FIELDS[NEXT[last]];");
      s.line("      if (p.nextFieldName(guess)) {");
      s.line("        name = guess.getValue();");
      s.line("      } else if (p.currentToken() == JsonToken.FIELD_NAME) {");
      s.line("        name = p.currentName();");
      s.line("      } else {");
      s.line("        break;");
      s.line("      }");
    } else {
      s.line("    while ((name = p.nextFieldName()) != null) {");
    }
    s.line("      if (p.nextToken() == JsonToken.VALUE_NULL) {");
    s.line("        continue;");
    s.line("      }");
    s.line("      switch (name) {");
    for (int i = 0; i < fields.size(); i++) {
      FieldDef f = fields.get(i);
      s.line("        case " + Names.literal(f.jsonName()) + ":");
      // Written only when it changes: threads decoding the same type would otherwise contend for the line.
      s.line("          if (NEXT[last] != " + i + ") {");
      s.line("            NEXT[last] = " + i + ";");
      s.line("          }");
      s.line("          last = " + i + ";");
      readField(s, t, f);
      s.line("          break;");
    }
    s.line("        default:");
    s.line("          if (extra == null) {");
    s.line("            extra = new java.util.LinkedHashMap<>();");
    s.line("          }");
    s.line("          extra.put(name, JsonReading.any(p, ctx));");
    s.line("      }");
    s.line("    }");
    s.line("    if (extra != null) {");
    s.line("      b.extraFields(extra);");
    s.line("    }");
    s.line("    try {");
    s.line("      return b.build();");
    s.line("    } catch (IllegalStateException e) {");
    s.line("      throw JsonReading.incomplete(p, " + Names.literal(t.name()) + ", e);");
    s.line("    }");
    s.line("  }").blank();

    // writer
    if (top) {
      s.line("  static void write(JsonGenerator g, " + type + " v) throws IOException {");
      s.line("    write(g, v, false);");
      s.line("  }").blank();
      s.line("  /** Writes the object; at the top level a missing apiVersion or kind is filled in. */");
      s.line("  static void write(JsonGenerator g, " + type + " v, boolean topLevel) throws IOException {");
    } else {
      s.line("  static void write(JsonGenerator g, " + type + " v) throws IOException {");
    }
    s.line("    g.writeStartObject();");
    for (int i = 0; i < fields.size(); i++) {
      writeField(s, t, fields.get(i), "F" + i, top);
    }
    s.line("    JsonWriting.extraFields(g, v.extraFields());");
    s.line("    g.writeEndObject();");
    s.line("  }");
    s.line("}");
    return s.toString();
  }

  private void readField(JavaSource s, TypeDef t, FieldDef f) {
    String cap = Names.capitalized(f.jsonName());
    boolean unique = UNIQUE_STRINGS.contains(t.name() + "." + f.jsonName());
    TypeRef ft = f.type();
    switch (ft.kind()) {
      case LIST -> {
        requireFlat(t, f);
        s.line("          JsonReading.requireArray(p);");
        // A repeated key replaces the list, as Go's decoder does.
        s.line("          b." + Names.accessor(f.jsonName()) + "(java.util.List.of());");
        s.line("          while (p.nextToken() != JsonToken.END_ARRAY) {");
        s.line("            if (p.currentToken() != JsonToken.VALUE_NULL) {");
        s.line("              b.add" + cap + "(" + readValue(ft.element(), false) + ");");
        s.line("            }");
        s.line("          }");
      }
      case MAP -> {
        requireFlat(t, f);
        s.line("          JsonReading.requireObject(p, name);");
        s.line("          for (String key; (key = p.nextFieldName()) != null; ) {");
        s.line("            if (p.nextToken() != JsonToken.VALUE_NULL) {");
        s.line("              b.put" + cap + "(key, " + readValue(ft.element(), false) + ");");
        s.line("            }");
        s.line("          }");
      }
      default -> {
        if (isTypeTag(t, f) && f.jsonName().equals("kind")) {
          s.line("          b.kind(JsonReading.kind(p, ctx, " + Names.literal(t.name()) + "));");
        } else {
          s.line("          b." + Names.accessor(f.jsonName()) + "(" + readValue(ft, unique) + ");");
        }
      }
    }
  }

  /** A kind's own kind field: checked on read, filled in on write. */
  private static boolean isTypeTag(TypeDef t, FieldDef f) {
    return t.apiKind() && t.field("kind").isPresent()
        && (f.jsonName().equals("apiVersion") || f.jsonName().equals("kind"));
  }

  /**
   * Whether an empty list or map is still written. Documents (lists, discovery) always carry their required
   * collections, as the API writes them; nested objects omit empty ones, so that a model built as a patch
   * body never clears a list by accident.
   */
  private static boolean alwaysWritten(TypeDef t, FieldDef f) {
    return f.required() && t.apiKind();
  }

  private static void requireFlat(TypeDef t, FieldDef f) {
    if (f.type().element().isContainer()) {
      throw new IllegalStateException(t.name() + "." + f.jsonName() + ": nested lists and maps are not supported");
    }
  }

  private String readValue(TypeRef t, boolean unique) {
    return switch (t.kind()) {
      case STRING, BYTES -> unique ? "JsonReading.uniqueString(p)" : "JsonReading.string(p, ctx)";
      case BOOL -> "JsonReading.bool(p)";
      case INT32 -> "JsonReading.int32(p)";
      case INT64 -> "JsonReading.int64(p)";
      case DOUBLE -> "JsonReading.float64(p)";
      case QUANTITY -> "JsonReading.quantity(p, ctx)";
      case INT_OR_STRING -> "JsonReading.intOrString(p, ctx)";
      case TIME -> "JsonReading.time(p)";
      case MICRO_TIME -> "JsonReading.microTime(p)";
      case FIELDS_V1 -> "JsonReading.fieldsV1(p, ctx)";
      case OBJECT -> "JsonReading.embedded(p, ctx)";
      case JSON -> "JsonReading.any(p, ctx)";
      case NAMED -> t.name() + "Codec.read(p, ctx)";
      case LIST, MAP -> throw new IllegalStateException("nested containers are not supported");
    };
  }

  private void writeField(JavaSource s, TypeDef t, FieldDef f, String fieldName, boolean top) {
    String get = "v." + Names.accessor(f.jsonName()) + "()";
    TypeRef ft = f.type();
    String jt = types.javaType(f);
    switch (ft.kind()) {
      case LIST -> {
        String et = types.javaType(ft.element(), false);
        s.line("    {");
        s.line("      " + jt + " x = " + get + ";");
        s.line("      if (" + (alwaysWritten(t, f) ? "true" : "!x.isEmpty()") + ") {");
        s.line("        g.writeFieldName(" + fieldName + ");");
        s.line("        g.writeStartArray();");
        s.line("        for (" + et + " e : x) {");
        s.line("          " + writeValue(ft.element(), "e") + ";");
        s.line("        }");
        s.line("        g.writeEndArray();");
        s.line("      }");
        s.line("    }");
      }
      case MAP -> {
        String et = types.javaType(ft.element(), false);
        s.line("    {");
        s.line("      " + jt + " x = " + get + ";");
        s.line("      if (" + (alwaysWritten(t, f) ? "true" : "!x.isEmpty()") + ") {");
        s.line("        g.writeFieldName(" + fieldName + ");");
        s.line("        g.writeStartObject();");
        s.line("        for (java.util.Map.Entry<String, " + et + "> e : x.entrySet()) {");
        s.line("          g.writeFieldName(e.getKey());");
        s.line("          " + writeValue(ft.element(), "e.getValue()") + ";");
        s.line("        }");
        s.line("        g.writeEndObject();");
        s.line("      }");
        s.line("    }");
      }
      default -> {
        boolean fill = top && isTypeTag(t, f);
        if (!JavaTypes.isNullable(f)) {
          s.line("    g.writeFieldName(" + fieldName + ");");
          s.line("    " + writeValue(ft, get) + ";");
          return;
        }
        s.line("    {");
        s.line("      " + jt + " x = " + get + ";");
        if (fill) {
          String value = f.jsonName().equals("kind") ? t.name() : t.apiVersion();
          s.line("      if (x == null && topLevel) {");
          s.line("        x = " + Names.literal(value) + ";");
          s.line("      }");
        }
        s.line("      if (x != null) {");
        s.line("        g.writeFieldName(" + fieldName + ");");
        s.line("        " + writeValue(ft, "x") + ";");
        s.line("      }");
        s.line("    }");
      }
    }
  }

  private String writeValue(TypeRef t, String v) {
    return switch (t.kind()) {
      case STRING, BYTES -> "g.writeString(" + v + ")";
      case BOOL -> "g.writeBoolean(" + v + ")";
      case INT32, INT64, DOUBLE -> "g.writeNumber(" + v + ")";
      case QUANTITY -> "g.writeString(" + v + ".toString())";
      case INT_OR_STRING -> "JsonWriting.intOrString(g, " + v + ")";
      case TIME -> "JsonWriting.time(g, " + v + ")";
      case MICRO_TIME -> "JsonWriting.microTime(g, " + v + ")";
      case FIELDS_V1 -> "JsonWriting.fieldsV1(g, " + v + ")";
      case OBJECT -> "JsonWriting.embedded(g, " + v + ")";
      case JSON -> "JsonWriting.any(g, " + v + ")";
      case NAMED -> t.name() + "Codec.write(g, " + v + ")";
      case LIST, MAP -> throw new IllegalStateException("nested containers are not supported");
    };
  }
}
