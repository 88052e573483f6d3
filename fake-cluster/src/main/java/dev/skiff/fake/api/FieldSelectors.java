package dev.skiff.fake.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The field selectors one kind supports, as the real server registers them, and the parser for the
 * {@code fieldSelector} query parameter ({@code a=b}, {@code a==b}, {@code a!=b}, comma for AND).
 */
public final class FieldSelectors {

  private static final List<String> META = List.of("metadata.name", "metadata.namespace");

  private final List<String> fields;
  /** {@link #fields} split at the dots, split once as every stored write extracts them. */
  private final List<String[]> paths;
  /** Kinds with their own label conversion function answer unknown fields with a terser message. */
  private final boolean customConversion;

  private FieldSelectors(List<String> extra, boolean customConversion) {
    List<String> all = new ArrayList<>(META);
    all.addAll(extra);
    this.fields = List.copyOf(all);
    this.paths = fields.stream().map(f -> f.split("\\.")).toList();
    this.customConversion = customConversion;
  }

  /** The field selectors of a kind. */
  public static FieldSelectors forKind(String kind) {
    switch (kind) {
      case "Pod":
        return new FieldSelectors(List.of("spec.nodeName", "spec.restartPolicy", "spec.schedulerName",
            "spec.serviceAccountName", "spec.hostNetwork", "status.phase", "status.podIP", "status.podIPs",
            "status.nominatedNodeName"), true);
      case "Event":
        return new FieldSelectors(List.of("involvedObject.kind", "involvedObject.namespace", "involvedObject.name",
            "involvedObject.uid", "involvedObject.apiVersion", "involvedObject.resourceVersion",
            "involvedObject.fieldPath", "reason", "reportingComponent", "source", "type"), true);
      case "Secret":
        return new FieldSelectors(List.of("type"), true);
      case "Namespace":
        return new FieldSelectors(List.of("status.phase"), true);
      case "Node":
        return new FieldSelectors(List.of("spec.unschedulable"), true);
      case "ReplicationController":
      case "ReplicaSet":
        return new FieldSelectors(List.of("status.replicas"), true);
      default:
        return new FieldSelectors(List.of(), false);
    }
  }

  /** The supported field names. */
  public List<String> fields() {
    return fields;
  }

  /**
   * The values of the supported fields of an object, as text, keeping only values that differ from the field's
   * default ({@code ""}, or {@code "false"} for booleans) so that 100,000 stored objects stay small; read them
   * with {@link #value}.
   */
  public Map<String, String> extract(ObjectNode object) {
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i < fields.size(); i++) {
      String f = fields.get(i);
      String value;
      if (f.equals("status.podIPs")) {
        JsonNode ips = object.path("status").path("podIPs");
        value = ips.isArray() && ips.size() > 0 ? ips.get(0).path("ip").asText("") : "";
      } else if (f.equals("source")) {
        value = object.path("source").path("component").asText("");
      } else {
        JsonNode n = object;
        for (String part : paths.get(i)) {
          n = n.path(part);
        }
        value = n.isMissingNode() || n.isNull() ? defaultFor(f) : n.asText();
      }
      if (!value.equals(defaultFor(f))) {
        out.put(f, value.intern()); // phases, scheduler and node names repeat across many objects
      }
    }
    return Map.copyOf(out);
  }

  /** A field's value from what {@link #extract} kept. */
  static String value(Map<String, String> values, String field) {
    String v = values.get(field);
    return v != null ? v : defaultFor(field);
  }

  private static String defaultFor(String field) {
    // Go formats unset booleans as "false"
    return field.equals("spec.unschedulable") || field.equals("spec.hostNetwork") ? "false" : "";
  }

  /**
   * Parses a {@code fieldSelector} value into a predicate over an object's field values.
   *
   * @throws ApiException 400 for bad syntax or an unsupported field, with the real server's message
   */
  public Predicate<Map<String, String>> parse(String selector) {
    List<Predicate<Map<String, String>>> terms = new ArrayList<>();
    for (String term : splitTerms(selector)) {
      if (term.isEmpty()) {
        continue;
      }
      int i;
      String op;
      if ((i = indexOfUnescaped(term, "!=")) >= 0) {
        op = "!=";
      } else if ((i = indexOfUnescaped(term, "==")) >= 0) {
        op = "==";
      } else if ((i = indexOfUnescaped(term, "=")) >= 0) {
        op = "=";
      } else {
        throw ApiException.badRequest("invalid selector: '" + selector + "'; can't understand '" + term + "'");
      }
      String field = term.substring(0, i).trim();
      String value = unescape(term.substring(i + op.length()));
      if (!fields.contains(field)) {
        if (customConversion) {
          throw ApiException.badRequest("field label not supported: " + field);
        }
        throw ApiException.badRequest("\"" + field + "\" is not a known field selector: only "
            + fields.stream().map(f -> "\"" + f + "\"").collect(Collectors.joining(", ")));
      }
      boolean equal = !op.equals("!=");
      terms.add(values -> value.equals(value(values, field)) == equal);
    }
    return values -> terms.stream().allMatch(t -> t.test(values));
  }

  /** The field names a selector text mentions, for routing single-object watches. */
  static Set<String> mentioned(String selector) {
    Set<String> out = new TreeSet<>();
    for (String term : splitTerms(selector)) {
      int i = term.indexOf('=');
      if (i > 0) {
        out.add(term.substring(0, term.charAt(i - 1) == '!' ? i - 1 : i).trim());
      }
    }
    return out;
  }

  private static List<String> splitTerms(String s) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length()) {
        cur.append(c).append(s.charAt(++i));
      } else if (c == ',') {
        out.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    out.add(cur.toString());
    return out;
  }

  private static int indexOfUnescaped(String s, String op) {
    for (int i = 0; i + op.length() <= s.length(); i++) {
      if (s.charAt(i) == '\\') {
        i++;
        continue;
      }
      if (s.startsWith(op, i)) {
        return i;
      }
    }
    return -1;
  }

  private static String unescape(String s) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length()) {
        out.append(s.charAt(++i));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
