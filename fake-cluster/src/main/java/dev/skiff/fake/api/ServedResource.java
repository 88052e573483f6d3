package dev.skiff.fake.api;

import dev.skiff.model.Names;
import dev.skiff.model.ResourceType;
import java.util.List;
import java.util.function.Function;

/**
 * One resource the server serves, with the facts the API layer needs beyond {@link ResourceType}.
 *
 * @param type the generated resource facts (group, version, kind, plural, scope, verbs, subresources)
 * @param storeKey the key objects are stored under: the plural, with {@code .group} for named groups
 * @param fieldSelectors the field-selector fields the real server supports for the kind
 */
public record ServedResource(ResourceType<?> type, String storeKey, FieldSelectors fieldSelectors) {

  /** The plural, e.g. {@code pods}. */
  public String plural() {
    return type.plural();
  }

  /** The kind, e.g. {@code Pod}. */
  public String kind() {
    return type.kind();
  }

  /** The apiVersion, e.g. {@code v1} or {@code apps/v1}. */
  public String apiVersion() {
    return type.apiVersion();
  }

  /** Whether objects live in namespaces. */
  public boolean namespaced() {
    return type.namespaced();
  }

  /** The kind of the list, e.g. {@code PodList}. */
  public String listKind() {
    return type.kind() + "List";
  }

  /** The name used in messages about it: {@code pods}, or {@code deployments.apps} in named groups. */
  public String qualifiedPlural() {
    return storeKey;
  }

  /** Whether the resource has the named subresource, e.g. {@code status} or {@code scale}. */
  public boolean hasSubresource(String name) {
    return type.subresources().stream().anyMatch(s -> s.name().equals(name));
  }

  /** Whether the resource supports a verb, e.g. {@code deletecollection}. */
  public boolean supports(String verb) {
    return type.verbs().contains(verb);
  }

  /**
   * The rule names of the kind must follow, as the real server's validation words it: DNS-1123 labels for
   * namespaces, DNS-1035 labels for services, path segments for events, DNS-1123 subdomains for the rest.
   */
  public Function<String, List<String>> nameRule() {
    switch (type.kind()) {
      case "Namespace":
        return Names::dns1123LabelErrors;
      case "Service":
        return Names::dns1035LabelErrors;
      case "Event":
        return ServedResource::pathSegmentErrors;
      default:
        return Names::dns1123SubdomainErrors;
    }
  }

  /** The real server's rule for names that only have to be usable in a URL path. */
  static List<String> pathSegmentErrors(String name) {
    if (name.equals(".") || name.equals("..")) {
      return List.of("may not be '" + name + "'");
    }
    if (name.contains("/")) {
      return List.of("may not contain '/'");
    }
    if (name.contains("%")) {
      return List.of("may not contain '%'");
    }
    return List.of();
  }
}
