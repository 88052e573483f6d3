package dev.skiff.fake.discovery;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.fake.discovery.ServedResources.GroupVersion;
import dev.skiff.fake.discovery.ServedResources.ServedKind;
import dev.skiff.gen.Schema;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Builds the discovery documents of the served resources, in the shapes kube-apiserver v1.34 answers with:
 * legacy discovery ({@code APIVersions}, {@code APIGroupList}, {@code APIGroup}, {@code APIResourceList}) and
 * aggregated discovery ({@code apidiscovery.k8s.io/v2 APIGroupDiscoveryList}).
 *
 * <p>Quirks of the real server kept on purpose: {@code /api} and {@code /api/v1} carry no {@code apiVersion};
 * subresource entries have an empty {@code singularName} and no {@code storageVersionHash}; aggregated
 * entries have no {@code storageVersionHash}; the core group's aggregated entry has empty metadata.
 */
public final class DiscoveryDocuments {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private final ServedResources served;

  /** Creates the builder for these resources. */
  public DiscoveryDocuments(ServedResources served) {
    this.served = served;
  }

  /**
   * {@code GET /api}: the core group's versions.
   *
   * @param serverAddress {@code host:port} clients should use, reported for every client CIDR
   */
  public ObjectNode apiVersions(String serverAddress) {
    ObjectNode o = JSON.objectNode();
    o.put("kind", "APIVersions");
    ArrayNode versions = o.putArray("versions");
    served.versionsOf("").forEach(gv -> versions.add(gv.version()));
    ObjectNode cidr = o.putArray("serverAddressByClientCIDRs").addObject();
    cidr.put("clientCIDR", "0.0.0.0/0");
    cidr.put("serverAddress", serverAddress);
    return o;
  }

  /** {@code GET /apis}: every non-core group that has a served resource. */
  public ObjectNode apiGroupList() {
    ObjectNode o = JSON.objectNode();
    o.put("kind", "APIGroupList");
    o.put("apiVersion", "v1");
    ArrayNode groups = o.putArray("groups");
    for (String group : served.groups()) {
      groups.add(groupEntry(group));
    }
    return o;
  }

  /** {@code GET /apis/{group}}, empty when the group is not served. */
  public Optional<ObjectNode> apiGroup(String group) {
    if (group.isEmpty() || served.versionsOf(group).isEmpty()) {
      return Optional.empty();
    }
    ObjectNode o = JSON.objectNode();
    o.put("kind", "APIGroup");
    o.put("apiVersion", "v1");
    o.setAll(groupEntry(group));
    return Optional.of(o);
  }

  private ObjectNode groupEntry(String group) {
    ObjectNode g = JSON.objectNode();
    g.put("name", group);
    ArrayNode versions = g.putArray("versions");
    List<GroupVersion> gvs = served.versionsOf(group);
    for (GroupVersion gv : gvs) {
      versions.add(groupVersionForDiscovery(gv));
    }
    g.set("preferredVersion", groupVersionForDiscovery(gvs.get(0)));
    return g;
  }

  private static ObjectNode groupVersionForDiscovery(GroupVersion gv) {
    ObjectNode v = JSON.objectNode();
    v.put("groupVersion", gv.groupVersion());
    v.put("version", gv.version());
    return v;
  }

  /**
   * {@code GET /api/v1} or {@code GET /apis/{group}/{version}}: the resources of one group version, each
   * resource followed by its served subresources, sorted by name. Empty when the group version is not served.
   */
  public Optional<ObjectNode> apiResourceList(String group, String version) {
    return served.groupVersion(group, version).map(gv -> {
      ObjectNode o = JSON.objectNode();
      o.put("kind", "APIResourceList");
      if (!group.isEmpty()) {
        // The real server sets apiVersion on group lists but not on the legacy /api/v1 list.
        o.put("apiVersion", "v1");
      }
      o.put("groupVersion", gv.groupVersion());
      List<ObjectNode> entries = new ArrayList<>();
      for (ServedKind k : gv.kinds()) {
        entries.add(resourceEntry(k));
        for (Schema.Subresource s : k.subresources()) {
          entries.add(subresourceEntry(k, s));
        }
      }
      entries.sort(Comparator.comparing(e -> e.path("name").asText()));
      o.putArray("resources").addAll(entries);
      return o;
    });
  }

  private static ObjectNode resourceEntry(ServedKind k) {
    Schema.Resource r = k.resource();
    ObjectNode e = JSON.objectNode();
    e.put("name", r.plural());
    e.put("singularName", r.singular());
    e.put("namespaced", r.namespaced());
    e.put("kind", k.kind());
    strings(e, "verbs", r.verbs());
    optionalStrings(e, "shortNames", r.shortNames());
    optionalStrings(e, "categories", r.categories());
    if (!r.storageVersionHash().isEmpty()) {
      e.put("storageVersionHash", r.storageVersionHash());
    }
    return e;
  }

  private static ObjectNode subresourceEntry(ServedKind k, Schema.Subresource s) {
    ObjectNode e = JSON.objectNode();
    e.put("name", k.plural() + "/" + s.name());
    e.put("singularName", "");
    e.put("namespaced", k.resource().namespaced());
    if (!s.group().isEmpty() || !s.version().isEmpty()) {
      e.put("group", s.group());
      e.put("version", s.version());
    }
    e.put("kind", s.kind());
    strings(e, "verbs", s.verbs());
    return e;
  }

  /**
   * Aggregated discovery ({@code apidiscovery.k8s.io/v2}) of the core group ({@code legacy}) or of every
   * other group.
   *
   * @param legacy true for {@code /api}, false for {@code /apis}
   */
  public ObjectNode aggregated(boolean legacy) {
    ObjectNode o = JSON.objectNode();
    o.put("kind", "APIGroupDiscoveryList");
    o.put("apiVersion", "apidiscovery.k8s.io/v2");
    o.putObject("metadata");
    ArrayNode items = o.putArray("items");
    if (legacy) {
      if (!served.versionsOf("").isEmpty()) {
        items.add(aggregatedGroup(""));
      }
    } else {
      for (String group : served.groups()) {
        items.add(aggregatedGroup(group));
      }
    }
    return o;
  }

  private ObjectNode aggregatedGroup(String group) {
    ObjectNode g = JSON.objectNode();
    ObjectNode meta = g.putObject("metadata");
    if (!group.isEmpty()) {
      meta.put("name", group);
    }
    ArrayNode versions = g.putArray("versions");
    for (GroupVersion gv : served.versionsOf(group)) {
      ObjectNode v = versions.addObject();
      v.put("version", gv.version());
      ArrayNode resources = v.putArray("resources");
      for (ServedKind k : gv.kinds()) {
        resources.add(aggregatedResource(k));
      }
      v.put("freshness", "Current");
    }
    return g;
  }

  private static ObjectNode aggregatedResource(ServedKind k) {
    Schema.Resource r = k.resource();
    ObjectNode e = JSON.objectNode();
    e.put("resource", r.plural());
    e.set("responseKind", responseKind("", "", k.kind()));
    e.put("scope", r.namespaced() ? "Namespaced" : "Cluster");
    e.put("singularResource", r.singular());
    strings(e, "verbs", r.verbs());
    optionalStrings(e, "shortNames", r.shortNames());
    optionalStrings(e, "categories", r.categories());
    if (!k.subresources().isEmpty()) {
      ArrayNode subs = e.putArray("subresources");
      for (Schema.Subresource s : k.subresources()) {
        ObjectNode sub = subs.addObject();
        sub.put("subresource", s.name());
        sub.set("responseKind", responseKind(s.group(), s.version(), s.kind()));
        strings(sub, "verbs", s.verbs());
      }
    }
    return e;
  }

  private static ObjectNode responseKind(String group, String version, String kind) {
    ObjectNode o = JSON.objectNode();
    o.put("group", group);
    o.put("version", version);
    o.put("kind", kind);
    return o;
  }

  private static void strings(ObjectNode o, String field, List<String> values) {
    ArrayNode a = o.putArray(field);
    values.forEach(a::add);
  }

  private static void optionalStrings(ObjectNode o, String field, List<String> values) {
    if (!values.isEmpty()) {
      strings(o, field, values);
    }
  }
}
