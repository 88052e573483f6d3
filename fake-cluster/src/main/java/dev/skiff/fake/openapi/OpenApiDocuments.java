package dev.skiff.fake.openapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.fake.discovery.ServedResources;
import dev.skiff.fake.discovery.ServedResources.GroupVersion;
import dev.skiff.fake.discovery.ServedResources.ServedKind;
import dev.skiff.gen.Schema;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The OpenAPI documents of the served resources, generated from the schema once, on first use, and kept:
 * the v3 index ({@code /openapi/v3}), one v3 document per group version ({@code /openapi/v3/api/v1},
 * {@code /openapi/v3/apis/apps/v1}) and the Swagger 2.0 document ({@code /openapi/v2}).
 *
 * <p>Each document carries the SHA-512 of its bytes in upper-case hex, as the real server computes the
 * {@code hash} query parameter of the index's {@code serverRelativeURL}s and the {@code ETag}. The bytes are
 * deterministic (sorted maps, no timestamps), so the hash is stable across runs and clients' caches stay
 * valid.
 */
public final class OpenApiDocuments {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  /**
   * A serialized document.
   *
   * @param json the document as JSON bytes
   * @param hash SHA-512 of the bytes, upper-case hex
   */
  public record Document(byte[] json, String hash) {

    /** The {@code ETag} header value: the hash in quotes. */
    public String etag() {
      return "\"" + hash + "\"";
    }
  }

  private final ServedResources served;
  private final String infoVersion;
  private final Map<String, Document> v3 = new ConcurrentHashMap<>();
  private Document index;
  private Document v2;

  /**
   * Creates the (still empty) document cache.
   *
   * @param served the resources the documents describe
   * @param infoVersion the {@code info.version} of the documents, e.g. {@code 1.34}
   */
  public OpenApiDocuments(ServedResources served, String infoVersion) {
    this.served = served;
    this.infoVersion = infoVersion;
  }

  /** The v3 path of a group version as the index names it: {@code api/v1} or {@code apis/apps/v1}. */
  public static String v3Path(GroupVersion gv) {
    return gv.group().isEmpty() ? "api/" + gv.version() : "apis/" + gv.group() + "/" + gv.version();
  }

  /** {@code GET /openapi/v3}: every group version's document with its hash. */
  public synchronized Document index() {
    if (index == null) {
      ObjectNode root = JSON.objectNode();
      ObjectNode paths = root.putObject("paths");
      for (GroupVersion gv : served.groupVersions()) {
        String path = v3Path(gv);
        paths.putObject(path).put("serverRelativeURL",
            "/openapi/v3/" + path + "?hash=" + v3(path).orElseThrow().hash());
      }
      index = document(root);
    }
    return index;
  }

  /**
   * The v3 document of a group version.
   *
   * @param path {@code api/v1} or {@code apis/{group}/{version}}
   * @return the document, empty when no served group version has that path
   */
  public Optional<Document> v3(String path) {
    Document cached = v3.get(path);
    if (cached != null) {
      return Optional.of(cached);
    }
    for (GroupVersion gv : served.groupVersions()) {
      if (v3Path(gv).equals(path)) {
        return Optional.of(v3.computeIfAbsent(path, p -> document(v3Tree(gv))));
      }
    }
    return Optional.empty();
  }

  /** The v3 document of a group version as a tree (a fresh copy each call). */
  public ObjectNode v3Tree(GroupVersion gv) {
    Schema schema = served.schema();
    String refPrefix = "#/components/schemas/";
    ComponentSchemas components = new ComponentSchemas(schema, name -> refPrefix + name);
    PathOperations operations = new PathOperations(schema, name -> refPrefix + name);

    ObjectNode doc = JSON.objectNode();
    doc.put("openapi", "3.0.0");
    doc.putObject("info").put("title", "Kubernetes").put("version", infoVersion);
    ObjectNode paths = doc.putObject("paths");
    operations.paths(gv).forEach(paths::set);
    ObjectNode schemas = doc.putObject("components").putObject("schemas");
    Map<String, ObjectNode> defs = components.definitions(roots(List.of(gv)), extraKinds());
    defs.put(SchemaNames.PATCH, ComponentSchemas.scalarDefinition(SchemaNames.PATCH));
    new java.util.TreeMap<>(defs).forEach(schemas::set);
    return doc;
  }

  /** The schema types a set of group versions' documents start from. */
  Set<String> roots(List<GroupVersion> gvs) {
    Schema schema = served.schema();
    Set<String> roots = new LinkedHashSet<>();
    for (GroupVersion gv : gvs) {
      for (ServedKind k : gv.kinds()) {
        roots.add(k.kind());
        if (schema.types().containsKey(k.kind() + "List")) {
          roots.add(k.kind() + "List");
        }
        k.subresources().stream().map(Schema.Subresource::kind).filter(schema.types()::containsKey)
            .forEach(roots::add);
      }
    }
    roots.addAll(List.of("Status", "DeleteOptions", "WatchEvent", "APIResourceList"));
    return roots;
  }

  /**
   * {@code DeleteOptions} and {@code WatchEvent} are registered in every group version; the real server's
   * definitions list them all, so clients can find the kind under any group.
   */
  Map<String, List<ObjectNode>> extraKinds() {
    Map<String, List<ObjectNode>> extra = new LinkedHashMap<>();
    for (String kind : List.of("DeleteOptions", "WatchEvent")) {
      List<ObjectNode> gvks = new ArrayList<>();
      for (GroupVersion gv : served.groupVersions()) {
        if (!gv.group().isEmpty()) {
          gvks.add(ComponentSchemas.gvk(gv.group(), gv.version(), kind));
        }
      }
      extra.put(kind, gvks);
    }
    return extra;
  }

  /** {@code GET /openapi/v2}: the Swagger 2.0 document of every served group version. */
  public synchronized Document v2() {
    if (v2 == null) {
      List<ObjectNode> docs = served.groupVersions().stream().map(this::v3Tree).toList();
      v2 = document(SwaggerV2.fromV3(docs, infoVersion));
    }
    return v2;
  }

  /** Serializes a tree and hashes its bytes (SHA-512, upper-case hex), as for the OpenAPI index. */
  public static Document document(ObjectNode tree) {
    try {
      byte[] bytes = MAPPER.writeValueAsBytes(tree);
      byte[] digest = MessageDigest.getInstance("SHA-512").digest(bytes);
      return new Document(bytes, HexFormat.of().formatHex(digest).toUpperCase(Locale.ROOT));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-512 is a required JDK algorithm", e);
    }
  }
}
