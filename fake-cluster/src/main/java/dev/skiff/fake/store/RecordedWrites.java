package dev.skiff.fake.store;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Writes that the write path made once, to replay into other stores with fresh uids and times: what every new
 * cluster writes at start (its system namespaces, its nodes) at the cost of byte copies rather than of
 * defaulting, validation, managedFields tracking and JSON encoding.
 *
 * <p>A replayed object is byte for byte the recorded one with its uid and each time placeholder replaced; its
 * resource, name, labels and field values are the recorded ones. It is stored with {@link Store#put} in the
 * recorded order into a store at the recorded resourceVersion, so it gets the recorded resourceVersion too, and
 * the store's counter, history, compaction and watch events are what the write path would have made. An object
 * written more than once keeps one uid across its writes, as it would. Placeholders must be texts that occur
 * nowhere else in the objects: a random uid, the timestamp of a time chosen for the recording.
 */
public final class RecordedWrites {

  private final long after;
  private final List<Write> writes;

  /**
   * One recorded write.
   *
   * @param object the object as stored, with the recording's uid and times
   * @param previous the index of the write it replaces, or -1 when it adds the object
   * @param slots where the uid and the time placeholders occur in the JSON, in order
   */
  private record Write(StoredObject object, int previous, List<Slot> slots) {}

  /** A placeholder's place: where in the JSON it begins, which it is (0: the uid) and its length in bytes. */
  private record Slot(int offset, int placeholder, int length) {}

  private RecordedWrites(long after, List<Write> writes) {
    this.after = after;
    this.writes = writes;
  }

  /**
   * Records the writes a store saw after a resourceVersion.
   *
   * @param store the store the write path wrote to
   * @param after the resourceVersion the writes follow; replays need a store at this resourceVersion
   * @param timePlaceholders the timestamp texts of the recording's times, which replays replace
   * @return the recording
   * @throws IllegalStateException when the writes cannot be replayed faithfully: a deletion, a uid that does not
   *     occur in its object's JSON exactly once, or a placeholder in labels or field values (which replays
   *     share)
   * @throws ExpiredException when the store no longer keeps all the writes
   */
  public static RecordedWrites record(Store store, long after, List<String> timePlaceholders)
      throws ExpiredException {
    List<Write> writes = new ArrayList<>();
    Map<String, Integer> lastWrite = new HashMap<>();
    for (Change c : store.changesAfter(after)) {
      StoredObject o = c.object();
      if (c.type().equals("DELETED")) {
        throw new IllegalStateException("cannot replay the deletion of " + o.key());
      }
      String id = o.resource() + " " + o.key();
      Integer previous = lastWrite.put(id, writes.size());
      if ((previous == null) != (c.previous() == null)) {
        throw new IllegalStateException("the write of " + id + " replaces an object the recording lacks");
      }
      List<String> placeholders = new ArrayList<>();
      placeholders.add(o.uid());
      placeholders.addAll(timePlaceholders);
      List<Slot> slots = slots(o, placeholders);
      if (slots.stream().filter(s -> s.placeholder() == 0).count() != 1) {
        throw new IllegalStateException("the uid of " + id + " must occur once in its JSON: " + o);
      }
      for (String text : placeholders) {
        if (o.labels().containsKey(text) || o.labels().containsValue(text) || o.fields().containsValue(text)) {
          throw new IllegalStateException("\"" + text + "\" must not be a label or field value of " + id);
        }
      }
      // Replays share the index facts: read-only, so that no store can change another's.
      StoredObject shared = new StoredObject(o.resource(), o.namespace(), o.name(), o.uid(), o.resourceVersion(),
          o.labels(), Collections.unmodifiableMap(o.fields()), o.json(), o.headerLength());
      writes.add(new Write(shared, previous == null ? -1 : previous, List.copyOf(slots)));
    }
    return new RecordedWrites(after, List.copyOf(writes));
  }

  /** The resourceVersion the writes follow, at which a store must be to replay them. */
  public long after() {
    return after;
  }

  /** How many writes there are. */
  public int size() {
    return writes.size();
  }

  /**
   * Replays the writes: each added object gets a fresh random uid, each time placeholder its value.
   *
   * @param store a store at resourceVersion {@link #after()}; callers that decide from its state to replay hold
   *     its lock across both
   * @param times the timestamp texts in place of the time placeholders, in their order; written as they are, so
   *     texts that need no JSON escaping
   * @throws IllegalStateException when the store is not at {@link #after()}
   */
  public void replay(Store store, List<String> times) {
    byte[][] values = new byte[1 + times.size()][];
    for (int t = 0; t < times.size(); t++) {
      values[1 + t] = times.get(t).getBytes(StandardCharsets.UTF_8);
    }
    synchronized (store) {
      if (store.resourceVersion() != after) {
        throw new IllegalStateException("the store is at resourceVersion " + store.resourceVersion()
            + ", the recording follows " + after);
      }
      StoredObject[] replayed = new StoredObject[writes.size()];
      for (int i = 0; i < replayed.length; i++) {
        Write w = writes.get(i);
        StoredObject previous = w.previous() < 0 ? null : replayed[w.previous()];
        String uid = previous == null ? UUID.randomUUID().toString() : previous.uid();
        values[0] = uid.getBytes(StandardCharsets.UTF_8);
        StoredObject copy = copy(w, uid, values);
        replayed[i] = store.put(previous, rv -> copy);
      }
    }
  }

  private static StoredObject copy(Write w, String uid, byte[][] values) {
    StoredObject o = w.object();
    byte[] json = o.json();
    int length = json.length;
    for (Slot s : w.slots()) {
      length += values[s.placeholder()].length - s.length();
    }
    byte[] out = new byte[length];
    int from = 0;
    int to = 0;
    for (Slot s : w.slots()) {
      byte[] value = values[s.placeholder()];
      System.arraycopy(json, from, out, to, s.offset() - from);
      to += s.offset() - from;
      System.arraycopy(value, 0, out, to, value.length);
      to += value.length;
      from = s.offset() + s.length();
    }
    System.arraycopy(json, from, out, to, json.length - from);
    return new StoredObject(o.resource(), o.namespace(), o.name(), uid, o.resourceVersion(), o.labels(), o.fields(),
        out, o.headerLength());
  }

  /** Where the placeholders occur in an object's JSON, after the kind and apiVersion (whose length copies keep). */
  private static List<Slot> slots(StoredObject o, List<String> placeholders) {
    byte[] json = o.json();
    byte[][] texts = new byte[placeholders.size()][];
    for (int p = 0; p < texts.length; p++) {
      texts[p] = placeholders.get(p).getBytes(StandardCharsets.UTF_8);
    }
    List<Slot> slots = new ArrayList<>();
    for (int i = 1 + o.headerLength(); i < json.length; i++) {
      for (int p = 0; p < texts.length; p++) {
        if (matches(json, i, texts[p])) {
          slots.add(new Slot(i, p, texts[p].length));
          i += texts[p].length - 1;
          break;
        }
      }
    }
    return slots;
  }

  private static boolean matches(byte[] json, int at, byte[] text) {
    if (text.length == 0 || at + text.length > json.length) {
      return false;
    }
    for (int k = 0; k < text.length; k++) {
      if (json[at + k] != text[k]) {
        return false;
      }
    }
    return true;
  }
}
