package dev.skiff.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A REST resource of the Kubernetes API and the model class of its objects: what a client needs to build
 * URLs ({@code /apis/apps/v1/namespaces/demo/deployments}) and decode answers. The constants live in
 * {@link ResourceTypes}.
 *
 * @param <T> the model class of the resource's objects
 */
public final class ResourceType<T extends KubernetesObject> {

  /**
   * A subresource such as {@code status} or {@code scale}.
   *
   * @param name the name after the slash, e.g. {@code scale}
   * @param kind the kind of the subresource's body, e.g. {@code Scale}
   * @param group the group of that kind when it differs from the parent resource's, else empty
   * @param version the version of that kind when it differs from the parent resource's, else empty
   * @param verbs the verbs the subresource supports
   */
  public record Subresource(String name, String kind, String group, String version, List<String> verbs) {
    /**
     * Creates a subresource description.
     *
     * @param name the name after the slash
     * @param kind the kind of the body
     * @param group the body's group when it differs, else empty
     * @param version the body's version when it differs, else empty
     * @param verbs the supported verbs
     */
    public Subresource {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(group, "group");
      Objects.requireNonNull(version, "version");
      verbs = List.copyOf(verbs);
    }
  }

  private final Class<T> type;
  private final Class<? extends KubernetesList<T>> listType;
  private final String group;
  private final String version;
  private final String kind;
  private final String plural;
  private final String singular;
  private final boolean namespaced;
  private final List<String> verbs;
  private final List<String> shortNames;
  private final List<String> categories;
  private final String storageVersionHash;
  private final List<Subresource> subresources;

  private ResourceType(Builder<T> b) {
    this.type = b.type;
    this.listType = b.listType;
    this.group = Objects.requireNonNull(b.group, "group");
    this.version = Objects.requireNonNull(b.version, "version");
    this.kind = Objects.requireNonNull(b.kind, "kind");
    this.plural = Objects.requireNonNull(b.plural, "plural");
    this.singular = b.singular == null ? kind.toLowerCase(Locale.ROOT) : b.singular;
    this.namespaced = b.namespaced;
    this.verbs = List.copyOf(b.verbs);
    this.shortNames = List.copyOf(b.shortNames);
    this.categories = List.copyOf(b.categories);
    this.storageVersionHash = b.storageVersionHash;
    this.subresources = List.copyOf(b.subresources);
  }

  /**
   * Starts describing a resource.
   *
   * @param type the model class of its objects
   * @param listType the model class of its lists
   * @param <T> the model class
   * @return a builder; group, version, kind and plural are required
   */
  public static <T extends KubernetesObject> Builder<T> builder(
      Class<T> type, Class<? extends KubernetesList<T>> listType) {
    return new Builder<>(type, listType);
  }

  /** @return the model class of the objects */
  public Class<T> type() {
    return type;
  }

  /** @return the model class of a list of the objects */
  public Class<? extends KubernetesList<T>> listType() {
    return listType;
  }

  /** @return the API group, empty for the core group */
  public String group() {
    return group;
  }

  /** @return the API version, e.g. {@code v1} */
  public String version() {
    return version;
  }

  /** @return {@code group/version}, or just the version for the core group */
  public String apiVersion() {
    return group.isEmpty() ? version : group + "/" + version;
  }

  /** @return the kind, e.g. {@code Deployment} */
  public String kind() {
    return kind;
  }

  /** @return the resource name in URLs, e.g. {@code deployments} */
  public String plural() {
    return plural;
  }

  /** @return the singular name, e.g. {@code deployment} */
  public String singular() {
    return singular;
  }

  /** @return whether objects live in namespaces */
  public boolean namespaced() {
    return namespaced;
  }

  /** @return the verbs the resource supports, e.g. {@code get}, {@code list}, {@code watch} */
  public List<String> verbs() {
    return verbs;
  }

  /** @return short names such as {@code po} for pods */
  public List<String> shortNames() {
    return shortNames;
  }

  /** @return categories such as {@code all} */
  public List<String> categories() {
    return categories;
  }

  /** @return the storage version hash the API's discovery reports, empty when unknown */
  public String storageVersionHash() {
    return storageVersionHash;
  }

  /** @return the subresources, such as {@code status} and {@code scale} */
  public List<Subresource> subresources() {
    return subresources;
  }

  /**
   * Whether a verb is supported.
   *
   * @param verb a verb such as {@code deletecollection}
   * @return true when the resource supports it
   */
  public boolean supports(String verb) {
    return verbs.contains(verb);
  }

  /**
   * The URL path of the resource's collection, e.g. {@code /apis/apps/v1/namespaces/demo/deployments}.
   *
   * @param namespace the namespace, or null for all namespaces or a cluster-scoped resource
   * @return the path, without a trailing slash
   */
  public String collectionPath(@Nullable String namespace) {
    StringBuilder sb = new StringBuilder(group.isEmpty() ? "/api/" : "/apis/" + group + "/").append(version);
    if (namespaced && namespace != null) {
      sb.append("/namespaces/").append(namespace);
    }
    return sb.append('/').append(plural).toString();
  }

  /**
   * Whether kubectl would resolve {@code name} to this resource: plural, singular, short name or kind in any
   * case, optionally followed by {@code .group} or {@code .version.group}.
   *
   * @param name the name to test
   * @return true when it names this resource
   */
  public boolean answersTo(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    int dot = n.indexOf('.');
    if (dot >= 0) {
      String qualifier = n.substring(dot + 1);
      if (!qualifier.equals(group) && !qualifier.equals(version + "." + group)) {
        return false;
      }
      n = n.substring(0, dot);
    }
    return n.equals(plural) || n.equals(singular) || n.equals(kind.toLowerCase(Locale.ROOT)) || shortNames.contains(n);
  }

  /** Returns {@code plural.group/version}, e.g. {@code deployments.apps/v1}. */
  @Override
  public String toString() {
    return plural + (group.isEmpty() ? "" : "." + group) + "/" + version;
  }

  /**
   * Builds a {@link ResourceType}.
   *
   * @param <T> the model class
   */
  public static final class Builder<T extends KubernetesObject> {
    private final Class<T> type;
    private final Class<? extends KubernetesList<T>> listType;
    private String group = "";
    private String version;
    private String kind;
    private String plural;
    private String singular;
    private boolean namespaced;
    private List<String> verbs = List.of();
    private List<String> shortNames = List.of();
    private List<String> categories = List.of();
    private String storageVersionHash = "";
    private final List<Subresource> subresources = new ArrayList<>();

    private Builder(Class<T> type, Class<? extends KubernetesList<T>> listType) {
      this.type = Objects.requireNonNull(type, "type");
      this.listType = Objects.requireNonNull(listType, "listType");
    }

    /** @param group the API group, empty for core @return this builder */
    public Builder<T> group(String group) {
      this.group = group;
      return this;
    }

    /** @param version the API version @return this builder */
    public Builder<T> version(String version) {
      this.version = version;
      return this;
    }

    /** @param kind the kind name @return this builder */
    public Builder<T> kind(String kind) {
      this.kind = kind;
      return this;
    }

    /** @param plural the resource name in URLs @return this builder */
    public Builder<T> plural(String plural) {
      this.plural = plural;
      return this;
    }

    /** @param singular the singular name @return this builder */
    public Builder<T> singular(String singular) {
      this.singular = singular;
      return this;
    }

    /** @param namespaced whether objects live in namespaces @return this builder */
    public Builder<T> namespaced(boolean namespaced) {
      this.namespaced = namespaced;
      return this;
    }

    /** @param verbs the supported verbs @return this builder */
    public Builder<T> verbs(List<String> verbs) {
      this.verbs = verbs;
      return this;
    }

    /** @param shortNames short names @return this builder */
    public Builder<T> shortNames(List<String> shortNames) {
      this.shortNames = shortNames;
      return this;
    }

    /** @param categories categories @return this builder */
    public Builder<T> categories(List<String> categories) {
      this.categories = categories;
      return this;
    }

    /** @param storageVersionHash the discovery storage version hash @return this builder */
    public Builder<T> storageVersionHash(String storageVersionHash) {
      this.storageVersionHash = storageVersionHash;
      return this;
    }

    /** @param subresource a subresource to add @return this builder */
    public Builder<T> subresource(Subresource subresource) {
      subresources.add(subresource);
      return this;
    }

    /** @return the resource type */
    public ResourceType<T> build() {
      return new ResourceType<>(this);
    }
  }
}
