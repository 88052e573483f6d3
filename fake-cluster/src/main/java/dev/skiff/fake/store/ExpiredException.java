package dev.skiff.fake.store;

/**
 * A resourceVersion older than the retained history: a watch or a continued list cannot be served
 * consistently from it (the real server answers 410 Gone, reason Expired).
 */
public final class ExpiredException extends Exception {
  private final long requested;
  private final long oldest;

  /**
   * Creates the exception.
   *
   * @param requested the resourceVersion asked for
   * @param oldest the oldest resourceVersion still served
   */
  public ExpiredException(long requested, long oldest) {
    super("too old resource version: " + requested + " (" + oldest + ")");
    this.requested = requested;
    this.oldest = oldest;
  }

  /** The resourceVersion asked for. */
  public long requested() {
    return requested;
  }

  /** The oldest resourceVersion still served. */
  public long oldest() {
    return oldest;
  }
}
