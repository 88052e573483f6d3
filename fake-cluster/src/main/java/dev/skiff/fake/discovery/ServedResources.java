package dev.skiff.fake.discovery;

import dev.skiff.gen.Schema;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The REST resources the fake cluster serves, grouped the way discovery and OpenAPI present them: kinds of the
 * schema that have resource facts, each with only the subresources the fake actually answers.
 *
 * <p>Why subresources are filtered: the real server announces {@code pods/exec}, {@code pods/eviction},
 * {@code serviceaccounts/token} and so on. A client that discovers a subresource will call it (kubectl
 * {@code exec}, {@code drain}), and an announced subresource that answers 404 is a worse failure than one
 * that is not announced. So discovery lists the real entries of what is served and nothing else.
 */
public final class ServedResources {

  /**
   * Subresources the fake cluster answers: {@code status} and {@code scale} of every kind that has them, and
   * {@code pods/log}.
   */
  public static final Predicate<String> FAKE_CLUSTER_SUBRESOURCES =
      name -> name.endsWith("/status") || name.endsWith("/scale") || name.equals("pods/log");

  /**
   * Group order of the real kube-apiserver's {@code /apis} (its group priorities); groups not listed here
   * follow in alphabetical order.
   */
  private static final List<String> GROUP_ORDER = List.of("apiregistration.k8s.io", "apps", "events.k8s.io",
      "authentication.k8s.io", "authorization.k8s.io", "autoscaling", "batch", "certificates.k8s.io",
      "networking.k8s.io", "policy", "rbac.authorization.k8s.io", "storage.k8s.io",
      "admissionregistration.k8s.io", "apiextensions.k8s.io", "scheduling.k8s.io", "coordination.k8s.io",
      "node.k8s.io", "discovery.k8s.io", "resource.k8s.io", "flowcontrol.apiserver.k8s.io");

  /**
   * One served kind.
   *
   * @param type the kind's schema type
   * @param resource its resource facts
   * @param subresources the subresources that are served, sorted by name
   */
  public record ServedKind(Schema.TypeDef type, Schema.Resource resource, List<Schema.Subresource> subresources) {

    /** API group, empty for the core group. */
    public String group() {
      return type.group();
    }

    /** API version, e.g. {@code v1}. */
    public String version() {
      return type.version();
    }

    /** Kind, e.g. {@code Pod}. */
    public String kind() {
      return type.name();
    }

    /** The plural resource name, e.g. {@code pods}. */
    public String plural() {
      return resource.plural();
    }

    /** {@code group/version}, or just the version for the core group. */
    public String groupVersion() {
      return group().isEmpty() ? version() : group() + "/" + version();
    }

    /** Whether the resource supports a verb. */
    public boolean supports(String verb) {
      return resource.verbs().contains(verb);
    }

    /** The served subresource with this name. */
    public Optional<Schema.Subresource> subresource(String name) {
      return subresources.stream().filter(s -> s.name().equals(name)).findFirst();
    }
  }

  /**
   * One served group version.
   *
   * @param group API group, empty for the core group
   * @param version version
   * @param kinds its kinds, sorted by plural name
   */
  public record GroupVersion(String group, String version, List<ServedKind> kinds) {

    /** {@code group/version}, or just the version for the core group. */
    public String groupVersion() {
      return group.isEmpty() ? version : group + "/" + version;
    }
  }

  private final Schema schema;
  private final List<GroupVersion> groupVersions;

  private ServedResources(Schema schema, List<GroupVersion> groupVersions) {
    this.schema = schema;
    this.groupVersions = List.copyOf(groupVersions);
  }

  /** What the fake cluster serves: every kind of the schema, with {@link #FAKE_CLUSTER_SUBRESOURCES}. */
  public static ServedResources fakeCluster(Schema schema) {
    return of(schema, Set.of(), FAKE_CLUSTER_SUBRESOURCES);
  }

  /**
   * The served resources of a schema.
   *
   * @param schema the schema
   * @param excludedKinds kinds not served although the schema has resource facts for them
   * @param servesSubresource whether a subresource such as {@code pods/log} is served
   */
  public static ServedResources of(Schema schema, Set<String> excludedKinds, Predicate<String> servesSubresource) {
    Map<String, List<ServedKind>> byGroupVersion = new LinkedHashMap<>();
    for (Schema.TypeDef t : schema.types().values()) {
      if (t.resource().isEmpty() || excludedKinds.contains(t.name())) {
        continue;
      }
      Schema.Resource r = t.resource().get();
      List<Schema.Subresource> subs = new ArrayList<>();
      for (Schema.Subresource s : r.subresources()) {
        if (servesSubresource.test(r.plural() + "/" + s.name())) {
          subs.add(s);
        }
      }
      subs.sort(Comparator.comparing(Schema.Subresource::name));
      String gv = t.group() + "/" + t.version();
      byGroupVersion.computeIfAbsent(gv, k -> new ArrayList<>()).add(new ServedKind(t, r, List.copyOf(subs)));
    }
    List<GroupVersion> gvs = new ArrayList<>();
    for (List<ServedKind> kinds : byGroupVersion.values()) {
      kinds.sort(Comparator.comparing(ServedKind::plural));
      gvs.add(new GroupVersion(kinds.get(0).group(), kinds.get(0).version(), List.copyOf(kinds)));
    }
    gvs.sort(Comparator.comparing((GroupVersion gv) -> groupRank(gv.group())).thenComparing(GroupVersion::group));
    return new ServedResources(schema, gvs);
  }

  private static int groupRank(String group) {
    if (group.isEmpty()) {
      return -1;
    }
    int i = GROUP_ORDER.indexOf(group);
    return i < 0 ? GROUP_ORDER.size() : i;
  }

  /** The schema the resources come from. */
  public Schema schema() {
    return schema;
  }

  /** Every served group version, the core group first, then in the real server's group order. */
  public List<GroupVersion> groupVersions() {
    return groupVersions;
  }

  /** The served group version, if any. */
  public Optional<GroupVersion> groupVersion(String group, String version) {
    return groupVersions.stream()
        .filter(gv -> gv.group().equals(group) && gv.version().equals(version))
        .findFirst();
  }

  /** The served versions of a group, preferred first; empty when the group is not served. */
  public List<GroupVersion> versionsOf(String group) {
    return groupVersions.stream().filter(gv -> gv.group().equals(group)).toList();
  }

  /** The non-core groups that have at least one served resource, in the real server's order. */
  public List<String> groups() {
    return groupVersions.stream().map(GroupVersion::group).filter(g -> !g.isEmpty()).distinct().toList();
  }

  /** Every served kind. */
  public List<ServedKind> kinds() {
    return groupVersions.stream().flatMap(gv -> gv.kinds().stream()).toList();
  }
}
