package dev.skiff.fake.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Kubernetes strategic merge patch, applied as the API server does (apimachinery's {@code strategicpatch}
 * with {@code MergeParallelList} and {@code IgnoreUnmatchedNulls}), driven by the schema's
 * {@code patchStrategy} and {@code mergeKey} facts instead of Go struct tags.
 *
 * <p>Semantics: objects merge key by key and {@code null} deletes a key; lists whose field has the
 * {@code merge} strategy merge — lists of objects by the merge key (e.g. containers by {@code name}),
 * lists of scalars as a union (e.g. finalizers) — and every other list is replaced. Directives:
 * {@code $patch: replace} and {@code $patch: delete} in an object (the latter leaves an empty object),
 * {@code {"$patch": "delete", <key>: v}} and {@code {"$patch": "replace"}} elements in a merge list,
 * {@code $deleteFromPrimitiveList/<field>}, {@code $setElementOrder/<field>} (the order kubectl apply
 * sends) and {@code $retainKeys} (keys not listed are cleared). Merged lists keep the order the server
 * gives them: patch items in patch (or {@code $setElementOrder}) order, interleaved with server-only items
 * where their live positions allow.
 */
final class StrategicMergePatch {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final String DIRECTIVE = "$patch";
  private static final String RETAIN_KEYS = "$retainKeys";
  private static final String DELETE_FROM_PRIMITIVE_LIST = "$deleteFromPrimitiveList";
  private static final String SET_ELEMENT_ORDER = "$setElementOrder";

  private StrategicMergePatch() {}

  /** Applies {@code patch} to a copy of {@code target}, an object of the {@code root} shape. */
  static JsonNode apply(JsonNode target, JsonNode patch, Shape root) throws PatchException {
    if (!patch.isObject()) {
      // The handler decodes the body into a Go map first; the message is Go's.
      throw new PatchException(400, "json: cannot unmarshal " + JsonValues.goKindOf(patch)
          + " into Go value of type map[string]interface {}");
    }
    ObjectNode original = target != null && target.isObject() ? (ObjectNode) target.deepCopy() : NODES.objectNode();
    return mergeMap(original, (ObjectNode) patch.deepCopy(), root);
  }

  private static ObjectNode mergeMap(ObjectNode original, ObjectNode patch, Shape shape) throws PatchException {
    JsonNode directive = patch.get(DIRECTIVE);
    if (directive != null) {
      if (directive.isTextual() && directive.asText().equals("replace")) {
        patch.remove(DIRECTIVE);
        return (ObjectNode) clean(patch, shape);
      }
      if (directive.isTextual() && directive.asText().equals("delete")) {
        return NODES.objectNode();
      }
      throw unclassified("unknown patch type: " + directive.asText() + " in map: " + JsonValues.goString(patch));
    }
    applyRetainKeys(original, patch);
    mergeOrderedLists(original, patch, shape);
    for (String k : fieldNames(patch)) {
      JsonNode patchV = patch.get(k);
      String key = k;
      boolean deleteList = false;
      if (k.startsWith(DELETE_FROM_PRIMITIVE_LIST)) {
        key = extractKey(k, DELETE_FROM_PRIMITIVE_LIST, "invalid patch format of primitive list");
        deleteList = true;
      } else if (k.startsWith("$") && shape.kind() != Shape.Kind.UNTYPED) {
        continue; // no field of a typed object starts with '$'; the typed decode would drop it
      }
      if (patchV.isNull()) {
        original.remove(key);
        continue;
      }
      JsonNode originalV = original.get(key);
      Shape child = shape.child(key);
      if (originalV == null || originalV.getNodeType() != patchV.getNodeType()) {
        if (deleteList) {
          continue; // nothing to delete from
        }
        JsonNode added = withoutDirectives(patchV, child);
        if (added == null) {
          original.remove(key);
        } else {
          original.set(key, added);
        }
        continue;
      }
      if (originalV.isObject()) {
        original.set(key, mergeMap((ObjectNode) originalV, (ObjectNode) patchV, child));
      } else if (originalV.isArray()) {
        if (deleteList) {
          // Applied whatever the field's strategy (kubectl v1.33 deletes from args, an atomic list, too).
          original.set(key, deleteFromList((ArrayNode) originalV, (ArrayNode) patchV));
        } else if (child.mergeStrategy()) {
          original.set(key, mergeList((ArrayNode) originalV, (ArrayNode) patchV, child));
        } else {
          original.set(key, clean(patchV, child));
        }
      } else {
        original.set(key, patchV);
      }
    }
    return original;
  }

  /** {@code $retainKeys}: every patched key must be listed, and original keys not listed are cleared. */
  private static void applyRetainKeys(ObjectNode original, ObjectNode patch) throws PatchException {
    JsonNode retain = patch.remove(RETAIN_KEYS);
    if (retain == null) {
      return;
    }
    if (!retain.isArray()) {
      throw new PatchException(400, "invalid patch format of retainKeys");
    }
    Set<String> keep = new HashSet<>();
    retain.forEach(v -> keep.add(v.asText()));
    for (String k : fieldNames(patch)) {
      if (patch.get(k).isNull() || k.startsWith(DELETE_FROM_PRIMITIVE_LIST) || k.startsWith(SET_ELEMENT_ORDER)
          || k.equals(DIRECTIVE)) {
        continue;
      }
      if (!keep.contains(k)) {
        // ErrPatchContentNotMatchRetainKeys, answered as a generic 422.
        throw new PatchException(422, JsonPatch.REJECTED, "patch content doesn't match retainKeys list");
      }
    }
    original.retain(keep);
  }

  /**
   * {@code $setElementOrder/<field>}: merges the field's list (if patched) and orders the result by the
   * directive list, then by the live order for server-only items.
   */
  private static void mergeOrderedLists(ObjectNode original, ObjectNode patch, Shape shape) throws PatchException {
    for (String k : fieldNames(patch)) {
      if (!k.startsWith(SET_ELEMENT_ORDER)) {
        continue;
      }
      JsonNode order = patch.remove(k);
      String key = extractKey(k, SET_ELEMENT_ORDER, "invalid patch format of setElementOrder list");
      if (!order.isArray()) {
        throw new PatchException(400, "invalid patch format of setElementOrder list");
      }
      JsonNode originalV = original.get(key);
      JsonNode patchV = patch.get(key);
      if (originalV != null && !originalV.isArray() || patchV != null && !patchV.isArray()) {
        throw new PatchException(400, "invalid patch format of setElementOrder list");
      }
      Shape child = shape.child(key);
      String mergeKey = child.mergeKey();
      ArrayNode originalList = originalV == null ? null : (ArrayNode) originalV;
      ArrayNode patchList = patchV == null ? null : (ArrayNode) patchV;
      checkOrderConsistent(patchList, (ArrayNode) order, mergeKey);
      ArrayNode merged;
      if (originalList != null && patchList != null) {
        merged = child.mergeStrategy() ? mergeList(originalList, patchList, child) : (ArrayNode) clean(patchList, child);
      } else if (originalList != null) {
        merged = originalList;
      } else if (patchList != null) {
        merged = (ArrayNode) clean(patchList, child);
      } else {
        continue;
      }
      List<JsonNode> inOrder = new ArrayList<>();
      List<JsonNode> serverOnly = new ArrayList<>();
      for (JsonNode item : merged) {
        (indexOf((ArrayNode) order, item, mergeKey) >= 0 ? inOrder : serverOnly).add(item);
      }
      List<JsonNode> originalItems = originalList == null ? List.of() : list(originalList);
      original.set(key, toArray(normalizeOrder(inOrder, serverOnly, list((ArrayNode) order), originalItems, mergeKey)));
      patch.remove(key);
    }
  }

  /** The relative order of the patch list's items must agree with the {@code $setElementOrder} list. */
  private static void checkOrderConsistent(ArrayNode patchList, ArrayNode order, String mergeKey)
      throws PatchException {
    if (patchList == null || patchList.isEmpty() || order.isEmpty()) {
      return;
    }
    List<JsonNode> items = new ArrayList<>();
    for (JsonNode item : patchList) {
      if (!item.has(DIRECTIVE)) {
        items.add(item);
      }
    }
    int p = 0;
    int o = 0;
    while (p < items.size() && o < order.size()) {
      if (sameItem(items.get(p), order.get(o), mergeKey)) {
        p++;
      }
      o++;
    }
    if (p < items.size()) {
      throw unclassified("The order in patch list:\n" + JsonValues.goString(patchList) + "\n doesn't match "
          + SET_ELEMENT_ORDER + " list:\n" + JsonValues.goString(order) + "\n");
    }
  }

  private static ArrayNode mergeList(ArrayNode originalList, ArrayNode patchList, Shape listShape)
      throws PatchException {
    if (originalList.isEmpty() && patchList.isEmpty()) {
      return originalList;
    }
    JsonNodeKind kind = elementKind(originalList, patchList);
    String mergeKey = listShape.mergeKey();
    List<JsonNode> original = list(originalList);
    List<JsonNode> patch = list(patchList);
    List<JsonNode> merged;
    if (kind != JsonNodeKind.OBJECT) {
      merged = dedupe(original, patch);
    } else {
      if (mergeKey.isEmpty()) {
        throw unclassified("cannot merge lists without merge key for type map");
      }
      boolean replace = false;
      List<JsonNode> plain = new ArrayList<>();
      for (JsonNode item : patch) {
        JsonNode d = item.get(DIRECTIVE);
        if (d == null) {
          plain.add(item);
        } else if (d.asText().equals("delete")) {
          JsonNode keyValue = item.get(mergeKey);
          if (keyValue == null) {
            throw unclassified("map: " + JsonValues.goString(item) + " does not contain declared merge key: " + mergeKey);
          }
          original.removeIf(o -> JsonValues.equal(o.get(mergeKey), keyValue));
        } else if (d.asText().equals("replace")) {
          replace = true;
        } else if (d.asText().equals("merge")) {
          throw unclassified("merging lists cannot yet be specified in the patch");
        } else {
          throw unclassified("unknown patch type: " + d.asText() + " in map: " + JsonValues.goString(item));
        }
      }
      if (replace) {
        original = new ArrayList<>();
        for (JsonNode item : plain) {
          original.add(clean(item, listShape.element()));
        }
        patch = List.of();
      } else {
        patch = plain;
      }
      merged = new ArrayList<>(original);
      for (JsonNode item : patch) {
        JsonNode keyValue = item.get(mergeKey);
        if (keyValue == null) {
          throw unclassified("map: " + JsonValues.goString(item) + " does not contain declared merge key: " + mergeKey);
        }
        int at = -1;
        for (int i = 0; i < merged.size(); i++) {
          if (JsonValues.equal(merged.get(i).get(mergeKey), keyValue)) {
            at = i;
            break;
          }
        }
        if (at >= 0) {
          merged.set(at, mergeMap((ObjectNode) merged.get(at), (ObjectNode) item, listShape.element()));
        } else {
          merged.add(clean(item, listShape.element()));
        }
      }
    }
    List<JsonNode> patchItems = new ArrayList<>();
    List<JsonNode> serverOnly = new ArrayList<>();
    ArrayNode patchOrder = toArray(patch);
    for (JsonNode item : merged) {
      (indexOf(patchOrder, item, kind == JsonNodeKind.OBJECT ? mergeKey : "") >= 0 ? patchItems : serverOnly)
          .add(item);
    }
    return toArray(normalizeOrder(patchItems, serverOnly, patch, original,
        kind == JsonNodeKind.OBJECT ? mergeKey : ""));
  }

  private static ArrayNode deleteFromList(ArrayNode current, ArrayNode toDelete) {
    ArrayNode out = NODES.arrayNode();
    for (JsonNode v : current) {
      boolean drop = false;
      for (JsonNode d : toDelete) {
        drop |= JsonValues.equal(v, d);
      }
      if (!drop) {
        out.add(v);
      }
    }
    return out;
  }

  /** Union of two scalar lists without duplicates, first occurrence kept. */
  private static List<JsonNode> dedupe(List<JsonNode> a, List<JsonNode> b) {
    List<JsonNode> out = new ArrayList<>();
    for (List<JsonNode> l : List.of(a, b)) {
      for (JsonNode v : l) {
        if (out.stream().noneMatch(x -> JsonValues.equal(x, v))) {
          out.add(v);
        }
      }
    }
    return out;
  }

  /**
   * Sorts the patch items by {@code patchOrder} and the server-only items by {@code serverOrder}, then
   * interleaves them: a server-only item goes before a patch item only when both are in the live list and
   * it came first there.
   */
  private static List<JsonNode> normalizeOrder(List<JsonNode> patchItems, List<JsonNode> serverOnly,
      List<JsonNode> patchOrder, List<JsonNode> serverOrder, String mergeKey) {
    ArrayNode pOrder = toArray(patchOrder);
    ArrayNode sOrder = toArray(serverOrder);
    List<JsonNode> right = sortBy(patchItems, pOrder, mergeKey);
    List<JsonNode> left = sortBy(serverOnly, sOrder, mergeKey);
    List<JsonNode> out = new ArrayList<>();
    int i = 0;
    int j = 0;
    while (i < left.size() || j < right.size()) {
      if (i >= left.size()) {
        out.add(right.get(j++));
      } else if (j >= right.size()) {
        out.add(left.get(i++));
      } else {
        int li = indexOf(sOrder, left.get(i), mergeKey);
        int ri = indexOf(sOrder, right.get(j), mergeKey);
        if (li >= 0 && ri >= 0 && li < ri) {
          out.add(left.get(i++));
        } else {
          out.add(right.get(j++));
        }
      }
    }
    return out;
  }

  /**
   * Stable insertion sort by position in {@code order}, with the server's comparison (an item missing
   * from {@code order} counts as smaller); {@code $patch: delete} items go last.
   */
  private static List<JsonNode> sortBy(List<JsonNode> items, ArrayNode order, String mergeKey) {
    List<JsonNode> toSort = new ArrayList<>();
    List<JsonNode> deletes = new ArrayList<>();
    for (JsonNode item : items) {
      (item.isObject() && item.path(DIRECTIVE).asText().equals("delete") ? deletes : toSort).add(item);
    }
    for (int i = 1; i < toSort.size(); i++) {
      for (int j = i; j > 0 && lessByOrder(toSort.get(j), toSort.get(j - 1), order, mergeKey); j--) {
        JsonNode t = toSort.get(j);
        toSort.set(j, toSort.get(j - 1));
        toSort.set(j - 1, t);
      }
    }
    toSort.addAll(deletes);
    return toSort;
  }

  private static boolean lessByOrder(JsonNode a, JsonNode b, ArrayNode order, String mergeKey) {
    int ia = indexOf(order, a, mergeKey);
    int ib = indexOf(order, b, mergeKey);
    if (ia >= 0 && ib >= 0) {
      return ia < ib;
    }
    return true;
  }

  private static int indexOf(ArrayNode list, JsonNode item, String mergeKey) {
    for (int i = 0; i < list.size(); i++) {
      if (sameItem(list.get(i), item, mergeKey)) {
        return i;
      }
    }
    return -1;
  }

  private static boolean sameItem(JsonNode a, JsonNode b, String mergeKey) {
    if (mergeKey.isEmpty()) {
      return JsonValues.equal(a, b);
    }
    return a.isObject() && b.isObject() && a.get(mergeKey) != null && JsonValues.equal(a.get(mergeKey), b.get(mergeKey));
  }

  /** The kinds of list elements the server distinguishes. */
  private enum JsonNodeKind { OBJECT, SCALAR }

  private static JsonNodeKind elementKind(ArrayNode a, ArrayNode b) throws PatchException {
    com.fasterxml.jackson.databind.node.JsonNodeType seen = null;
    for (ArrayNode l : List.of(a, b)) {
      for (JsonNode v : l) {
        if (v.isArray()) {
          // ErrNoListOfLists, answered as a generic 422.
          throw new PatchException(422, JsonPatch.REJECTED, "lists of lists are not supported");
        }
        if (seen != null && seen != v.getNodeType()) {
          throw unclassified("list element types are not identical: " + JsonValues.goString(a) + " " + JsonValues.goString(b));
        }
        seen = v.getNodeType();
      }
    }
    return seen == com.fasterxml.jackson.databind.node.JsonNodeType.OBJECT ? JsonNodeKind.OBJECT : JsonNodeKind.SCALAR;
  }

  private static String extractKey(String key, String prefix, String formatError) throws PatchException {
    int slash = key.indexOf('/');
    if (slash < 0 || !key.substring(0, slash).equals(prefix)) {
      throw new PatchException(400, formatError);
    }
    return key.substring(slash + 1);
  }

  /**
   * A value the patch sets where the target has none or one of another type, as the server takes it: nulls
   * in objects are dropped (IgnoreUnmatchedNulls), and every object holding a {@code $patch} directive is
   * dropped whole (from its parent object or list); null when the value itself is dropped. Other directive
   * keys go as with {@link #clean}.
   */
  private static JsonNode withoutDirectives(JsonNode v, Shape shape) {
    if (v.isObject()) {
      if (v.has(DIRECTIVE)) {
        return null;
      }
      ObjectNode out = NODES.objectNode();
      for (Map.Entry<String, JsonNode> e : v.properties()) {
        if (e.getValue().isNull() || e.getKey().startsWith("$") && shape.kind() != Shape.Kind.UNTYPED) {
          continue;
        }
        JsonNode child = withoutDirectives(e.getValue(), shape.child(e.getKey()));
        if (child != null) {
          out.set(e.getKey(), child);
        }
      }
      return out;
    }
    if (v.isArray()) {
      ArrayNode out = NODES.arrayNode();
      for (JsonNode item : v) {
        JsonNode kept = withoutDirectives(item, shape.element());
        if (kept != null) {
          out.add(kept);
        }
      }
      return out;
    }
    return v;
  }

  /**
   * A value the server takes from the patch as it is (an element appended to a merge list, a replacing
   * list or object), as it reads after decoding into the typed object: nulls and directive keys of typed
   * objects are gone, while an object that held a {@code $patch} directive stays as a plain object.
   */
  private static JsonNode clean(JsonNode v, Shape shape) {
    if (v.isObject()) {
      ObjectNode out = NODES.objectNode();
      for (Map.Entry<String, JsonNode> e : v.properties()) {
        if (e.getValue().isNull() || e.getKey().startsWith("$") && shape.kind() != Shape.Kind.UNTYPED) {
          continue;
        }
        out.set(e.getKey(), clean(e.getValue(), shape.child(e.getKey())));
      }
      return out;
    }
    if (v.isArray()) {
      ArrayNode out = NODES.arrayNode();
      for (JsonNode item : v) {
        out.add(clean(item, shape.element()));
      }
      return out;
    }
    return v;
  }

  /** An error the server does not classify: it answers 500 with the error's text. */
  private static PatchException unclassified(String message) {
    return new PatchException(500, message);
  }

  private static List<String> fieldNames(ObjectNode o) {
    List<String> names = new ArrayList<>();
    o.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static List<JsonNode> list(ArrayNode a) {
    List<JsonNode> out = new ArrayList<>();
    a.forEach(out::add);
    return out;
  }

  private static ArrayNode toArray(List<JsonNode> items) {
    ArrayNode a = NODES.arrayNode();
    items.forEach(a::add);
    return a;
  }
}
