package dev.skiff.gen;

import dev.skiff.gen.Schema.FieldDef;

/** The Java types that schema types map to. */
final class JavaTypes {
  private final Schema schema;

  JavaTypes(Schema schema) {
    this.schema = schema;
  }

  /** Whether a field's accessor may return null: optional non-container fields. */
  static boolean isNullable(FieldDef f) {
    return !f.type().isContainer() && !f.required();
  }

  /** Java type of a field's accessor. */
  String javaType(FieldDef f) {
    return javaType(f.type(), !isNullable(f));
  }

  /** Java type of a schema type; {@code primitive} allows {@code int}, {@code long}, {@code boolean}. */
  String javaType(TypeRef t, boolean primitive) {
    return switch (t.kind()) {
      case STRING, BYTES -> "String";
      case BOOL -> primitive ? "boolean" : "Boolean";
      case INT32 -> primitive ? "int" : "Integer";
      case INT64 -> primitive ? "long" : "Long";
      case DOUBLE -> primitive ? "double" : "Double";
      case QUANTITY -> "dev.skiff.model.Quantity";
      case INT_OR_STRING -> "dev.skiff.model.IntOrString";
      case TIME, MICRO_TIME -> "java.time.Instant";
      case FIELDS_V1 -> "dev.skiff.model.FieldsV1";
      case OBJECT, JSON -> "Object";
      case NAMED -> qualified(t.name());
      case LIST -> "java.util.List<" + javaType(t.element(), false) + ">";
      case MAP -> "java.util.Map<String, " + javaType(t.element(), false) + ">";
    };
  }

  /** Fully qualified name of a generated type. */
  String qualified(String typeName) {
    return schema.type(typeName).javaPackage() + "." + typeName;
  }
}
