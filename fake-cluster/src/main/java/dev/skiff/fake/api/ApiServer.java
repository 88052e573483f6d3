package dev.skiff.fake.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.skiff.fake.discovery.DiscoveryHandler;
import dev.skiff.fake.http.EventStream;
import dev.skiff.fake.http.HttpHandler;
import dev.skiff.fake.http.HttpRequest;
import dev.skiff.fake.http.HttpResponder;
import dev.skiff.fake.patch.ApplyConflictException;
import dev.skiff.fake.patch.ManagedFieldsTracker;
import dev.skiff.fake.patch.PatchException;
import dev.skiff.fake.patch.Patches;
import dev.skiff.fake.protobuf.ProtobufBodies;
import dev.skiff.fake.protobuf.ProtobufDecodeException;
import dev.skiff.fake.registry.AdmissionDeniedException;
import dev.skiff.fake.registry.FieldError;
import dev.skiff.fake.registry.InvalidStatus;
import dev.skiff.fake.registry.Registry;
import dev.skiff.fake.registry.Strategy;
import dev.skiff.fake.store.ExpiredException;
import dev.skiff.fake.store.ListPage;
import dev.skiff.fake.store.Store;
import dev.skiff.fake.store.StoredObject;
import dev.skiff.fake.store.WatchFilter;
import dev.skiff.fake.table.Tables;
import dev.skiff.gen.Schema;
import dev.skiff.model.InvalidSelectorException;
import dev.skiff.model.Names;
import dev.skiff.model.Selector;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.random.RandomGenerator;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The API server's behaviour behind the transport: routing, storage, watch and the generic semantics of every
 * verb (identity, resourceVersions, preconditions, finalizers, namespaces, errors as {@code Status}).
 *
 * <p>Per-kind rules (defaulting, validation, allocation) come from the registry's strategies, patches and
 * managedFields from the patch package, discovery and tables from their packages. Everything a client can get
 * wrong is answered with the real server's 4xx {@code Status}; a 500 means a bug here.
 */
public final class ApiServer implements HttpHandler, AutoCloseable {

  private static final String JSON_TYPE = "application/json";
  // Constant pieces of list bodies, shared by every list: the transport reads pieces without moving them.
  private static final ByteBuffer ITEMS_START = ascii(",\"items\":[");
  private static final ByteBuffer ITEM_START = ascii("{");
  private static final ByteBuffer NEXT_ITEM_START = ascii(",{");
  private static final ByteBuffer LIST_END = ascii("]}");
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Set<String> TRUE = Set.of("1", "t", "T", "TRUE", "true", "True");
  private static final Set<String> FALSE = Set.of("0", "f", "F", "FALSE", "false", "False");
  private static final DateTimeFormatter RFC3339 = DateTimeFormatter.ISO_INSTANT;
  private static final String MODIFIED_SINCE_READ =
      "the object has been modified; please apply your changes to the latest version and try again";
  /** The namespaces a fresh real cluster has. */
  private static final List<String> SYSTEM_NAMESPACES = List.of("default", "kube-system", "kube-public",
      "kube-node-lease");

  /** The namespaces the real server's lifecycle admission never lets go. */
  private static final Set<String> IMMORTAL_NAMESPACES = Set.of("default", "kube-system", "kube-public");

  private final ApiServerOptions options;
  private final Store store;
  private final Router router = Router.standard();
  private final DiscoveryHandler discovery = new DiscoveryHandler();
  private final ManagedFieldsTracker managedFields = new ManagedFieldsTracker();
  private final Registry registry;
  private final Clock clock;
  private final RandomGenerator random;
  private final ScheduledExecutorService timer;
  private final Set<HttpWatch> watches = ConcurrentHashMap.newKeySet();
  private volatile PodLogs podLogs = PodLogs.NONE;
  private volatile boolean namespaceController;
  /** The object {@link #lookup} decoded last. */
  private volatile Decoded lastLookup;

  /**
   * Creates an API server with empty storage (plus what the real server creates at start). Its randomness is
   * a fast generator seeded differently each time, as the real server's (Go's math/rand) is: generated names
   * and ports need not be unguessable, and a secure generator's cost showed in every pod's create.
   */
  public ApiServer(ApiServerOptions options) {
    this(options, Clock.systemUTC(), new SplittableRandom());
  }

  /**
   * Creates an API server with the given clock and randomness.
   *
   * @param options settings
   * @param clock the time of creation and deletion timestamps
   * @param random the source of generated names, cluster IPs and node ports; a seeded one makes tests repeatable.
   *     It need not be thread-safe: the server synchronizes on it
   */
  public ApiServer(ApiServerOptions options, Clock clock, RandomGenerator random) {
    this(options, clock, random, true);
  }

  /**
   * Creates an API server.
   *
   * @param replayed whether the system objects are a replay of {@link SystemObjects}' recording (fast) or go
   *     through the full write path (how the recording itself is made)
   */
  ApiServer(ApiServerOptions options, Clock clock, RandomGenerator random, boolean replayed) {
    this.options = options;
    this.clock = clock;
    this.random = random;
    this.store = new Store(options.watchHistorySize(), 0);
    this.registry = new Registry(this::lookup, random);
    this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "skiff-fake-apiserver-timer");
      t.setDaemon(true);
      return t;
    });
    if (replayed) {
      SystemObjects.replayInto(store, timestamp());
    } else {
      for (String ns : SYSTEM_NAMESPACES) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.putObject("metadata").put("name", ns);
        create(n.put("kind", "Namespace").put("apiVersion", "v1")); // its default ServiceAccount follows
      }
    }
  }

  /**
   * The registry's read access to stored objects (admission looks up ServiceAccounts). Remembers the last
   * object decoded: pods created one after another look up the same ServiceAccount, and a stored object never
   * changes (a write stores a new one), so the same stored object decodes to the same tree. The registry only
   * reads what it gets (see {@link dev.skiff.fake.registry.ObjectLookup}).
   */
  private Optional<ObjectNode> lookup(String kind, String namespace, String name) {
    for (ServedResource r : router.all()) {
      if (r.kind().equals(kind)) {
        return store.get(r.storeKey(), r.namespaced() ? namespace : "", name).map(stored -> {
          Decoded last = lastLookup;
          if (last != null && last.stored() == stored) {
            return last.tree();
          }
          ObjectNode tree = StoredForms.decode(stored);
          lastLookup = new Decoded(stored, tree);
          return tree;
        });
      }
    }
    return Optional.empty();
  }

  /** A stored object and its decoded tree. */
  private record Decoded(StoredObject stored, ObjectNode tree) {}

  /** The store behind the server, for tests and the cluster's controllers. */
  public Store store() {
    return store;
  }

  /** The server's settings, for the cluster's components. */
  public ApiServerOptions options() {
    return options;
  }

  /** The clock of the server's timestamps (creation, managedFields), for the cluster's components. */
  public Clock clock() {
    return clock;
  }

  /**
   * Stores an object as if a client had created it (defaulting and validation apply).
   *
   * @param object an object with {@code apiVersion} and {@code kind}
   * @return the stored object
   * @throws ApiException when the server refuses it, e.g. 409 AlreadyExists or 422 Invalid
   */
  public ObjectNode create(ObjectNode object) {
    ServedResource resource = router.forKind(object.path("apiVersion").asText(), object.path("kind").asText());
    if (resource == null) {
      throw ApiException.badRequest("no kind \"" + object.path("kind").asText() + "\" is registered for version \""
          + object.path("apiVersion").asText() + "\"");
    }
    String ns = resource.namespaced() ? object.path("metadata").path("namespace").asText("default") : null;
    Route route = new Route(resource, ns, null, null, false);
    UnknownFields.checkTypes(resource, object);
    UnknownFields.prune(resource.kind(), object); // as a client's create without fieldValidation=Strict
    StoredObject stored = doCreate(route, object, "skiff", false);
    return StoredForms.decode(stored);
  }

  @Override
  public void handle(HttpRequest request, HttpResponder responder) {
    OnceResponder once = new OnceResponder(responder);
    try {
      dispatch(request, once);
    } catch (ApiException e) {
      once.status(e);
    } catch (RuntimeException | StackOverflowError e) {
      once.status(new ApiException(500, "InternalError",
          "Internal error occurred: " + e.getClass().getSimpleName() + ": " + e.getMessage(),
          ApiException.details(null, null)));
    }
  }

  /** Ends every open watch and stops the timers. */
  @Override
  public void close() {
    for (HttpWatch w : watches) {
      w.close();
    }
    timer.shutdownNow();
  }

  /**
   * Sets what {@code GET pods/{name}/log} answers: on a real cluster the kubelet serves the logs, so the cluster's
   * kubelet stand-in installs its source here. Without one, every pod's log is empty.
   *
   * @param source the logs
   */
  public void servePodLogs(PodLogs source) {
    this.podLogs = java.util.Objects.requireNonNull(source, "source");
  }

  /**
   * {@code POST pods/{name}/binding}, as the scheduler binds: sets {@code spec.nodeName} and the
   * {@code PodScheduled} condition; 409 when the pod is already bound. Answers 201 with a success Status.
   */
  private void bind(HttpRequest req, Route route, OnceResponder out) {
    JsonNode binding = decodeBody(req, "Binding");
    String node = binding.path("target").path("name").asText("");
    if (node.isEmpty()) {
      throw new ApiException(422, "Invalid", "Binding.core \"" + route.name() + "\" is invalid: target.name: "
          + "Required value", null);
    }
    ServedResource r = route.resource();
    synchronized (store) {
      StoredObject current = existing(route);
      ObjectNode pod = StoredForms.decode(current);
      if (metadataOf(pod).has("deletionTimestamp")) {
        throw ApiException.conflict("pods", route.name(), "pod " + route.name() + " is being deleted, cannot be "
            + "assigned to a host");
      }
      String bound = pod.path("spec").path("nodeName").asText("");
      if (!bound.isEmpty()) {
        throw ApiException.conflict("pods/binding", route.name(), "pod " + route.name()
            + " is already assigned to node \"" + bound + "\"");
      }
      pod.with("spec").put("nodeName", node);
      com.fasterxml.jackson.databind.node.ArrayNode conditions = pod.with("status").withArray("conditions");
      ObjectNode scheduled = null;
      for (JsonNode c : conditions) {
        if (c.path("type").asText().equals("PodScheduled")) {
          scheduled = (ObjectNode) c;
        }
      }
      if (scheduled == null) {
        scheduled = conditions.addObject().put("type", "PodScheduled");
      }
      scheduled.put("status", "True").putNull("lastProbeTime");
      scheduled.put("lastTransitionTime", timestamp());
      scheduled.remove("reason");
      scheduled.remove("message");
      metadataOf(pod).put("resourceVersion", Long.toString(current.resourceVersion()));
      store.put(current, rv -> StoredForms.encode(r, pod, rv));
    }
    ObjectNode status = JsonNodeFactory.instance.objectNode();
    status.put("kind", "Status").put("apiVersion", "v1");
    status.putObject("metadata");
    status.put("status", "Success").put("code", 201);
    out.json(201, status);
  }

  // ------------------------------------------------------------------------------------------------ dispatch

  private void dispatch(HttpRequest req, OnceResponder out) {
    if (req.body().length > options.maxBodyBytes()) {
      throw new ApiException(413, "RequestEntityTooLarge", "Request entity too large: limit is "
          + options.maxBodyBytes(), null);
    }
    Route route = router.route(req.path());
    if (route == null) {
      if (router.isUnservedGroup(req.path())) {
        out.send(404, "text/plain; charset=utf-8", "404 page not found\n".getBytes(StandardCharsets.UTF_8));
        return;
      }
      if (discovery.handles(req)) {
        discovery.handle(req, out.delegate());
        out.sent = true;
        return;
      }
      out.send(404, "text/plain; charset=utf-8", "404 page not found\n".getBytes(StandardCharsets.UTF_8));
      return;
    }
    String method = req.method();
    if (route.resource().namespaced() && route.namespace() == null && route.name() != null) {
      throw ApiException.noSuchResource();
    }
    if (route.subresource() != null && !route.resource().hasSubresource(route.subresource())) {
      throw ApiException.noSuchResource();
    }
    if (route.resource().kind().equals("Endpoints") && route.resource().apiVersion().equals("v1")) {
      out.warn("v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice"); // as 1.34 warns
    }
    boolean watch = route.legacyWatch() || bool(req, "watch");
    if (route.legacyWatch() && !method.equals("GET")) {
      throw ApiException.methodNotAllowed();
    }
    switch (method) {
      case "GET":
        if (watch) {
          watch(req, route, out);
        } else if (route.name() == null) {
          list(req, route, out);
        } else {
          get(req, route, out);
        }
        return;
      case "POST":
        if ("binding".equals(route.subresource()) && route.resource().kind().equals("Pod")) {
          bind(req, route, out);
          return;
        }
        if (route.name() != null || (route.resource().namespaced() && route.namespace() == null)) {
          throw ApiException.methodNotAllowed();
        }
        post(req, route, out);
        return;
      case "PUT":
        requireName(route);
        put(req, route, out);
        return;
      case "PATCH":
        requireName(route);
        patch(req, route, out);
        return;
      case "DELETE":
        if (route.name() == null) {
          if (route.resource().namespaced() && route.namespace() == null) {
            throw ApiException.methodNotAllowed();
          }
          deleteCollection(req, route, out);
        } else {
          delete(req, route, out);
        }
        return;
      default:
        throw ApiException.methodNotAllowed();
    }
  }

  private static void requireName(Route route) {
    if (route.name() == null) {
      throw ApiException.methodNotAllowed();
    }
  }

  // ------------------------------------------------------------------------------------------------ reads

  private void get(HttpRequest req, Route route, OnceResponder out) {
    StoredObject stored = existing(route);
    if ("log".equals(route.subresource()) && route.resource().kind().equals("Pod")) {
      PodLogs.Answer log = podLogs.read(StoredForms.decode(stored), req.queryParam("container").orElse(""));
      if (log.status() != 200) {
        throw new ApiException(log.status(), log.status() == 404 ? "NotFound" : "BadRequest", log.text(), null);
      }
      out.send(200, "text/plain", log.text().getBytes(StandardCharsets.UTF_8));
      return;
    }
    if ("scale".equals(route.subresource())) {
      out.json(200, Scales.toScale(route.resource(), StoredForms.decode(stored)));
      return;
    }
    if (wantsTable(req)) {
      ObjectNode listMeta = JsonNodeFactory.instance.objectNode().put("resourceVersion",
          Long.toString(stored.resourceVersion()));
      out.send(200, Tables.contentType(), StoredForms.write(Tables.table(route.resource().kind(),
          List.of(StoredForms.decode(stored)), listMeta, now(), includeObject(req))));
      return;
    }
    out.send(200, JSON_TYPE, stored.json());
  }

  private StoredObject existing(Route route) {
    return store.get(route.resource().storeKey(), route.storeNamespace(), route.name())
        .orElseThrow(() -> ApiException.notFound(route.resource().qualifiedPlural(), route.name()));
  }

  private static Tables.IncludeObject includeObject(HttpRequest req) {
    try {
      return Tables.IncludeObject.parse(req.queryParam("includeObject").orElse(""));
    } catch (IllegalArgumentException e) {
      throw badRequest(e.getMessage());
    }
  }

  private boolean wantsTable(HttpRequest req) {
    return Tables.wantsTable(req.header("accept").orElse(""));
  }

  private void list(HttpRequest req, Route route, OnceResponder out) {
    Selection sel = selection(req, route);
    int limit = intParam(req, "limit", 0);
    String token = req.queryParam("continue").orElse("");
    String startAfter = null;
    long atRv = 0;
    if (!token.isEmpty()) {
      ContinueToken ct = ContinueToken.decode(token);
      startAfter = ct.startAfter();
      atRv = ct.resourceVersion();
    }
    long exact = exactResourceVersion(req, !token.isEmpty());
    if (exact > 0) {
      atRv = exact;
    }
    ListPage page;
    try {
      page = store.list(sel.filter, startAfter, atRv, Math.max(limit, 0), sel.everything);
    } catch (ExpiredException e) {
      if (exact > 0) {
        throw ApiException.expired("too old resource version: " + e.requested() + " (" + e.oldest() + ")");
      }
      throw ApiException.expired("The provided continue parameter is too old to display a consistent list result. "
          + "You can start a new list without the continue parameter, or use the continue token in this response "
          + "to retrieve the remainder of the results. Continuing with the provided token results in an "
          + "inconsistent list - objects that were created, modified, or deleted between the time the first chunk "
          + "was returned and now may show up in the list.");
    }
    ObjectNode meta = JsonNodeFactory.instance.objectNode();
    meta.put("resourceVersion", Long.toString(page.resourceVersion()));
    if (page.nextKey() != null) {
      meta.put("continue", new ContinueToken(page.resourceVersion(), page.nextKey()).encode());
      if (page.remaining() >= 0) {
        meta.put("remainingItemCount", page.remaining());
      }
    }
    if (wantsTable(req)) {
      List<ObjectNode> objects = new ArrayList<>();
      for (StoredObject o : page.items()) {
        objects.add(StoredForms.decode(o));
      }
      out.send(200, Tables.contentType(), StoredForms.write(Tables.table(route.resource().kind(), objects, meta,
          now(), includeObject(req))));
      return;
    }
    out.send(200, JSON_TYPE, listBody(route.resource(), meta, page.items()));
  }

  /**
   * The resourceVersion a list must be served at exactly ({@code resourceVersionMatch=Exact}), or 0 for the
   * current state; the parameter combinations the real server refuses are answered as it answers them.
   */
  private long exactResourceVersion(HttpRequest req, boolean continued) {
    String rv = req.queryParam("resourceVersion").orElse("");
    String match = req.queryParam("resourceVersionMatch").orElse("");
    List<FieldError> errors = new ArrayList<>();
    if (!match.isEmpty()) {
      if (!match.equals("Exact") && !match.equals("NotOlderThan")) {
        errors.add(FieldError.notSupported("resourceVersionMatch", JsonNodeFactory.instance.textNode(match),
            List.of("Exact", "NotOlderThan", "")));
      } else if (rv.isEmpty()) {
        errors.add(FieldError.forbidden("resourceVersionMatch",
            "resourceVersionMatch is forbidden unless resourceVersion is provided"));
      } else if (continued) {
        errors.add(FieldError.forbidden("resourceVersionMatch",
            "resourceVersionMatch is forbidden when continue is provided"));
      } else if (match.equals("Exact") && rv.equals("0")) {
        errors.add(FieldError.forbidden("resourceVersionMatch",
            "resourceVersionMatch \"exact\" is forbidden for resourceVersion \"0\""));
      }
    }
    if (!errors.isEmpty()) {
      throw new ApiException(InvalidStatus.of("meta.k8s.io", "ListOptions", "", errors));
    }
    if (rv.isEmpty() || rv.equals("0")) {
      return 0;
    }
    long wanted = parseResourceVersion(rv);
    long current = store.resourceVersion();
    if (wanted > current) {
      ObjectNode details = JsonNodeFactory.instance.objectNode();
      details.putArray("causes").addObject().put("reason", "ResourceVersionTooLarge")
          .put("message", "Too large resource version");
      details.put("retryAfterSeconds", 1);
      throw new ApiException(504, "Timeout", "Too large resource version: " + wanted + ", current: " + current,
          details);
    }
    return match.equals("Exact") ? wanted : 0;
  }

  /**
   * A list's JSON as pieces for {@link HttpResponder#send(int, String, Map, List)}: the items are views of the
   * stored bytes, so the body is copied once, into the transport's buffer.
   */
  private static List<ByteBuffer> listBody(ServedResource resource, ObjectNode meta, List<StoredObject> items) {
    List<ByteBuffer> body = new ArrayList<>(2 * items.size() + 3);
    body.add(ByteBuffer.wrap(("{\"kind\":\"" + resource.listKind() + "\",\"apiVersion\":\"" + resource.apiVersion()
        + "\",\"metadata\":").getBytes(StandardCharsets.UTF_8)));
    body.add(ByteBuffer.wrap(StoredForms.write(meta)));
    body.add(ITEMS_START);
    for (int i = 0; i < items.size(); i++) {
      body.add(i == 0 ? ITEM_START : NEXT_ITEM_START);
      body.add(items.get(i).itemMembers());
    }
    body.add(LIST_END);
    return body;
  }

  private static ByteBuffer ascii(String text) {
    return ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII));
  }

  /** The objects a list, watch or deletecollection is about. */
  private static final class Selection {
    WatchFilter filter;
    boolean everything;
  }

  private Selection selection(HttpRequest req, Route route) {
    ServedResource r = route.resource();
    Selector labels;
    try {
      labels = Selector.parse(req.queryParam("labelSelector").orElse(""));
    } catch (InvalidSelectorException e) {
      throw ApiException.badRequest(e.kubernetesMessage());
    }
    String fieldText = req.queryParam("fieldSelector").orElse("");
    // No field selector, no per-object test of fields: a list tests every object it returns.
    Predicate<Map<String, String>> fields = fieldText.isEmpty() ? null : r.fieldSelectors().parse(fieldText);
    String name = route.name();
    Predicate<StoredObject> others = name == null && fields == null ? o -> true
        : o -> (name == null || name.equals(o.name())) && (fields == null || fields.test(o.fields()));
    Selection s = new Selection();
    s.filter = new WatchFilter(r.storeKey(), r.namespaced() ? route.namespace() : null, labels, others);
    s.everything = labels.isEmpty() && fieldText.isBlank();
    return s;
  }

  // ------------------------------------------------------------------------------------------------ watch

  private void watch(HttpRequest req, Route route, OnceResponder out) {
    Selection sel = selection(req, route);
    String rvText = req.queryParam("resourceVersion").orElse("");
    boolean bookmarks = bool(req, "allowWatchBookmarks");
    boolean initialEvents = bool(req, "sendInitialEvents");
    String match = req.queryParam("resourceVersionMatch").orElse("");
    if (initialEvents && !match.equals("NotOlderThan")) {
      throw invalidList("resourceVersionMatch", match.isEmpty() ? "" : match,
          "sendInitialEvents is forbidden for watch unless resourceVersionMatch is set to NotOlderThan");
    }
    long from = rvText.isEmpty() || rvText.equals("0") || initialEvents ? -1 : parseResourceVersion(rvText);
    int timeoutSeconds = intParam(req, "timeoutSeconds", 0);
    EventStream stream = out.stream(200, JSON_TYPE);
    HttpWatch w = new HttpWatch(stream, options.watchMaxBacklog(), watchForm(req, route));
    watches.add(w);
    stream.onClosed(() -> {
      w.close();
      watches.remove(w);
    });
    Store.Subscription subscription;
    byte[] endMark = null;
    synchronized (store) {
      try {
        subscription = store.subscribe(sel.filter, from, w);
      } catch (ExpiredException e) {
        w.fail(HttpWatch.frame("ERROR", StoredForms.write(ApiException.expired(e.getMessage()).status())));
        return;
      }
      if (initialEvents) {
        ObjectNode mark = bookmark(route.resource());
        ((ObjectNode) mark.get("metadata")).putObject("annotations").put("k8s.io/initial-events-end", "true");
        endMark = HttpWatch.frame("BOOKMARK", StoredForms.write(mark));
      }
    }
    ScheduledFuture<?> marks = null;
    if (bookmarks) {
      long period = options.bookmarkInterval().toMillis();
      marks = timer.scheduleAtFixedRate(() -> {
        synchronized (store) { // store lock first, as writers take it, so the order of locks is always the same
          w.bookmark(HttpWatch.frame("BOOKMARK", StoredForms.write(bookmark(route.resource()))));
        }
      }, period, period, TimeUnit.MILLISECONDS);
    }
    ScheduledFuture<?> end = timeoutSeconds > 0 ? timer.schedule(w::close, timeoutSeconds, TimeUnit.SECONDS) : null;
    w.attach(subscription.registration(), marks, end);
    w.sendOwed(subscription.owed(), endMark);
  }

  /**
   * What a watch event carries as its object: the stored JSON, or for a client that asked for {@code as=Table}
   * (kubectl get -w) a one-row Table, as the real server sends. Only the first event's Table has the column
   * definitions; kubectl reuses the list's columns for the rest, and prints the header again whenever an
   * event's columns differ from the last ones it printed (a plain object counts as different: NAME, AGE).
   */
  private java.util.function.Function<StoredObject, byte[]> watchForm(HttpRequest req, Route route) {
    if (!wantsTable(req)) {
      return StoredObject::json;
    }
    Tables.IncludeObject include = includeObject(req);
    String kind = route.resource().kind();
    boolean[] first = {true}; // HttpWatch calls the form one event at a time
    return stored -> {
      ObjectNode meta = JsonNodeFactory.instance.objectNode()
          .put("resourceVersion", Long.toString(stored.resourceVersion()));
      boolean columns = first[0];
      first[0] = false;
      return StoredForms.write(Tables.table(kind, List.of(StoredForms.decode(stored)), meta, now(), include, columns));
    };
  }

  /** A BOOKMARK object: the kind with only the current resourceVersion, as the real server sends. */
  private ObjectNode bookmark(ServedResource resource) {
    ObjectNode mark = JsonNodeFactory.instance.objectNode();
    mark.put("kind", resource.kind()).put("apiVersion", resource.apiVersion());
    mark.putObject("metadata").put("resourceVersion", Long.toString(store.resourceVersion()));
    return mark;
  }

  private static long parseResourceVersion(String text) {
    try {
      long v = Long.parseLong(text);
      if (v >= 0) {
        return v;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw invalidList("resourceVersion", text, "strconv.ParseUint: parsing \"" + text + "\": invalid syntax");
  }

  private static ApiException invalidList(String field, String value, String detail) {
    return badRequest(field + ": Invalid value: \"" + value + "\": " + detail);
  }

  private static ApiException badRequest(String message) {
    return ApiException.badRequest(message);
  }

  // ------------------------------------------------------------------------------------------------ writes

  private void post(HttpRequest req, Route route, OnceResponder out) {
    ObjectNode body = decodeObject(req, route.resource());
    checkUnknownFields(req, route.resource(), body, out);
    boolean dryRun = dryRun(req);
    StoredObject stored = doCreate(route, body, manager(req), dryRun);
    out.send(201, JSON_TYPE, stored.json());
  }

  /** Create: the generic rules, the kind's strategy, then the store; the caller answers. */
  private StoredObject doCreate(Route route, ObjectNode body, String manager, boolean dryRun) {
    ServedResource r = route.resource();
    ObjectNode meta = metadataOf(body);
    if (r.namespaced()) {
      String bodyNs = meta.path("namespace").asText("");
      if (!bodyNs.isEmpty() && !bodyNs.equals(route.namespace())) {
        throw badRequest("the namespace of the provided object does not match the namespace sent on the request");
      }
      meta.put("namespace", route.namespace());
    } else {
      meta.remove("namespace");
    }
    body.put("kind", r.kind()).put("apiVersion", r.apiVersion());
    for (String systemField : List.of("uid", "resourceVersion", "creationTimestamp", "deletionTimestamp",
        "deletionGracePeriodSeconds", "selfLink")) {
      meta.remove(systemField);
    }
    // Everything up to the stored form is done before taking the store's lock: it reads no stored state but the
    // namespace and admission's lookups, which the real server does not do atomically with the write either.
    if (r.namespaced()) {
      requireNamespace(route.namespace());
    }
    Strategy strategy = registry.strategy(r.kind());
    ObjectNode tracked = null;
    if (manager != null) {
      // managedFields of a create come from the body with the decoder's defaults, before admission
      tracked = body.deepCopy();
      strategy.applyDefaults(tracked);
      trackUpdate(Optional.empty(), tracked, r, manager, "");
    }
    try {
      strategy.prepareForCreate(body);
    } catch (AdmissionDeniedException e) {
      throw new ApiException(e.status());
    }
    ObjectNode m = metadataOf(body);
    String generateName = m.path("generateName").asText("");
    if (m.path("name").asText("").isEmpty() && !generateName.isEmpty()) {
      synchronized (random) {
        m.put("name", Names.generateName(generateName, random));
      }
    }
    String name = m.path("name").asText("");
    m.put("uid", UUID.randomUUID().toString());
    m.put("creationTimestamp", timestamp());
    List<FieldError> errors = strategy.validate(body);
    if (!errors.isEmpty()) {
      throw new ApiException(strategy.invalidStatus(body, errors));
    }
    if (tracked != null && tracked.path("metadata").has("managedFields")) {
      m.set("managedFields", tracked.path("metadata").get("managedFields"));
    }
    boolean allocates = strategy.allocates();
    StoredForms.Prepared prepared = allocates ? null : StoredForms.prepare(r, body);
    synchronized (store) {
      if (r.namespaced()) {
        requireNamespace(route.namespace()); // again: it may have begun terminating meanwhile
      }
      if (store.get(r.storeKey(), route.storeNamespace(), name).isPresent()) {
        throw ApiException.alreadyExists(r.qualifiedPlural(), name);
      }
      if (allocates) {
        List<FieldError> allocation = strategy.allocate(body, null);
        if (!allocation.isEmpty()) {
          throw new ApiException(strategy.invalidStatus(body, allocation));
        }
        prepared = StoredForms.prepare(r, body);
      }
      if (dryRun) {
        strategy.release(body);
        return prepared.at(store.resourceVersion());
      }
      StoredObject stored = store.put(null, prepared::at);
      if (r.kind().equals("Namespace")) {
        createDefaultServiceAccount(name);
      }
      return stored;
    }
  }

  /** What the service-account controller does for every new namespace: its {@code default} ServiceAccount. */
  private void createDefaultServiceAccount(String namespace) {
    ServedResource sa = router.forKind("v1", "ServiceAccount");
    ObjectNode account = JsonNodeFactory.instance.objectNode();
    account.put("kind", "ServiceAccount").put("apiVersion", "v1");
    account.putObject("metadata").put("name", "default").put("namespace", namespace)
        .put("uid", UUID.randomUUID().toString()).put("creationTimestamp", timestamp());
    store.put(null, rv -> StoredForms.encode(sa, account, rv));
  }

  private void requireNamespace(String namespace) {
    Optional<StoredObject> ns = store.get("namespaces", "", namespace);
    if (ns.isEmpty()) {
      throw ApiException.notFound("namespaces", namespace);
    }
    if (FieldSelectors.value(ns.get().fields(), "status.phase").equals("Terminating")) {
      throw new ApiException(403, "Forbidden", "unable to create new content in namespace " + namespace
          + " because it is being terminated", ApiException.details(namespace, "namespaces"));
    }
  }

  private void put(HttpRequest req, Route route, OnceResponder out) {
    ServedResource r = route.resource();
    if ("finalize".equals(route.subresource()) && r.kind().equals("Namespace")) {
      finalizeNamespace(req, route, out);
      return;
    }
    if ("scale".equals(route.subresource())) {
      JsonNode scale = decodeBody(req, "Scale");
      out.send(200, JSON_TYPE, StoredForms.write(updateScale(route, scale, manager(req), dryRun(req))));
      return;
    }
    ObjectNode body = decodeObject(req, r);
    checkUnknownFields(req, r, body, out);
    ObjectNode meta = metadataOf(body);
    String bodyName = meta.path("name").asText("");
    if (!bodyName.equals(route.name())) {
      throw badRequest("the name of the object (" + bodyName + ") does not match the name on the URL ("
          + route.name() + ")");
    }
    if (r.namespaced()) {
      String bodyNs = meta.path("namespace").asText("");
      if (!bodyNs.isEmpty() && !bodyNs.equals(route.namespace())) {
        throw badRequest("the namespace of the provided object does not match the namespace sent on the request");
      }
    }
    StoredObject stored = update(route, old -> body, manager(req), dryRun(req));
    out.send(200, JSON_TYPE, stored.json());
  }

  /** A change computed from the current object; it may return the same tree, changed. */
  @FunctionalInterface
  private interface Mutation {
    ObjectNode apply(ObjectNode current);
  }

  /**
   * Update: under the store lock, reads the object, applies the mutation, checks the resourceVersion
   * precondition, keeps what clients may not change, runs the strategy and stores, unless nothing changed.
   */
  private StoredObject update(Route route, Mutation mutation, String manager, boolean dryRun) {
    ServedResource r = route.resource();
    synchronized (store) {
      StoredObject current = existing(route);
      ObjectNode old = StoredForms.decode(current);
      ObjectNode next = mutation.apply(StoredForms.decode(current));
      ObjectNode meta = metadataOf(next);
      String rv = meta.path("resourceVersion").asText("");
      if (!rv.isEmpty() && !rv.equals(Long.toString(current.resourceVersion()))) {
        throw ApiException.conflict(r.qualifiedPlural(), route.name(), MODIFIED_SINCE_READ);
      }
      // an unconditional update is made against the stored version
      meta.put("resourceVersion", Long.toString(current.resourceVersion()));
      next.put("kind", r.kind()).put("apiVersion", r.apiVersion());
      ObjectNode oldMeta = metadataOf(old);
      for (String kept : List.of("uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds",
          "namespace", "name")) {
        if (oldMeta.has(kept)) {
          meta.set(kept, oldMeta.get(kept));
        } else {
          meta.remove(kept);
        }
      }
      if (!meta.has("generation") && oldMeta.has("generation")) {
        meta.set("generation", oldMeta.get("generation"));
      }
      Strategy strategy = registry.strategy(r.kind());
      boolean status = "status".equals(route.subresource());
      ObjectNode result = next;
      List<FieldError> errors;
      if (status) {
        strategy.prepareForStatusUpdate(result, old);
        errors = strategy.validateStatusUpdate(result, old);
      } else {
        strategy.prepareForUpdate(result, old);
        errors = strategy.validateUpdate(result, old);
      }
      if (!errors.isEmpty()) {
        throw new ApiException(strategy.invalidStatus(result, errors));
      }
      List<FieldError> allocation = strategy.allocate(result, old);
      if (!allocation.isEmpty()) {
        throw new ApiException(strategy.invalidStatus(result, allocation));
      }
      if (manager != null) {
        trackUpdate(Optional.of(old), result, r, manager, route.subresource() == null ? "" : route.subresource());
      }
      return commitUpdate(r, current, old, result, dryRun);
    }
  }

  /** Stores an updated object, unless it equals the stored one, and finishes a deletion its finalizers held. */
  private StoredObject commitUpdate(ServedResource r, StoredObject current, ObjectNode old, ObjectNode result,
      boolean dryRun) {
    metadataOf(result).put("resourceVersion", Long.toString(current.resourceVersion()));
    if (result.equals(old)) {
      return current; // the real server does not write (nor bump the resourceVersion) when nothing changed
    }
    if (dryRun) {
      return StoredForms.encode(r, result, current.resourceVersion());
    }
    ObjectNode meta = metadataOf(result);
    if (meta.has("deletionTimestamp") && isEmpty(meta.get("finalizers"))
        && meta.path("deletionGracePeriodSeconds").asLong(0) == 0 && !r.kind().equals("Namespace")) {
      StoredObject last = store.delete(current, rv -> StoredForms.encode(r, result, rv));
      registry.strategy(r.kind()).release(result);
      return last;
    }
    return store.put(current, rv -> StoredForms.encode(r, result, rv));
  }

  private static boolean isEmpty(JsonNode n) {
    return n == null || n.isNull() || (n.isArray() && n.size() == 0);
  }

  private void trackUpdate(Optional<ObjectNode> old, ObjectNode object, ServedResource r, String manager,
      String subresource) {
    managedFields.update(old, object, r.kind(), manager, subresource, now());
  }

  // ------------------------------------------------------------------------------------------------ patch

  private void patch(HttpRequest req, Route route, OnceResponder out) {
    String type = mediaType(req);
    ServedResource r = route.resource();
    String manager = manager(req);
    boolean dryRun = dryRun(req);
    if (type.equals("application/apply-patch+yaml")) {
      apply(req, route, out, manager, dryRun);
      return;
    }
    if (!type.equals("application/merge-patch+json") && !type.equals("application/json-patch+json")
        && !type.equals("application/strategic-merge-patch+json")) {
      throw ApiException.unsupportedMediaType("415: Unsupported Media Type");
    }
    JsonNode patch;
    try {
      patch = StoredForms.JSON.readTree(req.body());
    } catch (IOException e) {
      throw badRequest("error decoding patch: " + shortMessage(e));
    }
    if (patch == null || patch.isMissingNode()) {
      throw badRequest("error decoding patch: unexpected end of JSON input");
    }
    if (type.equals("application/json-patch+json") && !patch.isArray()) {
      throw badRequest("error decoding patch: json: cannot unmarshal " + jsonKind(patch)
          + " into Go value of type []handlers.jsonPatchOp");
    }
    final JsonNode thePatch = patch;
    if ("scale".equals(route.subresource())) {
      synchronized (store) {
        ObjectNode scale = Scales.toScale(r, StoredForms.decode(existing(route)));
        JsonNode patched = applyPatch(type, scale, thePatch, "Scale");
        out.send(200, JSON_TYPE, StoredForms.write(updateScale(route, patched, manager, dryRun)));
      }
      return;
    }
    StoredObject stored = update(route, current -> {
      JsonNode patched = applyPatch(type, current, thePatch, r.kind());
      if (!patched.isObject()) {
        throw new ApiException(422, "Invalid", "the server rejected our request due to an error in our request",
            JsonNodeFactory.instance.objectNode());
      }
      ObjectNode result = (ObjectNode) patched;
      checkUnknownFields(req, r, result, out);
      // a patch that does not name a resourceVersion must not fail against a newer one
      if (!thePatch.isArray() && !thePatch.path("metadata").has("resourceVersion")) {
        metadataOf(result).remove("resourceVersion");
      }
      if (thePatch.isArray() && !jsonPatchTouchesResourceVersion(thePatch)) {
        metadataOf(result).remove("resourceVersion");
      }
      return result;
    }, manager, dryRun);
    out.send(200, JSON_TYPE, stored.json());
  }

  private static boolean jsonPatchTouchesResourceVersion(JsonNode ops) {
    for (JsonNode op : ops) {
      if (op.path("path").asText("").equals("/metadata/resourceVersion")) {
        return true;
      }
    }
    return false;
  }

  private static JsonNode applyPatch(String type, JsonNode target, JsonNode patch, String typeName) {
    try {
      switch (type) {
        case "application/merge-patch+json":
          return Patches.mergePatch(target, patch);
        case "application/json-patch+json":
          return Patches.jsonPatch(target, patch);
        default:
          return Patches.strategicMergePatch(target, patch, typeName);
      }
    } catch (PatchException e) {
      throw patchFailure(e);
    }
  }

  /** A patch failure as the server answers it: the reason and details shape the patch package gives. */
  private static ApiException patchFailure(PatchException e) {
    String reason = e.reason().isEmpty() ? null : e.reason();
    return new ApiException(e.code(), reason, e.getMessage(),
        e.hasEmptyDetails() ? JsonNodeFactory.instance.objectNode() : null);
  }

  private void apply(HttpRequest req, Route route, OnceResponder out, String manager, boolean dryRun) {
    ServedResource r = route.resource();
    Optional<String> fieldManager = req.queryParam("fieldManager");
    if (fieldManager.isEmpty() || fieldManager.get().isEmpty()) {
      throw new ApiException(422, "Invalid", "PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value:"
          + " is required for apply patch", null);
    }
    JsonNode applied;
    try {
      applied = YAML.readTree(req.body());
    } catch (IOException e) {
      throw badRequest("error decoding YAML: " + shortMessage(e));
    }
    if (applied == null || !applied.isObject()) {
      throw badRequest("error decoding YAML: the body is not an object");
    }
    ObjectNode appliedObject = (ObjectNode) applied;
    String bodyName = appliedObject.path("metadata").path("name").asText("");
    if (!bodyName.isEmpty() && !bodyName.equals(route.name())) {
      throw badRequest("the name of the object (" + bodyName + ") does not match the name on the URL ("
          + route.name() + ")");
    }
    boolean force = bool(req, "force");
    synchronized (store) {
      Optional<StoredObject> current = store.get(r.storeKey(), route.storeNamespace(), route.name());
      ObjectNode result;
      try {
        result = managedFields.apply(current.map(StoredForms::decode), appliedObject, r.kind(), fieldManager.get(),
            force, route.subresource() == null ? "" : route.subresource(), now());
      } catch (ApplyConflictException e) {
        throw new ApiException(409, "Conflict", e.getMessage(), e.statusDetails());
      } catch (PatchException e) {
        throw patchFailure(e);
      }
      if (current.isEmpty()) {
        metadataOf(result).put("name", route.name());
        StoredObject created = doCreate(route, result, null, dryRun); // apply set managedFields
        out.send(201, JSON_TYPE, created.json());
        return;
      }
      ObjectNode applyResult = result;
      StoredObject stored = update(route, old -> {
        metadataOf(applyResult).remove("resourceVersion");
        return applyResult;
      }, null, dryRun);
      out.send(200, JSON_TYPE, stored.json());
    }
  }

  // ------------------------------------------------------------------------------------------------ scale

  private ObjectNode updateScale(Route route, JsonNode scale, String manager, boolean dryRun) {
    if (!scale.isObject()) {
      throw badRequest("the body of the request is not a Scale object");
    }
    String rv = scale.path("metadata").path("resourceVersion").asText("");
    JsonNode replicas = scale.path("spec").path("replicas");
    StoredObject stored = update(route, current -> {
      if (!rv.isEmpty()) {
        metadataOf(current).put("resourceVersion", rv);
      } else {
        metadataOf(current).remove("resourceVersion");
      }
      ObjectNode spec = current.with("spec");
      if (replicas.isMissingNode() || replicas.isNull()) {
        spec.remove("replicas");
      } else {
        spec.set("replicas", replicas);
      }
      return current;
    }, manager, dryRun);
    return Scales.toScale(route.resource(), StoredForms.decode(stored));
  }

  // ------------------------------------------------------------------------------------------------ delete

  private void delete(HttpRequest req, Route route, OnceResponder out) {
    DeleteOptions opts = DeleteOptions.from(req, this::decodeJsonBody);
    ServedResource r = route.resource();
    if (r.kind().equals("Namespace") && IMMORTAL_NAMESPACES.contains(route.name())) {
      throw new ApiException(403, "Forbidden", "namespaces \"" + route.name()
          + "\" is forbidden: this namespace may not be deleted", ApiException.details(route.name(), "namespaces"));
    }
    synchronized (store) {
      StoredObject current = existing(route);
      opts.checkPreconditions(r.kind(), current);
      Deletion d = deleteOne(r, current, opts);
      if (d.deleted && !returnsDeletedObject(r)) {
        ObjectNode status = JsonNodeFactory.instance.objectNode();
        status.put("kind", "Status").put("apiVersion", "v1");
        status.putObject("metadata");
        status.put("status", "Success");
        status.putObject("details").put("name", current.name()).put("kind", r.qualifiedPlural())
            .put("uid", current.uid());
        out.json(200, status);
        return;
      }
      out.send(200, JSON_TYPE, d.object.json());
    }
  }

  /** Kinds whose storage answers a completed delete with the object rather than a Status. */
  private static boolean returnsDeletedObject(ServedResource r) {
    return r.kind().equals("Pod") || r.kind().equals("Service") || r.kind().equals("Namespace");
  }

  /** The outcome of deleting one object. */
  private record Deletion(boolean deleted, StoredObject object) {}

  /**
   * Deletes one object (store lock held): finalizers or a namespace's lifecycle only mark it with
   * deletionTimestamp; otherwise it is removed.
   */
  private Deletion deleteOne(ServedResource r, StoredObject current, DeleteOptions opts) {
    ObjectNode obj = StoredForms.decode(current);
    ObjectNode meta = metadataOf(obj);
    boolean namespace = r.kind().equals("Namespace");
    Strategy strategy = registry.strategy(r.kind());
    if (meta.has("deletionTimestamp")) {
      return deleteAgain(r, current, obj, opts); // already being deleted
    }
    OptionalLong grace = strategy.gracePeriodSeconds(obj, opts.gracePeriodSeconds());
    boolean finalizers = GcFinalizers.apply(obj, r.kind(), r.apiVersion(), opts.propagationPolicy());
    if (!namespace && !finalizers && grace.isEmpty()) {
      if (opts.dryRun()) {
        return new Deletion(true, current);
      }
      StoredObject last = store.delete(current, rv -> StoredForms.encode(r, obj, rv));
      strategy.release(obj);
      return new Deletion(true, last);
    }
    // graceful deletion, finalizers or a namespace's lifecycle: mark the object first
    meta.put("deletionTimestamp", RFC3339.format(now().truncatedTo(ChronoUnit.SECONDS)
        .plusSeconds(grace.orElse(0))));
    if (!namespace) {
      meta.put("deletionGracePeriodSeconds", grace.orElse(0));
    }
    if ((grace.isPresent() || finalizers) && meta.has("generation")) { // markAsDeleting bumps it too
      meta.put("generation", meta.get("generation").asLong() + 1);
    }
    if (namespace) {
      obj.with("status").put("phase", "Terminating");
    }
    boolean removeNow = !namespace && !finalizers && grace.getAsLong() == 0;
    if (opts.dryRun()) {
      return new Deletion(removeNow, StoredForms.encode(r, obj, current.resourceVersion()));
    }
    if (removeNow) {
      StoredObject last = store.delete(current, rv -> StoredForms.encode(r, obj, rv));
      strategy.release(obj);
      return new Deletion(true, last);
    }
    StoredObject marked = store.put(current, rv -> StoredForms.encode(r, obj, rv));
    if (namespace) {
      String name = current.name();
      if (!namespaceController) {
        timer.execute(() -> finishNamespace(name));
      }
    }
    return new Deletion(false, marked);
  }

  /**
   * A delete of an object already being deleted: as the real server, a grace period of 0 (a kubelet confirming
   * a pod's termination, or a forced delete) removes it when no finalizer holds it; otherwise nothing changes.
   */
  private Deletion deleteAgain(ServedResource r, StoredObject current, ObjectNode obj, DeleteOptions opts) {
    ObjectNode meta = metadataOf(obj);
    if (r.kind().equals("Namespace")) {
      // the namespace controller's last step: a finalized namespace without finalizers goes
      if (!isEmpty(obj.path("spec").get("finalizers")) || !isEmpty(meta.get("finalizers")) || opts.dryRun()) {
        return new Deletion(false, current);
      }
      return new Deletion(true, store.delete(current, rv -> StoredForms.encode(r, obj, rv)));
    }
    boolean zero = opts.gracePeriodSeconds() != null && opts.gracePeriodSeconds() == 0;
    if (!zero || !isEmpty(meta.get("finalizers"))) {
      return new Deletion(false, current);
    }
    if (opts.dryRun()) {
      return new Deletion(true, current);
    }
    meta.put("deletionGracePeriodSeconds", 0);
    StoredObject last = store.delete(current, rv -> StoredForms.encode(r, obj, rv));
    registry.strategy(r.kind()).release(obj);
    return new Deletion(true, last);
  }

  /**
   * Leaves the deletion of namespaces' contents to a namespace controller (the cluster's, when it runs) instead
   * of removing everything at once: objects with finalizers then stay until their finalizers are removed, and
   * the namespace's status reports them, as on a real cluster.
   *
   * @param external whether a namespace controller runs
   */
  public void delegateNamespaceDeletion(boolean external) {
    this.namespaceController = external;
  }

  /** {@code PUT namespaces/{name}/finalize}: only {@code spec.finalizers} changes, as the real subresource. */
  private void finalizeNamespace(HttpRequest req, Route route, OnceResponder out) {
    ObjectNode body = decodeObject(req, route.resource());
    JsonNode finalizers = body.path("spec").get("finalizers");
    synchronized (store) {
      StoredObject current = existing(route);
      ObjectNode ns = StoredForms.decode(current);
      if (finalizers == null || finalizers.isNull() || finalizers.isEmpty()) {
        ns.with("spec").remove("finalizers");
      } else {
        ns.with("spec").set("finalizers", finalizers);
      }
      ObjectNode oldForm = StoredForms.decode(current);
      StoredObject stored = ns.equals(oldForm) ? current
          : store.put(current, rv -> StoredForms.encode(route.resource(), ns, rv));
      out.send(200, JSON_TYPE, stored.json());
    }
  }

  /** What the namespace controller does: deletes the namespace's contents, then the namespace. */
  private void finishNamespace(String name) {
    synchronized (store) {
      for (ServedResource r : router.all()) {
        if (!r.namespaced()) {
          continue;
        }
        ListPage page;
        try {
          page = store.list(new WatchFilter(r.storeKey(), name, o -> true), null, 0, 0, false);
        } catch (ExpiredException e) {
          throw new IllegalStateException(e); // a list of the present never expires
        }
        for (StoredObject o : page.items()) {
          ObjectNode obj = StoredForms.decode(o);
          store.delete(o, rv -> StoredForms.encode(r, obj, rv));
          registry.strategy(r.kind()).release(obj);
        }
      }
      Optional<StoredObject> ns = store.get("namespaces", "", name);
      if (ns.isPresent()) {
        ServedResource nsResource = router.forKind("v1", "Namespace");
        ObjectNode obj = StoredForms.decode(ns.get());
        obj.with("spec").remove("finalizers");
        store.delete(ns.get(), rv -> StoredForms.encode(nsResource, obj, rv));
      }
    }
  }

  private void deleteCollection(HttpRequest req, Route route, OnceResponder out) {
    ServedResource r = route.resource();
    if (!r.supports("deletecollection")) {
      throw ApiException.methodNotAllowed();
    }
    DeleteOptions opts = DeleteOptions.from(req, this::decodeJsonBody);
    Selection sel = selection(req, route);
    synchronized (store) {
      ListPage page;
      try {
        page = store.list(sel.filter, null, 0, 0, false);
      } catch (ExpiredException e) {
        throw new IllegalStateException(e); // a list of the present never expires
      }
      List<StoredObject> gone = new ArrayList<>();
      for (StoredObject o : page.items()) {
        gone.add(deleteOne(r, o, opts).object);
      }
      ObjectNode meta = JsonNodeFactory.instance.objectNode().put("resourceVersion",
          Long.toString(store.resourceVersion()));
      out.send(200, JSON_TYPE, listBody(r, meta, gone));
    }
  }

  // ------------------------------------------------------------------------------------------------ bodies

  private static String mediaType(HttpRequest req) {
    String ct = req.header("content-type").orElse("");
    int semi = ct.indexOf(';');
    return (semi >= 0 ? ct.substring(0, semi) : ct).trim().toLowerCase(Locale.ROOT);
  }

  /** The body as an object of the resource's kind (kind and apiVersion may be left out). */
  private ObjectNode decodeObject(HttpRequest req, ServedResource r) {
    JsonNode node = decodeBody(req, r.kind());
    if (!node.isObject()) {
      throw badRequest("the object provided is unrecognized (must be of type " + r.kind()
          + "): couldn't get version/kind; json parse error: json: cannot unmarshal " + jsonKind(node)
          + " into Go value of type struct { APIVersion string \"json:\\\"apiVersion,omitempty\\\"\"; Kind string "
          + "\"json:\\\"kind,omitempty\\\"\" }");
    }
    ObjectNode obj = (ObjectNode) node;
    String kind = obj.path("kind").asText("");
    String apiVersion = obj.path("apiVersion").asText("");
    if ((!kind.isEmpty() && !kind.equals(r.kind())) || (!apiVersion.isEmpty() && !apiVersion.equals(r.apiVersion()))) {
      String internal = r.apiVersion().contains("/") ? r.apiVersion().substring(0, r.apiVersion().indexOf('/'))
          : "core";
      if (kind.isEmpty()) {
        kind = r.kind();
      }
      throw badRequest(kind + " in version \"" + (apiVersion.isEmpty() ? r.apiVersion() : apiVersion)
          + "\" cannot be handled as a " + r.kind() + ": converting (" + versionOf(apiVersion) + "." + kind + ") to ("
          + internal + "." + r.kind() + "): unknown conversion");
    }
    JsonNode meta = obj.get("metadata");
    if (meta != null && !meta.isObject() && !meta.isNull()) {
      throw badRequest(r.kind() + " in version \"" + r.apiVersion() + "\" cannot be handled as a " + r.kind()
          + ": json: cannot unmarshal " + jsonKind(meta) + " into Go struct field " + r.kind()
          + ".metadata of type v1.ObjectMeta");
    }
    return obj;
  }

  private static String versionOf(String apiVersion) {
    int slash = apiVersion.indexOf('/');
    return slash >= 0 ? apiVersion.substring(slash + 1) : apiVersion.isEmpty() ? "v1" : apiVersion;
  }

  private JsonNode decodeBody(HttpRequest req, String kind) {
    String type = mediaType(req);
    if (ProtobufBodies.isProtobuf(type)) {
      // kubectl sends protobuf for `create namespace|configmap|secret|service|deployment` and never retries as JSON.
      try {
        return ProtobufBodies.decode(req.body(), Schema.load());
      } catch (ProtobufDecodeException e) {
        throw badRequest(e.getMessage());
      }
    }
    boolean yaml = type.equals("application/yaml") || type.equals("application/x-yaml") || type.equals("text/yaml");
    if (!yaml && !type.equals("application/json") && !type.isEmpty()) {
      throw ApiException.unsupportedMediaType("the body of the request was in an unknown format - accepted media "
          + "types include: application/json, application/yaml, application/vnd.kubernetes.protobuf");
    }
    JsonNode node;
    try {
      node = (yaml ? YAML : StoredForms.JSON).readTree(req.body());
    } catch (IOException e) {
      node = null;
    }
    if (node == null || node.isMissingNode()) {
      String text = new String(req.body(), StandardCharsets.UTF_8);
      throw badRequest("the object provided is unrecognized (must be of type " + kind
          + "): couldn't get version/kind; json parse error: unexpected end of JSON input (" + text + ")");
    }
    return node;
  }

  /**
   * Drops the fields the kind does not have, as the real decoder does, and answers them as its
   * {@code fieldValidation} parameter asks: {@code Strict} refuses, {@code Warn} (the default) warns,
   * {@code Ignore} says nothing.
   */
  private static void checkUnknownFields(HttpRequest req, ServedResource r, ObjectNode object, OnceResponder out) {
    UnknownFields.checkTypes(r, object);
    String mode = req.queryParam("fieldValidation").orElse("");
    if (!mode.isEmpty() && !mode.equals("Ignore") && !mode.equals("Warn") && !mode.equals("Strict")) {
      throw new ApiException(422, "Invalid", "fieldValidation: Unsupported value: \"" + mode
          + "\": supported values: \"\", \"Ignore\", \"Strict\", \"Warn\"", null);
    }
    List<String> unknown = UnknownFields.prune(r.kind(), object);
    if (unknown.isEmpty() || mode.equals("Ignore")) {
      return;
    }
    if (mode.equals("Strict")) {
      List<String> parts = new ArrayList<>();
      for (String u : unknown) {
        parts.add("unknown field \"" + u + "\"");
      }
      throw badRequest("strict decoding error: " + String.join(", ", parts));
    }
    for (String u : unknown) {
      out.warn("unknown field \"" + u + "\"");
    }
  }

  /** A DELETE's body: DeleteOptions as JSON, or nothing. */
  private JsonNode decodeJsonBody(HttpRequest req) {
    if (req.body().length == 0) {
      return null;
    }
    return decodeBody(req, "DeleteOptions");
  }

  private static String jsonKind(JsonNode n) {
    if (n.isObject()) {
      return "object";
    }
    if (n.isArray()) {
      return "array";
    }
    if (n.isTextual()) {
      return "string";
    }
    if (n.isNumber()) {
      return "number";
    }
    if (n.isBoolean()) {
      return "bool";
    }
    return "null";
  }

  private static String shortMessage(IOException e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    int nl = m.indexOf('\n');
    return nl >= 0 ? m.substring(0, nl) : m;
  }

  /** The body's metadata, made an object when absent. */
  static ObjectNode metadataOf(ObjectNode object) {
    JsonNode meta = object.get("metadata");
    if (meta == null || !meta.isObject()) {
      return object.putObject("metadata");
    }
    return (ObjectNode) meta;
  }

  // ------------------------------------------------------------------------------------------------ params

  /** Go's {@code strconv.ParseBool}, as the real server reads boolean query parameters. */
  static boolean bool(HttpRequest req, String name) {
    Optional<String> v = req.queryParam(name);
    if (v.isEmpty() || v.get().isEmpty()) {
      return false;
    }
    if (TRUE.contains(v.get())) {
      return true;
    }
    if (FALSE.contains(v.get())) {
      return false;
    }
    throw badRequest("strconv.ParseBool: parsing \"" + v.get() + "\": invalid syntax");
  }

  private static int intParam(HttpRequest req, String name, int dflt) {
    Optional<String> v = req.queryParam(name);
    if (v.isEmpty() || v.get().isEmpty()) {
      return dflt;
    }
    try {
      return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, Long.parseLong(v.get())));
    } catch (NumberFormatException e) {
      throw badRequest("strconv.ParseInt: parsing \"" + v.get() + "\": invalid syntax");
    }
  }

  private static boolean dryRun(HttpRequest req) {
    List<String> values = req.query().getOrDefault("dryRun", List.of());
    for (String v : values) {
      if (!v.equals("All")) {
        throw badRequest("dryRun: Unsupported value: \"" + v + "\": supported values: \"All\"");
      }
    }
    return !values.isEmpty();
  }

  /** The field manager: the {@code fieldManager} parameter, else the User-Agent up to the first '/'. */
  private static String manager(HttpRequest req) {
    Optional<String> fm = req.queryParam("fieldManager");
    if (fm.isPresent() && !fm.get().isEmpty()) {
      return fm.get();
    }
    String ua = req.header("user-agent").orElse("");
    int slash = ua.indexOf('/');
    return slash >= 0 ? ua.substring(0, slash) : ua;
  }

  private Instant now() {
    return clock.instant();
  }

  private String timestamp() {
    return RFC3339.format(now().truncatedTo(ChronoUnit.SECONDS));
  }

  // ------------------------------------------------------------------------------------------------ answers

  /** Makes sure a request is answered once: an error after a stream started ends the stream instead. */
  private static final class OnceResponder {
    private final HttpResponder delegate;
    private boolean sent;
    private EventStream stream;
    private final List<String> warnings = new ArrayList<>();

    OnceResponder(HttpResponder delegate) {
      this.delegate = delegate;
    }

    HttpResponder delegate() {
      return delegate;
    }

    void send(int status, String contentType, byte[] body) {
      sent = true;
      delegate.send(status, contentType, headers(status), body);
    }

    void send(int status, String contentType, List<ByteBuffer> body) {
      sent = true;
      delegate.send(status, contentType, headers(status), body);
    }

    private Map<String, String> headers(int status) {
      // one header with the values joined, as HTTP allows for list-valued headers; the seam carries one value
      return warnings.isEmpty() || status >= 400 ? Map.of() : Map.of("Warning", String.join(", ", warnings));
    }

    /** Adds a {@code Warning} header value ({@code 299 - "text"}) to the answer. */
    void warn(String text) {
      warnings.add("299 - " + StoredForms.text(JsonNodeFactory.instance.textNode(text)));
    }

    void json(int status, JsonNode body) {
      send(status, JSON_TYPE, StoredForms.write(body));
    }

    EventStream stream(int status, String contentType) {
      sent = true;
      stream = delegate.stream(status, contentType, Map.of());
      return stream;
    }

    void status(ApiException e) {
      if (stream != null) {
        stream.send(HttpWatch.frame("ERROR", StoredForms.write(e.status())));
        stream.close();
      } else if (!sent) {
        json(e.code(), e.status());
      }
    }
  }

  /** A continue token in the real server's format: base64 of {@code {"v":..,"rv":..,"start":..}}. */
  private record ContinueToken(long resourceVersion, String startAfter) {
    String encode() {
      ObjectNode t = JsonNodeFactory.instance.objectNode();
      t.put("v", "meta.k8s.io/v1").put("rv", resourceVersion).put("start", startAfter + "\u0000");
      return Base64.getUrlEncoder().withoutPadding().encodeToString(StoredForms.write(t));
    }

    static ContinueToken decode(String token) {
      try {
        byte[] raw = Base64.getUrlDecoder().decode(token.replace('+', '-').replace('/', '_').replace("=", ""));
        JsonNode t = StoredForms.JSON.readTree(raw);
        String start = t.path("start").asText("");
        long rv = t.path("rv").asLong(0);
        if (!t.path("v").asText().equals("meta.k8s.io/v1") || rv <= 0 || !start.endsWith("\u0000")) {
          throw new IllegalArgumentException("bad token");
        }
        return new ContinueToken(rv, start.substring(0, start.length() - 1));
      } catch (IOException | RuntimeException e) {
        throw badRequest("continue key is not valid: illegal base64 data at input byte 0");
      }
    }
  }
}
