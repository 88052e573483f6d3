package dev.skiff.fake.patch;

import java.util.List;

/**
 * Server-side apply conflicts: fields owned by other managers with other values (answered 409 Conflict).
 *
 * <p>The real server's Status: {@code reason: Conflict}, {@code code: 409}, {@link #getMessage()} as the
 * message, and one {@code details.causes} entry per conflict: {@code {"type": "FieldManagerConflict",
 * "message": <cause message>, "field": <field>}}.
 */
public final class ApplyConflictException extends Exception {

  /**
   * One conflicting field.
   *
   * @param manager the manager that owns the field
   * @param field the field path as the server prints it, e.g. {@code .data.key}
   * @param causeMessage the cause message, e.g. {@code conflict with "kubectl-client-side-apply" using v1}
   */
  public record Conflict(String manager, String field, String causeMessage) {

    /** A conflict whose cause message names the manager only. */
    public Conflict(String manager, String field) {
      this(manager, field, "conflict with \"" + manager + "\"");
    }
  }

  private final List<Conflict> conflicts;

  /** Conflicts, with the server's message. */
  public ApplyConflictException(String message, List<Conflict> conflicts) {
    super(message);
    this.conflicts = List.copyOf(conflicts);
  }

  /** The conflicting fields, by manager, then by field path. */
  public List<Conflict> conflicts() {
    return conflicts;
  }
}
