package dev.skiff.fake.api.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JSONPath subset the transcript harness uses: {@code $ .key ['key'] [N] [*] .* ..key}, no filters.
 */
final class JsonPath {

  /** One place a path matched: a container and the key or index in it. */
  record Slot(JsonNode container, String key, int index) {
    JsonNode get() {
      return key != null ? container.get(key) : container.get(index);
    }

    void set(JsonNode value) {
      if (key != null) {
        ((ObjectNode) container).set(key, value);
      } else {
        ((ArrayNode) container).set(index, value);
      }
    }
  }

  private record Token(String kind, String key, int index) {}

  private static final Pattern DEEP = Pattern.compile("[A-Za-z0-9_\\-]+");
  private static final Pattern KEY = Pattern.compile("\\*|[A-Za-z0-9_\\-$]+");

  private final List<Token> tokens;

  private JsonPath(List<Token> tokens) {
    this.tokens = tokens;
  }

  static JsonPath parse(String path) {
    if (!path.startsWith("$")) {
      throw new IllegalArgumentException("bad JSONPath " + path);
    }
    List<Token> toks = new ArrayList<>();
    int i = 1;
    while (i < path.length()) {
      if (path.startsWith("..", i)) {
        Matcher m = DEEP.matcher(path).region(i + 2, path.length());
        if (!m.lookingAt()) {
          throw new IllegalArgumentException("bad JSONPath " + path);
        }
        toks.add(new Token("deep", m.group(), 0));
        i = m.end();
      } else if (path.charAt(i) == '.') {
        Matcher m = KEY.matcher(path).region(i + 1, path.length());
        if (!m.lookingAt()) {
          throw new IllegalArgumentException("bad JSONPath " + path);
        }
        toks.add(m.group().equals("*") ? new Token("star", null, 0) : new Token("key", m.group(), 0));
        i = m.end();
      } else if (path.charAt(i) == '[') {
        char q = path.charAt(i + 1);
        if (q == '\'' || q == '"') {
          int j = path.indexOf(q, i + 2);
          toks.add(new Token("key", path.substring(i + 2, j), 0));
          i = j + 2;
        } else {
          int j = path.indexOf(']', i);
          String inner = path.substring(i + 1, j);
          toks.add(inner.equals("*") ? new Token("star", null, 0) : new Token("index", null, Integer.parseInt(inner)));
          i = j + 1;
        }
      } else {
        throw new IllegalArgumentException("bad JSONPath " + path + " at " + i);
      }
    }
    return new JsonPath(toks);
  }

  boolean isPlain() {
    return tokens.stream().noneMatch(t -> t.kind.equals("star") || t.kind.equals("deep"));
  }

  boolean isRoot() {
    return tokens.isEmpty();
  }

  List<Slot> slots(JsonNode doc) {
    List<Slot> out = new ArrayList<>();
    if (!tokens.isEmpty()) {
      collect(doc, 0, out);
    }
    return out;
  }

  private void collect(JsonNode doc, int t, List<Slot> out) {
    Token tok = tokens.get(t);
    List<Slot> cands = new ArrayList<>();
    switch (tok.kind) {
      case "key":
        if (doc != null && doc.isObject() && doc.has(tok.key)) {
          cands.add(new Slot(doc, tok.key, -1));
        }
        break;
      case "index":
        if (doc != null && doc.isArray() && -doc.size() <= tok.index && tok.index < doc.size()) {
          cands.add(new Slot(doc, null, Math.floorMod(tok.index, doc.size())));
        }
        break;
      case "star":
        if (doc != null && doc.isObject()) {
          for (Iterator<String> it = doc.fieldNames(); it.hasNext(); ) {
            cands.add(new Slot(doc, it.next(), -1));
          }
        } else if (doc != null && doc.isArray()) {
          for (int k = 0; k < doc.size(); k++) {
            cands.add(new Slot(doc, null, k));
          }
        }
        break;
      default: // deep: a stack, like the harness, so the order of matches is the same
        Deque<JsonNode> stack = new ArrayDeque<>();
        stack.push(doc);
        while (!stack.isEmpty()) {
          JsonNode cur = stack.pop();
          if (cur != null && cur.isObject()) {
            if (cur.has(tok.key)) {
              cands.add(new Slot(cur, tok.key, -1));
            }
            cur.forEach(stack::push);
          } else if (cur != null && cur.isArray()) {
            cur.forEach(stack::push);
          }
        }
    }
    for (Slot s : cands) {
      if (t + 1 < tokens.size()) {
        collect(s.get(), t + 1, out);
      } else {
        out.add(s);
      }
    }
  }

  static List<JsonNode> values(JsonNode doc, String path) {
    JsonPath p = parse(path);
    if (p.isRoot()) {
      return List.of(doc);
    }
    List<JsonNode> out = new ArrayList<>();
    for (Slot s : p.slots(doc)) {
      out.add(s.get());
    }
    return out;
  }

  /** The first match, or null; a path with [*] or .. gives the list of matches. */
  static JsonNode get(JsonNode doc, String path) {
    JsonPath p = parse(path);
    List<JsonNode> vals = values(doc, path);
    if (!p.isPlain()) {
      ArrayNode a = Json.MAPPER.createArrayNode();
      vals.forEach(a::add);
      return a;
    }
    return vals.isEmpty() ? null : vals.get(0);
  }

  static void delete(JsonNode doc, String path) {
    List<Slot> slots = new ArrayList<>(parse(path).slots(doc));
    // remove array entries from the back so earlier indexes stay valid
    slots.sort(Comparator.comparingInt((Slot s) -> s.key == null ? s.index : 0).reversed());
    for (Slot s : slots) {
      if (s.key != null) {
        ((ObjectNode) s.container).remove(s.key);
      } else if (s.index < s.container.size()) {
        ((ArrayNode) s.container).remove(s.index);
      }
    }
  }

  static void mask(JsonNode doc, String path) {
    for (Slot s : parse(path).slots(doc)) {
      s.set(TextNode.valueOf("<masked>"));
    }
  }
}
