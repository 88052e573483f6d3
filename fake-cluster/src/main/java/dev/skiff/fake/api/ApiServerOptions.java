package dev.skiff.fake.api;

import java.time.Duration;

/**
 * Settings of the API layer.
 *
 * @param watchHistorySize how many past changes a watch can resume from; older resourceVersions get 410 Expired
 * @param maxBodyBytes request bodies above this size are refused with 413
 * @param bookmarkInterval how often watches that allow bookmarks get a BOOKMARK event
 * @param watchMaxBacklog how many events a watcher may fall behind (its stream unwritable) before it is closed
 */
public record ApiServerOptions(int watchHistorySize, int maxBodyBytes, Duration bookmarkInterval,
    int watchMaxBacklog) {

  /**
   * Options with the default bookmark interval (one minute, as the real server) and backlog (1,000 events).
   *
   * @param watchHistorySize how many past changes a watch can resume from
   * @param maxBodyBytes the largest request body
   */
  public ApiServerOptions(int watchHistorySize, int maxBodyBytes) {
    this(watchHistorySize, maxBodyBytes, Duration.ofMinutes(1), 1_000);
  }

  /** Checks the values. */
  public ApiServerOptions {
    if (watchHistorySize < 1) {
      throw new IllegalArgumentException("watchHistorySize must be at least 1");
    }
    if (bookmarkInterval.isNegative() || bookmarkInterval.isZero()) {
      throw new IllegalArgumentException("bookmarkInterval must be positive");
    }
    if (watchMaxBacklog < 1) {
      throw new IllegalArgumentException("watchMaxBacklog must be at least 1");
    }
  }

  /** The defaults: 10,000 changes of history, 3 MiB bodies (the real server's limit). */
  public static ApiServerOptions defaults() {
    return new ApiServerOptions(10_000, 3 * 1024 * 1024);
  }

  /** These options with another watch history size. */
  public ApiServerOptions withWatchHistorySize(int size) {
    return new ApiServerOptions(size, maxBodyBytes, bookmarkInterval, watchMaxBacklog);
  }

  /** These options with another bookmark interval. */
  public ApiServerOptions withBookmarkInterval(Duration interval) {
    return new ApiServerOptions(watchHistorySize, maxBodyBytes, interval, watchMaxBacklog);
  }

  /** These options with another watcher backlog limit. */
  public ApiServerOptions withWatchMaxBacklog(int events) {
    return new ApiServerOptions(watchHistorySize, maxBodyBytes, bookmarkInterval, events);
  }
}
