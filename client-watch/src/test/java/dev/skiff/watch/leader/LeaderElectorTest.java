package dev.skiff.watch.leader;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skiff.model.coordination.v1.Lease;
import dev.skiff.model.coordination.v1.LeaseSpec;
import io.reactivex.rxjava3.schedulers.TestScheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Two candidates over one {@link InMemoryLeaseStore}, with client-go's default timing (15 s lease, 10 s renew
 * deadline, 2 s retry) on a {@link TestScheduler}.
 */
class LeaderElectorTest {
  private final TestScheduler time = new TestScheduler();
  private final InMemoryLeaseStore store = new InMemoryLeaseStore();
  private final List<String> log = new ArrayList<>();
  private final Map<String, List<String>> leadersSeen = new HashMap<>();

  private LeaderElector candidate(String identity, LeaseStore client) {
    return LeaderElector.builder(client, identity)
        .timing(Duration.ofSeconds(15), Duration.ofSeconds(10), Duration.ofSeconds(2))
        .scheduler(time)
        .onStartedLeading(() -> log.add(identity + " leads at " + time.now(TimeUnit.SECONDS)))
        .onStoppedLeading(() -> log.add(identity + " stops at " + time.now(TimeUnit.SECONDS)))
        .onNewLeader(leader -> leadersSeen.computeIfAbsent(identity, k -> new ArrayList<>()).add(leader))
        .build();
  }

  @Test
  void losesLeadershipWhenItCannotRenewAndRegainsItLater() {
    InMemoryLeaseStore.Client aClient = store.client();
    LeaderElector a = candidate("a", aClient);
    LeaderElector b = candidate("b", store.client());
    a.start();
    time.triggerActions();
    b.start();
    time.advanceTimeBy(30, TimeUnit.SECONDS);
    assertThat(a.isLeader()).isTrue();
    assertThat(b.isLeader()).as("a renews, so b never takes over").isFalse();
    assertThat(log).containsExactly("a leads at 0");

    aClient.partitioned = true; // a's last renewal was at 30 s
    time.advanceTimeBy(60, TimeUnit.SECONDS);
    // a steps down at its renew deadline (40 s); b takes over 15 s after it last saw the lease change (45 s),
    // on its next attempt (46 s): never two leaders at once.
    assertThat(log).containsExactly("a leads at 0", "a stops at 40", "b leads at 46");
    assertThat(store.lease().spec().holderIdentity()).isEqualTo("b");
    assertThat(store.lease().spec().leaseTransitions()).isEqualTo(1);

    aClient.partitioned = false;
    time.advanceTimeBy(60, TimeUnit.SECONDS);
    assertThat(a.isLeader()).as("b holds the lease").isFalse();

    b.stop(); // releases the lease: a takes over on its next attempt, without waiting for expiry
    time.advanceTimeBy(2, TimeUnit.SECONDS);
    assertThat(log).containsExactly("a leads at 0", "a stops at 40", "b leads at 46", "b stops at 150",
        "a leads at 152");
    assertThat(a.isLeader()).isTrue();
    assertThat(store.lease().spec().leaseTransitions()).isEqualTo(2);
    assertThat(leadersSeen.get("a")).containsExactly("a", "b", "a");
    assertThat(leadersSeen.get("b")).containsExactly("a", "b");
  }

  @Test
  void aWriteBasedOnAStaleReadLosesTheRace() {
    InMemoryLeaseStore.Client a = store.client();
    InMemoryLeaseStore.Client b = store.client();
    a.create(LeaseSpec.builder().holderIdentity("").build());
    Lease read = b.get().orElseThrow();
    a.update(a.get().orElseThrow(), read.spec().withHolderIdentity("a").withLeaseDurationSeconds(15));

    List<String> leaders = new ArrayList<>();
    LeaderElector elector = LeaderElector.builder(new LeaseStore() {
      @Override
      public Optional<Lease> get() {
        return Optional.of(read); // a stale read: the lease looks free
      }

      @Override
      public Lease create(LeaseSpec spec) {
        return b.create(spec);
      }

      @Override
      public Lease update(
          Lease current, LeaseSpec spec) {
        return b.update(current, spec);
      }
    }, "b").scheduler(time).onNewLeader(leaders::add).build();
    elector.start();
    time.advanceTimeBy(10, TimeUnit.SECONDS);
    assertThat(elector.isLeader()).isFalse();
    assertThat(store.lease().spec().holderIdentity()).isEqualTo("a");
    assertThat(leaders).isEmpty();
  }
}
