package dev.skiff.fake.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * A set of field paths, the unit of field ownership in {@code metadata.managedFields}: a trie whose nodes
 * record whether their own path is a member.
 *
 * <p>Serialized as {@code FieldsV1}: one JSON object per node, keyed by {@link PathElement}s in order, where
 * {@code "."} marks a node that is itself a member and also has members below it, e.g.
 * {@code {"f:data":{".":{},"f:a":{}}}} holds {@code .data} and {@code .data.a}.
 *
 * <p>The set operations work node by node on both tries at once. Their results, like sets built by
 * {@link #insert}, have a member at or below every node but the root (only a malformed {@code FieldsV1}, such
 * as {@code {"f:a":[1]}}, can give a node without). A node keeps its children sorted in arrays: the operations
 * produce them in order, and sets are built and combined on every write while their nodes have few children.
 */
final class FieldSet {
  private static final PathElement[] NO_ELEMENTS = {};
  private static final FieldSet[] NO_NODES = {};

  private boolean member;
  /** The children's elements, ascending; the first {@link #size} are used. */
  private PathElement[] elements = NO_ELEMENTS;
  /** The children, in the order of {@link #elements}. */
  private FieldSet[] nodes = NO_NODES;
  private int size;

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
      FieldSet child = childOrNew(PathElement.parse(e.getKey()));
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
    for (int i = 0; i < size; i++) {
      FieldSet c = nodes[i];
      ObjectNode node = out.putObject(elements[i].toString());
      if (c.member && c.size > 0) {
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
      n = n.childOrNew(pe);
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
        node = node.childOrNew(pe);
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
      n = n.child(pe);
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
    for (int i = 0; i < size; i++) {
      if (!nodes[i].isEmpty()) {
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
    out.reserve(a.size + b.size);
    int i = 0;
    int j = 0;
    while (i < a.size || j < b.size) {
      int c = i == a.size ? 1 : j == b.size ? -1 : a.elements[i].compareTo(b.elements[j]);
      if (c < 0) {
        out.append(a.elements[i], a.nodes[i].copy());
        i++;
      } else if (c > 0) {
        out.append(b.elements[j], b.nodes[j].copy());
        j++;
      } else {
        // Of two equal elements this set's is kept, as when the other's paths were inserted into a copy.
        out.append(a.elements[i], union(a.nodes[i], b.nodes[j]));
        i++;
        j++;
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
    out.reserve(s.size);
    for (int i = 0; i < s.size; i++) {
      out.append(s.elements[i], difference(s.nodes[i], other.child(s.elements[i])));
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
    for (int i = 0; i < a.size && b.size > 0; i++) {
      FieldSet o = b.child(a.elements[i]);
      if (o != null) {
        out.append(a.elements[i], intersection(a.nodes[i], o));
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
    if (prefixes.size == 0) {
      return s.copy();
    }
    FieldSet out = new FieldSet();
    out.member = s.member;
    out.reserve(s.size);
    for (int i = 0; i < s.size; i++) {
      FieldSet p = prefixes.child(s.elements[i]);
      if (p == null) {
        out.append(s.elements[i], s.nodes[i].copy());
      } else if (!p.member) {
        out.append(s.elements[i], withoutPrefixes(s.nodes[i], p));
      }
    }
    return out;
  }

  /** A deep copy (without branches that hold no member). */
  FieldSet copy() {
    FieldSet out = new FieldSet();
    out.member = member;
    out.reserve(size);
    for (int i = 0; i < size; i++) {
      out.append(elements[i], nodes[i].copy());
    }
    return out;
  }

  /** This node as the root of a set: the empty path is never a member. */
  private FieldSet asRoot() {
    member = false;
    return this;
  }

  /** The child at {@code pe}, or null. */
  private FieldSet child(PathElement pe) {
    int i = indexOf(pe);
    return i >= 0 ? nodes[i] : null;
  }

  /** The child at {@code pe}, added empty when missing (an equal element already there is kept). */
  private FieldSet childOrNew(PathElement pe) {
    int i = indexOf(pe);
    if (i >= 0) {
      return nodes[i];
    }
    FieldSet child = new FieldSet();
    insertAt(-i - 1, pe, child);
    return child;
  }

  /** The index of {@code pe} among the children, else {@code -(insertion point) - 1}. */
  private int indexOf(PathElement pe) {
    // Paths mostly come in order, so the last child is tried first.
    if (size == 0) {
      return -1;
    }
    int c = elements[size - 1].compareTo(pe);
    if (c <= 0) {
      return c == 0 ? size - 1 : -size - 1;
    }
    int lo = 0;
    int hi = size - 2;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      c = elements[mid].compareTo(pe);
      if (c < 0) {
        lo = mid + 1;
      } else if (c > 0) {
        hi = mid - 1;
      } else {
        return mid;
      }
    }
    return -lo - 1;
  }

  /**
   * Adds {@code child} after the last child, unless it holds no member, so that results of the set
   * operations have no empty branches, as sets built by {@link #insert} have none.
   */
  private void append(PathElement pe, FieldSet child) {
    if (child.member || child.size > 0) {
      insertAt(size, pe, child);
    }
  }

  private void insertAt(int at, PathElement pe, FieldSet child) {
    if (size == elements.length) {
      reserve(Math.max(4, 2 * size));
    }
    System.arraycopy(elements, at, elements, at + 1, size - at);
    System.arraycopy(nodes, at, nodes, at + 1, size - at);
    elements[at] = pe;
    nodes[at] = child;
    size++;
  }

  /** Makes room for {@code capacity} children. */
  private void reserve(int capacity) {
    if (capacity > elements.length) {
      elements = Arrays.copyOf(elements, capacity);
      nodes = Arrays.copyOf(nodes, capacity);
    }
  }

  /** Visits every member path, parents before children, in serialization order. */
  void forEachMember(BiConsumer<List<PathElement>, FieldSet> visitor) {
    walk(new ArrayList<>(), visitor);
  }

  private void walk(List<PathElement> prefix, BiConsumer<List<PathElement>, FieldSet> visitor) {
    for (int i = 0; i < size; i++) {
      prefix.add(elements[i]);
      if (nodes[i].member) {
        visitor.accept(List.copyOf(prefix), nodes[i]);
      }
      nodes[i].walk(prefix, visitor);
      prefix.remove(prefix.size() - 1);
    }
  }

  /** Member paths, parents before children. */
  List<List<PathElement>> members() {
    List<List<PathElement>> out = new ArrayList<>();
    forEachMember((p, unused) -> out.add(p));
    return out;
  }

  /** Sets are equal when they have the same members. */
  @Override
  public boolean equals(Object o) {
    return o instanceof FieldSet s && sameMembers(this, s);
  }

  private static boolean sameMembers(FieldSet a, FieldSet b) {
    if (a.member != b.member) {
      return false;
    }
    int i = a.nextNonEmpty(0);
    int j = b.nextNonEmpty(0);
    for (; i < a.size && j < b.size; i = a.nextNonEmpty(i + 1), j = b.nextNonEmpty(j + 1)) {
      if (!a.elements[i].equals(b.elements[j]) || !sameMembers(a.nodes[i], b.nodes[j])) {
        return false;
      }
    }
    return i == a.size && j == b.size;
  }

  /** The index of the first child from {@code i} on that holds a member, else {@link #size}. */
  private int nextNonEmpty(int i) {
    while (i < size && nodes[i].isEmpty()) {
      i++;
    }
    return i;
  }

  @Override
  public int hashCode() {
    int h = member ? 1 : 0;
    for (int i = nextNonEmpty(0); i < size; i = nextNonEmpty(i + 1)) {
      h = 31 * h + (elements[i].hashCode() ^ nodes[i].hashCode());
    }
    return h;
  }

  @Override
  public String toString() {
    return toJson().toString();
  }
}
