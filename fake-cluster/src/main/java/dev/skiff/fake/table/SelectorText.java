package dev.skiff.fake.table;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Label maps and label selectors in the text form Table cells use ({@code labels.FormatLabels},
 * {@code metav1.FormatLabelSelector}): requirements sorted by key, set values sorted, {@code <none>} for
 * nothing.
 */
final class SelectorText {

  private SelectorText() {}

  /** {@code a=b,c=d} sorted by key, or {@code <none>} for an absent or empty map. */
  static String labels(JsonNode map) {
    String s = requirements(map, null);
    return s.isEmpty() ? "<none>" : s;
  }

  /** A {@code LabelSelector} as text, or {@code <none>} when it selects by nothing. */
  static String labelSelector(JsonNode selector) {
    String s = selectorString(selector);
    return s.isEmpty() ? "<none>" : s;
  }

  /** A {@code LabelSelector} as text, empty when it selects by nothing. */
  static String selectorString(JsonNode selector) {
    return requirements(selector.path("matchLabels"), selector.path("matchExpressions"));
  }

  private static String requirements(JsonNode matchLabels, JsonNode matchExpressions) {
    // Several requirements may share a key; keep them in a stable order within the key.
    TreeMap<String, List<String>> byKey = new TreeMap<>();
    if (matchLabels != null && matchLabels.isObject()) {
      matchLabels.fields().forEachRemaining(
          e -> byKey.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getKey() + "=" + e.getValue().asText()));
    }
    if (matchExpressions != null && matchExpressions.isArray()) {
      for (JsonNode r : matchExpressions) {
        String key = r.path("key").asText();
        List<String> values = new ArrayList<>();
        r.path("values").forEach(v -> values.add(v.asText()));
        values.sort(null);
        String text = switch (r.path("operator").asText()) {
          case "In" -> key + " in (" + String.join(",", values) + ")";
          case "NotIn" -> key + " notin (" + String.join(",", values) + ")";
          case "Exists" -> key;
          case "DoesNotExist" -> "!" + key;
          default -> key + " " + r.path("operator").asText() + " (" + String.join(",", values) + ")";
        };
        byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(text);
      }
    }
    List<String> parts = new ArrayList<>();
    for (Map.Entry<String, List<String>> e : byKey.entrySet()) {
      parts.addAll(e.getValue());
    }
    return String.join(",", parts);
  }
}
