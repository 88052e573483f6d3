package dev.skiff.model;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skiff.gen.Schema;
import dev.skiff.gen.Schema.FieldDef;
import dev.skiff.gen.Schema.TypeDef;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Measures the completeness of Skiff's API schema against independent oracles.
 *
 * <p>The schema ({@code src-gen/src/main/resources/dev/skiff/schema}, loaded by {@link Schema#load()}) is
 * the single source of truth for the model, so checking it checks every generated type and codec. Two
 * kinds of oracle, each compared by JSON property name:
 *
 * <ol>
 *   <li>the Kubernetes OpenAPI documents in {@code ../shared/reference/openapi} (v3 and v2, served by a
 *       v1.34 kube-apiserver), when present: from the root kinds the issue lists, every schema reachable
 *       through {@code $ref}s must be a Skiff type with exactly the same properties, compatible types,
 *       the same required-ness and the same group/version — nothing missing, nothing extra;
 *   <li>the model classes of two other Java clients, read from their jars' bytecode (test scope, no
 *       transitive dependencies): fabric8's {@code kubernetes-model-*} ({@code @JsonProperty}) and the
 *       official {@code client-java-api} ({@code @SerializedName} / {@code SERIALIZED_NAME_*}). Every
 *       property they know for a type Skiff models must be in Skiff, unless {@link #AFTER_V1_34} lists it
 *       with a reason (the jars track a newer Kubernetes than v1.34). Types they lack and fields only
 *       Skiff has are reported for information.
 * </ol>
 *
 * <p>Each oracle that is not available (no OpenAPI directory, jar not on the test classpath) is skipped
 * through a JUnit assumption. The OpenAPI directory is found at {@code -Dskiff.openapi.dir}, env
 * {@code SKIFF_OPENAPI_DIR}, or {@code ../../shared/reference/openapi} / {@code ../shared/reference/openapi}
 * relative to the working directory (the module directory under Maven).
 */
class CompletenessTest {

  private static final String CORE = "io.k8s.api.core.v1.";
  private static final String APPS = "io.k8s.api.apps.v1.";
  private static final String COORDINATION = "io.k8s.api.coordination.v1.";
  private static final String AUTOSCALING = "io.k8s.api.autoscaling.v1.";
  private static final String META = "io.k8s.apimachinery.pkg.apis.meta.v1.";

  /** OpenAPI definition name prefix of each Skiff group (Skiff's {@code TypeDef.group()}). */
  private static final Map<String, String> PREFIX_OF_GROUP = Map.of(
      "", CORE,
      "apps", APPS,
      "coordination.k8s.io", COORDINATION,
      "autoscaling", AUTOSCALING,
      "meta.k8s.io", META);

  /** The kinds the issue lists, with their list types; every type they use is reached from these. */
  private static final List<String> ROOTS = roots();

  private static List<String> roots() {
    List<String> roots = new ArrayList<>();
    for (String k : List.of("Pod", "ReplicationController", "Service", "Endpoints", "Namespace", "Node",
        "Event", "ConfigMap", "Secret", "ServiceAccount")) {
      roots.add(CORE + k);
      roots.add(CORE + k + "List");
    }
    for (String k : List.of("Deployment", "ReplicaSet")) {
      roots.add(APPS + k);
      roots.add(APPS + k + "List");
    }
    roots.add(COORDINATION + "Lease");
    roots.add(COORDINATION + "LeaseList");
    roots.add(AUTOSCALING + "Scale");
    for (String k : List.of("ObjectMeta", "ListMeta", "OwnerReference", "ManagedFieldsEntry", "Status",
        "StatusDetails", "StatusCause", "LabelSelector", "LabelSelectorRequirement", "WatchEvent",
        "DeleteOptions", "Preconditions", "APIResourceList", "APIVersions", "APIGroupList")) {
      roots.add(META + k);
    }
    return List.copyOf(roots);
  }

  /** API schemas Skiff models as scalar value types, with the field type Skiff uses for them. */
  private static final Map<String, String> SCALARS = Map.of(
      "io.k8s.apimachinery.pkg.api.resource.Quantity", "Quantity",
      "io.k8s.apimachinery.pkg.util.intstr.IntOrString", "IntOrString",
      META + "Time", "Time",
      META + "MicroTime", "MicroTime",
      META + "FieldsV1", "FieldsV1",
      "io.k8s.apimachinery.pkg.runtime.RawExtension", "Object");

  private static final String FABRIC8_ONLY = "after v1.34; only fabric8 8.0.0 has it";

  /**
   * Oracle properties from Kubernetes releases after v1.34, the release Skiff's schema was imported from
   * ({@code src-gen/tools/import-openapi-facts.py}): {@code "Type.field"} to the reason. They are not
   * gaps: a v1.34 server neither sends nor accepts them. The oracle jars the build pins are generated from
   * newer Kubernetes (client-java-api 27.0.0; fabric8 8.0.0 has further fields), so they know these.
   *
   * <p>Guarded both ways: an entry fails when v1.34's OpenAPI has the field (whenever the documents are
   * present) and when Skiff's schema has it (stale: delete it after re-importing a newer release). Fields
   * an oracle adds in a later version fail until the schema or this list is updated, with a reason.
   * An oracle generated from exactly v1.34 (client-java-api 25.0.0) needs none of these.
   */
  private static final Map<String, String> AFTER_V1_34 = Map.ofEntries(
      // In client-java-api 27.0.0 and fabric8 8.0.0; paraphrasing client-java's descriptions.
      Map.entry("ListMeta.shardInfo", "the list's ShardInfo"),
      Map.entry("NodeStatus.declaredFeatures", "feature-gate related features the node declares"),
      Map.entry("PodCertificateProjection.userAnnotations", "extra metadata for the pod certificate signer"),
      Map.entry("PodSpec.schedulingGroup", "PodSchedulingGroup, naming the pod's PodGroup"),
      Map.entry("PodStatus.allocatedResources", "pod-level requests allocated by the node"),
      Map.entry("PodStatus.nodeAllocatableResourceClaimStatuses",
          "node-allocatable resources allocated through DRA claims"),
      Map.entry("PodStatus.resources", "pod-level resources status"),
      Map.entry("ResourceHealth.message", "human-readable DRA device health message"),
      Map.entry("VolumeMountStatus.volumeStatus", "volume status (VolumeStatus)"),
      // Only in fabric8 8.0.0 (client-java-api 27.0.0 lacks them too); fabric8's classes carry no
      // descriptions, so none is guessed here.
      Map.entry("ClusterTrustBundleProjection.user", FABRIC8_ONLY),
      Map.entry("ConfigMapVolumeSource.defaultUser", FABRIC8_ONLY),
      Map.entry("DownwardAPIVolumeFile.user", FABRIC8_ONLY),
      Map.entry("DownwardAPIVolumeSource.defaultUser", FABRIC8_ONLY),
      Map.entry("KeyToPath.user", FABRIC8_ONLY),
      Map.entry("PodCertificateProjection.user", FABRIC8_ONLY),
      Map.entry("ProjectedVolumeSource.defaultUser", FABRIC8_ONLY),
      Map.entry("SecretVolumeSource.defaultUser", FABRIC8_ONLY),
      Map.entry("ServiceAccountTokenProjection.user", FABRIC8_ONLY),
      Map.entry("EmptyDirVolumeSource.mode", FABRIC8_ONLY),
      Map.entry("GRPCAction.mode", FABRIC8_ONLY),
      Map.entry("HTTPGetAction.protocol", FABRIC8_ONLY),
      Map.entry("NodeSpec.podPreemptionPolicy", FABRIC8_ONLY),
      Map.entry("NodeSystemInfo.runningInUserNamespace", FABRIC8_ONLY),
      Map.entry("PodSpec.evictionResponders", FABRIC8_ONLY),
      Map.entry("PodStatus.volumeHealth", FABRIC8_ONLY),
      Map.entry("VolumeMount.bindMountOptions", FABRIC8_ONLY));

  private static final Schema SCHEMA = Schema.load();

  // ---------------------------------------------------------------------------------------------
  // Oracle 1: the OpenAPI documents.

  @Test
  void matchesOpenApiV3() {
    ApiDocs docs = apiDocs();
    Comparison c = compareWithOpenApi(docs.v3(), docs.v2(), docs.version());
    String fallback = c.fallbackTypes.isEmpty() ? "" : ", " + c.fallbackTypes.size()
        + " discovery types from v2: " + String.join(" ", c.fallbackTypes);
    report("OpenAPI v" + docs.version() + " (v3 documents" + fallback + ")", c);
  }

  @Test
  void matchesOpenApiV2() {
    ApiDocs docs = apiDocs();
    Comparison c = compareWithOpenApi(docs.v2(), Map.of(), docs.version());
    report("OpenAPI v" + docs.version() + " (v2 document)", c);
  }

  private static void report(String oracle, Comparison c) {
    System.out.printf("completeness vs %s: %d types, %d fields, %d missing, %d extra, %d differing%n",
        oracle, c.types, c.fields, c.missing.size(), c.extra.size(), c.differing.size());
    StringBuilder failure = new StringBuilder();
    section(failure, "in the API but missing from Skiff's schema", c.missing);
    section(failure, "in Skiff's schema but not in the API", c.extra);
    section(failure, "different type, required-ness or group/version", c.differing);
    assertTrue(failure.length() == 0, "Skiff's schema differs from " + oracle + ":\n" + failure);
  }

  /** The outcome of comparing Skiff's schema with one oracle. */
  private static final class Comparison {
    int types;
    int fields;
    final Set<String> missing = new TreeSet<>();
    final Set<String> extra = new TreeSet<>();
    final Set<String> differing = new TreeSet<>();
    final Set<String> fallbackTypes = new TreeSet<>();
  }

  /**
   * Walks the API definitions from the roots (the kinds, plus every Skiff kind, so a kind added
   * to Skiff later is checked too) and compares each reachable definition with Skiff's type of the same
   * simple name.
   */
  private static Comparison compareWithOpenApi(
      Map<String, JsonNode> definitions, Map<String, JsonNode> fallback, String version) {
    Comparison c = new Comparison();
    Set<String> roots = new LinkedHashSet<>(ROOTS);
    for (TypeDef t : SCHEMA.types().values()) {
      String prefix = PREFIX_OF_GROUP.get(t.group());
      if (t.apiKind() && prefix != null && (definitions.containsKey(prefix + t.name())
          || fallback.containsKey(prefix + t.name()))) {
        roots.add(prefix + t.name());
      }
    }

    Map<String, JsonNode> reachable = new TreeMap<>();
    Deque<String> todo = new ArrayDeque<>(roots);
    while (!todo.isEmpty()) {
      String name = todo.pop();
      if (reachable.containsKey(name) || SCALARS.containsKey(name)) {
        continue;
      }
      JsonNode def = definitions.get(name);
      if (def == null && fallback.containsKey(name)) {
        def = fallback.get(name);
        c.fallbackTypes.add(simpleName(name));
      }
      if (def == null) {
        c.missing.add(simpleName(name) + " (the API document does not define " + name + ")");
        continue;
      }
      reachable.put(name, def);
      refs(def, todo);
    }

    Map<String, String> fullNameOf = new HashMap<>();
    for (Map.Entry<String, JsonNode> e : reachable.entrySet()) {
      String full = e.getKey();
      String simple = simpleName(full);
      String clash = fullNameOf.put(simple, full);
      if (clash != null) {
        c.differing.add(simple + " (two API types share the simple name: " + clash + ", " + full + ")");
      }
      c.types++;
      compareType(full, e.getValue(), c);
    }
    for (TypeDef t : SCHEMA.types().values()) {
      if (!fullNameOf.containsKey(t.name())) {
        c.extra.add(t.name() + " (type not reachable from the root kinds in OpenAPI v" + version + ")");
      }
    }
    return c;
  }

  private static void compareType(String fullName, JsonNode def, Comparison c) {
    String name = simpleName(fullName);
    JsonNode properties = def.path("properties");
    Set<String> required = new HashSet<>();
    def.path("required").forEach(r -> required.add(r.asText()));
    TypeDef t = SCHEMA.types().get(name);
    if (t == null) {
      c.missing.add(name + " (type " + fullName + ")");
      for (Map.Entry<String, JsonNode> p : properties.properties()) {
        c.fields++;
        c.missing.add(name + "." + p.getKey());
      }
      return;
    }
    String groupVersion = apiGroupVersion(fullName);
    String skiffGroupVersion = (t.group().isEmpty() ? "core" : t.group()) + "/" + t.version();
    if (!groupVersion.equals(skiffGroupVersion)) {
      c.differing.add(name + ": Skiff puts it in " + skiffGroupVersion + ", the API in " + groupVersion);
    }
    for (Map.Entry<String, JsonNode> p : properties.properties()) {
      c.fields++;
      String where = name + "." + p.getKey();
      Optional<FieldDef> f = t.field(p.getKey());
      if (f.isEmpty()) {
        c.missing.add(where);
        continue;
      }
      String expected = fieldType(p.getValue());
      String actual = f.get().type().toString();
      if (!expected.equals(actual)) {
        c.differing.add(where + ": Skiff type " + actual + ", API type " + expected);
      }
      boolean apiRequired = required.contains(p.getKey());
      if (apiRequired != f.get().required()) {
        c.differing.add(where + ": Skiff required=" + f.get().required() + ", API required=" + apiRequired);
      }
    }
    for (FieldDef f : t.fields()) {
      if (!properties.has(f.jsonName())) {
        c.extra.add(name + "." + f.jsonName());
      }
    }
  }

  /** Every definition name a schema refers to, wherever the {@code $ref} sits. */
  private static void refs(JsonNode node, Deque<String> out) {
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        if (e.getKey().equals("$ref") && e.getValue().isTextual()) {
          out.add(refName(e.getValue().asText()));
        } else {
          refs(e.getValue(), out);
        }
      }
    } else if (node.isArray()) {
      node.forEach(x -> refs(x, out));
    }
  }

  /** {@code #/components/schemas/X} (v3) or {@code #/definitions/X} (v2) to {@code X}. */
  private static String refName(String ref) {
    return ref.substring(ref.lastIndexOf('/') + 1);
  }

  private static String simpleName(String fullName) {
    return fullName.substring(fullName.lastIndexOf('.') + 1);
  }

  private static String apiGroupVersion(String fullName) {
    for (Map.Entry<String, String> e : PREFIX_OF_GROUP.entrySet()) {
      if (fullName.startsWith(e.getValue()) && fullName.indexOf('.', e.getValue().length()) < 0) {
        return (e.getKey().isEmpty() ? "core" : e.getKey()) + "/v1";
      }
    }
    return "(not a group Skiff models: " + fullName + ")";
  }

  /**
   * The Skiff field type (grammar of {@code src-gen/README.md}) an API property schema requires:
   * {@code $ref} (directly or as the sole {@code allOf} member) names a type or one of {@link #SCALARS};
   * arrays are {@code [T]}, maps {@code {T}}, free-form objects {@code json}; integers without a format
   * are int64, as in Kubernetes' Go types.
   */
  private static String fieldType(JsonNode p) {
    if (p.has("$ref")) {
      String ref = refName(p.get("$ref").asText());
      return SCALARS.getOrDefault(ref, simpleName(ref));
    }
    JsonNode allOf = p.get("allOf");
    if (allOf != null && allOf.size() == 1) {
      return fieldType(allOf.get(0));
    }
    String format = p.path("format").asText("");
    return switch (p.path("type").asText("")) {
      case "array" -> "[" + fieldType(p.path("items")) + "]";
      case "object" -> {
        JsonNode values = p.get("additionalProperties");
        if (values == null) {
          yield "json";
        }
        yield values.isObject() ? "{" + fieldType(values) + "}" : "{json}";
      }
      case "string" -> format.equals("byte") ? "bytes" : "string";
      case "integer" -> format.equals("int32") ? "int32" : "int64";
      case "number" -> "double";
      case "boolean" -> "bool";
      default -> "(unrecognised schema " + p + ")";
    };
  }

  // ---------------------------------------------------------------------------------------------
  // Loading the OpenAPI documents.

  /**
   * The OpenAPI documents: v3 component schemas merged over every {@code openapi-v3-*.json}, and v2
   * definitions.
   */
  private record ApiDocs(String version, Map<String, JsonNode> v3, Map<String, JsonNode> v2) {}

  private static ApiDocs apiDocs;

  private static synchronized ApiDocs apiDocs() {
    Optional<Path> dir = openApiDir();
    assumeTrue(dir.isPresent(), "no OpenAPI reference documents (../shared/reference/openapi, "
        + "-Dskiff.openapi.dir or SKIFF_OPENAPI_DIR); skipping the OpenAPI oracle");
    if (apiDocs == null) {
      apiDocs = loadApiDocs(dir.get());
    }
    return apiDocs;
  }

  /** The OpenAPI documents, or empty when this machine has none (CI, users' checkouts). */
  private static Optional<ApiDocs> apiDocsIfPresent() {
    synchronized (CompletenessTest.class) {
      if (apiDocs == null) {
        openApiDir().ifPresent(d -> apiDocs = loadApiDocs(d));
      }
      return Optional.ofNullable(apiDocs);
    }
  }

  private static Optional<Path> openApiDir() {
    String explicit = System.getProperty("skiff.openapi.dir", System.getenv("SKIFF_OPENAPI_DIR"));
    if (explicit != null && !explicit.isBlank()) {
      Path p = Paths.get(explicit);
      if (!Files.isRegularFile(p.resolve("openapi-v2.json"))) {
        throw new IllegalStateException("skiff.openapi.dir / SKIFF_OPENAPI_DIR is " + p.toAbsolutePath()
            + ", which has no openapi-v2.json");
      }
      return Optional.of(p);
    }
    for (String candidate : List.of("../../shared/reference/openapi", "../shared/reference/openapi")) {
      Path p = Paths.get(candidate);
      if (Files.isRegularFile(p.resolve("openapi-v2.json"))) {
        return Optional.of(p.normalize());
      }
    }
    return Optional.empty();
  }

  private static ApiDocs loadApiDocs(Path dir) {
    ObjectMapper json = new ObjectMapper();
    try {
      JsonNode v2Doc = json.readTree(dir.resolve("openapi-v2.json").toFile());
      Map<String, JsonNode> v2 = new LinkedHashMap<>();
      v2Doc.path("definitions").properties().forEach(e -> v2.put(e.getKey(), e.getValue()));
      Map<String, JsonNode> v3 = new LinkedHashMap<>();
      try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "openapi-v3-*.json")) {
        for (Path f : files) {
          JsonNode doc = json.readTree(f.toFile());
          doc.path("components").path("schemas").properties()
              .forEach(e -> v3.putIfAbsent(e.getKey(), e.getValue()));
        }
      }
      if (v2.isEmpty() || v3.isEmpty()) {
        throw new IllegalStateException(dir + " has no v2 definitions or no v3 component schemas");
      }
      return new ApiDocs(v2Doc.path("info").path("version").asText("?"), v3, v2);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the OpenAPI documents in " + dir, e);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Oracle 2: other clients' model jars.

  /**
   * A model jar read as an oracle.
   *
   * @param name name for the report
   * @param pom groupId and artifactId whose {@code pom.properties} gives the version for the report
   * @param markers classes each required jar holds; the oracle is skipped when one is absent
   * @param candidates class names to try, in order, for a Skiff type
   * @param properties the JSON property names of a class
   */
  private record JarOracle(
      String name,
      String pom,
      List<String> markers,
      Function<TypeDef, List<String>> candidates,
      BiFunction<ClassLoader, CompletenessClassFiles.ClassFile, Set<String>> properties) {}

  private static final String FABRIC8 = "io.fabric8.kubernetes.api.model.";

  private static final Map<String, String> FABRIC8_PACKAGE = Map.of(
      "", FABRIC8,
      "meta.k8s.io", FABRIC8,
      "apps", FABRIC8 + "apps.",
      "coordination.k8s.io", FABRIC8 + "coordination.v1.",
      "autoscaling", FABRIC8 + "autoscaling.v1.");

  private static final String OFFICIAL = "io.kubernetes.client.openapi.models.";

  /** The official client's prefix for a type whose name clashes across groups ({@code CoreV1Event}). */
  private static final Map<String, String> OFFICIAL_CLASH_PREFIX = Map.of(
      "", "CoreV1",
      "apps", "AppsV1",
      "coordination.k8s.io", "CoordinationV1",
      "autoscaling", "AutoscalingV1");

  @Test
  void coversFabric8Model() {
    check(new JarOracle(
        "fabric8 kubernetes-model",
        "io.fabric8/kubernetes-model-core",
        List.of(FABRIC8 + "Pod", FABRIC8 + "apps.Deployment", FABRIC8 + "coordination.v1.Lease",
            FABRIC8 + "autoscaling.v1.Scale"),
        t -> List.of(FABRIC8_PACKAGE.get(t.group()) + t.name()),
        CompletenessClassFiles::jacksonProperties));
  }

  @Test
  void coversOfficialClientModel() {
    check(new JarOracle(
        "official client-java-api",
        "io.kubernetes/client-java-api",
        List.of(OFFICIAL + "V1PodSpec"),
        t -> {
          List<String> names = new ArrayList<>();
          String prefix = OFFICIAL_CLASH_PREFIX.get(t.group());
          if (prefix != null) {
            // First: core's ResourceClaim is CoreV1ResourceClaim; V1ResourceClaim is resource.k8s.io's.
            names.add(OFFICIAL + prefix + t.name());
          }
          names.add(OFFICIAL + "V1" + t.name());
          return names;
        },
        CompletenessClassFiles::gsonProperties));
  }

  private static void check(JarOracle oracle) {
    ClassLoader loader = CompletenessTest.class.getClassLoader();
    List<String> absent = oracle.markers().stream()
        .filter(m -> CompletenessClassFiles.read(loader, m).isEmpty())
        .collect(Collectors.toList());
    assumeTrue(absent.isEmpty(), oracle.name() + " is not on the test classpath (no " + absent
        + "); skipping that oracle");
    String title = oracle.name() + " " + mavenVersion(oracle.pom());

    int types = 0;
    int fields = 0;
    Set<String> notModelled = new TreeSet<>();
    Set<String> missing = new TreeSet<>();
    Set<String> allowedSeen = new TreeSet<>();
    Set<String> onlySkiff = new TreeSet<>();
    for (TypeDef t : SCHEMA.types().values()) {
      Optional<CompletenessClassFiles.ClassFile> cls = oracle.candidates().apply(t).stream()
          .map(n -> CompletenessClassFiles.read(loader, n))
          .flatMap(Optional::stream)
          .findFirst();
      if (cls.isEmpty()) {
        notModelled.add(t.name());
        continue;
      }
      Set<String> props = oracle.properties().apply(loader, cls.get());
      if (props.isEmpty()) {
        notModelled.add(t.name() + " (" + cls.get().name().replace('/', '.') + " has no JSON properties)");
        continue;
      }
      types++;
      for (String p : props) {
        fields++;
        String where = t.name() + "." + p;
        if (t.field(p).isPresent()) {
          continue;
        }
        if (AFTER_V1_34.containsKey(where)) {
          allowedSeen.add(where); // allowListIsCurrent() checks the entries themselves
        } else {
          // Only failures need the OpenAPI documents (for the note), so a clean run does not parse them.
          String note = apiDocsIfPresent().map(d -> inOpenApi(d, t, p)
                  ? " (OpenAPI v" + d.version() + " has it too: a gap in Skiff's schema)"
                  : " (not in OpenAPI v" + d.version() + ": a newer or older API; add it to AFTER_V1_34 "
                      + "with a reason if Skiff should not have it)")
              .orElse("");
          missing.add(where + note);
        }
      }
      for (FieldDef f : t.fields()) {
        if (!props.contains(f.jsonName())) {
          onlySkiff.add(t.name() + "." + f.jsonName());
        }
      }
    }
    System.out.printf("completeness vs %s: %d types, %d properties, %d missing, %d allow-listed, "
            + "%d Skiff types not in the oracle, %d Skiff fields not in the oracle%n",
        title, types, fields, missing.size(), allowedSeen.size(), notModelled.size(),
        onlySkiff.size());
    StringBuilder info = new StringBuilder();
    section(info, "(info) allow-listed", allowedSeen.stream()
        .map(a -> a + ": " + AFTER_V1_34.get(a)).collect(Collectors.toCollection(TreeSet::new)));
    section(info, "(info) Skiff types the oracle does not model under the same name", notModelled);
    section(info, "(info) Skiff fields the oracle's class lacks", onlySkiff);
    System.out.print(info);

    StringBuilder failure = new StringBuilder();
    section(failure, "in " + title + " but missing from Skiff's schema", missing);
    assertTrue(failure.length() == 0, "Skiff's schema lacks properties " + title + " has:\n"
        + failure);
  }

  /**
   * Every {@link #AFTER_V1_34} entry names a Skiff type that lacks the field (else the entry is stale)
   * and, when the OpenAPI documents are present, a field v1.34's API does not have (else it is a gap).
   */
  @Test
  void allowListIsCurrent() {
    Optional<ApiDocs> docs = apiDocsIfPresent();
    Set<String> problems = new TreeSet<>();
    for (String entry : AFTER_V1_34.keySet()) {
      String[] typeAndField = entry.split("\\.", 2);
      TypeDef t = SCHEMA.types().get(typeAndField[0]);
      if (t == null) {
        problems.add(entry + ": Skiff has no type " + typeAndField[0]);
      } else if (t.field(typeAndField[1]).isPresent()) {
        problems.add(entry + ": Skiff's schema has it now; remove the entry");
      } else if (docs.isPresent() && inOpenApi(docs.get(), t, typeAndField[1])) {
        problems.add(entry + ": OpenAPI v" + docs.get().version() + " has it; add it to Skiff's schema");
      }
    }
    StringBuilder failure = new StringBuilder();
    section(failure, "AFTER_V1_34 entries that are wrong", problems);
    assertTrue(failure.length() == 0, failure.toString());
  }

  /** Whether v1.34's OpenAPI (v3, else v2) has this property on the Skiff type's API counterpart. */
  private static boolean inOpenApi(ApiDocs docs, TypeDef t, String property) {
    String full = PREFIX_OF_GROUP.get(t.group()) + t.name();
    JsonNode def = docs.v3().getOrDefault(full, docs.v2().get(full));
    return def != null && def.path("properties").has(property);
  }

  /** The version in a jar's {@code META-INF/maven/.../pom.properties}, or "?" without one. */
  private static String mavenVersion(String groupAndArtifact) {
    String path = "META-INF/maven/" + groupAndArtifact + "/pom.properties";
    try (InputStream in = CompletenessTest.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        return "?";
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version", "?");
    } catch (IOException e) {
      return "?";
    }
  }

  private static void section(StringBuilder out, String title, Set<String> entries) {
    if (entries.isEmpty()) {
      return;
    }
    out.append("  ").append(title).append(" (").append(entries.size()).append("):\n");
    entries.forEach(e -> out.append("    ").append(e).append('\n'));
  }
}
