package dev.skiff.fake.patch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The paths {@link FieldPaths} records, against a plain walk that inserts every path from the root of its set
 * and looks every shape up: on the objects of the patch fixtures, randomly changed (fields and list elements
 * removed, added, replaced and duplicated), compared with each other, with nothing and with the kinds' zero
 * objects.
 */
class FieldPathsTest {
  private static final List<String> FIXTURES = List.of("configmap-secret.json", "generate-name.json",
      "patch-merge-json.json", "pod-defaults.json", "rc-flake.json", "services.json", "strategic-cases.json");
  private static final Set<String> KINDS = Set.of("ConfigMap", "Deployment", "Pod", "ReplicationController",
      "Secret", "Service");
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  @Test
  void compareAndToFieldSetRecordWhatAPlainWalkRecords() {
    List<ObjectNode> objects = new ArrayList<>();
    FIXTURES.forEach(f -> collect(Json.resource(f), objects));
    assertThat(objects).hasSizeGreaterThan(100);
    Random random = new Random(42);
    int compared = 0;
    for (int round = 0; round < 2; round++) {
      for (ObjectNode object : objects) {
        String kind = object.get("kind").asText();
        Shape root = Shape.root(StandardSchema.get(), kind);
        ObjectNode changed = change(object, random);
        ObjectNode changedAgain = change(changed, random);
        check(object, changed, root);
        check(changed, changedAgain, root);
        check(changedAgain, object, root);
        check(ZeroObjects.of(kind), changed, root);
        check(null, changed, root);
        check(changed, null, root);
        compared += 6;
      }
    }
    assertThat(compared).isGreaterThan(1000);
  }

  private static void check(JsonNode l, JsonNode r, Shape root) {
    FieldPaths.Comparison actual = FieldPaths.compare(l, r, root);
    Reference expected = new Reference();
    expected.compare(l, r, root, new ArrayList<>());
    same("added", l, r, actual.added(), expected.added);
    same("modified", l, r, actual.modified(), expected.modified);
    same("removed", l, r, actual.removed(), expected.removed);
    if (r != null) {
      FieldSet set = new FieldSet();
      Reference.collect(r, root, new ArrayList<>(), set);
      same("toFieldSet", null, r, FieldPaths.toFieldSet(r, root), set);
    }
  }

  private static void same(String what, JsonNode l, JsonNode r, FieldSet actual, FieldSet expected) {
    // Compared without AssertJ on success: thousands of cases must stay fast.
    if (!actual.members().equals(expected.members()) || !actual.toJson().equals(expected.toJson())) {
      fail(what + " of " + l + " and " + r + ": " + actual + ", not " + expected);
    }
  }

  /** The comparison as FieldPaths did it before it kept its place in the sets it builds. */
  private static final class Reference {
    final FieldSet added = new FieldSet();
    final FieldSet modified = new FieldSet();
    final FieldSet removed = new FieldSet();

    void compare(JsonNode l, JsonNode r, Shape s, List<PathElement> path) {
      if (FieldPaths.isLeaf(s, l, r) || (isEmpty(l) && isEmpty(r))) {
        if (l == null && r == null) {
          return;
        }
        if (l == null) {
          added.insert(path);
        } else if (r == null) {
          removed.insert(path);
        } else if (!JsonValues.equal(l, r)) {
          modified.insert(path);
        }
        return;
      }
      if (s.kind() == Shape.Kind.LIST) {
        Map<PathElement, JsonNode> left = FieldPaths.elements(l, s);
        Map<PathElement, JsonNode> right = FieldPaths.elements(r, s);
        Set<PathElement> all = new LinkedHashSet<>(left.keySet());
        all.addAll(right.keySet());
        for (PathElement pe : all) {
          path.add(pe);
          compare(left.get(pe), right.get(pe), s.element(), path);
          path.remove(path.size() - 1);
        }
      } else {
        Set<String> keys = new LinkedHashSet<>();
        if (l != null) {
          l.fieldNames().forEachRemaining(keys::add);
        }
        if (r != null) {
          r.fieldNames().forEachRemaining(keys::add);
        }
        for (String k : keys) {
          path.add(PathElement.field(k));
          compare(l == null ? null : l.get(k), r == null ? null : r.get(k), s.child(k), path);
          path.remove(path.size() - 1);
        }
      }
      if (l == null) {
        added.insert(path);
      } else if (r == null) {
        removed.insert(path);
      }
    }

    static void collect(JsonNode v, Shape s, List<PathElement> path, FieldSet set) {
      if (FieldPaths.isLeaf(s, v, null)) {
        set.insert(path);
        return;
      }
      if (s.kind() == Shape.Kind.LIST) {
        for (Map.Entry<PathElement, JsonNode> e : FieldPaths.elements(v, s).entrySet()) {
          path.add(e.getKey());
          collect(e.getValue(), s.element(), path, set);
          set.insert(path);
          path.remove(path.size() - 1);
        }
        return;
      }
      for (Map.Entry<String, JsonNode> e : v.properties()) {
        path.add(PathElement.field(e.getKey()));
        collect(e.getValue(), s.child(e.getKey()), path, set);
        if (s.kind() != Shape.Kind.STRUCT) {
          set.insert(path);
        }
        path.remove(path.size() - 1);
      }
    }

    private static boolean isEmpty(JsonNode v) {
      return v == null || v.isNull() || v.isContainerNode() && v.isEmpty();
    }
  }

  private static void collect(JsonNode n, List<ObjectNode> out) {
    if (n instanceof ObjectNode o && o.path("kind").isTextual() && KINDS.contains(o.get("kind").asText())
        && o.get("metadata") instanceof ObjectNode) {
      out.add(o);
    }
    n.forEach(child -> collect(child, out));
  }

  private static final List<JsonNode> VALUES = List.of(NODES.textNode("v"), NODES.numberNode(7),
      NODES.numberNode(7.0), NODES.booleanNode(true), NODES.nullNode(), NODES.objectNode(), NODES.arrayNode(),
      Json.parse("{'name':'n','value':'x'}"), Json.parse("[{'name':'c'},{'name':'c'}]"));

  /** A copy of {@code object} with one to four random changes, anywhere but its kind. */
  private static ObjectNode change(ObjectNode object, Random random) {
    ObjectNode copy = object.deepCopy();
    for (int n = 1 + random.nextInt(4); n > 0; n--) {
      List<JsonNode[]> places = new ArrayList<>();
      places(copy, places);
      JsonNode[] place = places.get(random.nextInt(places.size()));
      if (place[0] instanceof ObjectNode parent) {
        String name = place[1].asText();
        if (parent == copy && name.equals("kind")) {
          continue;
        }
        switch (random.nextInt(4)) {
          case 0 -> parent.remove(name);
          case 1 -> parent.set(name, VALUES.get(random.nextInt(VALUES.size())).deepCopy());
          case 2 -> parent.putObject("new" + random.nextInt(3)).put("a", random.nextInt(2));
          default -> parent.set(name + random.nextInt(2), parent.get(name).deepCopy());
        }
      } else {
        ArrayNode parent = (ArrayNode) place[0];
        int i = place[1].asInt();
        switch (random.nextInt(4)) {
          case 0 -> parent.remove(i);
          case 1 -> parent.insert(0, parent.get(i).deepCopy());
          case 2 -> {
            if (parent.get(i) instanceof ObjectNode element) {
              element.put("name", "other" + random.nextInt(2));
            }
          }
          default -> parent.add(VALUES.get(random.nextInt(VALUES.size())).deepCopy());
        }
      }
    }
    return copy;
  }

  /** Every (container, field name or index) in a tree. */
  private static void places(JsonNode n, List<JsonNode[]> out) {
    if (n instanceof ObjectNode o) {
      o.fieldNames().forEachRemaining(k -> out.add(new JsonNode[] {o, NODES.textNode(k)}));
    } else if (n instanceof ArrayNode a) {
      for (int i = 0; i < a.size(); i++) {
        out.add(new JsonNode[] {a, NODES.numberNode(i)});
      }
    }
    n.forEach(child -> places(child, out));
  }
}
