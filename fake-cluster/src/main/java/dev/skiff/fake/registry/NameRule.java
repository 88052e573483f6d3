package dev.skiff.fake.registry;

import dev.skiff.model.Names;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The rule an object's {@code metadata.name} must follow, which depends on the kind (Go's
 * {@code ValidateNameFunc}s): most kinds use {@link #DNS1123_SUBDOMAIN}, namespaces {@link #DNS1123_LABEL},
 * services {@link #DNS1035_LABEL}, and a few kinds only forbid what breaks a URL ({@link #PATH_SEGMENT}).
 */
public enum NameRule {
  /** {@code ValidateDNS1123Subdomain}: ConfigMaps, Secrets, Pods, ReplicationControllers, Deployments, ... */
  DNS1123_SUBDOMAIN(Names::dns1123SubdomainErrors),
  /** {@code ValidateNamespaceName}: a DNS-1123 label. */
  DNS1123_LABEL(Names::dns1123LabelErrors),
  /** {@code ValidateServiceName}: a DNS-1035 label (starts with a letter). */
  DNS1035_LABEL(Names::dns1035LabelErrors),
  /** {@code path.IsValidPathSegmentName}: anything that can be a URL path segment (Events). */
  PATH_SEGMENT(NameRule::pathSegmentErrors);

  private final Function<String, List<String>> rule;

  NameRule(Function<String, List<String>> rule) {
    this.rule = rule;
  }

  /**
   * The broken rules for a name, in the server's wording.
   *
   * @param name the name
   * @return the messages; empty when valid
   */
  public List<String> nameErrors(String name) {
    return rule.apply(name);
  }

  /**
   * The broken rules for a {@code generateName} prefix: as for names, but a trailing dash is allowed.
   *
   * @param prefix the prefix
   * @return the messages; empty when valid
   */
  public List<String> prefixErrors(String prefix) {
    if (this == PATH_SEGMENT) {
      return pathSegmentPrefixErrors(prefix);
    }
    return Names.generateNameErrors(prefix, rule);
  }

  /** Go's {@code path.IsValidPathSegmentName}. */
  static List<String> pathSegmentErrors(String name) {
    List<String> errors = new ArrayList<>();
    if (name.equals(".") || name.equals("..")) {
      errors.add("may not be '" + name + "'");
    }
    errors.addAll(pathSegmentPrefixErrors(name));
    return errors;
  }

  /** Go's {@code path.IsValidPathSegmentPrefix}. */
  private static List<String> pathSegmentPrefixErrors(String name) {
    List<String> errors = new ArrayList<>();
    if (name.contains("/")) {
      errors.add("may not contain '/'");
    }
    if (name.contains("%")) {
      errors.add("may not contain '%'");
    }
    return errors;
  }
}
