package dev.skiff.fake.api.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Replaces per-run values with placeholders, as the transcript harness does (one instance per scenario run):
 * uids, resourceVersions, timestamps, continue tokens, IPs, node ports, generated names and hashes. A value of the
 * wrong shape stays as it is, so it shows up as a difference.
 */
final class Normalizer {
  static final String GEN_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";
  static final int MAX_GENERATED_PREFIX = 58;
  private static final Pattern UUID_SUB =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
  private static final Pattern UUID_FULL =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
  private static final Pattern TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
  private static final Pattern MICROTIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{1,9}Z");
  private static final Pattern HASH = Pattern.compile("[" + GEN_ALPHABET + "]{4,10}");
  private static final Set<String> IP_KEYS = Set.of("clusterIP", "podIP", "hostIP", "ip", "loadBalancerIP");
  private static final Set<String> IP_LIST_KEYS = Set.of("clusterIPs");
  private static final List<Map.Entry<Pattern, String>> MESSAGE_RULES = List.of(
      Map.entry(Pattern.compile("too old resource version: (\\d+) \\((\\d+)\\)"), "too old resource version: $1 (<rv>)"),
      Map.entry(Pattern.compile("ResourceVersion in object meta: \\d+"), "ResourceVersion in object meta: <rv>"));

  private final Set<String> prefixes = new LinkedHashSet<>(List.of("kube-api-access-"));
  private final Set<String> hashes = new LinkedHashSet<>();
  private final List<Map.Entry<Pattern, String>> rules = new ArrayList<>();
  private Pattern genRegex;

  Normalizer(JsonNode replaceRules) {
    if (replaceRules != null) {
      for (JsonNode r : replaceRules) {
        rules.add(Map.entry(Pattern.compile(r.path("regex").asText()), pythonReplacement(r.path("with").asText())));
      }
    }
  }

  private static String pythonReplacement(String with) {
    return with.replace("$", "\\$").replaceAll("\\\\(\\d)", "\\$$1");
  }

  /** Learns generateName prefixes and pod-template-hash values from a document. */
  void learn(JsonNode doc) {
    Deque<JsonNode> stack = new ArrayDeque<>();
    stack.push(doc);
    boolean changed = false;
    while (!stack.isEmpty()) {
      JsonNode cur = stack.pop();
      if (cur == null) {
        continue;
      }
      if (cur.isObject()) {
        JsonNode g = cur.get("generateName");
        if (g != null && g.isTextual() && !g.asText().isEmpty()) {
          String p = g.asText().substring(0, Math.min(MAX_GENERATED_PREFIX, g.asText().length()));
          changed |= prefixes.add(p);
        }
        for (String lk : List.of("labels", "matchLabels")) {
          JsonNode lab = cur.get(lk);
          if (lab != null && lab.isObject()) {
            JsonNode h = lab.get("pod-template-hash");
            if (h != null && h.isTextual() && HASH.matcher(h.asText()).matches()) {
              changed |= hashes.add(h.asText());
            }
          }
        }
        cur.forEach(stack::push);
      } else if (cur.isArray()) {
        cur.forEach(stack::push);
      }
    }
    if (changed) {
      genRegex = null;
    }
  }

  private Pattern genRegex() {
    if (genRegex == null) {
      List<String> alts = new ArrayList<>(prefixes);
      alts.sort(Comparator.comparingInt(String::length).reversed());
      genRegex = Pattern.compile("(?<![a-z0-9])(" + alts.stream().map(Pattern::quote).collect(Collectors.joining("|"))
          + ")[" + GEN_ALPHABET + "]{5}(?![a-z0-9])");
    }
    return genRegex;
  }

  /** Substring replacements, applied to every string (values and keys). */
  String text(String s) {
    if (s.isEmpty()) {
      return s;
    }
    s = UUID_SUB.matcher(s).replaceAll("<uid>");
    Matcher m = genRegex().matcher(s);
    s = m.replaceAll(r -> Matcher.quoteReplacement(r.group(1) + "<rand5>"));
    for (String h : hashes) {
      s = s.replaceAll("(?<![a-z0-9])" + Pattern.quote(h) + "(?![a-z0-9])", "<hash>");
    }
    for (Map.Entry<Pattern, String> r : MESSAGE_RULES) {
      s = r.getKey().matcher(s).replaceAll(r.getValue());
    }
    for (Map.Entry<Pattern, String> r : rules) {
      s = r.getKey().matcher(s).replaceAll(r.getValue());
    }
    return s;
  }

  JsonNode norm(JsonNode doc) {
    return value(doc, null);
  }

  private JsonNode value(JsonNode v, String key) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    if (v == null) {
      return f.nullNode();
    }
    if (v.isObject()) {
      ObjectNode out = f.objectNode();
      for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        out.set(text(e.getKey()), value(e.getValue(), e.getKey()));
      }
      return out;
    }
    if (v.isArray()) {
      List<JsonNode> items = new ArrayList<>();
      for (JsonNode x : v) {
        if (key != null && IP_LIST_KEYS.contains(key) && x.isTextual() && isIp(x.asText())) {
          items.add(TextNode.valueOf("<ip>"));
        } else {
          items.add(value(x, null));
        }
      }
      if ("managedFields".equals(key)) {
        items.sort(Comparator.comparing(Normalizer::managedFieldsOrder));
      }
      ArrayNode out = f.arrayNode();
      items.forEach(out::add);
      return out;
    }
    if (v.isTextual()) {
      String s = v.asText();
      if ("uid".equals(key) && UUID_FULL.matcher(s).matches()) {
        return TextNode.valueOf("<uid>");
      }
      if ("resourceVersion".equals(key) && !s.isEmpty() && s.chars().allMatch(c -> c >= '0' && c <= '9')) {
        return TextNode.valueOf("<rv>");
      }
      if ("continue".equals(key) && !s.isEmpty()) {
        return TextNode.valueOf("<continue>");
      }
      if (key != null && IP_KEYS.contains(key) && isIp(s)) {
        return TextNode.valueOf("<ip>");
      }
      if (TIME.matcher(s).matches()) {
        return TextNode.valueOf("<time>");
      }
      if (MICROTIME.matcher(s).matches()) {
        return TextNode.valueOf("<microtime>");
      }
      return TextNode.valueOf(text(s));
    }
    if ("nodePort".equals(key) && v.isIntegralNumber()) {
      return TextNode.valueOf("<nodePort>");
    }
    return v.deepCopy();
  }

  private static String managedFieldsOrder(JsonNode e) {
    if (!e.isObject()) {
      return "";
    }
    return str(e.get("operation")) + "\u0000" + str(e.get("manager")) + "\u0000"
        + (e.has("subresource") ? str(e.get("subresource")) : "") + "\u0000" + str(e.get("apiVersion"));
  }

  private static String str(JsonNode n) {
    return n == null ? "None" : n.isTextual() ? n.asText() : n.toString();
  }

  /** Python's {@code ipaddress.ip_address} acceptance: dotted quads without leading zeros, or IPv6. */
  static boolean isIp(String s) {
    if (s.matches("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}")) {
      return true;
    }
    if (s.contains(":") && s.matches("[0-9A-Fa-f:.]+")) {
      try {
        InetAddress.getByName(s); // a literal: no name lookup happens
        return true;
      } catch (UnknownHostException e) {
        return false;
      }
    }
    return false;
  }
}
