/**
 * A work queue for controllers, as client-go's {@code util/workqueue}: {@link dev.skiff.watch.workqueue.WorkQueue}
 * is fair (first in, first out) and stingy (an item waits in the queue at most once and is never processed by
 * two workers at once), with delayed and rate-limited re-queueing through
 * {@link dev.skiff.watch.workqueue.RateLimiter}s.
 */
package dev.skiff.watch.workqueue;
