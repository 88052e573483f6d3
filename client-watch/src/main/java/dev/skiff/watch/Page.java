package dev.skiff.watch;

import dev.skiff.model.KubernetesObject;
import java.util.List;
import java.util.Objects;

/**
 * One page of a list answer.
 *
 * @param items the objects of the page
 * @param resourceVersion the list's {@code metadata.resourceVersion}: the state the whole list reflects
 * @param continueToken the list's {@code metadata.continue}; empty on the last page
 * @param <T> the model class
 */
public record Page<T extends KubernetesObject>(List<T> items, String resourceVersion, String continueToken) {
  /**
   * Validates and copies the page.
   *
   * @param items the objects
   * @param resourceVersion the list's resource version
   * @param continueToken the continue token, empty on the last page
   */
  public Page {
    items = List.copyOf(items);
    Objects.requireNonNull(resourceVersion, "resourceVersion");
    Objects.requireNonNull(continueToken, "continueToken");
  }
}
