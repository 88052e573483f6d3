package dev.skiff.model;

import dev.skiff.model.meta.v1.ObjectMeta;

/** An object the API stores and serves under a name: a pod, a service, a deployment and so on. */
public interface KubernetesObject extends ApiObject {
  /**
   * The object's metadata: name, namespace, labels, resource version and the rest.
   *
   * @return the metadata, or null when absent
   */
  @Nullable
  ObjectMeta metadata();
}
