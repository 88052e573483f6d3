package dev.skiff.gen;

import dev.skiff.gen.Schema.TypeDef;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * Generates the model's Java sources from the schema: per type an Immutables abstract class and a streaming
 * codec, per package a {@code package-info} carrying the value style, and the registries.
 *
 * <p>Run by the build of {@code client-model} with the output directory as the only argument.
 */
public final class ModelGenerator {
  private ModelGenerator() {}

  /**
   * Entry point.
   *
   * @param args the output directory
   * @throws IOException when a file cannot be written
   */
  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: ModelGenerator <output directory>");
    }
    Path out = Path.of(args[0]);
    Schema schema = Schema.load();
    Map<Path, String> files = generate(schema);
    int written = 0;
    for (Map.Entry<Path, String> e : files.entrySet()) {
      written += writeIfChanged(out.resolve(e.getKey()), e.getValue()) ? 1 : 0;
    }
    System.out.printf("skiff: %d schema types -> %d sources in %s (%d changed)%n",
        schema.types().size(), files.size(), out, written);
  }

  /** Every generated source by its path relative to the source root. */
  static Map<Path, String> generate(Schema schema) {
    JavaTypes types = new JavaTypes(schema);
    ValueTypeEmitter values = new ValueTypeEmitter(types);
    CodecEmitter codecs = new CodecEmitter(types);
    RegistryEmitter registry = new RegistryEmitter(schema, types);
    Map<Path, String> files = new TreeMap<>();
    Map<String, String> packages = new TreeMap<>();
    for (TypeDef t : schema.types().values()) {
      files.put(source(t.javaPackage(), t.name() + "Def"), values.emit(t));
      files.put(source(CodecEmitter.PACKAGE, t.name() + "Codec"), codecs.emit(t));
      packages.put(t.javaPackage(), t.group().isEmpty() ? "core" : t.group());
    }
    packages.forEach((pkg, group) -> files.put(source(pkg, "package-info"), packageInfo(pkg, group)));
    files.put(source("dev.skiff.model", "ResourceTypes"), registry.resourceTypes());
    files.put(source(CodecEmitter.PACKAGE, "Codecs"), registry.codecs());
    return files;
  }

  private static String packageInfo(String pkg, String group) {
    String version = pkg.substring(pkg.lastIndexOf('.') + 1);
    return "/**\n"
        + " * Immutable model types of the Kubernetes API group {@code " + group + "}, version {@code " + version
        + "}, generated from Skiff's API schema.\n"
        + " */\n"
        + "@org.immutables.value.Value.Style(\n"
        + "    typeAbstract = \"*Def\",\n"
        + "    typeImmutable = \"*\",\n"
        + "    visibility = org.immutables.value.Value.Style.ImplementationVisibility.PUBLIC,\n"
        + "    jdkOnly = true,\n"
        + "    optionalAcceptNullable = true,\n"
        + "    defaultAsDefault = false,\n"
        // Immutables is not on users' classpaths: its @Generated on our classes would warn in their builds.
        + "    allowedClasspathAnnotations = {java.lang.Override.class})\n"
        + "package " + pkg + ";\n";
  }

  private static Path source(String pkg, String simpleName) {
    return Path.of(pkg.replace('.', '/'), simpleName + ".java");
  }

  private static boolean writeIfChanged(Path file, String content) throws IOException {
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    if (Files.exists(file) && java.util.Arrays.equals(Files.readAllBytes(file), bytes)) {
      return false;
    }
    Files.createDirectories(file.getParent());
    Files.write(file, bytes);
    return true;
  }
}
