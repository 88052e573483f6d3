package dev.skiff.fake.patch;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
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

  /**
   * The exception for these conflicts with the server's message: {@code Apply failed with 1 conflict:
   * conflict with "m" using v1: .data.key} for one, else {@code Apply failed with N conflicts: } and per
   * manager (sorted) a line {@code conflicts with "m" using v1:} followed by {@code - <field>} lines.
   */
  static ApplyConflictException of(List<Conflict> conflicts) {
    List<Conflict> sorted = new ArrayList<>(conflicts);
    // Grouped by manager (the server sorts the managers); fields keep their field-set order.
    sorted.sort(Comparator.comparing(Conflict::manager).thenComparing(Conflict::causeMessage));
    if (sorted.size() == 1) {
      Conflict c = sorted.get(0);
      return new ApplyConflictException(
          "Apply failed with 1 conflict: " + c.causeMessage() + ": " + c.field(), sorted);
    }
    List<String> lines = new ArrayList<>();
    String header = null;
    for (Conflict c : sorted) {
      String h = c.causeMessage().replaceFirst("^conflict with", "conflicts with") + ":";
      if (!h.equals(header)) {
        lines.add(h);
        header = h;
      }
      lines.add("- " + c.field());
    }
    return new ApplyConflictException(
        "Apply failed with " + sorted.size() + " conflicts: " + String.join("\n", lines), sorted);
  }

  /** The conflicting fields, by manager, then by field path. */
  public List<Conflict> conflicts() {
    return conflicts;
  }

  /**
   * The {@code details} of the server's 409 Status: only {@code causes}, one {@code {"type":
   * "FieldManagerConflict", "message": <cause message>, "field": <field>}} per conflict (no name or kind).
   */
  public ObjectNode statusDetails() {
    ObjectNode details = JsonNodeFactory.instance.objectNode();
    ArrayNode causes = details.putArray("causes");
    for (Conflict c : conflicts) {
      causes.addObject().put("type", "FieldManagerConflict").put("message", c.causeMessage()).put("field", c.field());
    }
    return details;
  }
}
