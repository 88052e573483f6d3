package dev.skiff.gen;

import dev.skiff.gen.Schema.FieldDef;
import dev.skiff.gen.Schema.TypeDef;
import dev.skiff.gen.TypeRef.Kind;

/** Writes the abstract {@code *Def} class of a schema type, which Immutables completes into the user-facing type. */
final class ValueTypeEmitter {
  private final JavaTypes types;

  ValueTypeEmitter(JavaTypes types) {
    this.types = types;
  }

  /** Java source of {@code <Name>Def}. */
  String emit(TypeDef t) {
    JavaSource s = new JavaSource();
    s.line("package " + t.javaPackage() + ";").blank();
    s.line("/**");
    s.line(" * " + Names.javadoc(docOf(t)));
    if (t.apiKind() && t.field("kind").isPresent()) {
      s.line(" *");
      s.line(" * <p>On the wire: {@code apiVersion: " + t.apiVersion() + "}, {@code kind: " + t.name() + "}.");
    }
    t.resource().ifPresent(r -> {
      s.line(" * REST resource {@code " + r.plural() + "}, " + (r.namespaced() ? "namespaced" : "cluster-scoped")
          + "; see {@link dev.skiff.model.ResourceTypes#" + Names.constant(r.plural()) + "}.");
    });
    s.line(" *");
    s.line(" * <p>Build one with {@link " + t.name() + "#builder()}; change a copy with the {@code with*} methods.");
    s.line(" * Generated from Skiff's API schema: edit the schema, not this file.");
    s.line(" */");
    s.line("@org.immutables.value.Value.Immutable");
    if (!implementsClause(t).isEmpty()) {
      // The builder's from(supertype) cannot copy metadata typed by a class generated in the same round;
      // from(this type) copies everything, which is the overload users call.
      s.line("@SuppressWarnings(\"immutables:from\")");
    }
    s.line("public abstract class " + t.name() + "Def" + implementsClause(t) + " {");
    if (t.apiKind() && t.field("kind").isPresent()) {
      s.blank();
      s.line("  /** The {@code apiVersion} of this kind: {@value}. */");
      s.line("  public static final String API_VERSION = " + Names.literal(t.apiVersion()) + ";");
      s.blank();
      s.line("  /** The {@code kind} name: {@value}. */");
      s.line("  public static final String KIND = " + Names.literal(t.name()) + ";");
    }
    s.blank();
    s.line("  /** Only the generated {@link " + t.name() + "} extends this class. */");
    s.line("  " + t.name() + "Def() {}");
    for (FieldDef f : t.fields()) {
      s.blank();
      s.line("  /**");
      s.line("   * " + Names.javadoc(docOf(f)));
      String facts = factsLine(f);
      if (!facts.isEmpty()) {
        s.line("   *");
        s.line("   * <p>" + Names.javadoc(facts));
      }
      if (isTypeTag(t, f)) {
        s.line("   *");
        s.line("   * <p>Not part of {@code equals} and {@code hashCode}: the Java type already fixes it. Written at the top");
        s.line("   * level even when null, so a built object needs no explicit value.");
      }
      s.line("   *");
      s.line("   * @return " + returnDoc(f));
      s.line("   */");
      if (JavaTypes.isNullable(f)) {
        s.line("  @dev.skiff.model.Nullable");
      }
      if (isTypeTag(t, f)) {
        // A Pod is always v1/Pod: whether the tag was on the wire must not make two pods unequal.
        s.line("  @org.immutables.value.Value.Auxiliary");
      }
      s.line("  public abstract " + types.javaType(f) + " " + Names.accessor(f.jsonName()) + "();");
    }
    s.blank();
    s.line("  private static final java.util.Set<String> JSON_NAMES = java.util.Set.of("
        + String.join(", ", t.fields().stream().map(f -> Names.literal(f.jsonName())).toList()) + ");");
    s.blank();
    s.line("  /** Refuses extra fields that shadow modelled ones: the object would be written with both. */");
    s.line("  @org.immutables.value.Value.Check");
    s.line("  void checkExtraFields() {");
    s.line("    for (String name : extraFields().keySet()) {");
    s.line("      if (JSON_NAMES.contains(name)) {");
    s.line("        throw new IllegalStateException(\"extraFields of " + t.name()
        + " must not hold the modelled field '\" + name + \"'\");");
    s.line("      }");
    s.line("    }");
    s.line("  }");
    s.blank();
    s.line("  /**");
    s.line("   * Fields this version of Skiff does not model, as decoded JSON values (maps, lists, strings, numbers,");
    s.line("   * booleans), kept so that writing the object back loses nothing a newer server sent.");
    s.line("   *");
    s.line("   * @return unknown fields by JSON name, empty when there were none");
    s.line("   */");
    s.line("  public abstract java.util.Map<String, Object> extraFields();");
    s.line("}");
    return s.toString();
  }

  /** apiVersion and kind of a type that carries them: fixed by the Java type, so not part of equality. */
  private static boolean isTypeTag(TypeDef t, FieldDef f) {
    return t.apiKind() && t.field("kind").isPresent()
        && (f.jsonName().equals("apiVersion") || f.jsonName().equals("kind"));
  }

  private String implementsClause(TypeDef t) {
    boolean hasKind = t.apiKind() && t.field("kind").isPresent() && t.field("apiVersion").isPresent();
    if (!hasKind) {
      return "";
    }
    var meta = t.field("metadata");
    var items = t.field("items");
    if (meta.isPresent() && meta.get().type().name().equals("ObjectMeta")) {
      return " implements dev.skiff.model.KubernetesObject";
    }
    if (items.isPresent() && meta.isPresent() && meta.get().type().name().equals("ListMeta")
        && items.get().type().kind() == Kind.LIST) {
      return " implements dev.skiff.model.KubernetesList<" + types.javaType(items.get().type().element(), false) + ">";
    }
    return " implements dev.skiff.model.ApiObject";
  }

  private static String docOf(TypeDef t) {
    return t.doc().isBlank() ? "The Kubernetes " + t.name() + " type." : t.doc();
  }

  private static String docOf(FieldDef f) {
    return f.doc().isBlank() ? "The {@code " + f.jsonName() + "} field." : f.doc();
  }

  private static String returnDoc(FieldDef f) {
    if (f.type().kind() == Kind.LIST) {
      return "the {@code " + f.jsonName() + "} list, empty when absent";
    }
    if (f.type().kind() == Kind.MAP) {
      return "the {@code " + f.jsonName() + "} map, empty when absent";
    }
    return "the {@code " + f.jsonName() + "} value" + (JavaTypes.isNullable(f) ? ", or null when absent" : "");
  }

  /** Facts worth a user's attention: required-ness, allowed values, server default, merge key. */
  private static String factsLine(FieldDef f) {
    StringBuilder sb = new StringBuilder();
    if (f.required()) {
      sb.append("Required. ");
    }
    var e = f.facts().get("enum");
    if (e != null) {
      sb.append("One of: ");
      for (int i = 0; i < e.size(); i++) {
        sb.append(i == 0 ? "" : ", ").append(e.get(i).asText());
      }
      sb.append(". ");
    }
    var d = f.facts().get("default");
    if (d != null && d.isValueNode()) {
      sb.append("Defaults to ").append(d.asText()).append(". ");
    }
    var k = f.facts().get("mergeKey");
    if (k != null) {
      sb.append("Strategic merge key: ").append(k.asText()).append(". ");
    }
    return sb.toString().strip();
  }

}
