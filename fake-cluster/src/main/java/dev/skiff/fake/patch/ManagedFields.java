package dev.skiff.fake.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The decoded {@code metadata.managedFields} of one object: one {@link Entry} per manager identity, which is
 * the manager name, the operation, the subresource and — for {@code Update} entries only — the API version
 * (apply entries of one manager merge across versions).
 */
final class ManagedFields {

  /** How many {@code Update} entries the server keeps before merging the oldest into {@value #ANCIENT}. */
  static final int MAX_UPDATE_MANAGERS = 10;

  /** The manager name of the bucket that collects the oldest {@code Update} entries. */
  static final String ANCIENT = "ancient-changes";

  /** One managedFields entry, with its field set decoded. */
  static final class Entry {
    final String manager;
    final String operation;
    String apiVersion;
    final String subresource;
    /** The {@code time} as stored (RFC 3339, seconds), or null when the server recorded none. */
    String time;
    FieldSet fields;

    Entry(String manager, String operation, String apiVersion, String subresource, String time, FieldSet fields) {
      this.manager = manager;
      this.operation = operation;
      this.apiVersion = apiVersion;
      this.subresource = subresource;
      this.time = time;
      this.fields = fields;
    }

    boolean applied() {
      return operation.equals("Apply");
    }

    /** Whether this entry is the one of the given identity. */
    boolean is(String manager, String operation, String apiVersion, String subresource) {
      return this.manager.equals(manager) && this.operation.equals(operation)
          && this.subresource.equals(subresource)
          && (operation.equals("Apply") || Objects.equals(this.apiVersion, apiVersion));
    }

    /** The manager as conflict messages print it, e.g. {@code "kubectl" using v1}. */
    String describe() {
      String s = "\"" + manager + "\"";
      if (!subresource.isEmpty()) {
        s += " with subresource \"" + subresource + "\"";
      }
      return applied() ? s : s + " using " + apiVersion;
    }

    long seconds() {
      if (time == null) {
        return 0;
      }
      try {
        return Instant.parse(time).getEpochSecond();
      } catch (DateTimeParseException e) {
        return 0;
      }
    }
  }

  final List<Entry> entries;

  private ManagedFields(List<Entry> entries) {
    this.entries = entries;
  }

  /** No entries. */
  static ManagedFields empty() {
    return new ManagedFields(new ArrayList<>());
  }

  /**
   * Decodes the managedFields of an object; empty when absent. Malformed content yields empty, as the
   * server then starts over.
   */
  static Optional<ManagedFields> decode(JsonNode object) {
    JsonNode list = object == null ? null : object.path("metadata").get("managedFields");
    if (list == null || list.isNull()) {
      return Optional.of(empty());
    }
    if (!list.isArray()) {
      return Optional.empty();
    }
    List<Entry> entries = new ArrayList<>();
    try {
      for (JsonNode e : list) {
        if (!e.isObject()) {
          return Optional.empty();
        }
        JsonNode f = e.get("fieldsV1");
        if (e.has("fieldsType") && !e.path("fieldsType").asText().equals("FieldsV1")) {
          return Optional.empty();
        }
        FieldSet set = f == null || f.isNull() ? new FieldSet() : FieldSet.fromJson(f);
        entries.add(new Entry(e.path("manager").asText(""), e.path("operation").asText(""),
            e.path("apiVersion").asText(""), e.path("subresource").asText(""),
            e.hasNonNull("time") ? e.get("time").asText() : null, set));
      }
    } catch (IllegalArgumentException malformed) {
      return Optional.empty();
    }
    return Optional.of(new ManagedFields(entries));
  }

  /** Whether an object's managedFields are the "reset" value {@code [{}]}, which clears them. */
  static boolean isReset(JsonNode object) {
    JsonNode list = object.path("metadata").get("managedFields");
    return list != null && list.isArray() && list.size() == 1 && list.get(0).isObject() && list.get(0).isEmpty();
  }

  /** Whether an object carries any managedFields entries. */
  static boolean present(JsonNode object) {
    JsonNode list = object.path("metadata").get("managedFields");
    return list != null && list.isArray() && !list.isEmpty();
  }

  /** The entry of an identity, if any. */
  Optional<Entry> find(String manager, String operation, String apiVersion, String subresource) {
    return entries.stream().filter(e -> e.is(manager, operation, apiVersion, subresource)).findFirst();
  }

  /** Drops entries left without fields. */
  void removeEmpty() {
    entries.removeIf(e -> e.fields.isEmpty());
  }

  /**
   * Merges the oldest {@code Update} entries into one {@value #ANCIENT} entry per API version while there are
   * more than {@value #MAX_UPDATE_MANAGERS}, as the server does.
   */
  void capUpdateManagers() {
    List<Entry> updaters = new ArrayList<>();
    for (Entry e : entries) {
      if (!e.applied()) {
        updaters.add(e);
      }
    }
    if (updaters.size() <= MAX_UPDATE_MANAGERS) {
      return;
    }
    updaters.sort(Comparator.comparingLong(Entry::seconds));
    Map<String, Entry> firstByVersion = new HashMap<>();
    int length = updaters.size();
    for (int i = 0; i < updaters.size() && length > MAX_UPDATE_MANAGERS; i++) {
      Entry e = updaters.get(i);
      Entry first = firstByVersion.get(e.apiVersion);
      if (first == null) {
        firstByVersion.put(e.apiVersion, e);
        continue;
      }
      Optional<Entry> bucket = find(ANCIENT, "Update", e.apiVersion, "");
      Entry target;
      if (bucket.isPresent()) {
        target = bucket.get();
      } else {
        entries.remove(first);
        target = new Entry(ANCIENT, "Update", e.apiVersion, "", first.time, first.fields);
        entries.add(target);
      }
      target.fields = e.fields.union(target.fields);
      target.time = e.time;
      entries.remove(e);
      length--;
    }
  }

  /** Writes the entries into {@code object}'s metadata in the server's order; none removes the field. */
  void encodeInto(ObjectNode object) {
    ObjectNode metadata = object.has("metadata") && object.get("metadata").isObject()
        ? (ObjectNode) object.get("metadata")
        : object.putObject("metadata");
    if (entries.isEmpty()) {
      metadata.remove("managedFields");
      return;
    }
    List<Entry> sorted = new ArrayList<>(entries);
    // The server sorts by operation (Apply first), time, manager, API version, subresource.
    sorted.sort(Comparator.comparing((Entry e) -> e.operation)
        .thenComparingLong(Entry::seconds)
        .thenComparing(e -> e.manager)
        .thenComparing(e -> e.apiVersion)
        .thenComparing(e -> e.subresource));
    ArrayNode out = JsonNodeFactory.instance.arrayNode();
    for (Entry e : sorted) {
      ObjectNode n = out.addObject();
      n.put("manager", e.manager);
      n.put("operation", e.operation);
      n.put("apiVersion", e.apiVersion);
      if (e.time != null) {
        n.put("time", e.time);
      }
      n.put("fieldsType", "FieldsV1");
      n.set("fieldsV1", e.fields.toJson());
      if (!e.subresource.isEmpty()) {
        n.put("subresource", e.subresource);
      }
    }
    metadata.set("managedFields", out);
  }

  /** A time as managedFields record it: UTC, whole seconds. */
  static String format(Instant t) {
    return t.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  /** Every entry's field set, united: what someone owns. */
  FieldSet ownedByAnyone() {
    FieldSet all = new FieldSet();
    for (Entry e : entries) {
      all = all.union(e.fields);
    }
    return all;
  }
}
