package dev.skiff.gen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The API schema: every modelled type with its fields and, for kinds, the facts of its REST resource.
 *
 * <p>Loaded from the YAML files listed in {@code dev/skiff/schema/index.txt} on the classpath. The
 * grammar is described in {@code src-gen/README.md}.
 *
 * @param types every type by its simple name, in a stable order
 */
public record Schema(Map<String, TypeDef> types) {

  /** Root of the schema resources on the classpath. */
  public static final String RESOURCE_ROOT = "dev/skiff/schema/";

  /**
   * A generated type.
   *
   * @param name simple Java and API name, e.g. {@code PodSpec}
   * @param group API group, empty for the core group
   * @param version API version, e.g. {@code v1}
   * @param javaPackage Java package the type is generated into
   * @param doc one-line documentation
   * @param resource REST resource facts when the type is a top-level kind served by the API
   * @param apiKind whether the type travels on its own with {@code apiVersion} and {@code kind}
   * @param fields fields in wire order
   */
  public record TypeDef(
      String name,
      String group,
      String version,
      String javaPackage,
      String doc,
      Optional<Resource> resource,
      boolean apiKind,
      List<FieldDef> fields) {

    /** The {@code apiVersion} value objects of this type carry on the wire. */
    public String apiVersion() {
      return group.isEmpty() || group.equals("meta.k8s.io") ? version : group + "/" + version;
    }

    /** Looks up a field by JSON name. */
    public Optional<FieldDef> field(String jsonName) {
      return fields.stream().filter(f -> f.jsonName().equals(jsonName)).findFirst();
    }
  }

  /**
   * A field of a type.
   *
   * @param jsonName name on the wire
   * @param type the field's type
   * @param required whether the API requires the field
   * @param doc one-line documentation
   * @param facts the remaining facts (proto, enum, default, patchStrategy, mergeKey, listType, ...)
   */
  public record FieldDef(String jsonName, TypeRef type, boolean required, String doc, Map<String, JsonNode> facts) {

    /**
     * The field's protobuf field number, or its path of numbers when the JSON inlines it from an
     * embedded message (outer number first); empty for {@code apiVersion} and {@code kind}, which
     * protobuf bodies carry in the runtime.Unknown envelope instead.
     */
    public List<Integer> protoPath() {
      JsonNode n = facts.get("proto");
      if (n == null) {
        return List.of();
      }
      if (n.isInt()) {
        return List.of(n.intValue());
      }
      List<Integer> path = new ArrayList<>();
      n.forEach(x -> path.add(x.intValue()));
      return List.copyOf(path);
    }

    /**
     * Whether Go holds this scalar field as a pointer, so that a zero in a protobuf body is a value
     * that was set rather than an unset field (Go's protobuf code writes by-value scalars always).
     */
    public boolean pointer() {
      JsonNode n = facts.get("pointer");
      return n != null && n.asBoolean();
    }
  }

  /**
   * REST resource facts of a kind, as the API's discovery documents state them.
   *
   * @param plural resource name in URLs
   * @param singular singular name
   * @param namespaced whether objects live in namespaces
   * @param verbs supported verbs
   * @param shortNames short names kubectl accepts
   * @param categories categories such as {@code all}
   * @param storageVersionHash the discovery storage version hash
   * @param subresources subresources with their kind and verbs
   */
  public record Resource(
      String plural,
      String singular,
      boolean namespaced,
      List<String> verbs,
      List<String> shortNames,
      List<String> categories,
      String storageVersionHash,
      List<Subresource> subresources) {}

  /**
   * A subresource such as {@code status} or {@code scale}.
   *
   * @param name name after the slash
   * @param kind kind of the subresource's body
   * @param group group of that kind when it differs from the parent's, else empty
   * @param version version of that kind when it differs from the parent's, else empty
   * @param verbs supported verbs
   */
  public record Subresource(String name, String kind, String group, String version, List<String> verbs) {}

  /**
   * The schema on the classpath, read once per class loader and shared: it is immutable, and reading its YAML
   * takes a noticeable part of a second (a fake cluster per test must not pay it each time).
   */
  public static Schema load() {
    return Loaded.SCHEMA;
  }

  /** Holder: the schema is read on first use, thread-safely, by class initialization. */
  private static final class Loaded {
    static final Schema SCHEMA = read();
  }

  private static Schema read() {
    ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    Map<String, TypeDef> types = new LinkedHashMap<>();
    for (String file : indexEntries()) {
      try (InputStream in = open(file)) {
        JsonNode root = yaml.readTree(in);
        String group = root.path("group").asText("");
        String version = root.path("version").asText();
        String javaPackage = "dev.skiff.model." + root.path("package").asText();
        Iterator<Map.Entry<String, JsonNode>> it = root.path("types").fields();
        while (it.hasNext()) {
          Map.Entry<String, JsonNode> e = it.next();
          TypeDef t = typeDef(e.getKey(), group, version, javaPackage, e.getValue());
          if (types.put(t.name(), t) != null) {
            throw new IllegalStateException(file + ": type " + t.name() + " is defined twice");
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read schema file " + file, e);
      }
    }
    Schema schema = new Schema(Collections.unmodifiableMap(types));
    schema.checkReferences();
    return schema;
  }

  private static List<String> indexEntries() {
    List<String> files = new ArrayList<>();
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(open("index.txt"), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        if (!line.isBlank() && !line.startsWith("#")) {
          files.add(line.strip());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return files;
  }

  private static InputStream open(String file) {
    InputStream in = Schema.class.getClassLoader().getResourceAsStream(RESOURCE_ROOT + file);
    if (in == null) {
      throw new IllegalStateException("schema resource not found: " + RESOURCE_ROOT + file);
    }
    return in;
  }

  private static TypeDef typeDef(String name, String group, String version, String pkg, JsonNode n) {
    List<FieldDef> fields = new ArrayList<>();
    Iterator<Map.Entry<String, JsonNode>> it = n.path("fields").fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode f = e.getValue();
      Map<String, JsonNode> facts = new LinkedHashMap<>();
      f.fields().forEachRemaining(x -> facts.put(x.getKey(), x.getValue()));
      facts.remove("type");
      facts.remove("required");
      facts.remove("doc");
      fields.add(new FieldDef(e.getKey(), TypeRef.parse(f.path("type").asText()),
          f.path("required").asBoolean(false), f.path("doc").asText(""), facts));
    }
    Optional<Resource> resource = Optional.empty();
    JsonNode r = n.get("resource");
    if (r != null) {
      List<Subresource> subs = new ArrayList<>();
      for (JsonNode s : r.path("subresources")) {
        subs.add(new Subresource(s.path("name").asText(), s.path("kind").asText(),
            s.path("group").asText(""), s.path("version").asText(""), strings(s.path("verbs"))));
      }
      resource = Optional.of(new Resource(r.path("plural").asText(), r.path("singular").asText(),
          r.path("namespaced").asBoolean(), strings(r.path("verbs")), strings(r.path("shortNames")),
          strings(r.path("categories")), r.path("storageVersionHash").asText(""), subs));
    }
    boolean apiKind = resource.isPresent() || n.path("apiKind").asBoolean(false);
    return new TypeDef(name, group, version, pkg, n.path("doc").asText(""), resource, apiKind, fields);
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(x -> out.add(x.asText()));
    return List.copyOf(out);
  }

  /** Fails when a field refers to a type the schema does not define. */
  private void checkReferences() {
    for (TypeDef t : types.values()) {
      for (FieldDef f : t.fields()) {
        String named = f.type().innermost().name();
        if (f.type().innermost().kind() == TypeRef.Kind.NAMED && !types.containsKey(named)) {
          throw new IllegalStateException(t.name() + "." + f.jsonName() + " refers to unknown type " + named);
        }
      }
    }
  }

  /** The type with this name. */
  public TypeDef type(String name) {
    TypeDef t = types.get(name);
    if (t == null) {
      throw new IllegalArgumentException("no type " + name);
    }
    return t;
  }
}
