package dev.skiff.fake.discovery;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One media range of an {@code Accept} header, such as
 * {@code application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList}, with the parameters
 * Kubernetes clients use to ask for a particular kind ({@code g}, {@code v}, {@code as}).
 *
 * @param type the type, lower case, e.g. {@code application}
 * @param subtype the subtype, lower case, e.g. {@code json}
 * @param parameters parameters by lower-case name, values as sent (unquoted)
 */
public record MediaRange(String type, String subtype, Map<String, String> parameters) {

  /**
   * Parses an {@code Accept} header into its ranges, in the order the client listed them (Kubernetes clients
   * express preference by order, not by quality values, and the real server honours the order). A missing or
   * blank header is {@code * / *} (written without the spaces).
   */
  public static List<MediaRange> parseAccept(String accept) {
    if (accept == null || accept.isBlank()) {
      return List.of(new MediaRange("*", "*", Map.of()));
    }
    List<MediaRange> out = new ArrayList<>();
    for (String part : accept.split(",")) {
      String[] pieces = part.split(";");
      String full = pieces[0].strip().toLowerCase(Locale.ROOT);
      if (full.isEmpty()) {
        continue;
      }
      int slash = full.indexOf('/');
      String type = slash < 0 ? full : full.substring(0, slash);
      String subtype = slash < 0 ? "*" : full.substring(slash + 1);
      Map<String, String> params = new LinkedHashMap<>();
      for (int i = 1; i < pieces.length; i++) {
        String p = pieces[i].strip();
        int eq = p.indexOf('=');
        if (eq > 0) {
          String value = p.substring(eq + 1).strip();
          if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1);
          }
          params.put(p.substring(0, eq).strip().toLowerCase(Locale.ROOT), value);
        }
      }
      out.add(new MediaRange(type, subtype, Collections.unmodifiableMap(params)));
    }
    return out.isEmpty() ? List.of(new MediaRange("*", "*", Map.of())) : List.copyOf(out);
  }

  /** The {@code g}, {@code v} and {@code as} parameter, or empty when absent. */
  public String param(String name) {
    return parameters.getOrDefault(name, "");
  }

  /** Whether this range asks for a particular kind with the {@code as} parameter. */
  public boolean asKind() {
    return parameters.containsKey("as");
  }

  /**
   * Whether this range accepts plain JSON: {@code application/json} without an {@code as} parameter,
   * {@code application/*} or {@code * / *}.
   */
  public boolean acceptsPlainJson() {
    if (asKind()) {
      return false;
    }
    return (type.equals("application") && (subtype.equals("json") || subtype.equals("*")))
        || (type.equals("*") && subtype.equals("*"));
  }

  /**
   * Whether this range asks for a {@code kind} of {@code group/version} as JSON, e.g.
   * {@code application/json;as=Table;v=v1;g=meta.k8s.io}.
   */
  public boolean isJsonAs(String kind, String group, String version) {
    return type.equals("application") && subtype.equals("json") && param("as").equals(kind)
        && param("g").equals(group) && param("v").equals(version);
  }

  /** Whether this range is the protobuf encoding ({@code application/vnd.kubernetes.protobuf}). */
  public boolean isProtobuf() {
    return type.equals("application") && subtype.startsWith("vnd.kubernetes.protobuf");
  }
}
