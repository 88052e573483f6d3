package dev.skiff.watch;

import java.util.Objects;

/**
 * One page of a list call, as a {@link ListWatch} receives it.
 *
 * @param scope namespace and selectors
 * @param resourceVersion the {@code resourceVersion} parameter; empty asks for the most recent state (a
 *     consistent read), which is what watch streams send
 * @param continueToken the {@code continue} token of the previous page; empty for the first page
 * @param limit the {@code limit} parameter, at least 1
 */
public record ListRequest(Scope scope, String resourceVersion, String continueToken, int limit) {
  /**
   * Validates the request.
   *
   * @param scope namespace and selectors
   * @param resourceVersion the resource version, or empty
   * @param continueToken the continue token, or empty
   * @param limit the page size, at least 1
   */
  public ListRequest {
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(resourceVersion, "resourceVersion");
    Objects.requireNonNull(continueToken, "continueToken");
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1: " + limit);
    }
  }
}
