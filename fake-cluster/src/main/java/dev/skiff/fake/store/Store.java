package dev.skiff.fake.store;

import dev.skiff.model.Selector;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongFunction;
import java.util.function.Predicate;

/**
 * All objects of the cluster, the cluster-wide resourceVersion counter, the history of recent writes and the
 * watchers.
 *
 * <p>One lock (this object's monitor) guards everything: writes are short (the caller prepares the object
 * before), and watch events are handed to non-blocking sinks, so a slow watcher never holds writers up.
 * Callers that read, decide and write (update with a precondition, say) hold the same lock across the steps
 * with {@code synchronized (store)}; the monitor is reentrant.
 */
public final class Store {

  private final int historySize;
  private long counter;
  /** Every write after {@link #compactedThrough}, oldest first. */
  private final ArrayDeque<Change> history = new ArrayDeque<>();
  /** The resourceVersion of the newest write dropped from the history; 0 while nothing was dropped. */
  private long compactedThrough;
  private final Map<String, TreeMap<String, StoredObject>> objects = new HashMap<>();
  /**
   * resource -> label key -> label value -> the objects, by key: in key order, so that a list selected by a label
   * reads its objects in order instead of looking each up in the whole map.
   */
  private final Map<String, Map<String, Map<String, TreeMap<String, StoredObject>>>> labelIndex = new HashMap<>();
  /** Written under the store's lock; read without it by {@link Registration#cancel()}. */
  private final Map<String, List<Registration>> watchers = new ConcurrentHashMap<>();

  /** A registered watcher; {@link #cancel()} removes it. */
  public final class Registration {
    private final WatchFilter filter;
    private final WatchSink sink;

    private Registration(WatchFilter filter, WatchSink sink) {
      this.filter = filter;
      this.sink = sink;
    }

    /**
     * Stops delivering events to the sink. Idempotent.
     *
     * <p>Takes no lock: a sink ends its watch while holding its own lock, and the store holds the store's lock
     * while it delivers the sink an event, which takes the sink's lock. Had cancelling taken the store's lock,
     * the two would wait for each other forever. An event already being delivered when this is called may
     * still arrive.
     */
    public void cancel() {
      List<Registration> list = watchers.get(filter.resource());
      if (list != null) {
        list.remove(this); // a CopyOnWriteArrayList: safe beside a delivery iterating it
      }
    }
  }

  /**
   * Creates an empty store.
   *
   * @param historySize how many writes watches and continued lists can reach back
   * @param initialResourceVersion the counter's start; the first write gets the next value
   */
  public Store(int historySize, long initialResourceVersion) {
    if (historySize < 1) {
      throw new IllegalArgumentException("historySize must be at least 1");
    }
    this.historySize = historySize;
    this.counter = initialResourceVersion;
    this.compactedThrough = initialResourceVersion;
  }

  /** The counter: the resourceVersion of the newest write. */
  public synchronized long resourceVersion() {
    return counter;
  }

  /** The oldest resourceVersion a watch may start from. */
  public synchronized long oldestResourceVersion() {
    return compactedThrough;
  }

  /** One object, by resource, namespace ({@code ""} when cluster-scoped) and name. */
  public synchronized Optional<StoredObject> get(String resource, String namespace, String name) {
    TreeMap<String, StoredObject> map = objects.get(resource);
    return map == null ? Optional.empty() : Optional.ofNullable(map.get(StoredObject.key(namespace, name)));
  }

  /** How many objects of a resource are stored. */
  public synchronized int count(String resource) {
    TreeMap<String, StoredObject> map = objects.get(resource);
    return map == null ? 0 : map.size();
  }

  /**
   * Lists matching objects in key order.
   *
   * @param filter which objects; its label selector narrows the scan through the label index
   * @param startAfter the key the previous page ended on, or null for the first page
   * @param atResourceVersion the resourceVersion of the first page for a continued list, or 0 for now
   * @param limit most items to return, 0 for all
   * @param countRemaining whether to count the matches after the page
   * @throws ExpiredException when {@code atResourceVersion} is older than the retained history
   */
  public synchronized ListPage list(WatchFilter filter, String startAfter, long atResourceVersion, int limit,
      boolean countRemaining) throws ExpiredException {
    NavigableMap<String, StoredObject> view = snapshot(filter.resource(), atResourceVersion);
    Selector labels = filter.labels();
    NavigableMap<String, StoredObject> indexed = atResourceVersion == 0 ? indexed(filter.resource(), labels) : null;
    // The index gives objects of the resource that meet the selector's first indexable requirement, and the range
    // below bounds the namespace: when that requirement is the only one, the labels need no test per object.
    Predicate<StoredObject> test = indexed != null && labels.requirements().size() == 1 ? filter.others()
        : filter::test;
    NavigableMap<String, StoredObject> range = indexed != null ? indexed : view;
    if (filter.namespace() != null && !filter.namespace().isEmpty()) {
      String lo = filter.namespace() + "/";
      range = range.subMap(lo, true, filter.namespace() + "0", false); // '0' sorts right after '/'
    }
    if (startAfter != null) {
      range = range.tailMap(startAfter, false);
    }
    Iterable<StoredObject> candidates = range.values();
    List<StoredObject> items = new ArrayList<>();
    String nextKey = null;
    long remaining = -1;
    Iterator<StoredObject> it = candidates.iterator();
    while (it.hasNext()) {
      StoredObject o = it.next();
      if (!test.test(o)) {
        continue;
      }
      if (limit > 0 && items.size() == limit) {
        nextKey = items.get(items.size() - 1).key();
        if (countRemaining) {
          remaining = 1;
          while (it.hasNext()) {
            if (test.test(it.next())) {
              remaining++;
            }
          }
        }
        break;
      }
      items.add(o);
    }
    long rv = atResourceVersion == 0 ? counter : atResourceVersion;
    return new ListPage(items, rv, nextKey, remaining);
  }

  /** The objects of a resource as they were at a resourceVersion (0: now), undoing later writes. */
  private NavigableMap<String, StoredObject> snapshot(String resource, long atResourceVersion)
      throws ExpiredException {
    TreeMap<String, StoredObject> current = objects.getOrDefault(resource, new TreeMap<>());
    if (atResourceVersion == 0 || atResourceVersion >= counter) {
      return current;
    }
    if (atResourceVersion < compactedThrough) {
      throw new ExpiredException(atResourceVersion, compactedThrough + 1);
    }
    TreeMap<String, StoredObject> past = null;
    Iterator<Change> back = history.descendingIterator();
    while (back.hasNext()) {
      Change c = back.next();
      if (c.resourceVersion() <= atResourceVersion) {
        break;
      }
      if (!c.resource().equals(resource)) {
        continue;
      }
      if (past == null) {
        past = new TreeMap<>(current);
      }
      if (c.previous() == null) {
        past.remove(c.object().key());
      } else {
        past.put(c.previous().key(), c.previous());
      }
    }
    return past == null ? current : past;
  }

  /** The current objects the label index gives for the selector's first equality or set requirement, or null. */
  private NavigableMap<String, StoredObject> indexed(String resource, Selector labels) {
    Map<String, Map<String, TreeMap<String, StoredObject>>> byKey = labelIndex.get(resource);
    for (Selector.Requirement r : labels.requirements()) {
      Selector.Operator op = r.operator();
      if (op == Selector.Operator.EQUALS || op == Selector.Operator.DOUBLE_EQUALS || op == Selector.Operator.IN) {
        Map<String, TreeMap<String, StoredObject>> byValue = byKey == null ? null : byKey.get(r.key());
        if (byValue != null && r.values().size() == 1) {
          return byValue.getOrDefault(r.values().iterator().next(), new TreeMap<>());
        }
        TreeMap<String, StoredObject> union = new TreeMap<>();
        if (byValue != null) {
          for (String v : r.values()) {
            union.putAll(byValue.getOrDefault(v, new TreeMap<>()));
          }
        }
        return union;
      }
    }
    return null;
  }

  /**
   * Stores a new or changed object under the next resourceVersion and tells the watchers.
   *
   * @param previous the stored object it replaces, null when it is new
   * @param build makes the stored form of the object given its new resourceVersion
   * @return what was stored
   */
  public synchronized StoredObject put(StoredObject previous, LongFunction<StoredObject> build) {
    long rv = counter + 1;
    StoredObject object = build.apply(rv);
    if (object.resourceVersion() != rv) {
      throw new IllegalStateException("stored object must carry resourceVersion " + rv);
    }
    counter = rv;
    TreeMap<String, StoredObject> map = objects.computeIfAbsent(object.resource(), r -> new TreeMap<>());
    StoredObject replaced = map.put(object.key(), object);
    // What the map held, not what the caller says it held: the index holds objects, so it must mirror the map
    // exactly or a list by label could return an old state.
    if (replaced != null) {
      unindex(replaced);
    }
    index(object);
    record(new Change(rv, previous == null ? "ADDED" : "MODIFIED", previous, object));
    return object;
  }

  /**
   * Removes an object under the next resourceVersion and tells the watchers.
   *
   * @param previous the stored object
   * @param build makes its last state given the deletion's resourceVersion (what DELETED events carry)
   * @return the last state
   */
  public synchronized StoredObject delete(StoredObject previous, LongFunction<StoredObject> build) {
    long rv = counter + 1;
    StoredObject last = build.apply(rv);
    counter = rv;
    TreeMap<String, StoredObject> map = objects.get(previous.resource());
    StoredObject removed = map == null ? null : map.remove(previous.key());
    if (removed != null) {
      unindex(removed);
    }
    record(new Change(rv, "DELETED", previous, last));
    return last;
  }

  private void index(StoredObject o) {
    Map<String, Map<String, TreeMap<String, StoredObject>>> byKey =
        labelIndex.computeIfAbsent(o.resource(), r -> new HashMap<>());
    String key = o.key();
    for (Map.Entry<String, String> l : o.labels().entrySet()) {
      byKey.computeIfAbsent(l.getKey(), k -> new HashMap<>())
          .computeIfAbsent(l.getValue(), v -> new TreeMap<>())
          .put(key, o);
    }
  }

  private void unindex(StoredObject o) {
    Map<String, Map<String, TreeMap<String, StoredObject>>> byKey = labelIndex.get(o.resource());
    if (byKey == null) {
      return;
    }
    String key = o.key();
    for (Map.Entry<String, String> l : o.labels().entrySet()) {
      Map<String, TreeMap<String, StoredObject>> byValue = byKey.get(l.getKey());
      if (byValue == null) {
        continue;
      }
      TreeMap<String, StoredObject> labelled = byValue.get(l.getValue());
      if (labelled != null) {
        labelled.remove(key);
        if (labelled.isEmpty()) {
          byValue.remove(l.getValue());
        }
      }
      if (byValue.isEmpty()) {
        byKey.remove(l.getKey());
      }
    }
  }

  private void record(Change change) {
    history.addLast(change);
    while (history.size() > historySize) {
      compactedThrough = history.removeFirst().resourceVersion();
    }
    List<Registration> list = watchers.get(change.resource());
    if (list != null) {
      for (Registration r : list) {
        if (!dispatch(r, change)) {
          list.remove(r); // CopyOnWriteArrayList: safe while iterating
        }
      }
    }
  }

  /**
   * Sends a change to one watcher as the event that watcher sees: an object that starts matching its filter is
   * ADDED, one that stops matching is DELETED.
   */
  private static boolean dispatch(Registration r, Change c) {
    String type = eventType(r.filter, c);
    return type == null || r.sink.event(type, c.object());
  }

  /** The event a change is for a watcher with this filter, or null when the watcher does not see it. */
  private static String eventType(WatchFilter filter, Change c) {
    boolean before = filter.test(c.previous());
    boolean after = filter.test(c.object());
    String type;
    if (c.type().equals("DELETED")) {
      type = before || after ? "DELETED" : null;
    } else if (before && after) {
      type = "MODIFIED";
    } else if (after) {
      type = "ADDED";
    } else if (before) {
      type = "DELETED";
    } else {
      type = null;
    }
    return type;
  }

  /**
   * Registers a watcher and delivers what it is owed from before its registration to the sink at once, under
   * the store's lock: for in-process watchers whose sink only queues.
   *
   * @param filter which objects
   * @param fromResourceVersion -1 to first get ADDED for every current match, else the resourceVersion after
   *     which every change is delivered
   * @param sink where events go
   * @return the registration, to cancel it
   * @throws ExpiredException when {@code fromResourceVersion} is older than the retained history
   */
  public synchronized Registration watch(WatchFilter filter, long fromResourceVersion, WatchSink sink)
      throws ExpiredException {
    Subscription s = subscribe(filter, fromResourceVersion, sink);
    for (WatchEvent e : s.owed()) {
      if (!sink.event(e.type(), e.object())) {
        s.registration().cancel();
        break;
      }
    }
    return s.registration();
  }

  /**
   * Registers a watcher and returns, instead of sending them, the events it is owed from before its
   * registration, oldest first: ADDED for every current match, or the changes after a resourceVersion as this
   * watcher's filter sees them. Changes from the moment of registration go to the sink; the caller sends the
   * owed events before those. This lets a watch that is owed many events (a resumed watch, or the synthetic
   * ADDED of a watch without resourceVersion over a large collection) send them at the pace of its client
   * without holding the store's lock, as the real server's cache watchers do.
   *
   * @param filter which objects
   * @param fromResourceVersion -1 for an ADDED per current match, else the resourceVersion after which every
   *     change is owed
   * @param sink where the changes after the registration go
   * @return the registration and the owed events
   * @throws ExpiredException when {@code fromResourceVersion} is older than the retained history
   */
  public synchronized Subscription subscribe(WatchFilter filter, long fromResourceVersion, WatchSink sink)
      throws ExpiredException {
    List<WatchEvent> owed = new ArrayList<>();
    if (fromResourceVersion < 0) {
      TreeMap<String, StoredObject> map = objects.get(filter.resource());
      if (map != null) {
        for (StoredObject o : map.values()) {
          if (filter.test(o)) {
            owed.add(new WatchEvent("ADDED", o));
          }
        }
      }
    } else {
      if (fromResourceVersion < compactedThrough) {
        throw new ExpiredException(fromResourceVersion, compactedThrough + 1);
      }
      for (Change c : history) {
        if (c.resourceVersion() > fromResourceVersion && c.resource().equals(filter.resource())) {
          String type = eventType(filter, c);
          if (type != null) {
            owed.add(new WatchEvent(type, c.object()));
          }
        }
      }
    }
    Registration r = new Registration(filter, sink);
    watchers.computeIfAbsent(filter.resource(), k -> new CopyOnWriteArrayList<>()).add(r);
    return new Subscription(r, owed, counter);
  }

  /**
   * One event a watcher is owed.
   *
   * @param type {@code ADDED}, {@code MODIFIED} or {@code DELETED}
   * @param object the object the event carries
   */
  public record WatchEvent(String type, StoredObject object) {}

  /**
   * A new watcher's registration and what it is owed.
   *
   * @param registration to cancel the watcher
   * @param owed the events from before the registration, oldest first
   * @param resourceVersion the store's resourceVersion at the registration: the owed events are the state at it
   */
  public record Subscription(Registration registration, List<WatchEvent> owed, long resourceVersion) {}

  /**
   * The writes after a resourceVersion, oldest first, as the watch history keeps them.
   *
   * @param resourceVersion the resourceVersion after which to take them
   * @return the writes
   * @throws ExpiredException when some of them are no longer kept
   */
  public synchronized List<Change> changesAfter(long resourceVersion) throws ExpiredException {
    if (resourceVersion < compactedThrough) {
      throw new ExpiredException(resourceVersion, compactedThrough + 1);
    }
    List<Change> out = new ArrayList<>();
    for (Change c : history) {
      if (c.resourceVersion() > resourceVersion) {
        out.add(c);
      }
    }
    return out;
  }

  /** How many watchers are registered, for tests and diagnostics. */
  public synchronized int watcherCount() {
    int n = 0;
    for (List<Registration> l : watchers.values()) {
      n += l.size();
    }
    return n;
  }
}
