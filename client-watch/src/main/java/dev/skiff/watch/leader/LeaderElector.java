package dev.skiff.watch.leader;

import dev.skiff.model.coordination.v1.Lease;
import dev.skiff.model.coordination.v1.LeaseSpec;
import io.reactivex.rxjava3.core.Scheduler;
import io.reactivex.rxjava3.disposables.Disposable;
import io.reactivex.rxjava3.schedulers.Schedulers;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Competes for leadership through a Lease, as client-go's {@code LeaderElector}, and keeps competing: a leader
 * that cannot renew steps down and tries to lead again later.
 *
 * <ul>
 *   <li>Every {@code retryPeriod} a candidate reads the lease. It takes the lease if it is free, released, or
 *       unchanged for {@code leaseDuration} as measured on the candidate's own clock since it last saw the
 *       lease change (so clock skew between candidates does not matter; the lease's times are informative).
 *   <li>The leader renews every {@code retryPeriod}. If no renewal succeeds for {@code renewDeadline}, it
 *       stops leading ({@code onStoppedLeading}) before any other candidate can take over, because
 *       {@code renewDeadline < leaseDuration}.
 *   <li>Writes are conditional on the resource version read, so two candidates never both win.
 *   <li>{@link #stop()} releases the lease if leading, so that another candidate takes over at once.
 * </ul>
 *
 * <p>Callbacks run on the elector's scheduler, one at a time, and must return quickly: start and stop the
 * leader's work elsewhere. A leader must stop acting as one as soon as {@code onStoppedLeading} runs.
 */
public final class LeaderElector {
  private static final System.Logger LOG = System.getLogger(LeaderElector.class.getName());

  private final LeaseStore store;
  private final String identity;
  private final Duration leaseDuration;
  private final Duration renewDeadline;
  private final Duration retryPeriod;
  private final Scheduler scheduler;
  private final Runnable onStartedLeading;
  private final Runnable onStoppedLeading;
  private final Consumer<String> onNewLeader;
  private final Scheduler.Worker worker;

  // Touched only by tasks on the worker, which runs them one at a time.
  private LeaseSpec observedSpec;
  private long observedAtMillis;
  private long lastRenewMillis;
  private String observedHolder = "";
  private volatile boolean leading;
  private Disposable ticking;

  private LeaderElector(Builder b) {
    this.store = b.store;
    this.identity = b.identity;
    this.leaseDuration = b.leaseDuration;
    this.renewDeadline = b.renewDeadline;
    this.retryPeriod = b.retryPeriod;
    this.scheduler = b.scheduler;
    this.onStartedLeading = b.onStartedLeading;
    this.onStoppedLeading = b.onStoppedLeading;
    this.onNewLeader = b.onNewLeader;
    this.worker = scheduler.createWorker();
  }

  /**
   * Starts describing an elector.
   *
   * @param store access to the lease
   * @param identity this candidate's identity, unique among candidates (e.g. the pod name)
   * @return a builder
   */
  public static Builder builder(LeaseStore store, String identity) {
    return new Builder(store, identity);
  }

  /**
   * Starts competing: the first attempt is immediate, then one every retry period.
   */
  public synchronized void start() {
    if (ticking == null) {
      ticking = worker.schedulePeriodically(this::tick, 0, retryPeriod.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  /**
   * Stops competing; a leader releases the lease and stops leading. The elector cannot be restarted.
   */
  public synchronized void stop() {
    if (ticking != null) {
      ticking.dispose();
    }
    worker.schedule(() -> {
      if (leading) {
        // Stop acting as leader before letting others in, so that two leaders never overlap.
        stepDown();
        release();
      }
      worker.dispose();
    });
  }

  /**
   * Whether this candidate leads now, as far as it knows.
   *
   * @return true while leading
   */
  public boolean isLeader() {
    return leading;
  }

  private void tick() {
    long now = scheduler.now(TimeUnit.MILLISECONDS);
    boolean held = tryAcquireOrRenew(now);
    if (held) {
      lastRenewMillis = now;
      if (!leading) {
        leading = true;
        onStartedLeading.run();
      }
    } else if (leading && now - lastRenewMillis >= renewDeadline.toMillis()) {
      LOG.log(Level.WARNING, identity + " could not renew its lease for " + renewDeadline + "; stepping down");
      stepDown();
    }
  }

  private void stepDown() {
    leading = false;
    onStoppedLeading.run();
  }

  private boolean tryAcquireOrRenew(long now) {
    try {
      Optional<Lease> current = store.get();
      if (current.isEmpty()) {
        return wrote(store.create(spec(null, now)), now);
      }
      Lease lease = current.get();
      LeaseSpec spec = lease.spec() == null ? LeaseSpec.builder().build() : lease.spec();
      if (!spec.equals(observedSpec)) {
        observedSpec = spec;
        observedAtMillis = now;
        noticeHolder(spec.holderIdentity());
      }
      String holder = spec.holderIdentity() == null ? "" : spec.holderIdentity();
      long duration = spec.leaseDurationSeconds() == null
          ? leaseDuration.toMillis() : spec.leaseDurationSeconds() * 1000L;
      if (!holder.isEmpty() && !holder.equals(identity) && now < observedAtMillis + duration) {
        return false; // held by another candidate whose lease has not expired on our clock
      }
      return wrote(store.update(lease, spec(spec, now)), now);
    } catch (LeaseConflictException e) {
      return false; // another candidate wrote first
    } catch (RuntimeException e) {
      LOG.log(Level.DEBUG, identity + " could not read or write its lease", e);
      return false;
    }
  }

  private boolean wrote(Lease written, long now) {
    observedSpec = written.spec();
    observedAtMillis = now;
    noticeHolder(identity);
    return true;
  }

  private LeaseSpec spec(LeaseSpec previous, long now) {
    Instant time = Instant.ofEpochMilli(now);
    boolean renewing = previous != null && identity.equals(previous.holderIdentity());
    int transitions = previous == null || previous.leaseTransitions() == null ? 0 : previous.leaseTransitions();
    return LeaseSpec.builder()
        .holderIdentity(identity)
        .leaseDurationSeconds((int) leaseDuration.getSeconds())
        .acquireTime(renewing ? previous.acquireTime() : time)
        .renewTime(time)
        .leaseTransitions(renewing || previous == null ? transitions : transitions + 1)
        .build();
  }

  private void release() {
    try {
      Lease current = store.get().orElse(null);
      if (current != null && current.spec() != null && identity.equals(current.spec().holderIdentity())) {
        Instant time = Instant.ofEpochMilli(scheduler.now(TimeUnit.MILLISECONDS));
        store.update(current, current.spec().withHolderIdentity("").withLeaseDurationSeconds(1)
            .withRenewTime(time).withAcquireTime(time));
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, identity + " could not release its lease; others take over when it expires", e);
    }
  }

  private void noticeHolder(String holder) {
    String h = holder == null ? "" : holder;
    if (!h.equals(observedHolder)) {
      observedHolder = h;
      if (!h.isEmpty()) {
        onNewLeader.accept(h);
      }
    }
  }

  /** Builds a {@link LeaderElector}. */
  public static final class Builder {
    private final LeaseStore store;
    private final String identity;
    private Duration leaseDuration = Duration.ofSeconds(15);
    private Duration renewDeadline = Duration.ofSeconds(10);
    private Duration retryPeriod = Duration.ofSeconds(2);
    private Scheduler scheduler = Schedulers.single();
    private Runnable onStartedLeading = () -> {};
    private Runnable onStoppedLeading = () -> {};
    private Consumer<String> onNewLeader = holder -> {};

    private Builder(LeaseStore store, String identity) {
      this.store = Objects.requireNonNull(store, "store");
      if (Objects.requireNonNull(identity, "identity").isEmpty()) {
        throw new IllegalArgumentException("empty identity");
      }
      this.identity = identity;
    }

    /**
     * Sets the timing, as client-go (defaults 15 s, 10 s, 2 s): candidates take over a lease unchanged for
     * {@code leaseDuration}; a leader steps down after failing to renew for {@code renewDeadline}; every
     * candidate tries every {@code retryPeriod}.
     *
     * @param leaseDuration whole seconds, longer than {@code renewDeadline}
     * @param renewDeadline longer than {@code retryPeriod}
     * @param retryPeriod positive
     * @return this builder
     */
    public Builder timing(Duration leaseDuration, Duration renewDeadline, Duration retryPeriod) {
      if (retryPeriod.isNegative() || retryPeriod.isZero() || renewDeadline.compareTo(retryPeriod) <= 0
          || leaseDuration.compareTo(renewDeadline) <= 0 || leaseDuration.getNano() != 0) {
        throw new IllegalArgumentException(
            "need 0 < retryPeriod < renewDeadline < leaseDuration, leaseDuration in whole seconds");
      }
      this.leaseDuration = leaseDuration;
      this.renewDeadline = renewDeadline;
      this.retryPeriod = retryPeriod;
      return this;
    }

    /**
     * Sets the scheduler attempts and callbacks run on, also the clock; {@link Schedulers#single()} by
     * default, a {@code TestScheduler} in tests.
     *
     * @param scheduler the scheduler
     * @return this builder
     */
    public Builder scheduler(Scheduler scheduler) {
      this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
      return this;
    }

    /**
     * Sets what to do on becoming leader.
     *
     * @param callback runs on the elector's scheduler; must return quickly
     * @return this builder
     */
    public Builder onStartedLeading(Runnable callback) {
      this.onStartedLeading = Objects.requireNonNull(callback, "callback");
      return this;
    }

    /**
     * Sets what to do on losing leadership (or releasing it on {@link LeaderElector#stop()}).
     *
     * @param callback runs on the elector's scheduler; must return quickly
     * @return this builder
     */
    public Builder onStoppedLeading(Runnable callback) {
      this.onStoppedLeading = Objects.requireNonNull(callback, "callback");
      return this;
    }

    /**
     * Sets what to do when the observed leader changes, this candidate included.
     *
     * @param callback gets the new leader's identity; runs on the elector's scheduler
     * @return this builder
     */
    public Builder onNewLeader(Consumer<String> callback) {
      this.onNewLeader = Objects.requireNonNull(callback, "callback");
      return this;
    }

    /**
     * Builds the elector, not yet started.
     *
     * @return the elector
     */
    public LeaderElector build() {
      return new LeaderElector(this);
    }
  }
}
