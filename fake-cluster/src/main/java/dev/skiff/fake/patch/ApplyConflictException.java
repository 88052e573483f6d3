package dev.skiff.fake.patch;

import java.util.List;

/** Server-side apply conflicts: fields owned by other managers with other values (answered 409 Conflict). */
public final class ApplyConflictException extends Exception {

  /**
   * One conflicting field.
   *
   * @param manager the manager that owns the field
   * @param field the field path as the server prints it, e.g. {@code .data.key}
   */
  public record Conflict(String manager, String field) {}

  private final List<Conflict> conflicts;

  /** Conflicts, with the server's message. */
  public ApplyConflictException(String message, List<Conflict> conflicts) {
    super(message);
    this.conflicts = List.copyOf(conflicts);
  }

  /** The conflicting fields. */
  public List<Conflict> conflicts() {
    return conflicts;
  }
}
