package dev.skiff.fake.controllers;

import dev.skiff.model.ResourceType;
import dev.skiff.model.ResourceTypes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The served resources as the controllers address them: store key, REST path and scope by kind. */
final class Kinds {

  /**
   * One resource.
   *
   * @param apiVersion e.g. {@code apps/v1}
   * @param kind e.g. {@code ReplicaSet}
   * @param storeKey the store's resource name, e.g. {@code replicasets.apps}
   * @param plural e.g. {@code replicasets}
   * @param namespaced whether objects live in namespaces
   */
  record Kind(String apiVersion, String kind, String storeKey, String plural, boolean namespaced) {

    /** The collection path in a namespace ({@code ""} or null for cluster-scoped resources). */
    String collection(String namespace) {
      String base = apiVersion.contains("/") ? "/apis/" + apiVersion : "/api/" + apiVersion;
      return namespaced ? base + "/namespaces/" + namespace + "/" + plural : base + "/" + plural;
    }

    /** The path of one object. */
    String path(String namespace, String name) {
      return collection(namespace) + "/" + name;
    }
  }

  static final Kind POD = of("v1", "Pod");
  static final Kind NODE = of("v1", "Node");
  static final Kind SERVICE = of("v1", "Service");
  static final Kind ENDPOINTS = of("v1", "Endpoints");
  static final Kind EVENT = of("v1", "Event");
  static final Kind REPLICATION_CONTROLLER = of("v1", "ReplicationController");
  static final Kind REPLICA_SET = of("apps/v1", "ReplicaSet");
  static final Kind DEPLOYMENT = of("apps/v1", "Deployment");

  private static Map<String, Kind> byKind;

  private Kinds() {}

  /** Every served resource. */
  static synchronized List<Kind> all() {
    return new ArrayList<>(index().values());
  }

  /** The resource of a kind in an apiVersion, or null when it is not served. */
  static Kind of(String apiVersion, String kind) {
    return index().get(apiVersion + "/" + kind);
  }

  private static synchronized Map<String, Kind> index() {
    if (byKind == null) {
      Map<String, Kind> m = new HashMap<>();
      for (ResourceType<?> t : ResourceTypes.all()) {
        String storeKey = t.group().isEmpty() ? t.plural() : t.plural() + "." + t.group();
        m.put(t.apiVersion() + "/" + t.kind(), new Kind(t.apiVersion(), t.kind(), storeKey, t.plural(),
            t.namespaced()));
      }
      byKind = m;
    }
    return byKind;
  }
}
