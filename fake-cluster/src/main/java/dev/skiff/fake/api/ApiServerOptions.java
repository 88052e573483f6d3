package dev.skiff.fake.api;

/**
 * Settings of the API layer.
 *
 * @param watchHistorySize how many past changes a watch can resume from; older resourceVersions get 410 Expired
 * @param maxBodyBytes request bodies above this size are refused with 413
 */
public record ApiServerOptions(int watchHistorySize, int maxBodyBytes) {

  /** The defaults: 10,000 changes of history, 3 MiB bodies (the real server's limit). */
  public static ApiServerOptions defaults() {
    return new ApiServerOptions(10_000, 3 * 1024 * 1024);
  }
}
