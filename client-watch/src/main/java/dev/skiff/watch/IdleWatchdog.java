package dev.skiff.watch;

import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.FlowableSubscriber;
import io.reactivex.rxjava3.core.Scheduler;
import io.reactivex.rxjava3.disposables.SerialDisposable;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * Fails a flowable with {@link IdleConnectionException} when it emits nothing for too long while the
 * subscriber has outstanding demand. Unlike RxJava's {@code timeout}, time in which the subscriber wants
 * nothing does not count: a slow subscriber must not make a healthy connection look dead.
 */
final class IdleWatchdog<T> extends Flowable<T> {
  private final Flowable<T> upstream;
  private final long idleMillis;
  private final Scheduler scheduler;

  IdleWatchdog(Flowable<T> upstream, Duration idle, Scheduler scheduler) {
    this.upstream = upstream;
    this.idleMillis = idle.toMillis();
    this.scheduler = scheduler;
  }

  @Override
  protected void subscribeActual(Subscriber<? super T> downstream) {
    upstream.subscribe(new Watchdog(downstream));
  }

  private final class Watchdog implements FlowableSubscriber<T>, Subscription {
    private final Subscriber<? super T> downstream;
    private final AtomicLong outstanding = new AtomicLong();
    private final AtomicBoolean armed = new AtomicBoolean();
    private final SerialDisposable timer = new SerialDisposable();
    private volatile long lastActivity;
    private Subscription subscription;
    private boolean done; // guarded by this: serializes the timer's error with upstream signals

    Watchdog(Subscriber<? super T> downstream) {
      this.downstream = downstream;
    }

    @Override
    public void onSubscribe(Subscription s) {
      subscription = s;
      lastActivity = now();
      downstream.onSubscribe(this);
    }

    @Override
    public void request(long n) {
      long before = outstanding.getAndAccumulate(n, (current, more) -> {
        long sum = current + more;
        return sum < 0 ? Long.MAX_VALUE : sum; // unbounded demand stays unbounded
      });
      if (before == 0) {
        lastActivity = now(); // the wait for data starts now, not when the last item came
      }
      arm(idleMillis);
      subscription.request(n);
    }

    @Override
    public void cancel() {
      timer.dispose();
      subscription.cancel();
    }

    @Override
    public synchronized void onNext(T t) {
      if (done) {
        return;
      }
      lastActivity = now();
      if (outstanding.get() != Long.MAX_VALUE) {
        outstanding.decrementAndGet();
      }
      downstream.onNext(t);
    }

    @Override
    public synchronized void onError(Throwable e) {
      if (!done) {
        done = true;
        timer.dispose();
        downstream.onError(e);
      }
    }

    @Override
    public synchronized void onComplete() {
      if (!done) {
        done = true;
        timer.dispose();
        downstream.onComplete();
      }
    }

    private void arm(long delayMillis) {
      if (armed.compareAndSet(false, true)) {
        timer.replace(scheduler.scheduleDirect(this::check, delayMillis, TimeUnit.MILLISECONDS));
      }
    }

    private void check() {
      armed.set(false);
      if (outstanding.get() == 0) {
        if (outstanding.get() > 0) { // a request raced with this check
          arm(idleMillis);
        }
        return; // nothing wanted: nothing to wait for; the next request re-arms
      }
      long silent = now() - lastActivity;
      if (silent < idleMillis) {
        arm(idleMillis - silent);
        return;
      }
      synchronized (this) {
        if (done) {
          return;
        }
        done = true;
      }
      subscription.cancel();
      downstream.onError(new IdleConnectionException(Duration.ofMillis(silent)));
    }

    private long now() {
      return scheduler.now(TimeUnit.MILLISECONDS);
    }
  }
}
