package dev.skiff.fake.patch;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The field paths of object trees, walked along their schema {@link Shape}: the paths a value sets (what an
 * applier owns) and the paths two values differ in (what an update touches), as structured-merge-diff
 * computes them for the real server.
 *
 * <p>Leaves are scalars and atomic values (atomic lists, maps and structs, lists without a list type, and
 * lists in untyped JSON). A value absent on one side and present on the other is added or removed as a
 * whole: its own path is recorded too, which is where the {@code "."} entries of {@code FieldsV1} come from.
 * A JSON {@code null} counts as present.
 */
final class FieldPaths {
  private FieldPaths() {}

  /**
   * How two objects differ.
   *
   * @param added paths present only in the new object
   * @param modified leaf paths present in both with different values
   * @param removed paths present only in the old object
   */
  record Comparison(FieldSet added, FieldSet modified, FieldSet removed) {
    /** Paths added or modified: what the writer changed. */
    FieldSet changed() {
      return added.union(modified);
    }
  }

  /** Compares an old and a new value of the given shape (either may be null for absent). */
  static Comparison compare(JsonNode oldValue, JsonNode newValue, Shape shape) {
    Recorder c = new Recorder();
    compare(oldValue, newValue, shape, new ArrayList<>(), c);
    return new Comparison(c.added.set(), c.modified.set(), c.removed.set());
  }

  /** The paths a value sets: what an applier of that value owns. */
  static FieldSet toFieldSet(JsonNode value, Shape shape) {
    FieldSet.Inserter set = new FieldSet.Inserter(new FieldSet());
    collect(value, shape, new ArrayList<>(), set);
    return set.set();
  }

  /** Where a comparison records its paths. */
  private static final class Recorder {
    final FieldSet.Inserter added = new FieldSet.Inserter(new FieldSet());
    final FieldSet.Inserter modified = new FieldSet.Inserter(new FieldSet());
    final FieldSet.Inserter removed = new FieldSet.Inserter(new FieldSet());
  }

  private static void compare(JsonNode l, JsonNode r, Shape s, List<PathElement> path, Recorder c) {
    if (isLeaf(s, l, r) || (isEmpty(l) && isEmpty(r))) {
      compareLeaves(l, r, path, c);
      return;
    }
    if (s.kind() == Shape.Kind.LIST) {
      Map<PathElement, JsonNode> left = elements(l, s);
      Map<PathElement, JsonNode> right = elements(r, s);
      Shape element = s.element();
      // Left's elements, then right's new ones.
      for (Map.Entry<PathElement, JsonNode> e : left.entrySet()) {
        path.add(e.getKey());
        compare(e.getValue(), right.get(e.getKey()), element, path, c);
        path.remove(path.size() - 1);
      }
      for (Map.Entry<PathElement, JsonNode> e : right.entrySet()) {
        if (!left.containsKey(e.getKey())) {
          path.add(e.getKey());
          compare(null, e.getValue(), element, path, c);
          path.remove(path.size() - 1);
        }
      }
    } else {
      // Left's fields, then right's new ones.
      if (l != null) {
        for (Map.Entry<String, JsonNode> e : l.properties()) {
          compareField(e.getValue(), r == null ? null : r.get(e.getKey()), s, e.getKey(), path, c);
        }
      }
      if (r != null) {
        for (Map.Entry<String, JsonNode> e : r.properties()) {
          if (l == null || !l.has(e.getKey())) {
            compareField(null, e.getValue(), s, e.getKey(), path, c);
          }
        }
      }
    }
    if (l == null) {
      c.added.insert(path);
    } else if (r == null) {
      c.removed.insert(path);
    }
  }

  /** Compares the values of field {@code name} of an object of shape {@code s}. */
  private static void compareField(JsonNode l, JsonNode r, Shape s, String name, List<PathElement> path,
      Recorder c) {
    path.add(PathElement.field(name));
    // Unless one side has values inside, the field is a leaf whatever its shape, which is then not looked up.
    if (hasValuesInside(l) || hasValuesInside(r)) {
      compare(l, r, s.child(name), path, c);
    } else {
      compareLeaves(l, r, path, c);
    }
    path.remove(path.size() - 1);
  }

  /** Records a difference between two values compared as wholes. */
  private static void compareLeaves(JsonNode l, JsonNode r, List<PathElement> path, Recorder c) {
    if (l == null && r == null) {
      return;
    }
    if (l == null) {
      c.added.insert(path);
    } else if (r == null) {
      c.removed.insert(path);
    } else if (!JsonValues.equal(l, r)) {
      c.modified.insert(path);
    }
  }

  private static boolean hasValuesInside(JsonNode v) {
    return v != null && v.isContainerNode() && !v.isEmpty();
  }

  private static void collect(JsonNode v, Shape s, List<PathElement> path, FieldSet.Inserter set) {
    if (isLeaf(s, v, null)) {
      set.insert(path);
      return;
    }
    if (s.kind() == Shape.Kind.LIST) {
      Shape element = s.element();
      for (Map.Entry<PathElement, JsonNode> e : elements(v, s).entrySet()) {
        path.add(e.getKey());
        collect(e.getValue(), element, path, set);
        set.insert(path);
        path.remove(path.size() - 1);
      }
      return;
    }
    for (Map.Entry<String, JsonNode> e : v.properties()) {
      path.add(PathElement.field(e.getKey()));
      JsonNode child = e.getValue();
      collect(child, s.child(e.getKey()), path, set);
      // The keys of maps are owned themselves; struct fields only through their leaves, so an empty struct
      // value (e.g. securityContext: {}) gives its applier nothing.
      if (s.kind() != Shape.Kind.STRUCT) {
        set.insert(path);
      }
      path.remove(path.size() - 1);
    }
  }

  /** Whether a position is one unit for ownership given the values found there. */
  static boolean isLeaf(Shape s, JsonNode l, JsonNode r) {
    return switch (s.kind()) {
      case SCALAR -> true;
      case LIST -> s.atomic() || notA(l, true) || notA(r, true);
      case STRUCT, MAP -> s.atomic() || notA(l, false) || notA(r, false);
      case UNTYPED -> notA(l, false) || notA(r, false);
    };
  }

  /** Whether {@code v} is present, not null and not of the expected container kind. */
  private static boolean notA(JsonNode v, boolean array) {
    return v != null && !v.isNull() && (array ? !v.isArray() : !v.isObject());
  }

  private static boolean isEmpty(JsonNode v) {
    return v == null || v.isNull() || v.isContainerNode() && v.isEmpty();
  }

  /** The elements of a non-atomic list by their path elements (the last of duplicates wins). */
  static Map<PathElement, JsonNode> elements(JsonNode list, Shape s) {
    Map<PathElement, JsonNode> out = new LinkedHashMap<>();
    if (list == null || !list.isArray()) {
      return out;
    }
    for (int i = 0; i < list.size(); i++) {
      out.putIfAbsent(elementPath(list.get(i), i, s), list.get(i)); // repeated elements: the first counts
    }
    return out;
  }

  /** The path element of a list element: by key fields, by value or by position. */
  static PathElement elementPath(JsonNode element, int index, Shape list) {
    if (list.isMapList() && element.isObject()) {
      if (hasAll(element, list.listMapKeys())) {
        return PathElement.key(element, list.listMapKeys());
      }
      // A missing key field takes its schema default (e.g. protocol TCP), as structured-merge-diff does.
      com.fasterxml.jackson.databind.node.ObjectNode withDefaults = element.deepCopy();
      Shape elem = list.element();
      for (String k : list.listMapKeys()) {
        if (!element.hasNonNull(k)) {
          defaultOf(elem, k).ifPresent(d -> withDefaults.set(k, d));
        }
      }
      return PathElement.key(withDefaults, list.listMapKeys());
    }
    if (list.isSetList()) {
      return PathElement.value(element);
    }
    return PathElement.index(index);
  }

  private static boolean hasAll(JsonNode element, List<String> keys) {
    for (String k : keys) {
      if (!element.hasNonNull(k)) {
        return false;
      }
    }
    return true;
  }

  private static Optional<JsonNode> defaultOf(Shape struct, String field) {
    if (struct.kind() != Shape.Kind.STRUCT) {
      return Optional.empty();
    }
    return struct.schema().type(struct.typeName()).field(field)
        .map(f -> f.facts().get("default"));
  }
}
