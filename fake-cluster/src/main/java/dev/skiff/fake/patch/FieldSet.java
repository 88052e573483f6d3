package dev.skiff.fake.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/**
 * A set of field paths, the unit of field ownership in {@code metadata.managedFields}: a trie whose nodes
 * record whether their own path is a member.
 *
 * <p>Serialized as {@code FieldsV1}: one JSON object per node, keyed by {@link PathElement}s in order, where
 * {@code "."} marks a node that is itself a member and also has members below it, e.g.
 * {@code {"f:data":{".":{},"f:a":{}}}} holds {@code .data} and {@code .data.a}.
 */
final class FieldSet {
  private boolean member;
  private final TreeMap<PathElement, FieldSet> children = new TreeMap<>();

  /** An empty set. */
  FieldSet() {}

  /** Parses a {@code FieldsV1} object. */
  static FieldSet fromJson(JsonNode fields) {
    FieldSet s = new FieldSet();
    s.readChildren(fields);
    return s;
  }

  private void readChildren(JsonNode node) {
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      if (e.getKey().equals(".")) {
        continue;
      }
      FieldSet child = children.computeIfAbsent(PathElement.parse(e.getKey()), k -> new FieldSet());
      JsonNode v = e.getValue();
      // A leaf ({}) is a member; an inner node is a member only when it holds ".".
      if (v.isEmpty() || v.has(".")) {
        child.member = true;
      }
      child.readChildren(v);
    }
  }

  /** The {@code FieldsV1} form. */
  ObjectNode toJson() {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    for (Map.Entry<PathElement, FieldSet> e : children.entrySet()) {
      FieldSet c = e.getValue();
      ObjectNode node = c.toJson();
      if (c.member && !node.isEmpty()) {
        ObjectNode withDot = JsonNodeFactory.instance.objectNode();
        withDot.set(".", JsonNodeFactory.instance.objectNode());
        withDot.setAll(node);
        node = withDot;
      }
      out.set(e.getKey().toString(), node);
    }
    return out;
  }

  /** Adds a path (the empty path is never a member). */
  void insert(List<PathElement> path) {
    if (path.isEmpty()) {
      return;
    }
    FieldSet n = this;
    for (PathElement pe : path) {
      n = n.children.computeIfAbsent(pe, k -> new FieldSet());
    }
    n.member = true;
  }

  /** Whether the path is a member. */
  boolean contains(List<PathElement> path) {
    FieldSet n = node(path);
    return n != null && n.member && !path.isEmpty();
  }

  /** Whether the path or any path below it is a member. */
  boolean containsPrefixOf(List<PathElement> path) {
    FieldSet n = node(path);
    return n != null && (n.member || !n.isEmpty());
  }

  /** The subtree at {@code path}, or null. */
  FieldSet node(List<PathElement> path) {
    FieldSet n = this;
    for (PathElement pe : path) {
      n = n.children.get(pe);
      if (n == null) {
        return null;
      }
    }
    return n;
  }

  /** Whether the set has no members. */
  boolean isEmpty() {
    return !member && children.values().stream().allMatch(FieldSet::isEmpty);
  }

  /** Members of this or {@code other}. */
  FieldSet union(FieldSet other) {
    FieldSet out = copy();
    other.forEachMember((p, unused) -> out.insert(p));
    return out;
  }

  /** Members of this that are not members of {@code other} (paths below removed members stay). */
  FieldSet difference(FieldSet other) {
    FieldSet out = new FieldSet();
    forEachMember((p, unused) -> {
      if (!other.contains(p)) {
        out.insert(p);
      }
    });
    return out;
  }

  /** Members of both. */
  FieldSet intersection(FieldSet other) {
    FieldSet out = new FieldSet();
    forEachMember((p, unused) -> {
      if (other.contains(p)) {
        out.insert(p);
      }
    });
    return out;
  }

  /** Members of this that neither are members of {@code prefixes} nor lie below one. */
  FieldSet withoutPrefixes(FieldSet prefixes) {
    FieldSet out = new FieldSet();
    forEachMember((p, unused) -> {
      for (int i = 1; i <= p.size(); i++) {
        if (prefixes.contains(p.subList(0, i))) {
          return;
        }
      }
      out.insert(p);
    });
    return out;
  }

  /** A deep copy. */
  FieldSet copy() {
    FieldSet out = new FieldSet();
    forEachMember((p, unused) -> out.insert(p));
    return out;
  }

  /** Visits every member path, parents before children, in serialization order. */
  void forEachMember(BiConsumer<List<PathElement>, FieldSet> visitor) {
    walk(new ArrayList<>(), visitor);
  }

  private void walk(List<PathElement> prefix, BiConsumer<List<PathElement>, FieldSet> visitor) {
    for (Map.Entry<PathElement, FieldSet> e : children.entrySet()) {
      prefix.add(e.getKey());
      if (e.getValue().member) {
        visitor.accept(List.copyOf(prefix), e.getValue());
      }
      e.getValue().walk(prefix, visitor);
      prefix.remove(prefix.size() - 1);
    }
  }

  /** Member paths, parents before children. */
  List<List<PathElement>> members() {
    List<List<PathElement>> out = new ArrayList<>();
    forEachMember((p, unused) -> out.add(p));
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FieldSet s && members().equals(s.members());
  }

  @Override
  public int hashCode() {
    return members().hashCode();
  }

  @Override
  public String toString() {
    return toJson().toString();
  }
}
