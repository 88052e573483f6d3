/**
 * Watch streams, informers and a controller kit, as client-go's {@code tools/cache}.
 *
 * <ul>
 *   <li>{@link dev.skiff.watch.WatchStreams}: every change of a resource type in a {@link dev.skiff.watch.Scope}
 *       as a backpressured {@code Flowable} of {@link dev.skiff.watch.WatchEvent}s, with list-then-watch,
 *       resume, relist on 410, bookmarks, backoff and half-open detection.
 *   <li>{@link dev.skiff.watch.Informer} and {@link dev.skiff.watch.SharedInformerFactory}: a cache kept by one
 *       watch, with {@link dev.skiff.watch.Lister}s, {@link dev.skiff.watch.IndexFunction indexes}, resync and
 *       event streams per subscriber.
 *   <li>{@link dev.skiff.watch.Controller} and {@link dev.skiff.watch.Reconciler}: reconcile keys of a primary
 *       type and the types it owns, from a {@link dev.skiff.watch.workqueue.WorkQueue}, on N workers.
 *   <li>{@link dev.skiff.watch.leader.LeaderElector}: leader election on a Lease.
 * </ul>
 *
 * <p>The HTTP client plugs in through {@link dev.skiff.watch.ListWatch} (and
 * {@link dev.skiff.watch.leader.LeaseStore}).
 */
package dev.skiff.watch;
