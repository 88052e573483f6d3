package dev.skiff.fake.api;

import dev.skiff.fake.store.Store;
import dev.skiff.fake.store.StoredObject;
import dev.skiff.fake.store.WatchFilter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * The objects every new {@link ApiServer} starts with (the system namespaces and their {@code default}
 * ServiceAccounts), made once per class loader through the full write path and then copied into each new
 * server with that server's own uids and creation time.
 *
 * <p>Why: creating them through defaulting, validation, managedFields tracking and JSON encoding on every
 * start was most of the cost of starting a cluster. Their stored form depends on nothing but the uid and the
 * time: the names are fixed, and a new store always gives them the resourceVersions 1 to 8 in the same order.
 * So a template, made with the write path itself, with its uid and timestamps replaced, is byte for byte what
 * the write path would store; the copies are stored with {@link Store#put} in the write path's order, so the
 * store's counter, history and watch events are the same too.
 */
final class SystemObjects {

  /** The templates' creation time; any would do, as each occurrence of its text is replaced. */
  private static final Instant TEMPLATE_TIME = Instant.parse("2001-02-03T04:05:06Z");

  private SystemObjects() {}

  /**
   * Stores the system objects into a new server's empty store, as the write path would have.
   *
   * @param store the new server's store, with nothing written yet
   * @param timestamp the creation time to give them, as the server formats it
   */
  static void stampInto(Store store, String timestamp) {
    byte[] time = timestamp.getBytes(StandardCharsets.UTF_8);
    for (Template t : Templates.ALL) {
      StoredObject copy = t.stamp(UUID.randomUUID().toString(), time);
      store.put(null, rv -> copy);
    }
  }

  /** The templates, in the order the write path stores them. */
  static List<Template> templates() {
    return Templates.ALL;
  }

  /** Initialization-on-demand: made on the first server's start, without locking afterwards. */
  private static final class Templates {
    static final List<Template> ALL = make();
  }

  private static List<Template> make() {
    String time = DateTimeFormatter.ISO_INSTANT.format(TEMPLATE_TIME);
    List<StoredObject> written = new ArrayList<>();
    try (ApiServer full = new ApiServer(ApiServerOptions.defaults(), Clock.fixed(TEMPLATE_TIME, ZoneOffset.UTC),
        new SplittableRandom(0), false)) {
      Store store = full.store();
      for (String resource : List.of("namespaces", "serviceaccounts")) {
        try {
          written.addAll(store.list(new WatchFilter(resource, null, o -> true), null, null, 0, 0, false).items());
        } catch (dev.skiff.fake.store.ExpiredException e) {
          throw new AssertionError("a list of the present cannot expire", e);
        }
      }
      if (written.size() != store.resourceVersion()) {
        // Every write must have made one of these objects, else the copies would miss a change.
        throw new IllegalStateException("the system objects are " + written.size() + " objects, but the new store "
            + "saw " + store.resourceVersion() + " writes");
      }
    }
    written.sort(Comparator.comparingLong(StoredObject::resourceVersion));
    List<Template> templates = new ArrayList<>();
    for (StoredObject o : written) {
      templates.add(Template.of(o, time));
    }
    return List.copyOf(templates);
  }

  /**
   * One stored object with the places of its uid and of its timestamps.
   *
   * @param object the object as the write path stored it for the template
   * @param slots the offsets in its JSON where the uid ({@code >= 0}) or a timestamp ({@code ~offset}) begins,
   *     ascending
   * @param uidLength the template uid's length in bytes
   * @param timeLength the template timestamp's length in bytes
   */
  record Template(StoredObject object, int[] slots, int uidLength, int timeLength) {

    static Template of(StoredObject object, String time) {
      byte[] json = object.json();
      byte[] uid = object.uid().getBytes(StandardCharsets.UTF_8);
      byte[] timeBytes = time.getBytes(StandardCharsets.UTF_8);
      List<Integer> slots = new ArrayList<>();
      int uids = 0;
      int times = 0;
      for (int i = 1 + object.headerLength(); i < json.length; i++) {
        if (uid.length > 0 && matches(json, i, uid)) {
          slots.add(i);
          uids++;
          i += uid.length - 1;
        } else if (matches(json, i, timeBytes)) {
          slots.add(~i);
          times++;
          i += timeBytes.length - 1;
        }
      }
      if (uids != 1 || times == 0 || object.fields().containsValue(object.uid())
          || object.fields().containsValue(time) || object.labels().containsValue(time)) {
        throw new IllegalStateException("cannot make a template of " + object + ": its uid must occur once and "
            + "its uid and timestamps only in its JSON");
      }
      // The copies share the template's index facts: read-only, so that no server can change another's.
      StoredObject shared = new StoredObject(object.resource(), object.namespace(), object.name(), object.uid(),
          object.resourceVersion(), object.labels(), Collections.unmodifiableMap(object.fields()), json,
          object.headerLength());
      return new Template(shared, slots.stream().mapToInt(Integer::intValue).toArray(), uid.length,
          timeBytes.length);
    }

    private static boolean matches(byte[] json, int at, byte[] text) {
      if (at + text.length > json.length) {
        return false;
      }
      for (int k = 0; k < text.length; k++) {
        if (json[at + k] != text[k]) {
          return false;
        }
      }
      return true;
    }

    /**
     * The object with another uid and creation time.
     *
     * @param uid the copy's uid
     * @param time the copy's timestamp text, UTF-8
     * @return the copy, with the template's resourceVersion
     */
    StoredObject stamp(String uid, byte[] time) {
      byte[] json = object.json();
      byte[] uidBytes = uid.getBytes(StandardCharsets.UTF_8);
      int length = json.length;
      for (int slot : slots) {
        length += slot >= 0 ? uidBytes.length - uidLength : time.length - timeLength;
      }
      byte[] out = new byte[length];
      int from = 0;
      int to = 0;
      for (int slot : slots) {
        boolean isUid = slot >= 0;
        int at = isUid ? slot : ~slot;
        System.arraycopy(json, from, out, to, at - from);
        to += at - from;
        byte[] value = isUid ? uidBytes : time;
        System.arraycopy(value, 0, out, to, value.length);
        to += value.length;
        from = at + (isUid ? uidLength : timeLength);
      }
      System.arraycopy(json, from, out, to, json.length - from);
      return new StoredObject(object.resource(), object.namespace(), object.name(), uid, object.resourceVersion(),
          object.labels(), object.fields(), out, object.headerLength());
    }
  }
}
