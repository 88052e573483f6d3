package dev.skiff.fake.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
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
    writeChildren(out);
    return out;
  }

  private void writeChildren(ObjectNode out) {
    for (Map.Entry<PathElement, FieldSet> e : children.entrySet()) {
      FieldSet c = e.getValue();
      ObjectNode node = out.putObject(e.getKey().toString());
      if (c.member && !c.children.isEmpty()) {
        node.putObject(".");
      }
      c.writeChildren(node);
    }
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

  /**
   * Inserts the paths of a depth-first walk into a set: a path that starts with the same element objects as
   * the one inserted before reuses the trie nodes found for them, so a walk does not descend from the root
   * for every path. The result is that of {@link #insert} for each path.
   */
  static final class Inserter {
    private final FieldSet set;
    /** The elements of the path inserted last, up to {@link #depth}. */
    private PathElement[] elements = new PathElement[8];
    /** {@code nodes[i]}: the node of the first {@code i} of {@link #elements}; {@code nodes[0]} is the set. */
    private FieldSet[] nodes = new FieldSet[9];
    private int depth;

    /** An inserter into {@code set}. */
    Inserter(FieldSet set) {
      this.set = set;
      nodes[0] = set;
    }

    /** The set inserted into. */
    FieldSet set() {
      return set;
    }

    /** Adds a path (the empty path is never a member). */
    void insert(List<PathElement> path) {
      int n = path.size();
      if (n == 0) {
        return;
      }
      if (n > elements.length) {
        elements = Arrays.copyOf(elements, Math.max(n, 2 * elements.length));
        nodes = Arrays.copyOf(nodes, elements.length + 1);
      }
      int i = 0;
      // Identity is enough: a walk's paths share the element objects of their common prefix.
      while (i < depth && i < n && elements[i] == path.get(i)) {
        i++;
      }
      FieldSet node = nodes[i];
      for (; i < n; i++) {
        PathElement pe = path.get(i);
        node = node.children.computeIfAbsent(pe, k -> new FieldSet());
        elements[i] = pe;
        nodes[i + 1] = node;
      }
      depth = n;
      node.member = true;
    }
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
    if (member) {
      return false;
    }
    for (FieldSet c : children.values()) {
      if (!c.isEmpty()) {
        return false;
      }
    }
    return true;
  }

  /** Members of this or {@code other}. */
  FieldSet union(FieldSet other) {
    return union(this, other).asRoot();
  }

  private static FieldSet union(FieldSet a, FieldSet b) {
    FieldSet out = new FieldSet();
    out.member = a.member || b.member;
    Iterator<Map.Entry<PathElement, FieldSet>> ia = a.children.entrySet().iterator();
    Iterator<Map.Entry<PathElement, FieldSet>> ib = b.children.entrySet().iterator();
    Map.Entry<PathElement, FieldSet> ea = ia.hasNext() ? ia.next() : null;
    Map.Entry<PathElement, FieldSet> eb = ib.hasNext() ? ib.next() : null;
    while (ea != null || eb != null) {
      int c = ea == null ? 1 : eb == null ? -1 : ea.getKey().compareTo(eb.getKey());
      if (c < 0) {
        out.attach(ea.getKey(), ea.getValue().copy());
      } else if (c > 0) {
        out.attach(eb.getKey(), eb.getValue().copy());
      } else {
        // Of two equal elements this set's is kept, as when the other's paths were inserted into a copy.
        out.attach(ea.getKey(), union(ea.getValue(), eb.getValue()));
      }
      if (c <= 0) {
        ea = ia.hasNext() ? ia.next() : null;
      }
      if (c >= 0) {
        eb = ib.hasNext() ? ib.next() : null;
      }
    }
    return out;
  }

  /** Members of this that are not members of {@code other} (paths below removed members stay). */
  FieldSet difference(FieldSet other) {
    return difference(this, other).asRoot();
  }

  /** The members of {@code s} that are not members of {@code other}, which may be null for none. */
  private static FieldSet difference(FieldSet s, FieldSet other) {
    if (other == null) {
      return s.copy();
    }
    FieldSet out = new FieldSet();
    out.member = s.member && !other.member;
    for (Map.Entry<PathElement, FieldSet> e : s.children.entrySet()) {
      FieldSet o = other.children.isEmpty() ? null : other.children.get(e.getKey());
      out.attach(e.getKey(), difference(e.getValue(), o));
    }
    return out;
  }

  /** Members of both. */
  FieldSet intersection(FieldSet other) {
    return intersection(this, other).asRoot();
  }

  private static FieldSet intersection(FieldSet a, FieldSet b) {
    FieldSet out = new FieldSet();
    out.member = a.member && b.member;
    if (b.children.isEmpty()) {
      return out;
    }
    for (Map.Entry<PathElement, FieldSet> e : a.children.entrySet()) {
      FieldSet o = b.children.get(e.getKey());
      if (o != null) {
        out.attach(e.getKey(), intersection(e.getValue(), o));
      }
    }
    return out;
  }

  /** Members of this that neither are members of {@code prefixes} nor lie below one. */
  FieldSet withoutPrefixes(FieldSet prefixes) {
    return withoutPrefixes(this, prefixes).asRoot();
  }

  /** The members of {@code s} kept when the prefixes above it are none of {@code prefixes}' members. */
  private static FieldSet withoutPrefixes(FieldSet s, FieldSet prefixes) {
    if (prefixes.children.isEmpty()) {
      return s.copy();
    }
    FieldSet out = new FieldSet();
    out.member = s.member;
    for (Map.Entry<PathElement, FieldSet> e : s.children.entrySet()) {
      FieldSet p = prefixes.children.get(e.getKey());
      if (p == null) {
        out.attach(e.getKey(), e.getValue().copy());
      } else if (!p.member) {
        out.attach(e.getKey(), withoutPrefixes(e.getValue(), p));
      }
    }
    return out;
  }

  /** A deep copy. */
  FieldSet copy() {
    FieldSet out = new FieldSet();
    out.member = member;
    for (Map.Entry<PathElement, FieldSet> e : children.entrySet()) {
      out.attach(e.getKey(), e.getValue().copy());
    }
    return out;
  }

  /**
   * Adds {@code child} below {@code pe} unless it holds no member, so that results of the set operations have
   * no empty branches, as sets built by {@link #insert} have none.
   */
  private void attach(PathElement pe, FieldSet child) {
    if (child.member || !child.children.isEmpty()) {
      children.put(pe, child);
    }
  }

  /** This node as the root of a set: the empty path is never a member. */
  private FieldSet asRoot() {
    member = false;
    return this;
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

  /** Sets are equal when they have the same members (the tries of equal sets have the same shape). */
  @Override
  public boolean equals(Object o) {
    return o instanceof FieldSet s && sameMembers(this, s);
  }

  private static boolean sameMembers(FieldSet a, FieldSet b) {
    if (a.member != b.member || a.children.size() != b.children.size()) {
      return false;
    }
    Iterator<Map.Entry<PathElement, FieldSet>> ib = b.children.entrySet().iterator();
    for (Map.Entry<PathElement, FieldSet> ea : a.children.entrySet()) {
      Map.Entry<PathElement, FieldSet> eb = ib.next();
      if (!ea.getKey().equals(eb.getKey()) || !sameMembers(ea.getValue(), eb.getValue())) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    int h = member ? 1 : 0;
    for (Map.Entry<PathElement, FieldSet> e : children.entrySet()) {
      h = 31 * h + (e.getKey().hashCode() ^ e.getValue().hashCode());
    }
    return h;
  }

  @Override
  public String toString() {
    return toJson().toString();
  }
}
