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
 * The tree operations of server-side apply, as structured-merge-diff performs them: merging an applied
 * configuration into the live object, and pruning the fields an applier stopped applying.
 */
final class ApplyMerge {
  private ApplyMerge() {}

  /**
   * Merges {@code config} over {@code live}: leaves and atomic values take the configuration's value,
   * objects merge field by field, map-lists merge element by element on their keys and set-lists take the
   * union. Returns null where the result is absent (a {@code null} in the configuration clears the field).
   */
  static JsonNode merge(JsonNode live, JsonNode config, Shape s) {
    if (config == null) {
      return live;
    }
    if (config.isNull()) {
      return null;
    }
    if (live == null || live.isNull() || FieldPaths.isLeaf(s, live, config)) {
      return withoutNulls(config);
    }
    if (s.kind() == Shape.Kind.LIST) {
      return mergeList((ArrayNode) live, (ArrayNode) config, s);
    }
    ObjectNode out = ((ObjectNode) live).deepCopy();
    for (Map.Entry<String, JsonNode> e : config.properties()) {
      JsonNode merged = merge(out.get(e.getKey()), e.getValue(), s.child(e.getKey()));
      if (merged == null) {
        out.remove(e.getKey());
      } else {
        out.set(e.getKey(), merged);
      }
    }
    return out;
  }

  /**
   * Merges two non-atomic lists. The order follows structured-merge-diff: live-only items keep their
   * places, items in both come in the configuration's order, and configuration-only items follow the
   * configuration item before them.
   */
  private static JsonNode mergeList(ArrayNode live, ArrayNode config, Shape s) {
    List<PathElement> lhs = new ArrayList<>(FieldPaths.elements(live, s).keySet());
    Map<PathElement, JsonNode> lhsItems = FieldPaths.elements(live, s);
    List<PathElement> rhs = new ArrayList<>(FieldPaths.elements(config, s).keySet());
    Map<PathElement, JsonNode> rhsItems = FieldPaths.elements(config, s);
    List<PathElement> shared = new ArrayList<>();
    for (PathElement pe : rhs) {
      if (lhsItems.containsKey(pe)) {
        shared.add(pe);
      }
    }
    int nextShared = 0;
    Shape element = s.element();
    ArrayNode out = JsonNodeFactory.instance.arrayNode();
    int l = 0;
    int r = 0;
    Set<PathElement> emitted = new HashSet<>();
    while (l < lhs.size() || r < rhs.size()) {
      if (l < lhs.size() && emitted.contains(lhs.get(l))) {
        l++; // already merged in from the configuration side
        continue;
      }
      if (l < lhs.size() && r < rhs.size()) {
        PathElement pe = lhs.get(l);
        if (pe.equals(rhs.get(r))) {
          addIfPresent(out, merge(lhsItems.get(pe), rhsItems.get(pe), element));
          emitted.add(pe);
          l++;
          r++;
          if (nextShared < shared.size() && shared.get(nextShared).equals(pe)) {
            nextShared++;
          }
          continue;
        }
        if (rhsItems.containsKey(pe) && nextShared < shared.size() && !shared.get(nextShared).equals(pe)) {
          l++; // a shared item whose turn has not come: it is placed in the configuration's order
          continue;
        }
      }
      if (l < lhs.size()) {
        PathElement pe = lhs.get(l);
        if (!rhsItems.containsKey(pe)) {
          out.add(lhsItems.get(pe));
          l++;
          continue;
        }
      }
      if (r < rhs.size()) {
        PathElement pe = rhs.get(r);
        addIfPresent(out, merge(lhsItems.get(pe), rhsItems.get(pe), element));
        emitted.add(pe);
        r++;
        if (nextShared < shared.size() && shared.get(nextShared).equals(pe)) {
          nextShared++;
        }
      }
    }
    return out;
  }

  private static void addIfPresent(ArrayNode out, JsonNode v) {
    if (v != null) {
      out.add(v);
    }
  }

  private static JsonNode withoutNulls(JsonNode v) {
    if (v.isObject()) {
      ObjectNode out = JsonNodeFactory.instance.objectNode();
      v.properties().forEach(e -> {
        if (!e.getValue().isNull()) {
          out.set(e.getKey(), withoutNulls(e.getValue()));
        }
      });
      return out;
    }
    if (v.isArray()) {
      ArrayNode out = JsonNodeFactory.instance.arrayNode();
      v.forEach(x -> out.add(withoutNulls(x)));
      return out;
    }
    return v;
  }

  /**
   * Removes from {@code merged} (in place) what the applier owned before ({@code lastSet}) and nobody owns
   * now ({@code owned}, every manager's set after this apply, updaters included): a field, map key or list
   * element that appears in {@code lastSet} goes whole — with anything nobody owns below it — when no path
   * at or below it is owned; otherwise only its unowned parts below go. Fields the applier never owned
   * stay, and so do the key fields of a kept map-list element.
   */
  static void prune(JsonNode merged, Shape s, FieldSet lastSet, FieldSet owned) {
    prune(merged, s, new ArrayList<>(), lastSet, owned, Set.of());
  }

  private static void prune(JsonNode node, Shape s, List<PathElement> path, FieldSet lastSet, FieldSet owned,
      Set<String> keepFields) {
    if (node == null || node.isNull() || FieldPaths.isLeaf(s, node, null)) {
      return;
    }
    if (s.kind() == Shape.Kind.LIST) {
      ArrayNode list = (ArrayNode) node;
      Shape element = s.element();
      Set<String> keys = s.isMapList() ? new HashSet<>(s.listMapKeys()) : Set.of();
      for (int i = list.size() - 1; i >= 0; i--) {
        path.add(FieldPaths.elementPath(list.get(i), i, s));
        if (lastSet.node(path) != null && !owned.containsPrefixOf(path)) {
          list.remove(i);
        } else if (lastSet.node(path) != null) {
          prune(list.get(i), element, path, lastSet, owned, keys);
        }
        path.remove(path.size() - 1);
      }
      return;
    }
    ObjectNode obj = (ObjectNode) node;
    List<String> names = new ArrayList<>();
    obj.fieldNames().forEachRemaining(names::add);
    for (String k : names) {
      if (keepFields.contains(k)) {
        continue;
      }
      path.add(PathElement.field(k));
      if (lastSet.node(path) != null && !owned.containsPrefixOf(path)) {
        obj.remove(k);
      } else if (lastSet.node(path) != null) {
        prune(obj.get(k), s.child(k), path, lastSet, owned, Set.of());
      }
      path.remove(path.size() - 1);
    }
  }
}
