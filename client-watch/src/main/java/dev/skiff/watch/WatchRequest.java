package dev.skiff.watch;

import java.util.Objects;

/**
 * A watch call, as a {@link ListWatch} receives it.
 *
 * @param scope namespace and selectors
 * @param resourceVersion where to start: events after this version are wanted
 * @param allowBookmarks the {@code allowWatchBookmarks} parameter; watch streams always ask for bookmarks
 * @param timeoutSeconds the {@code timeoutSeconds} parameter: the server ends the watch after this long
 */
public record WatchRequest(Scope scope, String resourceVersion, boolean allowBookmarks, long timeoutSeconds) {
  /**
   * Validates the request.
   *
   * @param scope namespace and selectors
   * @param resourceVersion the version to start after
   * @param allowBookmarks whether to ask for bookmarks
   * @param timeoutSeconds the server-side timeout, at least 1
   */
  public WatchRequest {
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(resourceVersion, "resourceVersion");
    if (timeoutSeconds < 1) {
      throw new IllegalArgumentException("timeoutSeconds must be at least 1: " + timeoutSeconds);
    }
  }
}
