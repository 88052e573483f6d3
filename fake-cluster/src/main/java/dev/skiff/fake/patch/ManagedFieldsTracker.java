package dev.skiff.fake.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.gen.Schema;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Keeps {@code metadata.managedFields} as the real server does, and implements server-side apply.
 *
 * <h2>What is recorded</h2>
 *
 * <p>A write by a manager owns the paths it added or changed compared with the stored object; on create the
 * comparison is with the kind's empty Go value, so every field of the new object counts. Paths are
 * {@code f:} fields, {@code k:} map-list elements by their keys, {@code v:} set-list elements and {@code
 * i:} positions; a value that appears as a whole (absent before) is itself a member, serialized as
 * {@code "."}. Never recorded: {@code apiVersion}, {@code kind}, {@code metadata} itself and its {@code
 * name}, {@code namespace}, {@code creationTimestamp}, {@code selfLink}, {@code uid}, {@code clusterName},
 * {@code generation}, {@code managedFields}, {@code resourceVersion}; and the fields the kind's strategy
 * resets: {@code status} on the main resource of kinds with a status subresource, {@code spec} (and for
 * pods {@code metadata.deletionTimestamp} and {@code metadata.ownerReferences}, for deployments
 * {@code metadata.labels}) through {@code /status}. Fields changed by a write move from other managers
 * to the writer; fields it removed leave every manager; managers left with no fields are dropped; there
 * are at most ten {@code Update} entries (the oldest merge into {@code ancient-changes}). Entries are keyed
 * by manager, operation, subresource and, for {@code Update}, API version; the {@code time} of an entry
 * changes only when its owner changed something. Entries are sorted as the server stores them: {@code
 * Apply} before {@code Update}, then by time, manager, API version, subresource.
 *
 * <h2>Timing in the write path</h2>
 *
 * <p>The real server computes managedFields after decoding and defaulting the request body but before
 * admission, the strategy's preparation and allocation. So a created pod records its defaulted {@code
 * imagePullPolicy} and {@code terminationMessagePath}, but not the service-account volume, tolerations or
 * priority that admission adds; a created service records its defaulted {@code type}, {@code
 * sessionAffinity}, ports' {@code protocol} and {@code targetPort}, but not the allocated {@code clusterIP}.
 * Callers therefore pass that intermediate object (see {@link #update}).
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class ManagedFieldsTracker {
  private final Schema schema;

  /** A tracker over the classpath schema. */
  public ManagedFieldsTracker() {
    this(StandardSchema.get());
  }

  /** A tracker over the given schema. */
  public ManagedFieldsTracker(Schema schema) {
    this.schema = schema;
  }

  /**
   * Records a non-apply write (create, update, patch) by {@code manager}: fields it set or changed move to its
   * {@code Update} entry; {@code newObject}'s managedFields are rewritten in place.
   *
   * <p>What to pass as {@code newObject}:
   *
   * <ul>
   *   <li>create: the decoded request body after the decoder's conversion and defaulting (the API's default
   *       values, quantity canonicalization, a Secret's {@code stringData} merged into {@code data}), before
   *       admission plugins, status reset, allocation (cluster IPs, node ports) and server metadata; then copy
   *       its {@code metadata.managedFields} to the object stored (none when nothing is recorded);
   *   <li>update (PUT): the decoded, defaulted request body; the strategy's preparation may run before or
   *       after, since the fields it resets are excluded anyway;
   *   <li>patch: the patched object, decoded and defaulted, as for an update.
   * </ul>
   *
   * <p>Not to be called for what the server itself changes outside a client write: a delete setting
   * {@code deletionTimestamp} or adding the {@code orphan} finalizer leaves managedFields as they are.
   * Through {@code /scale}, pass the parent object before and after with {@code subresource} {@code
   * "scale"}: the entry is recorded on the parent in the parent's API version.
   *
   * <p>The existing managedFields are taken from {@code newObject} when it carries any (a client may edit
   * them; {@code [{}]} clears them), else from {@code oldObject}; through a subresource always from {@code
   * oldObject}.
   *
   * @param oldObject the stored object before the write, empty on create
   * @param newObject the object about to be stored
   * @param typeName schema type name, e.g. {@code Pod}
   * @param manager field manager (query {@code fieldManager}, else the User-Agent up to the first '/')
   * @param subresource {@code ""} or e.g. {@code status}
   * @param now the write's time
   */
  public void update(Optional<ObjectNode> oldObject, ObjectNode newObject, String typeName, String manager,
      String subresource, Instant now) {
    Shape root = Shape.root(schema, typeName);
    ManagedFields managed = existing(oldObject, newObject, subresource);
    JsonNode before = oldObject.map(o -> (JsonNode) managedFieldsHidden(o)).orElseGet(() -> ZeroObjects.of(typeName));
    FieldPaths.Comparison cmp = FieldPaths.compare(before, managedFieldsHidden(newObject), root);
    FieldSet reset = ResetFields.of(schema, typeName, subresource);
    FieldSet changed = ResetFields.strip(cmp.changed().withoutPrefixes(reset));
    FieldSet removed = cmp.removed().withoutPrefixes(reset);
    for (ManagedFields.Entry e : managed.entries) {
      e.fields = ResetFields.strip(e.fields.difference(changed).difference(removed));
    }
    String apiVersion = apiVersion(newObject, typeName);
    if (!changed.isEmpty()) {
      Optional<ManagedFields.Entry> mine = managed.find(manager, "Update", apiVersion, subresource);
      if (mine.isPresent()) {
        mine.get().fields = mine.get().fields.union(changed);
        mine.get().time = ManagedFields.format(now);
      } else {
        managed.entries.add(new ManagedFields.Entry(manager, "Update", apiVersion, subresource,
            ManagedFields.format(now), changed));
      }
    }
    managed.removeEmpty();
    managed.capUpdateManagers();
    managed.encodeInto(newObject);
  }

  /**
   * Server-side apply of {@code applied} by {@code manager} to the live object (empty: create).
   *
   * <p>The applied configuration is merged into the live object (map-lists by their keys, set-lists as a
   * union, atomic values replaced); the manager's {@code Apply} entry becomes exactly the fields of the
   * configuration; fields it applied before and applies no more are removed unless another manager owns
   * them. Changing a value owned by another manager is a conflict unless {@code force}, which moves the
   * field to this manager; other managers lose the fields this apply changed or removed. For the manager
   * {@code kubectl}, fields listed in the live object's {@code kubectl.kubernetes.io/last-applied-configuration}
   * annotation (client-side apply) are taken over without conflict, and that annotation, when present, is
   * rewritten to the applied configuration.
   *
   * <p>The result is the merged object with managedFields, not yet defaulted: the real server defaults it
   * after merging (defaulted fields are not owned by the applier), then runs the usual update or create
   * path (strategy, validation, storage).
   *
   * @param live the stored object, empty when absent (apply then creates)
   * @param applied the applied configuration as a tree (the API layer converts YAML first)
   * @param typeName schema type name, e.g. {@code ConfigMap}
   * @param manager field manager (required by the server for apply)
   * @param force whether to take ownership of conflicting fields
   * @param subresource {@code ""} or e.g. {@code status}
   * @param now the write's time
   * @return the object to store, with managedFields
   * @throws ApplyConflictException when another manager owns a field with a different value and not
   *     {@code force}
   * @throws PatchException 400 when the configuration's {@code apiVersion} and {@code kind} are not the
   *     type's ({@code invalid object type: /v1, Kind=ConfigMap}) or it carries {@code metadata.managedFields}
   *     ({@code metadata.managedFields must be nil}), as the server refuses
   */
  public ObjectNode apply(Optional<ObjectNode> live, ObjectNode applied, String typeName, String manager,
      boolean force, String subresource, Instant now) throws ApplyConflictException, PatchException {
    Schema.TypeDef type = schema.type(typeName);
    String kind = applied.path("kind").asText("");
    String apiVersion = applied.path("apiVersion").asText("");
    if (!kind.equals(typeName) || !apiVersion.equals(type.apiVersion())) {
      throw new PatchException(400, "invalid object type: " + groupVersionKind(apiVersion, kind));
    }
    if (ManagedFields.present(applied)) {
      throw new PatchException(400, "metadata.managedFields must be nil");
    }
    Shape root = Shape.root(schema, typeName);
    // kubectl moving from client-side to server-side apply may take over what its last-applied
    // configuration lists without conflict.
    FieldSet allowed = manager.equals(LastApplied.KUBECTL)
        ? LastApplied.allowedConflicts(live, root).orElseGet(FieldSet::new)
        : new FieldSet();
    ObjectNode result = applyOnce(live, applied, root, manager, force, allowed, subresource, now, typeName);
    if (manager.equals(LastApplied.KUBECTL)) {
      LastApplied.sync(result, applied);
    }
    return result;
  }

  /** Go's spelling of a group-version-kind, e.g. {@code /v1, Kind=ConfigMap} or {@code apps/v1, Kind=}. */
  private static String groupVersionKind(String apiVersion, String kind) {
    int slash = apiVersion.indexOf('/');
    String group = slash < 0 ? "" : apiVersion.substring(0, slash);
    String version = slash < 0 ? apiVersion : apiVersion.substring(slash + 1);
    return group + "/" + version + ", Kind=" + kind;
  }

  private ObjectNode applyOnce(Optional<ObjectNode> live, ObjectNode applied, Shape root, String manager,
      boolean force, FieldSet allowed, String subresource, Instant now, String typeName)
      throws ApplyConflictException {
    ManagedFields managed = live.flatMap(ManagedFields::decode).orElseGet(ManagedFields::empty);
    JsonNode before = live.map(o -> (JsonNode) withoutManagedFields(o)).orElseGet(() -> ZeroObjects.of(typeName));
    ObjectNode config = withoutManagedFields(applied);
    // Manifests printed by kubectl carry creationTimestamp: null; server-managed metadata is never cleared by
    // a configuration (the server's update strategy would restore it anyway).
    if (config.get("metadata") instanceof ObjectNode meta) {
      for (String serverField : List.of("creationTimestamp", "uid", "resourceVersion", "generation", "selfLink")) {
        if (meta.has(serverField) && meta.get(serverField).isNull()) {
          meta.remove(serverField);
        }
      }
    }
    // A create merges into nothing, so that the zero value's nulls stay out of the result; ownership is
    // still computed against the zero value, as for any create.
    JsonNode base = live.isPresent() ? before : JsonNodeFactory.instance.objectNode();
    ObjectNode merged = (ObjectNode) ApplyMerge.merge(base, config, root);
    FieldSet reset = ResetFields.of(schema, typeName, subresource);
    // Server metadata (name, namespace, ...) is stripped from the sets only after pruning, so that it
    // protects metadata from being pruned, as in the server where the strip wraps the merge.
    FieldSet appliedSet = FieldPaths.toFieldSet(config, root).withoutPrefixes(reset);
    String apiVersion = applied.get("apiVersion").asText();

    ManagedFields.Entry mine = managed.find(manager, "Apply", apiVersion, subresource).orElseGet(() -> {
      ManagedFields.Entry e = new ManagedFields.Entry(manager, "Apply", apiVersion, subresource, null, new FieldSet());
      managed.entries.add(e);
      return e;
    });
    FieldSet lastSet = mine.fields;
    mine.fields = appliedSet;
    mine.apiVersion = apiVersion;
    if (!lastSet.isEmpty()) {
      ApplyMerge.prune(merged, root, lastSet, managed.ownedByAnyone());
    }

    FieldPaths.Comparison cmp = FieldPaths.compare(before, merged, root);
    FieldSet changed = cmp.changed().withoutPrefixes(reset);
    FieldSet removed = cmp.removed().withoutPrefixes(reset);
    List<ApplyConflictException.Conflict> conflicts = new ArrayList<>();
    for (ManagedFields.Entry e : managed.entries) {
      if (e == mine) {
        continue;
      }
      for (List<PathElement> p : e.fields.intersection(changed).members()) {
        if (!allowed.contains(p)) {
          conflicts.add(new ApplyConflictException.Conflict(e.manager, display(p), "conflict with " + e.describe()));
        }
      }
    }
    if (!force && !conflicts.isEmpty()) {
      throw ApplyConflictException.of(conflicts);
    }
    for (ManagedFields.Entry e : managed.entries) {
      if (e != mine) {
        e.fields = e.fields.difference(changed).difference(removed);
      }
    }
    for (ManagedFields.Entry e : managed.entries) {
      e.fields = ResetFields.strip(e.fields);
    }
    if (!live.isPresent() || !JsonValues.equal(before, merged)) {
      mine.time = ManagedFields.format(now);
    }
    managed.removeEmpty();
    managed.capUpdateManagers();
    managed.encodeInto(merged);
    return merged;
  }

  private static String display(List<PathElement> path) {
    StringBuilder b = new StringBuilder();
    path.forEach(pe -> b.append(pe.display()));
    return b.toString();
  }

  /** The managedFields the write starts from, as the server picks them. */
  private static ManagedFields existing(Optional<ObjectNode> oldObject, ObjectNode newObject, String subresource) {
    Optional<ManagedFields> fromOld = oldObject.isPresent()
        ? ManagedFields.decode(oldObject.get())
        : Optional.of(ManagedFields.empty());
    if (!subresource.isEmpty()) {
      return fromOld.orElseGet(ManagedFields::empty);
    }
    if (ManagedFields.isReset(newObject)) {
      return ManagedFields.empty();
    }
    Optional<ManagedFields> fromNew = ManagedFields.decode(newObject);
    if (fromNew.isPresent() && !fromNew.get().entries.isEmpty()) {
      return fromNew.get();
    }
    return fromOld.orElseGet(ManagedFields::empty);
  }

  private String apiVersion(JsonNode object, String typeName) {
    JsonNode v = object.get("apiVersion");
    return v != null && v.isTextual() && !v.asText().isEmpty() ? v.asText() : schema.type(typeName).apiVersion();
  }

  /**
   * {@code o} without its managedFields, to be read only: it shares everything below the top level and the
   * metadata with {@code o}, and is {@code o} when there are none, so that a write does not copy whole objects
   * only to compare them.
   */
  private static ObjectNode managedFieldsHidden(ObjectNode o) {
    if (!(o.get("metadata") instanceof ObjectNode m) || !m.has("managedFields")) {
      return o;
    }
    ObjectNode metadata = m.objectNode().setAll(m);
    metadata.remove("managedFields");
    ObjectNode view = o.objectNode().setAll(o);
    view.set("metadata", metadata);
    return view;
  }

  private static ObjectNode withoutManagedFields(ObjectNode o) {
    ObjectNode copy = o.deepCopy();
    if (copy.get("metadata") instanceof ObjectNode m) {
      m.remove("managedFields");
    }
    return copy;
  }
}
