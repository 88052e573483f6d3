package dev.skiff.fake.table;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.fake.discovery.MediaRange;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code meta.k8s.io/v1 Table} answers with the real server's columns per kind: what {@code kubectl get}
 * asks for ({@code Accept: application/json;as=Table;v=v1;g=meta.k8s.io, ...}) and prints as it comes.
 *
 * <p>Rows carry their object as the client asks with {@code includeObject}: the object's metadata as a
 * {@code PartialObjectMetadata} (the default, {@link IncludeObject#METADATA}), the whole object, or nothing.
 * The server prints every column including the {@code -o wide} ones (priority 1); kubectl hides them.
 */
public final class Tables {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  /** What each row carries as its {@code object}, from the {@code includeObject} query parameter. */
  public enum IncludeObject {
    /** {@code includeObject=None}: no object. */
    NONE,
    /** {@code includeObject=Metadata} (the default): a {@code PartialObjectMetadata} with the metadata. */
    METADATA,
    /** {@code includeObject=Object}: the whole object. */
    OBJECT;

    /**
     * Parses the query parameter value; absent means {@link #METADATA}.
     *
     * @throws IllegalArgumentException for a value the real server refuses (it answers 400)
     */
    public static IncludeObject parse(String value) {
      if (value == null || value.isEmpty()) {
        return METADATA;
      }
      return switch (value) {
        case "None" -> NONE;
        case "Metadata" -> METADATA;
        case "Object" -> OBJECT;
        default -> throw new IllegalArgumentException("unsupported includeObject value: " + value);
      };
    }
  }

  private Tables() {}

  /**
   * Whether an {@code Accept} header asks for a Table first: a {@code meta.k8s.io/v1 Table} range comes before
   * any plain JSON range (clients list their preferences in order).
   */
  public static boolean wantsTable(String accept) {
    for (MediaRange range : MediaRange.parseAccept(accept)) {
      if (range.isJsonAs("Table", "meta.k8s.io", "v1")) {
        return true;
      }
      if (range.acceptsPlainJson() || range.isProtobuf()) {
        return false;
      }
    }
    return false;
  }

  /** The {@code Content-Type} of a Table answer: plain JSON, as the real server sends it. */
  public static String contentType() {
    return "application/json";
  }

  /**
   * A Table of the given objects of one kind, with the list's metadata and rows carrying
   * {@code PartialObjectMetadata}.
   *
   * @param kind the objects' kind, e.g. {@code Pod}
   * @param objects the objects, in list order
   * @param listMetadata the list's metadata ({@code resourceVersion}, {@code continue}...), copied as is
   * @param now the time ages are computed against
   */
  public static ObjectNode table(String kind, List<ObjectNode> objects, ObjectNode listMetadata, Instant now) {
    return table(kind, objects, listMetadata, now, IncludeObject.METADATA);
  }

  /**
   * A Table of the given objects of one kind.
   *
   * @param kind the objects' kind, e.g. {@code Pod}
   * @param objects the objects, in list order
   * @param listMetadata the list's metadata, copied as is
   * @param now the time ages are computed against
   * @param include what each row carries as its object
   */
  public static ObjectNode table(String kind, List<ObjectNode> objects, ObjectNode listMetadata, Instant now,
      IncludeObject include) {
    return table(kind, objects, listMetadata, now, include, true);
  }

  /**
   * A Table of the given objects of one kind, optionally without column definitions: a watch that asked for
   * Tables gets one Table per event, and only the first one needs the columns ({@code columnDefinitions} is
   * then {@code null}, as Go writes an absent list without {@code omitempty}).
   *
   * @param kind the objects' kind, e.g. {@code Pod}
   * @param objects the objects, in list order
   * @param listMetadata the list's metadata, copied as is
   * @param now the time ages are computed against
   * @param include what each row carries as its object
   * @param columnDefinitions whether to include the column definitions
   */
  public static ObjectNode table(String kind, List<ObjectNode> objects, ObjectNode listMetadata, Instant now,
      IncludeObject include, boolean columnDefinitions) {
    TableKinds.Layout layout = TableKinds.layout(kind);
    ObjectNode t = JSON.objectNode();
    t.put("kind", "Table");
    t.put("apiVersion", "meta.k8s.io/v1");
    t.set("metadata", listMetadata == null ? JSON.objectNode() : listMetadata.deepCopy());
    if (columnDefinitions) {
      ArrayNode columns = t.putArray("columnDefinitions");
      layout.columns().forEach(c -> columns.add(c.toJson()));
    } else {
      t.putNull("columnDefinitions");
    }
    ArrayNode rows = t.putArray("rows");
    for (ObjectNode o : objects) {
      ObjectNode row = rows.addObject();
      row.set("cells", layout.cells().apply(o, now));
      if (kind.equals("Pod")) {
        List<Map<String, String>> conditions = PodRow.rowConditions(o);
        if (!conditions.isEmpty()) {
          ArrayNode cs = row.putArray("conditions");
          for (Map<String, String> c : conditions) {
            ObjectNode n = cs.addObject();
            for (String key : List.of("type", "status", "reason", "message")) {
              n.put(key, c.get(key));
            }
          }
        }
      }
      switch (include) {
        case NONE -> row.putNull("object");
        case OBJECT -> row.set("object", o.deepCopy());
        case METADATA -> {
          ObjectNode partial = row.putObject("object");
          partial.put("kind", "PartialObjectMetadata");
          partial.put("apiVersion", "meta.k8s.io/v1");
          partial.set("metadata", o.path("metadata").deepCopy());
        }
      }
    }
    return t;
  }

  /** The Age cell of an object: time since its creation, {@code <unknown>} without a creation time. */
  static String age(JsonNode object, Instant now) {
    return since(object.path("metadata").path("creationTimestamp").asText(""), now);
  }

  /** Time since an RFC 3339 timestamp in the printer's format; {@code <unknown>} when absent or unreadable. */
  static String since(String timestamp, Instant now) {
    if (timestamp.isEmpty()) {
      return "<unknown>";
    }
    try {
      return HumanDuration.format(Duration.between(Instant.parse(timestamp.toUpperCase(Locale.ROOT)), now));
    } catch (DateTimeParseException e) {
      return "<unknown>";
    }
  }
}
