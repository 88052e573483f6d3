package dev.skiff.fake.discovery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.fake.http.HttpRequest;
import dev.skiff.fake.http.HttpResponder;
import dev.skiff.fake.openapi.OpenApiDocuments;
import dev.skiff.gen.Schema;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Answers everything that is not a resource: {@code /version}, discovery ({@code /api}, {@code /api/v1},
 * {@code /apis}, {@code /apis/{group}}, {@code /apis/{group}/{version}}, aggregated discovery v2), OpenAPI
 * ({@code /openapi/v3}, {@code /openapi/v3/api/v1}, {@code /openapi/v3/apis/{group}/{version}},
 * {@code /openapi/v2}) and health ({@code /healthz}, {@code /livez}, {@code /readyz}).
 *
 * <p>Routing ignores the query ({@code ?timeout=32s}) and a trailing slash. Every answer has a
 * {@code Content-Type}. Aggregated discovery is chosen by the {@code Accept} header, as the real server does:
 * the first range that names {@code apidiscovery.k8s.io/v2 APIGroupDiscoveryList} wins over plain JSON
 * listed after it, and the answer's {@code Content-Type} repeats that media type (kubectl checks it to tell
 * aggregated from legacy answers). {@code v2beta1} is not served, as in kube-apiserver 1.34, where it was
 * removed: a client asking for it and JSON gets the legacy document.
 *
 * <p>What discovery announces: every kind the fake serves with its real discovery facts, and only the
 * subresources it serves ({@link ServedResources#FAKE_CLUSTER_SUBRESOURCES}). The trade-off: the real server
 * lists {@code pods/exec}, {@code pods/eviction}, {@code serviceaccounts/token}, {@code namespaces/finalize},
 * {@code nodes/proxy} and others; listing them would make aggregated discovery equal to the recorded
 * transcript entry for entry, but clients would then call subresources that answer 404 ({@code kubectl drain}
 * evicting through {@code pods/eviction}, for instance, goes for the eviction API only when discovery lists
 * it, and otherwise deletes pods, which the fake does serve). Honest discovery wins; the legacy
 * {@code /api/v1} list stays a by-name subset of the real one either way.
 */
public final class DiscoveryHandler {

  /** The {@code Content-Type} of aggregated discovery answers. */
  public static final String AGGREGATED_V2 = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList";

  private static final String JSON = "application/json";
  private static final String TEXT = "text/plain; charset=utf-8";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final ServedResources served;
  private final VersionInfo version;
  private final DiscoveryDocuments documents;
  private final OpenApiDocuments openApi;
  private final byte[] versionBody;
  private final byte[] apiGroupList;
  private final Bytes aggregatedLegacy;
  private final Bytes aggregatedGroups;

  /** A serialized answer and its ETag. */
  private record Bytes(byte[] body, String etag) {}

  /**
   * The handler of the fake cluster: every schema kind, the fake's subresources, kube-apiserver v1.34.
   *
   * <p>Cheap: it shares the documents of one handler built per JVM (see {@link FakeClusterDocuments}), as
   * every fake cluster serves the same ones and building them is most of a cluster's start-up otherwise.
   */
  public DiscoveryHandler() {
    this(FakeClusterDocuments.HANDLER);
  }

  /** A handler that answers with the other's (immutable or thread-safe, lazily built) documents. */
  private DiscoveryHandler(DiscoveryHandler shared) {
    this.served = shared.served;
    this.version = shared.version;
    this.documents = shared.documents;
    this.openApi = shared.openApi;
    this.versionBody = shared.versionBody;
    this.apiGroupList = shared.apiGroupList;
    this.aggregatedLegacy = shared.aggregatedLegacy;
    this.aggregatedGroups = shared.aggregatedGroups;
  }

  /**
   * The fake cluster's documents, built once per class loader on first use. Sharing is safe: the discovery
   * bodies are byte arrays this class never hands out for writing, {@link ServedResources} and {@link
   * DiscoveryDocuments} are immutable, and {@link OpenApiDocuments} builds its documents lazily under locks.
   */
  private static final class FakeClusterDocuments {
    static final DiscoveryHandler HANDLER =
        new DiscoveryHandler(ServedResources.fakeCluster(Schema.load()), VersionInfo.v1_34());
  }

  /**
   * Creates the handler.
   *
   * @param served the resources discovery and OpenAPI describe
   * @param version what {@code /version} answers
   */
  public DiscoveryHandler(ServedResources served, VersionInfo version) {
    this.served = served;
    this.version = version;
    this.documents = new DiscoveryDocuments(served);
    this.openApi = new OpenApiDocuments(served, version.major() + "." + version.minor());
    this.versionBody = bytes(version.toJson());
    this.apiGroupList = bytes(documents.apiGroupList());
    this.aggregatedLegacy = withEtag(documents.aggregated(true));
    this.aggregatedGroups = withEtag(documents.aggregated(false));
  }

  /** The resources discovery and OpenAPI describe (the API layer answers 404 for anything else). */
  public ServedResources served() {
    return served;
  }

  /** The emulated server version. */
  public VersionInfo version() {
    return version;
  }

  /** The OpenAPI documents this handler serves. */
  public OpenApiDocuments openApi() {
    return openApi;
  }

  /** Whether the request is one this handler answers. */
  public boolean handles(HttpRequest request) {
    List<String> s = segments(request.path());
    if (s.isEmpty()) {
      return false;
    }
    return switch (s.get(0)) {
      case "version", "healthz", "livez", "readyz" -> s.size() == 1;
      case "api" -> s.size() <= 2;
      case "apis" -> s.size() <= 3;
      case "openapi" -> s.size() >= 2 && (s.get(1).equals("v2") || s.get(1).equals("v3"));
      default -> false;
    };
  }

  /** Answers the request. */
  public void handle(HttpRequest request, HttpResponder responder) {
    if (!request.method().equals("GET") && !request.method().equals("HEAD")) {
      status(responder, 405, "MethodNotAllowed", "the server does not allow this method on the requested resource");
      return;
    }
    List<String> s = segments(request.path());
    String accept = request.header("Accept").orElse("");
    switch (s.get(0)) {
      case "version" -> json(responder, versionBody);
      case "healthz", "livez", "readyz" ->
          responder.send(200, TEXT, Map.of("X-Content-Type-Options", "nosniff"), "ok".getBytes(StandardCharsets.UTF_8));
      case "api" -> {
        if (s.size() == 1) {
          discoveryRoot(request, responder, accept, true);
        } else {
          found(responder, documents.apiResourceList("", s.get(1)));
        }
      }
      case "apis" -> {
        if (s.size() == 1) {
          discoveryRoot(request, responder, accept, false);
        } else if (s.size() == 2) {
          found(responder, documents.apiGroup(s.get(1)));
        } else {
          found(responder, s.get(1).isEmpty() ? Optional.empty() : documents.apiResourceList(s.get(1), s.get(2)));
        }
      }
      default -> openApi(request, responder, s, accept);
    }
  }

  private void discoveryRoot(HttpRequest request, HttpResponder responder, String accept, boolean legacy) {
    for (MediaRange range : MediaRange.parseAccept(accept)) {
      if (range.isJsonAs("APIGroupDiscoveryList", "apidiscovery.k8s.io", "v2")) {
        Bytes b = legacy ? aggregatedLegacy : aggregatedGroups;
        cacheable(request, responder, AGGREGATED_V2, b.body(), b.etag());
        return;
      }
      if (range.acceptsPlainJson() || range.isProtobuf()) {
        // Protobuf is not spoken; JSON is what every Kubernetes client also accepts.
        json(responder, legacy ? bytes(documents.apiVersions(serverAddress(request))) : apiGroupList);
        return;
      }
    }
    notAcceptable(responder);
  }

  private void openApi(HttpRequest request, HttpResponder responder, List<String> s, String accept) {
    if (s.get(1).equals("v2")) {
      // Clients ask for protobuf first (which this fake does not produce); only a JSON request gets the
      // document. client-go treats a 406 like a 404 and goes on without OpenAPI v2.
      boolean json = MediaRange.parseAccept(accept).stream().anyMatch(MediaRange::acceptsPlainJson);
      if (s.size() != 2) {
        notFound(responder);
      } else if (!json) {
        notAcceptable(responder);
      } else {
        OpenApiDocuments.Document d = openApi.v2();
        cacheable(request, responder, JSON, d.json(), d.etag());
      }
      return;
    }
    if (s.size() == 2) {
      OpenApiDocuments.Document d = openApi.index();
      cacheable(request, responder, JSON, d.json(), d.etag());
      return;
    }
    String path = String.join("/", s.subList(2, s.size()));
    Optional<OpenApiDocuments.Document> d = openApi.v3(path);
    if (d.isEmpty()) {
      notFound(responder);
      return;
    }
    String hash = request.queryParam("hash").orElse("");
    if (!hash.isEmpty() && !hash.equals(d.get().hash())) {
      // A stale link from an old index: the real server redirects to the current version of the document.
      String location = "/openapi/v3/" + path + "?hash=" + d.get().hash();
      responder.send(301, TEXT, Map.of("Location", location), ("<a href=\"" + location
          + "\">Moved Permanently</a>.\n\n").getBytes(StandardCharsets.UTF_8));
    } else if (!hash.isEmpty()) {
      // The hash names this exact content, so clients may keep it for good.
      cacheable(request, responder, JSON, d.get().json(), d.get().etag(), "public, immutable");
    } else {
      cacheable(request, responder, JSON, d.get().json(), d.get().etag());
    }
  }

  /** Answers 304 when the client already has this version, else the body with its ETag. */
  private static void cacheable(HttpRequest request, HttpResponder responder, String contentType, byte[] body,
      String etag) {
    cacheable(request, responder, contentType, body, etag, null);
  }

  /** As {@link #cacheable(HttpRequest, HttpResponder, String, byte[], String)}, with a Cache-Control value. */
  private static void cacheable(HttpRequest request, HttpResponder responder, String contentType, byte[] body,
      String etag, String cacheControl) {
    String ifNoneMatch = request.header("If-None-Match").orElse("");
    Map<String, String> headers = cacheControl == null ? Map.of("ETag", etag, "Vary", "Accept")
        : Map.of("ETag", etag, "Vary", "Accept", "Cache-Control", cacheControl);
    if (!ifNoneMatch.isEmpty() && (ifNoneMatch.equals("*") || List.of(ifNoneMatch.split("\\s*,\\s*")).contains(etag))) {
      responder.send(304, contentType, headers, new byte[0]);
    } else {
      responder.send(200, contentType, headers, body);
    }
  }

  /**
   * The address reported for every client CIDR: the address the client used to reach us ({@code Host}),
   * as the real server reports its own advertised address; the real default port when the header is absent.
   */
  private static String serverAddress(HttpRequest request) {
    String host = request.header("Host").orElse("");
    return host.isEmpty() ? "127.0.0.1:6443" : host;
  }

  private static void found(HttpResponder responder, Optional<ObjectNode> body) {
    if (body.isPresent()) {
      json(responder, bytes(body.get()));
    } else {
      notFound(responder);
    }
  }

  private static void json(HttpResponder responder, byte[] body) {
    responder.send(200, JSON, Map.of(), body);
  }

  /**
   * The answer for a group, version or document that is not served: the real server has no handler
   * registered for such a path and its mux answers with Go's plain-text 404 (recorded for
   * {@code /apis/nosuch.example.com/v1}), not a {@code Status}.
   */
  private static void notFound(HttpResponder responder) {
    responder.send(404, TEXT, Map.of("X-Content-Type-Options", "nosniff"),
        "404 page not found\n".getBytes(StandardCharsets.UTF_8));
  }

  private static void notAcceptable(HttpResponder responder) {
    status(responder, 406, "NotAcceptable",
        "only the following media types are accepted: application/json, " + AGGREGATED_V2);
  }

  /** A {@code Status} failure body, as the real server answers errors outside the resource handlers. */
  private static void status(HttpResponder responder, int code, String reason, String message) {
    ObjectNode st = MAPPER.createObjectNode();
    st.put("kind", "Status");
    st.put("apiVersion", "v1");
    st.putObject("metadata");
    st.put("status", "Failure");
    st.put("message", message);
    st.put("reason", reason);
    st.putObject("details");
    st.put("code", code);
    responder.send(code, JSON, Map.of(), bytes(st));
  }

  /** Path segments without empty ones from leading or trailing slashes. */
  private static List<String> segments(String path) {
    String p = path;
    while (p.startsWith("/")) {
      p = p.substring(1);
    }
    while (p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    return p.isEmpty() ? List.of() : List.of(p.split("/", -1));
  }

  private static Bytes withEtag(ObjectNode tree) {
    OpenApiDocuments.Document d = OpenApiDocuments.document(tree);
    return new Bytes(d.json(), d.etag());
  }

  private static byte[] bytes(ObjectNode tree) {
    try {
      return MAPPER.writeValueAsBytes(tree);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
