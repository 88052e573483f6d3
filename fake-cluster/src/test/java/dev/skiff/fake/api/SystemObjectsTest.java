package dev.skiff.fake.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skiff.fake.store.Store;
import dev.skiff.fake.store.StoredObject;
import dev.skiff.fake.store.WatchFilter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The system objects a server starts with, copied from templates, are what the full write path stores: the same
 * bytes apart from the uid and the timestamps, the same index facts, resourceVersions and watch history.
 */
class SystemObjectsTest {

  @ParameterizedTest
  @ValueSource(strings = {"2026-11-27T16:10:24.987Z", "+12345-06-07T08:09:10Z"}) // the second is longer
  void copiesEqualWhatTheWritePathStoresApartFromUidAndTime(String now) throws Exception {
    Instant instant = Instant.parse(now);
    Clock clock = Clock.fixed(instant, ZoneOffset.UTC);
    String time = java.time.format.DateTimeFormatter.ISO_INSTANT.format(
        instant.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    try (ApiServer full = new ApiServer(ApiServerOptions.defaults(), clock, new SplittableRandom(1), false);
        ApiServer copied = new ApiServer(ApiServerOptions.defaults(), clock, new SplittableRandom(1))) {
      List<StoredObject> expected = history(full.store());
      List<StoredObject> actual = history(copied.store());
      assertEquals(8, expected.size(), "4 namespaces and their default ServiceAccounts");
      assertEquals(full.store().resourceVersion(), copied.store().resourceVersion());
      assertEquals(expected.size(), actual.size());
      Set<String> uids = new HashSet<>();
      for (int i = 0; i < expected.size(); i++) {
        StoredObject e = expected.get(i);
        StoredObject a = actual.get(i);
        assertEquals(e.resource(), a.resource());
        assertEquals(e.key(), a.key());
        assertEquals(e.resourceVersion(), a.resourceVersion());
        assertEquals(e.labels(), a.labels());
        assertEquals(e.fields(), a.fields());
        assertEquals(e.headerLength(), a.headerLength());
        assertTrue(e.toString().contains("\"creationTimestamp\":\"" + time + "\""), e::toString);
        assertTrue(a.toString().contains("\"uid\":\"" + a.uid() + "\""), a::toString);
        assertNotEquals(e.uid(), a.uid());
        assertTrue(uids.add(a.uid()), "every copy has its own uid");
        assertEquals(e.toString().replace(e.uid(), "UID"), a.toString().replace(a.uid(), "UID"));
        assertEquals(members(e).replace(e.uid(), "UID"), members(a).replace(a.uid(), "UID"));
      }
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 3, 10_000})
  void watchHistoryAndCompactionAreTheWritePathsOwn(int historySize) throws Exception {
    ApiServerOptions options = ApiServerOptions.defaults().withWatchHistorySize(historySize);
    try (ApiServer full = new ApiServer(options, Clock.systemUTC(), new SplittableRandom(1), false);
        ApiServer copied = new ApiServer(options)) {
      assertEquals(full.store().oldestResourceVersion(), copied.store().oldestResourceVersion());
      long from = full.store().oldestResourceVersion();
      for (String resource : List.of("namespaces", "serviceaccounts")) {
        assertEquals(events(full.store(), resource, from), events(copied.store(), resource, from));
        assertEquals(events(full.store(), resource, -1), events(copied.store(), resource, -1));
      }
    }
  }

  /** Every stored object, oldest write first. */
  private static List<StoredObject> history(Store store) throws Exception {
    List<StoredObject> all = new ArrayList<>();
    for (String resource : List.of("namespaces", "serviceaccounts")) {
      all.addAll(store.list(new WatchFilter(resource, null, o -> true), null, 0, 0, false).items());
    }
    all.sort(java.util.Comparator.comparingLong(StoredObject::resourceVersion));
    return all;
  }

  /** What a watch from a resourceVersion gets, as type, key and resourceVersion. */
  private static List<String> events(Store store, String resource, long from) throws Exception {
    List<String> out = new ArrayList<>();
    Store.Registration r = store.watch(new WatchFilter(resource, null, o -> true), from,
        (type, o) -> out.add(type + " " + o.key() + " " + o.resourceVersion()));
    r.cancel();
    return out;
  }

  /** The object's list-item JSON as text. */
  private static String members(dev.skiff.fake.store.StoredObject o) {
    return java.nio.charset.StandardCharsets.UTF_8.decode(o.itemMembers()).toString();
  }
}
