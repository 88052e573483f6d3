package dev.skiff.fake.patch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Field sets and path elements against plain reference definitions on many random sets: a set is modeled as
 * its sorted list of member paths, and each operation as the filtering of that list. Elements are drawn from
 * small pools so that sets overlap, nest (inner nodes that are members) and hold equal elements spelled
 * differently ({@code v:1} and {@code v:1.0}), whose spelling tells which set's element a result kept.
 */
class FieldSetTest {
  private static final int CASES = 1500;
  /** Pairs of sets for the binary operations, each checked both ways round. */
  private static final int PAIRS = 1000;
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  @Test
  void operationsMatchTheirPathByPathDefinitions() {
    Random random = new Random(20261127);
    for (int i = 0; i < PAIRS; i++) {
      List<List<PathElement>> a = randomPaths(random, List.of());
      List<List<PathElement>> b = randomPaths(random, a);
      FieldSet sa = build(a);
      FieldSet sb = build(b);
      Model ma = Model.of(a);
      Model mb = Model.of(b);
      check("building", sa, sb, sa, ma);
      check("building", sa, sb, sb, mb);
      if (random.nextInt(4) == 0) {
        sa = withEmptyBranches(sa, random);
      }
      check("union", sa, sb, sa.union(sb), ma.union(mb));
      check("union", sb, sa, sb.union(sa), mb.union(ma));
      check("difference", sa, sb, sa.difference(sb), ma.difference(mb));
      check("difference", sb, sa, sb.difference(sa), mb.difference(ma));
      check("intersection", sa, sb, sa.intersection(sb), ma.intersection(mb));
      check("intersection", sb, sa, sb.intersection(sa), mb.intersection(ma));
      check("withoutPrefixes", sa, sb, sa.withoutPrefixes(sb), ma.withoutPrefixes(mb));
      check("withoutPrefixes", sb, sa, sb.withoutPrefixes(sa), mb.withoutPrefixes(ma));
      check("copy", sa, sb, sa.copy(), ma);
      check("union with nothing", sa, sb, sa.union(new FieldSet()), ma);
      check("union with nothing", sa, sb, new FieldSet().union(sa), ma);
      if (sa.equals(sb) != ma.paths.equals(mb.paths)) {
        fail("equals of " + sa + " and " + sb + ": " + sa.equals(sb));
      }
      if (sa.toString().equals(sb.toString()) && sa.hashCode() != sb.hashCode()) {
        fail("hashCode of " + sa + " and " + sb);
      }
    }
  }

  @Test
  void branchesWithoutMembersFromMalformedJsonAreNoMembers() {
    FieldSet parsed = FieldSet.fromJson(Json.parse("{'f:a':{'f:b':[1],'f:c':{}},'f:d':{'f:e':[2]}}"));
    // Written back as read, as before; but no operation keeps them, and they count for nothing.
    assertThat(parsed.toString()).isEqualTo("{\"f:a\":{\"f:b\":{},\"f:c\":{}},\"f:d\":{\"f:e\":{}}}");
    assertThat(parsed.node(List.of(PathElement.field("a"), PathElement.field("b")))).isNotNull();
    FieldSet ac = build(List.of(List.of(PathElement.field("a"), PathElement.field("c"))));
    assertThat(parsed.members()).isEqualTo(ac.members());
    assertThat(parsed).isEqualTo(ac);
    assertThat(ac).isEqualTo(parsed);
    assertThat(parsed.hashCode()).isEqualTo(ac.hashCode());
    for (FieldSet result : List.of(parsed.copy(), parsed.union(new FieldSet()), new FieldSet().union(parsed),
        parsed.difference(new FieldSet()), parsed.withoutPrefixes(new FieldSet()), parsed.intersection(parsed),
        parsed.union(parsed))) {
      assertThat(result.toString()).isEqualTo("{\"f:a\":{\"f:c\":{}}}");
    }
    assertThat(parsed.difference(ac).isEmpty()).isTrue();
    assertThat(parsed.difference(ac).toString()).isEqualTo("{}");
  }

  @Test
  void operationsLeaveTheirOperandsAsTheyWere() {
    Random random = new Random(7);
    for (int i = 0; i < CASES / 10; i++) {
      List<List<PathElement>> a = randomPaths(random, List.of());
      List<List<PathElement>> b = randomPaths(random, a);
      FieldSet sa = build(a);
      FieldSet sb = build(b);
      String before = sa + " " + sb;
      List<FieldSet> results = List.of(sa.union(sb), sa.difference(sb), sa.intersection(sb),
          sa.withoutPrefixes(sb), sa.copy());
      // Results share no nodes with the operands: growing them changes nothing else.
      for (FieldSet r : results) {
        r.insert(List.of(PathElement.field("a"), PathElement.field("zz")));
        r.insert(List.of(PathElement.field("b")));
      }
      assertThat(sa + " " + sb).isEqualTo(before);
    }
  }

  @Test
  void jsonRoundTripsAndIsWrittenAsBefore() {
    Random random = new Random(99);
    for (int i = 0; i < CASES; i++) {
      FieldSet s = build(randomPaths(random, List.of()));
      ObjectNode json = s.toJson();
      assertThat(json.toString()).isEqualTo(Model.of(s.members()).toJson().toString());
      FieldSet back = FieldSet.fromJson(json);
      assertThat(back).isEqualTo(s);
      assertThat(back.toJson()).isEqualTo(json);
      assertThat(back.members()).isEqualTo(s.members());
    }
  }

  @Test
  void memberInnerNodesAreWrittenWithTheDotFirst() {
    JsonNode json = Json.parse("{'f:data':{'.':{},'f:a':{}},'f:spec':{'f:containers':{'k:{\"name\":\"c\"}':{"
        + "'.':{},'f:image':{},'f:name':{}}}}}");
    FieldSet s = FieldSet.fromJson(json);
    assertThat(s.toJson()).isEqualTo(json);
    assertThat(s.toJson().toString()).isEqualTo(json.toString());
    assertThat(s.members()).hasSize(5);
    assertThat(s.isEmpty()).isFalse();
    assertThat(FieldSet.fromJson(Json.parse("{}")).isEmpty()).isTrue();
    // Written in element order, whatever the order read.
    assertThat(FieldSet.fromJson(Json.parse("{'i:1':{},'f:b':{},'v:1':{},'f:a':{}}")).toString())
        .isEqualTo("{\"f:a\":{},\"f:b\":{},\"v:1\":{},\"i:1\":{}}");
  }

  @Test
  void isEmptyAndEqualityFollowTheMembers() {
    Random random = new Random(5);
    for (int i = 0; i < CASES; i++) {
      List<List<PathElement>> a = randomPaths(random, List.of());
      FieldSet sa = build(a);
      assertThat(sa.isEmpty()).isEqualTo(sa.members().isEmpty());
      assertThat(sa.difference(sa).isEmpty()).isTrue();
      assertThat(sa.difference(sa).toString()).isEqualTo("{}");
      assertThat(sa.withoutPrefixes(sa).toString()).isEqualTo("{}");
      // Equal sets whatever the order of insertion and the element objects.
      List<List<PathElement>> shuffled = new ArrayList<>();
      for (List<PathElement> p : a) {
        shuffled.add(p.stream().map(pe -> PathElement.parse(pe.toString())).toList());
      }
      Collections.shuffle(shuffled, random);
      FieldSet same = build(shuffled);
      assertThat(same).isEqualTo(sa);
      assertThat(sa.equals(sa.union(build(List.of(List.of(PathElement.field("new"))))))).isFalse();
      if (same.toString().equals(sa.toString())) {
        assertThat(same.hashCode()).isEqualTo(sa.hashCode());
      }
    }
  }

  @Test
  void anInserterBuildsWhatInsertBuilds() {
    Random random = new Random(11);
    for (int i = 0; i < CASES; i++) {
      FieldSet expected = new FieldSet();
      FieldSet.Inserter inserter = new FieldSet.Inserter(new FieldSet());
      List<PathElement> shared = List.of(PathElement.field("a"), PathElement.value(NODES.numberNode(1)),
          PathElement.index(0));
      walk(random, new ArrayList<>(), shared, expected, inserter, 0);
      assertThat(inserter.set().toString()).isEqualTo(expected.toString());
      assertThat(inserter.set()).isEqualTo(expected);
    }
  }

  /** A random depth-first walk that inserts some of the paths it passes, before or after their children. */
  private static void walk(Random random, List<PathElement> path, List<PathElement> shared, FieldSet expected,
      FieldSet.Inserter inserter, int depth) {
    int children = depth >= 5 ? 0 : random.nextInt(4);
    boolean before = random.nextInt(3) == 0;
    if (before) {
      expected.insert(path);
      inserter.insert(path);
    }
    for (int c = 0; c < children; c++) {
      // The same objects in many places, as well as equal objects that are not the same.
      path.add(random.nextBoolean() ? shared.get(random.nextInt(shared.size())) : randomElement(random));
      walk(random, path, shared, expected, inserter, depth + 1);
      path.remove(path.size() - 1);
    }
    if (!before && (children == 0 || random.nextInt(3) == 0)) {
      expected.insert(path);
      inserter.insert(path);
    }
  }

  @Test
  void pathElementsOrderHashAndSpellAsBefore() {
    Random random = new Random(3);
    for (int i = 0; i < CASES * 5; i++) {
      PathElement a = randomElement(random);
      PathElement b = random.nextInt(4) == 0 ? PathElement.parse(a.toString()) : randomElement(random);
      int expected = Integer.signum(referenceCompare(a, b));
      assertThat(Integer.signum(a.compareTo(b))).as(a + " vs " + b).isEqualTo(expected);
      assertThat(Integer.signum(b.compareTo(a))).as(b + " vs " + a).isEqualTo(-expected);
      assertThat(a.equals(b)).as(a + " vs " + b).isEqualTo(expected == 0);
      assertThat(a.hashCode()).isEqualTo(referenceSpelling(a).hashCode());
      assertThat(a.toString()).isEqualTo(referenceSpelling(a));
      assertThat(PathElement.parse(a.toString())).isEqualTo(a);
    }
  }

  /** The spelling as {@link PathElement} wrote it when it was a record. */
  private static String referenceSpelling(PathElement pe) {
    return switch (pe.kind()) {
      case 'f' -> "f:" + pe.field();
      case 'k' -> "k:" + pe.key();
      case 'v' -> "v:" + pe.value();
      default -> "i:" + pe.index();
    };
  }

  /** The order as {@link PathElement} defined it when it was a record. */
  private static int referenceCompare(PathElement a, PathElement b) {
    if (a.kind() != b.kind()) {
      return Integer.compare("fkvi".indexOf(a.kind()), "fkvi".indexOf(b.kind()));
    }
    return switch (a.kind()) {
      case 'f' -> a.field().compareTo(b.field());
      case 'k' -> {
        List<Map.Entry<String, JsonNode>> la = new ArrayList<>();
        a.key().properties().forEach(la::add);
        List<Map.Entry<String, JsonNode>> lb = new ArrayList<>();
        b.key().properties().forEach(lb::add);
        for (int i = 0; i < Math.min(la.size(), lb.size()); i++) {
          int c = la.get(i).getKey().compareTo(lb.get(i).getKey());
          if (c == 0) {
            c = JsonValues.compare(la.get(i).getValue(), lb.get(i).getValue());
          }
          if (c != 0) {
            yield c;
          }
        }
        yield Integer.compare(la.size(), lb.size());
      }
      case 'v' -> JsonValues.compare(a.value(), b.value());
      default -> Integer.compare(a.index(), b.index());
    };
  }

  /** Fails unless {@code actual}, the result of {@code op} on {@code a} and {@code b}, is {@code expected}. */
  private static void check(String op, FieldSet a, FieldSet b, FieldSet actual, Model expected) {
    // Checked without AssertJ or JSON printing on success: thousands of cases must stay fast.
    boolean same = outline(actual.toJson()).equals(outline(expected.toJson()))
        && actual.members().equals(expected.paths)
        && actual.isEmpty() == expected.paths.isEmpty()
        && expected.paths.stream().allMatch(actual::contains);
    if (!same) {
      fail(op + " of " + a + " and " + b + " gave " + actual + " with members " + actual.members() + ", not "
          + expected.toJson() + " with members " + expected.paths);
    }
  }

  /** The names of a tree of objects, in order: equal exactly when the two would print the same. */
  private static String outline(JsonNode n) {
    StringBuilder b = new StringBuilder();
    outline(n, b);
    return b.toString();
  }

  private static void outline(JsonNode n, StringBuilder b) {
    b.append('{');
    for (Map.Entry<String, JsonNode> e : n.properties()) {
      b.append(e.getKey().length()).append('#').append(e.getKey());
      outline(e.getValue(), b);
    }
    b.append('}');
  }

  private static FieldSet build(List<List<PathElement>> paths) {
    FieldSet s = new FieldSet();
    paths.forEach(s::insert);
    return s;
  }

  /** The set read from its JSON with branches holding no member added, as a malformed FieldsV1 gives them. */
  private static FieldSet withEmptyBranches(FieldSet s, Random random) {
    ObjectNode json = s.toJson();
    List<ObjectNode> objects = new ArrayList<>();
    collectObjects(json, objects);
    for (int n = 1 + random.nextInt(3); n > 0; n--) {
      ObjectNode o = objects.get(random.nextInt(objects.size()));
      if (o != json && o.isEmpty()) {
        o.putObject("."); // still a member
      }
      o.putArray("f:zz").add(n);
    }
    return FieldSet.fromJson(json);
  }

  private static void collectObjects(ObjectNode n, List<ObjectNode> out) {
    out.add(n);
    n.forEach(child -> {
      if (child instanceof ObjectNode o) {
        collectObjects(o, out);
      }
    });
  }

  /**
   * Up to a dozen paths of one to four elements; when {@code related} is given, many are taken from it (as
   * they are, cut short, made longer, or spelled with new element objects) so that the sets overlap.
   */
  private static List<List<PathElement>> randomPaths(Random random, List<List<PathElement>> related) {
    List<List<PathElement>> out = new ArrayList<>();
    int n = random.nextInt(13);
    for (int i = 0; i < n; i++) {
      List<PathElement> p = new ArrayList<>();
      if (!related.isEmpty() && random.nextInt(3) > 0) {
        List<PathElement> r = related.get(random.nextInt(related.size()));
        p.addAll(r.subList(0, random.nextInt(r.size() + 1)));
        if (random.nextBoolean()) {
          p.replaceAll(pe -> PathElement.parse(pe.toString()));
        }
      }
      int extra = p.isEmpty() ? 1 + random.nextInt(4) : random.nextInt(3);
      for (int j = 0; j < extra; j++) {
        p.add(randomElement(random));
      }
      out.add(p);
    }
    // Now and then the empty path, which is never a member.
    if (random.nextInt(20) == 0) {
      out.add(List.of());
    }
    return out;
  }

  private static final String[] FIELDS = {"a", "b", "c", "metadata", "spec"};

  private static PathElement randomElement(Random random) {
    return switch (random.nextInt(8)) {
      case 0, 1, 2, 3 -> PathElement.field(FIELDS[random.nextInt(FIELDS.length)]);
      case 4, 5 -> PathElement.key(randomKey(random), List.of("name", "port", "protocol"));
      case 6 -> PathElement.value(randomValue(random));
      default -> PathElement.index(random.nextInt(3));
    };
  }

  private static ObjectNode randomKey(Random random) {
    ObjectNode key = NODES.objectNode();
    if (random.nextBoolean()) {
      key.put("name", random.nextInt(4) == 0 ? randomText(random) : random.nextBoolean() ? "x" : "y");
    }
    if (random.nextBoolean()) {
      key.set("port", switch (random.nextInt(4)) {
        case 0 -> NODES.numberNode(80.0);
        case 1 -> NODES.numberNode(80L);
        default -> NODES.numberNode(80 + random.nextInt(2));
      });
    }
    if (random.nextInt(3) == 0) {
      key.put("protocol", "TCP");
    }
    if (key.isEmpty()) {
      key.put("name", "x");
    }
    return key;
  }

  /** Strings Jackson writes with escapes, or that are at the edges of the plain ones. */
  private static final String[] TEXTS = {"x", "", " ~", "a\"b", "back\\slash", "tab\t", "\u0001", "\u007f", "\u00e9",
      "\u2028", "\uD83D\uDE00", "/"};

  private static String randomText(Random random) {
    return TEXTS[random.nextInt(TEXTS.length)];
  }

  private static JsonNode randomValue(Random random) {
    return switch (random.nextInt(9)) {
      case 0 -> NODES.textNode("x");
      case 1 -> NODES.textNode("y");
      case 2 -> NODES.numberNode(1);
      case 3 -> NODES.numberNode(1.0);
      case 4 -> NODES.numberNode(2L);
      case 5 -> NODES.booleanNode(random.nextBoolean());
      case 6 -> Json.parse("{'a':[1,'b']}");
      case 7 -> NODES.textNode(randomText(random));
      default -> NODES.nullNode();
    };
  }

  /**
   * A set as its member paths, sorted with parents first, each element being the object the first path
   * through that position brought in (a trie keeps the element it was first given).
   */
  private static final class Model {
    final List<List<PathElement>> paths = new ArrayList<>();

    static Model of(List<List<PathElement>> paths) {
      Model m = new Model();
      paths.forEach(m::insert);
      return m;
    }

    void insert(List<PathElement> path) {
      if (path.isEmpty()) {
        return;
      }
      List<PathElement> p = new ArrayList<>(path);
      for (int i = 0; i < p.size(); i++) {
        for (List<PathElement> q : paths) {
          if (q.size() > i && q.subList(0, i + 1).equals(p.subList(0, i + 1))) {
            p.set(i, q.get(i));
            break;
          }
        }
      }
      if (contains(p)) {
        return;
      }
      int at = 0;
      while (at < paths.size() && comparePaths(paths.get(at), p) < 0) {
        at++;
      }
      paths.add(at, List.copyOf(p));
    }

    boolean contains(List<PathElement> path) {
      return paths.contains(path);
    }

    Model union(Model other) {
      Model out = of(paths);
      other.paths.forEach(out::insert);
      return out;
    }

    Model difference(Model other) {
      return filter(p -> !other.contains(p));
    }

    Model intersection(Model other) {
      return filter(other::contains);
    }

    Model withoutPrefixes(Model prefixes) {
      return filter(p -> {
        for (int i = 1; i <= p.size(); i++) {
          if (prefixes.contains(p.subList(0, i))) {
            return false;
          }
        }
        return true;
      });
    }

    private Model filter(Predicate<List<PathElement>> keep) {
      return of(paths.stream().filter(keep).toList());
    }

    /** FieldsV1 as the trie wrote it: a member with children holds {@code "."} before them. */
    ObjectNode toJson() {
      ObjectNode root = NODES.objectNode();
      for (List<PathElement> p : paths) {
        ObjectNode n = root;
        for (int i = 0; i < p.size(); i++) {
          String name = p.get(i).toString();
          ObjectNode child = (ObjectNode) n.get(name);
          if (child == null) {
            if (n.isEmpty() && n != root && contains(p.subList(0, i))) {
              n.putObject(".");
            }
            child = n.putObject(name);
          }
          n = child;
        }
      }
      return root;
    }

    private static int comparePaths(List<PathElement> a, List<PathElement> b) {
      for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
        int c = a.get(i).compareTo(b.get(i));
        if (c != 0) {
          return c;
        }
      }
      return Integer.compare(a.size(), b.size());
    }
  }
}
