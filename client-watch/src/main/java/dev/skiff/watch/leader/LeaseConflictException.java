package dev.skiff.watch.leader;

/** A lease write lost a race: the lease exists already, or changed since it was read (HTTP 409). */
public class LeaseConflictException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what conflicted
   */
  public LeaseConflictException(String message) {
    super(message);
  }
}
