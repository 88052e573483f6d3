package dev.skiff.model;

/**
 * A value that travels on its own on the wire and names its type with {@code apiVersion} and {@code kind}:
 * every kind, list, {@code Status} and discovery document.
 */
public interface ApiObject {
  /**
   * The API group and version, e.g. {@code v1} or {@code apps/v1}.
   *
   * @return the API version, or null when absent (items inside a list usually omit it)
   */
  @Nullable
  String apiVersion();

  /**
   * The kind name, e.g. {@code Pod}.
   *
   * @return the kind, or null when absent (items inside a list usually omit it)
   */
  @Nullable
  String kind();
}
