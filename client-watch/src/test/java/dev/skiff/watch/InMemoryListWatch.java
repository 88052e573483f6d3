package dev.skiff.watch;

import dev.skiff.model.ResourceType;
import dev.skiff.model.ResourceTypes;
import dev.skiff.model.core.v1.ConfigMap;
import dev.skiff.model.meta.v1.ObjectMeta;
import dev.skiff.model.meta.v1.OwnerReference;
import io.reactivex.rxjava3.core.Flowable;
import java.io.UncheckedIOException;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * A tiny versioned store of config maps that answers lists and watches like an API server: every write gets
 * the next resource version; a bounded history of changes serves watches, and a watch from a version older
 * than the history answers 410. Tests can drop connections, expire them, freeze them (half-open), send
 * bookmarks and inject errors. Watch connections honour backpressure and fail the test (by throwing) if they
 * would ever emit without demand. Field selectors are not evaluated.
 */
final class InMemoryListWatch implements ListWatch<ConfigMap> {

  private final int historyLimit;
  private final TreeMap<ObjectKey, ConfigMap> objects = new TreeMap<>();
  private final Deque<ServerEvent<ConfigMap>> history = new ArrayDeque<>();
  private final Map<String, List<ConfigMap>> listSnapshots = new HashMap<>();
  private final List<Connection> connections = new CopyOnWriteArrayList<>();
  private final Deque<RuntimeException> listErrors = new ArrayDeque<>();
  private final Deque<RuntimeException> watchErrors = new ArrayDeque<>();
  private final Map<Integer, RuntimeException> scheduledListErrors = new HashMap<>();
  private final List<WatchRequest> watchRequests = new ArrayList<>();
  private long version = 100;
  /** Watches may start from this version or later; older ones are expired. */
  private long oldestWatchable = 100;
  private int listCalls;
  private int closedConnections;

  InMemoryListWatch(int historyLimit) {
    this.historyLimit = historyLimit;
  }

  // ------------------------------------------------------------------------------------ writes

  synchronized ConfigMap put(String namespace, String name, String value) {
    return put(namespace, name, value, null);
  }

  /** Writes an object whose controlling owner is the config map {@code owner} of the same namespace. */
  synchronized ConfigMap putOwned(String namespace, String name, String value, String owner) {
    return put(namespace, name, value, owner);
  }

  private ConfigMap put(String namespace, String name, String value, String owner) {
    ObjectKey key = new ObjectKey(namespace, name);
    ConfigMap old = objects.get(key);
    ObjectMeta.Builder meta = ObjectMeta.builder().namespace(namespace).name(name).uid(namespace + "-" + name)
        .putLabels("app", name.hashCode() % 2 == 0 ? "even" : "odd")
        .resourceVersion(Long.toString(++version));
    if (owner != null) {
      meta.addOwnerReferences(OwnerReference.builder().apiVersion("v1").kind("ConfigMap").name(owner)
          .uid(namespace + "-" + owner).controller(true).build());
    }
    ConfigMap object = ConfigMap.builder().metadata(meta.build()).putData("value", value).build();
    objects.put(key, object);
    record(new ServerEvent<>(old == null ? ServerEvent.Type.ADDED : ServerEvent.Type.MODIFIED, object));
    return object;
  }

  synchronized void delete(String namespace, String name) {
    ConfigMap old = objects.remove(new ObjectKey(namespace, name));
    if (old == null) {
      throw new IllegalArgumentException("no such object " + namespace + "/" + name);
    }
    ConfigMap last = old.withMetadata(old.metadata().withResourceVersion(Long.toString(++version)));
    record(new ServerEvent<>(ServerEvent.Type.DELETED, last));
  }

  private void record(ServerEvent<ConfigMap> event) {
    history.addLast(event);
    while (history.size() > historyLimit) {
      history.removeFirst();
      oldestWatchable = version(history.peekFirst()) - 1;
    }
    for (Connection c : connections) {
      c.offer(event);
    }
  }

  // ---------------------------------------------------------------------------------- chaos knobs

  /** Forgets all history: every watch from an older version than now gets 410. */
  synchronized void compact() {
    history.clear();
    oldestWatchable = version;
  }

  /** Ends every open watch cleanly, as a server-side timeout does. */
  void endConnections() {
    for (Connection c : connections) {
      c.finish(null);
    }
  }

  /** Breaks every open watch with an I/O error. */
  void breakConnections() {
    for (Connection c : connections) {
      c.finish(new UncheckedIOException(new IOException("connection reset")));
    }
  }

  /** Sends 410 to every open watch, as a server does to a watcher that fell too far behind. */
  void expireConnections() {
    for (Connection c : connections) {
      c.finish(new ResourceExpiredException("too old resource version"));
    }
  }

  /** Makes every open connection half-open: it stays open but delivers nothing more. */
  void freezeConnections() {
    for (Connection c : connections) {
      c.frozen = true;
    }
  }

  /** Sends a bookmark with the current version to every open watch. */
  synchronized void bookmark() {
    ConfigMap marker = ConfigMap.builder()
        .metadata(ObjectMeta.builder().resourceVersion(Long.toString(version)).build()).build();
    for (Connection c : connections) {
      c.offer(new ServerEvent<>(ServerEvent.Type.BOOKMARK, marker));
    }
  }

  synchronized void failNextList(RuntimeException error) {
    listErrors.add(error);
  }

  /** Fails the list call that comes {@code callsFromNow} calls from now (1 is the next one). */
  synchronized void failListCall(int callsFromNow, RuntimeException error) {
    scheduledListErrors.put(listCalls + callsFromNow, error);
  }

  synchronized void failNextWatch(RuntimeException error) {
    watchErrors.add(error);
  }

  // ------------------------------------------------------------------------------------- queries

  synchronized Map<ObjectKey, ConfigMap> snapshot() {
    return new TreeMap<>(objects);
  }

  synchronized List<WatchRequest> watchRequests() {
    return List.copyOf(watchRequests);
  }

  synchronized int listCalls() {
    return listCalls;
  }

  int openConnections() {
    return connections.size();
  }

  synchronized int closedConnections() {
    return closedConnections;
  }

  /** Events the open connections hold that nobody has requested yet. */
  int undelivered() {
    return connections.stream().mapToInt(c -> c.pending.size()).sum();
  }

  // ---------------------------------------------------------------------------------- ListWatch

  @Override
  public ResourceType<ConfigMap> resourceType() {
    return ResourceTypes.CONFIGMAPS;
  }

  @Override
  public synchronized Page<ConfigMap> list(ListRequest request) {
    listCalls++;
    if (!listErrors.isEmpty()) {
      throw listErrors.removeFirst();
    }
    RuntimeException scheduled = scheduledListErrors.remove(listCalls);
    if (scheduled != null) {
      throw scheduled;
    }
    List<ConfigMap> all;
    String listVersion;
    if (request.continueToken().isEmpty()) {
      all = new ArrayList<>();
      for (ConfigMap c : objects.values()) {
        if (inScope(request.scope(), c)) {
          all.add(c);
        }
      }
      listVersion = Long.toString(version);
    } else {
      all = listSnapshots.remove(request.continueToken());
      if (all == null) {
        throw new ResourceExpiredException("continue token expired");
      }
      listVersion = request.continueToken().substring(0, request.continueToken().indexOf(':'));
    }
    int n = Math.min(request.limit(), all.size());
    String next = "";
    if (n < all.size()) {
      next = listVersion + ":" + listCalls;
      listSnapshots.put(next, new ArrayList<>(all.subList(n, all.size())));
    }
    return new Page<>(all.subList(0, n), listVersion, next);
  }

  @Override
  public Flowable<ServerEvent<ConfigMap>> watch(WatchRequest request) {
    return new Flowable<>() {
      @Override
      protected void subscribeActual(Subscriber<? super ServerEvent<ConfigMap>> s) {
        open(request, s);
      }
    };
  }

  private void open(WatchRequest request, Subscriber<? super ServerEvent<ConfigMap>> s) {
    Connection c;
    synchronized (this) {
      watchRequests.add(request);
      RuntimeException error = watchErrors.pollFirst();
      long from = Long.parseLong(request.resourceVersion());
      if (error == null && from < oldestWatchable) {
        error = new ResourceExpiredException("too old resource version: " + from + " (" + oldestWatchable + ")");
      }
      if (error != null) {
        Flowable.<ServerEvent<ConfigMap>>error(error).subscribe(s);
        return;
      }
      c = new Connection(request.scope(), s);
      for (ServerEvent<ConfigMap> e : history) {
        if (version(e) > from) {
          c.pending.add(e);
        }
      }
      c.pending.removeIf(e -> !inScope(request.scope(), e.object()));
      connections.add(c);
    }
    s.onSubscribe(c);
  }

  private static boolean inScope(Scope scope, ConfigMap c) {
    Optional<String> ns = scope.namespace();
    return (ns.isEmpty() || ns.get().equals(c.metadata().namespace()))
        && scope.labels().matches(c.metadata().labels());
  }

  private static long version(ServerEvent<ConfigMap> e) {
    return Long.parseLong(e.object().metadata().resourceVersion());
  }

  /** One watch connection: a server-side queue drained only as far as the client requested. */
  private final class Connection implements Subscription {
    private final Scope scope;
    private final Subscriber<? super ServerEvent<ConfigMap>> subscriber;
    private final Deque<ServerEvent<ConfigMap>> pending = new ArrayDeque<>();
    private long requested;
    private boolean draining;
    private boolean closed;
    private boolean finishing;
    private Throwable finishError;
    volatile boolean frozen;

    Connection(Scope scope, Subscriber<? super ServerEvent<ConfigMap>> subscriber) {
      this.scope = scope;
      this.subscriber = subscriber;
    }

    void offer(ServerEvent<ConfigMap> e) {
      synchronized (InMemoryListWatch.this) {
        if (e.type() == ServerEvent.Type.BOOKMARK || inScope(scope, e.object())) {
          pending.add(e);
        }
      }
      drain();
    }

    void finish(Throwable error) {
      synchronized (InMemoryListWatch.this) {
        finishing = true;
        finishError = error;
        pending.clear();
      }
      drain();
    }

    @Override
    public void request(long n) {
      synchronized (InMemoryListWatch.this) {
        requested = requested + n < 0 ? Long.MAX_VALUE : requested + n;
      }
      drain();
    }

    @Override
    public void cancel() {
      close();
    }

    private void close() {
      synchronized (InMemoryListWatch.this) {
        if (!closed) {
          closed = true;
          closedConnections++;
          connections.remove(this);
        }
      }
    }

    /** Emits what is pending and wanted; one drainer at a time, so emissions are serial. */
    private void drain() {
      synchronized (InMemoryListWatch.this) {
        if (draining) {
          return;
        }
        draining = true;
      }
      try {
        while (true) {
          ServerEvent<ConfigMap> next;
          Throwable error;
          synchronized (InMemoryListWatch.this) {
            if (closed || frozen) {
              draining = false;
              return;
            }
            if (finishing) {
              error = finishError;
              next = null;
            } else if (requested > 0 && !pending.isEmpty()) {
              next = pending.removeFirst();
              error = null;
              if (requested != Long.MAX_VALUE) {
                requested--;
              }
            } else {
              draining = false;
              return;
            }
          }
          if (next == null) {
            close();
            if (error == null) {
              subscriber.onComplete();
            } else {
              subscriber.onError(error);
            }
            synchronized (InMemoryListWatch.this) {
              draining = false;
            }
            return;
          }
          subscriber.onNext(next);
        }
      } catch (RuntimeException e) {
        synchronized (InMemoryListWatch.this) {
          draining = false;
        }
        throw e;
      }
    }
  }
}
