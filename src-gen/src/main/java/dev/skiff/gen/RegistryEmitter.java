package dev.skiff.gen;

import dev.skiff.gen.Schema.Resource;
import dev.skiff.gen.Schema.Subresource;
import dev.skiff.gen.Schema.TypeDef;
import java.util.List;
import java.util.stream.Collectors;

/** Writes the resource registry ({@code ResourceTypes}) and the codec index ({@code Codecs}). */
final class RegistryEmitter {
  private final Schema schema;
  private final JavaTypes types;

  RegistryEmitter(Schema schema, JavaTypes types) {
    this.schema = schema;
    this.types = types;
  }

  /** {@code dev.skiff.model.ResourceTypes}: one constant per served kind. */
  String resourceTypes() {
    JavaSource s = new JavaSource();
    s.line("package dev.skiff.model;").blank();
    s.line("/**");
    s.line(" * Every REST resource Skiff models, with the facts the API's discovery documents state about it.");
    s.line(" * Generated from Skiff's API schema.");
    s.line(" */");
    s.line("public final class ResourceTypes {");
    s.line("  private ResourceTypes() {}");
    List<TypeDef> kinds = kinds();
    for (TypeDef t : kinds) {
      Resource r = t.resource().orElseThrow();
      String type = types.qualified(t.name());
      s.blank();
      s.line("  /** {@code " + r.plural() + "}: " + Names.javadoc(lowerFirst(stripPeriod(t.doc(), t.name())))
          + ". */");
      s.line("  public static final ResourceType<" + type + "> " + Names.constant(r.plural()) + " =");
      s.line("      ResourceType.builder(" + type + ".class, " + type + "List.class)");
      s.line("          .group(" + Names.literal(t.group()) + ")");
      s.line("          .version(" + Names.literal(t.version()) + ")");
      s.line("          .kind(" + Names.literal(t.name()) + ")");
      s.line("          .plural(" + Names.literal(r.plural()) + ")");
      s.line("          .singular(" + Names.literal(r.singular()) + ")");
      s.line("          .namespaced(" + r.namespaced() + ")");
      s.line("          .verbs(" + strings(r.verbs()) + ")");
      s.line("          .shortNames(" + strings(r.shortNames()) + ")");
      s.line("          .categories(" + strings(r.categories()) + ")");
      s.line("          .storageVersionHash(" + Names.literal(r.storageVersionHash()) + ")");
      for (Subresource sub : r.subresources()) {
        s.line("          .subresource(new ResourceType.Subresource(" + Names.literal(sub.name()) + ", "
            + Names.literal(sub.kind()) + ", " + Names.literal(sub.group()) + ", " + Names.literal(sub.version())
            + ", " + strings(sub.verbs()) + "))");
      }
      s.line("          .build();");
    }
    s.blank();
    s.line("  private static final java.util.List<ResourceType<?>> ALL = java.util.List.of(");
    s.line(kinds.stream().map(t -> "      " + Names.constant(t.resource().orElseThrow().plural()))
        .collect(Collectors.joining(",\n")) + ");");
    s.blank();
    s.line("  /**");
    s.line("   * All modelled resources, in schema order.");
    s.line("   *");
    s.line("   * @return an immutable list");
    s.line("   */");
    s.line("  public static java.util.List<ResourceType<?>> all() {");
    s.line("    return ALL;");
    s.line("  }");
    s.blank();
    s.line("  /**");
    s.line("   * Finds a resource by its API version and kind, e.g. {@code (\"apps/v1\", \"Deployment\")}.");
    s.line("   *");
    s.line("   * @param apiVersion {@code group/version}, or {@code version} for the core group");
    s.line("   * @param kind the kind name");
    s.line("   * @return the resource, or empty when Skiff does not model it");
    s.line("   */");
    s.line("  public static java.util.Optional<ResourceType<?>> forKind(String apiVersion, String kind) {");
    s.line("    return ALL.stream().filter(r -> r.apiVersion().equals(apiVersion) && r.kind().equals(kind)).findFirst();");
    s.line("  }");
    s.blank();
    s.line("  /**");
    s.line("   * Finds a resource by a name kubectl would accept: plural, singular, short name or kind, in any case,");
    s.line("   * optionally qualified by group as in {@code deployments.apps}.");
    s.line("   *");
    s.line("   * @param name the name to resolve");
    s.line("   * @return the resource, or empty when no modelled resource has that name");
    s.line("   */");
    s.line("  public static java.util.Optional<ResourceType<?>> forName(String name) {");
    s.line("    return ALL.stream().filter(r -> r.answersTo(name)).findFirst();");
    s.line("  }");
    s.line("}");
    return s.toString();
  }

  /** {@code dev.skiff.model.codec.Codecs}: the codec of every type, and the class of every wire kind. */
  String codecs() {
    JavaSource s = new JavaSource();
    s.line("package " + CodecEmitter.PACKAGE + ";").blank();
    s.line("/** The generated codec of every model type, and the model class of every kind on the wire. Generated. */");
    s.line("final class Codecs {");
    s.line("  private static final java.util.Map<Class<?>, TypeCodec<?>> BY_CLASS = new java.util.HashMap<>();");
    s.line("  private static final java.util.Map<String, Class<?>> BY_KIND = new java.util.HashMap<>();");
    s.blank();
    s.line("  static {");
    for (TypeDef t : schema.types().values()) {
      String type = types.qualified(t.name());
      boolean top = t.apiKind() && t.field("kind").isPresent();
      s.line("    BY_CLASS.put(" + type + ".class, new TypeCodec<>(" + type + ".class, " + t.name() + "Codec::read, "
          + (top ? t.name() + "Codec::write" : "(g, v, top) -> " + t.name() + "Codec.write(g, v)") + "));");
      if (top) {
        s.line("    BY_KIND.put(" + Names.literal(t.apiVersion() + "/" + t.name()) + ", " + type + ".class);");
        if (t.group().equals("meta.k8s.io")) {
          s.line("    BY_KIND.put(" + Names.literal("meta.k8s.io/" + t.version() + "/" + t.name()) + ", " + type
              + ".class);");
        }
      }
    }
    s.line("  }");
    s.blank();
    s.line("  private Codecs() {}");
    s.blank();
    s.line("  /** The codec of a model class, or null when the class is not a model type. */");
    s.line("  @SuppressWarnings(\"unchecked\")");
    s.line("  static <T> TypeCodec<T> forClass(Class<T> type) {");
    s.line("    return (TypeCodec<T>) BY_CLASS.get(type);");
    s.line("  }");
    s.blank();
    s.line("  /** Every model type's codec. */");
    s.line("  static java.util.Collection<TypeCodec<?>> all() {");
    s.line("    return java.util.Collections.unmodifiableCollection(BY_CLASS.values());");
    s.line("  }");
    s.blank();
    s.line("  /** The model class of a kind, or null when Skiff does not model it. */");
    s.line("  static Class<?> forKind(String apiVersion, String kind) {");
    s.line("    return BY_KIND.get(apiVersion + \"/\" + kind);");
    s.line("  }");
    s.line("}");
    return s.toString();
  }

  private List<TypeDef> kinds() {
    return schema.types().values().stream().filter(t -> t.resource().isPresent()).toList();
  }

  private static String strings(List<String> values) {
    return "java.util.List.of(" + values.stream().map(Names::literal).collect(Collectors.joining(", ")) + ")";
  }

  private static String stripPeriod(String doc, String fallback) {
    String d = doc.isBlank() ? "the " + fallback + " kind" : doc.strip();
    int dot = d.indexOf(". ");
    if (dot > 0) {
      d = d.substring(0, dot);
    }
    return d.endsWith(".") ? d.substring(0, d.length() - 1) : d;
  }

  private static String lowerFirst(String s) {
    return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
  }
}
