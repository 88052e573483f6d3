package dev.skiff.watch;

import dev.skiff.model.KubernetesObject;
import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Single;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The list-then-watch loop behind one subscription to a watch stream, as client-go's {@code Reflector}: list
 * (paginated), then watch from the list's resource version; after a disconnect resume from the last version
 * seen (event or bookmark); after 410 Expired relist and report the difference, deletions included.
 *
 * <p>The loop is a sequence of phases, each a flowable that completes when the next phase is due: a list, a
 * watch, or a delay. Which phase comes next is decided from the state below, which only the current phase
 * touches, so phases need no locks. Demand flows straight through to the watch connection, so a slow
 * subscriber slows the reading of the stream.
 */
final class Reflector<T extends KubernetesObject> {
  /** A watch that ends cleanly sooner than this without delivering anything counts as a failure. */
  private static final long SHORT_WATCH_MILLIS = 1000;

  private final ListWatch<T> listWatch;
  private final Scope scope;
  private final WatchOptions options;
  private final Backoff backoff;

  /** The objects the subscriber has been told about, to report old states and infer deletions. */
  private Map<ObjectKey, T> known = new HashMap<>();
  /** The version the subscriber's view reflects: where the next watch starts. */
  private String lastVersion = "";
  private boolean needsList = true;

  Reflector(ListWatch<T> listWatch, Scope scope, WatchOptions options) {
    this.listWatch = listWatch;
    this.scope = scope;
    this.options = options;
    this.backoff = new Backoff(options.initialBackoff(), options.maxBackoff(), options.random());
  }

  Flowable<WatchEvent<T>> events() {
    return Flowable.defer(() -> needsList ? listPhase() : watchPhase()).repeat();
  }

  private Flowable<WatchEvent<T>> listPhase() {
    return Single.fromCallable(this::relist)
        .subscribeOn(options.listScheduler())
        .flattenAsFlowable(events -> events)
        .onErrorResumeNext(e -> recover(e, true));
  }

  /** Lists all pages and turns the difference to what the subscriber knows into events. */
  private List<WatchEvent<T>> relist() {
    Map<ObjectKey, T> fresh = new LinkedHashMap<>();
    String continueToken = "";
    Page<T> page;
    do {
      page = listWatch.list(new ListRequest(scope, "", continueToken, options.pageSize()));
      for (T item : page.items()) {
        fresh.put(ObjectKey.of(item), item);
      }
      continueToken = page.continueToken();
    } while (!continueToken.isEmpty());
    String listVersion = page.resourceVersion();

    List<WatchEvent<T>> events = new ArrayList<>();
    // Deletions first: a subscriber never sees two objects that cannot coexist.
    for (Map.Entry<ObjectKey, T> e : known.entrySet()) {
      if (!fresh.containsKey(e.getKey())) {
        events.add(WatchEvent.deletedFinalStateUnknown(e.getValue(), listVersion));
      }
    }
    for (Map.Entry<ObjectKey, T> e : fresh.entrySet()) {
      T old = known.get(e.getKey());
      if (old == null) {
        events.add(WatchEvent.added(e.getValue()));
      } else if (!WatchEvent.version(old).equals(WatchEvent.version(e.getValue()))) {
        events.add(WatchEvent.modified(old, e.getValue()));
      }
    }
    events.add(WatchEvent.synced(listVersion));
    known = fresh;
    lastVersion = listVersion;
    needsList = false;
    backoff.reset();
    return events;
  }

  private Flowable<WatchEvent<T>> watchPhase() {
    long minSeconds = options.minWatchTimeout().getSeconds();
    long timeoutSeconds = minSeconds + (long) (options.random().nextDouble() * minSeconds);
    WatchRequest request = new WatchRequest(scope, lastVersion, true, timeoutSeconds);
    long started = options.timerScheduler().now(TimeUnit.MILLISECONDS);
    AtomicBoolean receivedAny = new AtomicBoolean();
    Flowable<ServerEvent<T>> connection = Flowable.defer(() -> listWatch.watch(request));
    // One operator per event rather than four: mapOptional drops empties and requests a replacement, as filter does.
    return new IdleWatchdog<>(connection, options.idleTimeout(), options.timerScheduler())
        .mapOptional(e -> {
          receivedAny.set(true);
          return apply(e);
        })
        .concatWith(Flowable.defer(() -> {
          long lasted = options.timerScheduler().now(TimeUnit.MILLISECONDS) - started;
          if (!receivedAny.get() && lasted < SHORT_WATCH_MILLIS) {
            return delay(backoff.next()); // a server that hangs up at once must not be called in a loop
          }
          backoff.reset();
          return Flowable.empty();
        }))
        .onErrorResumeNext(e -> {
          if (receivedAny.get()) {
            backoff.reset(); // the connection worked for a while: this failure starts a new series
          }
          return recover(e, false);
        });
  }

  /** Records a server event and turns it into what the subscriber is told, if anything. */
  private Optional<WatchEvent<T>> apply(ServerEvent<T> event) {
    T object = event.object();
    String version = WatchEvent.version(object);
    if (!version.isEmpty()) {
      lastVersion = version;
    }
    if (event.type() == ServerEvent.Type.BOOKMARK) {
      return Optional.empty();
    }
    ObjectKey key = ObjectKey.of(object);
    if (event.type() == ServerEvent.Type.DELETED) {
      known.remove(key);
      return Optional.of(WatchEvent.deleted(object));
    }
    T old = known.put(key, object);
    return Optional.of(old == null ? WatchEvent.added(object) : WatchEvent.modified(old, object));
  }

  /** Decides what follows a failed phase: a relist, a resumed watch after a delay, or the end. */
  private Flowable<WatchEvent<T>> recover(Throwable error, boolean listing) {
    if (error instanceof ResourceExpiredException) {
      needsList = true;
      // A watch that fell behind relists at once; a list that keeps failing backs off.
      return listing ? delay(backoff.next()) : Flowable.empty();
    }
    if (error instanceof ListWatchException e && !e.isRetryable()) {
      return Flowable.error(e);
    }
    if (error instanceof IdleConnectionException) {
      return Flowable.empty(); // reconnect from the last version at once
    }
    if (error instanceof Error e) {
      return Flowable.error(e);
    }
    return delay(backoff.next());
  }

  private Flowable<WatchEvent<T>> delay(Duration delay) {
    return Completable.timer(delay.toMillis(), TimeUnit.MILLISECONDS, options.timerScheduler()).toFlowable();
  }
}
