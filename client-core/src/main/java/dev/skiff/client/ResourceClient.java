package dev.skiff.client;

import dev.skiff.client.error.ConflictException;
import dev.skiff.client.error.NotFoundException;
import dev.skiff.client.internal.Transport;
import dev.skiff.model.KubernetesObject;
import dev.skiff.model.Nullable;
import dev.skiff.model.ResourceType;
import dev.skiff.model.autoscaling.v1.Scale;
import dev.skiff.model.meta.v1.ObjectMeta;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The operations on one resource in one namespace (or on a cluster-scoped resource): get, list, create,
 * replace, patch, apply, delete, scale, and read-modify-write with {@link #edit}. Obtained from
 * {@link KubeClient}, e.g. {@code client.services("demo")}; immutable and thread-safe. Every method blocks
 * until the server answers; {@link #async()} has the same operations as RxJava types.
 *
 * <p>Writes check names and labels first and fail with the server's 422 wording (see
 * {@link dev.skiff.client.error.InvalidException#clientSide()}). Errors are
 * {@link dev.skiff.client.error.KubeException}s: {@code NotFoundException}, {@code ConflictException}, ...
 *
 * @param <T> the model class of the objects
 */
public class ResourceClient<T extends KubernetesObject> extends ResourceLister<T> {
  private static final Map<String, String> NO_QUERY = Map.of();

  final ClientSettings settings;

  ResourceClient(Transport transport, ClientSettings settings, ResourceType<T> type, @Nullable String namespace) {
    super(transport, type, namespace);
    this.settings = settings;
    if (type.namespaced() && namespace == null) {
      throw new IllegalArgumentException(type + " is namespaced: name a namespace, or use inAllNamespaces()");
    }
    if (namespace != null) {
      dev.skiff.model.Names.requireDns1123Label("namespace", namespace);
    }
  }

  /**
   * The same resource in another namespace.
   *
   * @param namespace the namespace
   * @return a client for that namespace
   */
  public ResourceClient<T> inNamespace(String namespace) {
    return new ResourceClient<>(transport, settings, type, Objects.requireNonNull(namespace, "namespace"));
  }

  /**
   * Lists across all namespaces (on a cluster-scoped resource, the same as this client's lists).
   *
   * @return a lister over every namespace
   */
  public ResourceLister<T> inAllNamespaces() {
    return new ResourceLister<>(transport, type, null);
  }

  /**
   * The same operations as RxJava types.
   *
   * @return the asynchronous view of this client
   */
  public AsyncResourceClient<T> async() {
    return new AsyncResourceClient<>(this);
  }

  /**
   * Reads an object.
   *
   * @param name the object's name
   * @return the object
   * @throws NotFoundException when it does not exist
   * @throws dev.skiff.client.error.KubeException when the request fails otherwise
   */
  public T get(String name) {
    return transport.get(objectPath(name), NO_QUERY, type.type());
  }

  /**
   * Reads an object that may not exist.
   *
   * @param name the object's name
   * @return the object, or empty when the server answers 404
   * @throws dev.skiff.client.error.KubeException when the request fails otherwise
   */
  public Optional<T> find(String name) {
    try {
      return Optional.of(get(name));
    } catch (NotFoundException e) {
      return Optional.empty();
    }
  }

  /**
   * Creates an object. Its namespace, if set, must be this client's; {@code metadata.generateName} works.
   *
   * @param object the object
   * @return the object as stored, with uid, resourceVersion and defaults
   * @throws dev.skiff.client.error.InvalidException when a name or label is invalid (before sending)
   * @throws dev.skiff.client.error.AlreadyExistsException when the name is taken
   */
  public T create(T object) {
    validate(object, false);
    return transport.post(type.collectionPath(namespace), object, NO_QUERY, type.type());
  }

  /**
   * Replaces an object (PUT). With {@code metadata.resourceVersion} set, fails with 409 when the object
   * changed meanwhile; without it, overwrites unconditionally. {@code status} is ignored on kinds with a
   * status subresource; use {@link #updateStatus}.
   *
   * @param object the new state, named by {@code metadata.name}
   * @return the object as stored
   * @throws ConflictException when the resourceVersion is stale
   */
  public T update(T object) {
    validate(object, true);
    return transport.put(objectPath(nameOf(object)), object, NO_QUERY, type.type());
  }

  /**
   * Replaces an object's {@code status} (PUT on the {@code status} subresource); the rest is ignored.
   *
   * @param object the object with the new status
   * @return the object as stored
   * @throws UnsupportedOperationException when the resource has no status subresource
   * @throws ConflictException when the resourceVersion is stale
   */
  public T updateStatus(T object) {
    requireSubresource("status");
    return transport.put(objectPath(nameOf(object)) + "/status", object, NO_QUERY, type.type());
  }

  /**
   * Patches an object.
   *
   * <pre>{@code
   * pods.patch("web-1", PatchType.MERGE, "{\"metadata\":{\"labels\":{\"tier\":\"fe\"}}}");
   * pods.patch("web-1", PatchType.JSON, "[{\"op\":\"remove\",\"path\":\"/metadata/labels/tier\"}]");
   * }</pre>
   *
   * @param name the object's name
   * @param patchType the format of {@code patch}
   * @param patch the patch document (JSON; YAML also for {@link PatchType#APPLY})
   * @return the patched object
   */
  public T patch(String name, PatchType patchType, String patch) {
    return patch(name, patchType, patch, PatchOptions.defaults());
  }

  /**
   * Patches an object with options.
   *
   * @param name the object's name
   * @param patchType the format of {@code patch}
   * @param patch the patch document
   * @param options field manager, force (apply only), dry run
   * @return the patched object
   */
  public T patch(String name, PatchType patchType, String patch, PatchOptions options) {
    Objects.requireNonNull(patch, "patch");
    return transport.patch(objectPath(name), patch.getBytes(StandardCharsets.UTF_8), patchType.contentType(),
        options.toQuery(patchType, settings.fieldManager()), type.type());
  }

  /**
   * Server-side apply with the client's field manager: the server merges this intent with the object,
   * creating it if needed, and records that the manager owns the fields given.
   *
   * @param object the desired state (only the fields the manager cares about)
   * @return the object as stored
   * @throws ConflictException when another manager owns a field and force is not set
   */
  public T apply(T object) {
    return apply(object, PatchOptions.defaults());
  }

  /**
   * Server-side apply with options.
   *
   * @param object the desired state
   * @param options the field manager (else the client's) and whether to force conflicts
   * @return the object as stored
   */
  public T apply(T object, PatchOptions options) {
    validate(object, true);
    byte[] body = transport.codec().writeJsonBytes(object instanceof GenericObject g ? g.toMap() : object);
    return transport.patch(objectPath(nameOf(object)), body, PatchType.APPLY.contentType(),
        options.toQuery(PatchType.APPLY, settings.fieldManager()), type.type());
  }

  /**
   * Deletes an object with the server's defaults.
   *
   * @param name the object's name
   * @throws NotFoundException when it does not exist
   */
  public void delete(String name) {
    delete(name, DeleteOptions.defaults());
  }

  /**
   * Deletes an object. Pods and objects with finalizers may stay visible for a while, with
   * {@code metadata.deletionTimestamp} set.
   *
   * @param name the object's name
   * @param options grace period, propagation policy, preconditions
   * @throws NotFoundException when it does not exist
   * @throws ConflictException when a precondition fails
   */
  public void delete(String name, DeleteOptions options) {
    transport.delete(objectPath(name), options.toModel(), NO_QUERY);
  }

  /**
   * Deletes every object the options select, in this namespace.
   *
   * @param options the label and field selectors; {@link ListOptions#all()} deletes everything
   * @param deleteOptions grace period, propagation policy
   */
  public void deleteCollection(ListOptions options, DeleteOptions deleteOptions) {
    Map<String, String> query = new java.util.LinkedHashMap<>(options.toQuery());
    query.remove("limit");
    query.remove("continue");
    transport.delete(type.collectionPath(namespace), deleteOptions.toModel(), query);
  }

  /**
   * Deletes every object the options select, with the server's defaults.
   *
   * @param options the label and field selectors
   */
  public void deleteCollection(ListOptions options) {
    deleteCollection(options, DeleteOptions.defaults());
  }

  /**
   * Reads the {@code scale} subresource: desired and current replicas and the selector.
   *
   * @param name the object's name
   * @return the scale
   * @throws UnsupportedOperationException when the resource has no scale subresource
   */
  public Scale getScale(String name) {
    requireSubresource("scale");
    return transport.get(objectPath(name) + "/scale", NO_QUERY, Scale.class);
  }

  /**
   * Sets the desired number of replicas through the {@code scale} subresource, as {@code kubectl scale}
   * does (a merge patch, so it cannot conflict). The controller creates or removes pods afterwards.
   *
   * @param name the object's name
   * @param replicas the desired count, 0 or more
   * @return the scale after the change
   * @throws UnsupportedOperationException when the resource has no scale subresource
   */
  public Scale scale(String name, int replicas) {
    requireSubresource("scale");
    if (replicas < 0) {
      throw new IllegalArgumentException("replicas must not be negative: " + replicas);
    }
    byte[] patch = ("{\"spec\":{\"replicas\":" + replicas + "}}").getBytes(StandardCharsets.UTF_8);
    return transport.patch(objectPath(name) + "/scale", patch, PatchType.MERGE.contentType(), NO_QUERY,
        Scale.class);
  }

  /**
   * Read-modify-write: reads the object, applies {@code change}, and replaces it with the result; on 409
   * Conflict (someone else wrote in between) reads again and retries, at most
   * {@link RetryPolicy#maxConflictRetries()} times. When {@code change} returns an equal object nothing is
   * written. {@code change} must be free of side effects, since it may run more than once.
   *
   * <pre>{@code
   * client.replicationControllers("demo").edit("flake", rc -> rc.withSpec(rc.spec().withReplicas(3)));
   * }</pre>
   *
   * @param name the object's name
   * @param change computes the new state from the current one; keep its resourceVersion
   * @return the object as stored
   * @throws ConflictException when every attempt conflicted
   * @throws NotFoundException when the object does not exist
   */
  public T edit(String name, UnaryOperator<T> change) {
    int retries = settings.retryPolicy().maxConflictRetries();
    for (int attempt = 0; ; attempt++) {
      T current = get(name);
      T changed = Objects.requireNonNull(change.apply(current), "change returned null");
      if (changed.equals(current)) {
        return current;
      }
      try {
        return update(changed);
      } catch (ConflictException e) {
        if (attempt >= retries) {
          throw e;
        }
      }
    }
  }

  /** The URL path of one object. */
  String objectPath(String name) {
    return type.collectionPath(namespace) + "/" + checkPathName(name);
  }

  private static String checkPathName(String name) {
    Objects.requireNonNull(name, "name");
    // An empty name would address the collection, and '/' or '%' another path: the server rejects such
    // names anyway, so refuse them before they change what the request means.
    if (name.isEmpty() || name.equals(".") || name.equals("..") || name.contains("/") || name.contains("%")) {
      throw new IllegalArgumentException("not a valid object name: \"" + name + "\"");
    }
    return name;
  }

  private String nameOf(T object) {
    ObjectMeta meta = object.metadata();
    if (meta == null || meta.name() == null || meta.name().isEmpty()) {
      throw new IllegalArgumentException(type.kind() + " has no metadata.name");
    }
    return meta.name();
  }

  private void validate(T object, boolean nameRequired) {
    Objects.requireNonNull(object, "object");
    if (settings.validate()) {
      ClientValidation.check(type, object, nameRequired);
    }
  }

  private void requireSubresource(String name) {
    if (type.subresources().stream().noneMatch(s -> s.name().equals(name))) {
      throw new UnsupportedOperationException(type + " has no " + name + " subresource");
    }
  }
}
