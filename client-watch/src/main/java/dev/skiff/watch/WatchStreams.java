package dev.skiff.watch;

import dev.skiff.model.KubernetesObject;
import io.reactivex.rxjava3.core.Flowable;
import java.util.Objects;

/**
 * Watch streams: every change of the objects of one resource type in a {@link Scope}, as an endless
 * {@code Flowable} that lists, watches and recovers on its own.
 *
 * <pre>{@code
 * WatchStreams.events(configMaps, Scope.namespace("shop").withLabels("app=web"))
 *     .subscribe(event -> System.out.println(event));
 * }</pre>
 *
 * <p>What a subscriber can rely on:
 * <ul>
 *   <li>It first receives the listed objects as {@link WatchEvent.Type#ADDED} (lists are paginated), then a
 *       {@link WatchEvent.Type#SYNCED} marker, then changes as the server reports them.
 *   <li>After a dropped connection the stream resumes from the last resource version seen, event or bookmark
 *       (bookmarks are always requested), so nothing is missed and nothing is repeated.
 *   <li>When the server no longer has that version (410 Expired) the stream relists and reports the
 *       difference to what the subscriber was told: additions, modifications and deletions (the latter
 *       {@linkplain WatchEvent#finalStateUnknown() with unknown final state}), then a {@code SYNCED} marker.
 *   <li>Each watch asks for a server-side timeout between {@link WatchOptions#minWatchTimeout()} and twice
 *       that; transient failures are retried after an exponential backoff with jitter; a connection that stays
 *       silent (no event, no bookmark) for {@link WatchOptions#idleTimeout()} while events are wanted is
 *       replaced.
 *   <li>Backpressure is honoured end to end: the connection is read only as far as the subscriber requests,
 *       nothing is dropped and nothing is buffered without bound (except the pages of one list).
 *   <li>Cancelling the subscription closes the connection.
 *   <li>Errors that retrying cannot fix (e.g. 403 Forbidden, 404 Not Found) end the stream with a
 *       {@link ListWatchException} carrying the status.
 * </ul>
 *
 * <p>Each subscription runs its own list and watch; share one among many consumers with an {@link Informer}.
 */
public final class WatchStreams {
  private WatchStreams() {}

  /**
   * A watch stream with {@linkplain WatchOptions#defaults() default options}.
   *
   * @param listWatch access to the resource type
   * @param scope which objects
   * @param <T> the model class
   * @return a cold flowable: each subscription lists and watches anew
   */
  public static <T extends KubernetesObject> Flowable<WatchEvent<T>> events(ListWatch<T> listWatch, Scope scope) {
    return events(listWatch, scope, WatchOptions.defaults());
  }

  /**
   * A watch stream.
   *
   * @param listWatch access to the resource type
   * @param scope which objects
   * @param options paging, timeouts, backoff and schedulers
   * @param <T> the model class
   * @return a cold flowable: each subscription lists and watches anew
   */
  public static <T extends KubernetesObject> Flowable<WatchEvent<T>> events(
      ListWatch<T> listWatch, Scope scope, WatchOptions options) {
    Objects.requireNonNull(listWatch, "listWatch");
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(options, "options");
    return Flowable.defer(() -> new Reflector<>(listWatch, scope, options).events());
  }
}
