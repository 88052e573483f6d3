package dev.skiff.fake.api;

import dev.skiff.model.ResourceType;
import dev.skiff.model.ResourceTypes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Maps request paths to resources: {@code /api/v1/...} for the core group, {@code /apis/{group}/{version}/...}
 * for named groups, with or without the legacy {@code /watch/} prefix.
 */
final class Router {

  private final Map<String, ServedResource> byGroupVersionPlural = new HashMap<>();
  private final Map<String, ServedResource> byKind = new HashMap<>();
  private final Set<String> groupVersions = new HashSet<>();

  Router(Collection<ResourceType<?>> types) {
    for (ResourceType<?> t : types) {
      String storeKey = t.group().isEmpty() ? t.plural() : t.plural() + "." + t.group();
      ServedResource r = new ServedResource(t, storeKey, FieldSelectors.forKind(t.kind()));
      byGroupVersionPlural.put(t.group() + "/" + t.version() + "/" + t.plural(), r);
      byKind.put(t.apiVersion() + "/" + t.kind(), r);
      groupVersions.add(t.group() + "/" + t.version());
    }
  }

  /**
   * A router for every generated resource type. One instance per class loader, shared by every API server:
   * a router is never changed after construction, and building its tables is part of each cluster's start.
   */
  static Router standard() {
    return Standard.ROUTER;
  }

  /** Initialization-on-demand holder of the shared standard router. */
  private static final class Standard {
    static final Router ROUTER = new Router(ResourceTypes.all());
  }

  /**
   * Whether a path is under {@code /apis/{group}[/{version}]} of a group or version this server does not serve:
   * the real server answers those with its plain-text 404, not a Status.
   */
  boolean isUnservedGroup(String path) {
    List<String> parts = new ArrayList<>();
    for (String p : path.split("/")) {
      if (!p.isEmpty()) {
        parts.add(p);
      }
    }
    if (parts.size() < 2 || !parts.get(0).equals("apis")) {
      return false;
    }
    String group = parts.get(1);
    if (parts.size() == 2) {
      return groupVersions.stream().noneMatch(gv -> gv.startsWith(group + "/"));
    }
    return !groupVersions.contains(group + "/" + parts.get(2));
  }

  /** The resource of a kind in an apiVersion, or null. */
  ServedResource forKind(String apiVersion, String kind) {
    return byKind.get(apiVersion + "/" + kind);
  }

  /** Every served resource. */
  List<ServedResource> all() {
    return new ArrayList<>(byGroupVersionPlural.values());
  }

  /**
   * The route of a path.
   *
   * @return null when the path is not under a served group version's resources (discovery, or unknown)
   * @throws ApiException 404 NotFound for an unknown resource in a served group version
   */
  Route route(String path) {
    List<String> parts = new ArrayList<>();
    for (String p : path.split("/")) {
      if (!p.isEmpty()) {
        parts.add(p);
      }
    }
    String group;
    int i;
    if (parts.size() >= 2 && parts.get(0).equals("api") && parts.get(1).equals("v1")) {
      group = "";
      i = 2;
    } else if (parts.size() >= 3 && parts.get(0).equals("apis")) {
      group = parts.get(1);
      i = 3;
    } else {
      return null;
    }
    String version = group.isEmpty() ? "v1" : parts.get(2);
    if (!groupVersions.contains(group + "/" + version) || parts.size() == i) {
      return null; // discovery of the group version, or a group the server does not serve
    }
    String prefix = group + "/" + version + "/";
    List<String> rest = parts.subList(i, parts.size());
    boolean watch = false;
    if (rest.get(0).equals("watch")) {
      watch = true;
      rest = rest.subList(1, rest.size());
      if (rest.isEmpty()) {
        throw ApiException.noSuchResource();
      }
    }
    if (rest.get(0).equals("namespaces") && rest.size() >= 3) {
      ServedResource r = byGroupVersionPlural.get(prefix + rest.get(2));
      if (r != null && r.namespaced() && rest.size() <= 5) {
        return new Route(r, rest.get(1), rest.size() > 3 ? rest.get(3) : null, rest.size() > 4 ? rest.get(4) : null,
            watch);
      }
    }
    ServedResource r = byGroupVersionPlural.get(prefix + rest.get(0));
    if (r == null || rest.size() > 3 || (r.namespaced() && rest.size() > 1)) {
      throw ApiException.noSuchResource();
    }
    return new Route(r, null, rest.size() > 1 ? rest.get(1) : null, rest.size() > 2 ? rest.get(2) : null, watch);
  }
}
