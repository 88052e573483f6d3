package dev.skiff.watch.leader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skiff.client.ClientConfig;
import dev.skiff.client.KubeClient;
import dev.skiff.fake.FakeCluster;
import dev.skiff.model.coordination.v1.Lease;
import dev.skiff.model.coordination.v1.LeaseSpec;
import dev.skiff.model.core.v1.Namespace;
import dev.skiff.model.meta.v1.ObjectMeta;
import dev.skiff.watch.KubeWatch;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Leader election over a real Lease on the fake cluster. */
class KubeLeaderElectionTest {
  private static final String NS = "ops";

  private FakeCluster cluster;
  private KubeClient client;

  @BeforeEach
  void start() {
    cluster = FakeCluster.start();
    client = KubeClient.create(ClientConfig.builder().server(cluster.url().toString()).namespace(NS).build());
    client.namespaces().create(Namespace.builder().metadata(ObjectMeta.builder().name(NS).build()).build());
  }

  @AfterEach
  void stop() {
    client.close();
    cluster.close();
  }

  private static void await(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting until " + what);
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
    }
  }

  @Test
  void theLeaseStoreMapsMissingAndConflictingWrites() {
    LeaseStore store = KubeWatch.of(client).leaseStore(NS, "store-test");
    assertThat(store.get()).isEmpty();
    Lease created = store.create(LeaseSpec.builder().holderIdentity("a").build());
    assertThat(created.metadata().resourceVersion()).isNotEmpty();
    assertThatThrownBy(() -> store.create(LeaseSpec.builder().holderIdentity("b").build()))
        .isInstanceOf(LeaseConflictException.class);
    Lease updated = store.update(created, LeaseSpec.builder().holderIdentity("b").build());
    assertThat(updated.spec().holderIdentity()).isEqualTo("b");
    assertThatThrownBy(() -> store.update(created, LeaseSpec.builder().holderIdentity("c").build()))
        .as("based on a stale read").isInstanceOf(LeaseConflictException.class);
    assertThat(store.get()).get().extracting(l -> l.spec().holderIdentity()).isEqualTo("b");
  }

  @Test
  void oneOfTwoCandidatesLeadsAndStoppingHandsOver() {
    KubeWatch watch = KubeWatch.of(client);
    AtomicInteger leaders = new AtomicInteger();
    List<String> overlaps = new CopyOnWriteArrayList<>();
    List<String> started = new CopyOnWriteArrayList<>();
    LeaderElector[] electors = new LeaderElector[2];
    for (int i = 0; i < 2; i++) {
      String id = "candidate-" + i;
      electors[i] = watch.leaderElector(NS, "controller", id)
          .timing(Duration.ofSeconds(3), Duration.ofSeconds(2), Duration.ofMillis(100))
          .onStartedLeading(() -> {
            started.add(id);
            if (leaders.incrementAndGet() > 1) {
              overlaps.add(id);
            }
          })
          .onStoppedLeading(leaders::decrementAndGet)
          .build();
    }
    electors[0].start();
    electors[1].start();
    await("a leader", () -> started.size() == 1);
    LeaderElector winner = electors[0].isLeader() ? electors[0] : electors[1];
    LeaderElector loser = winner == electors[0] ? electors[1] : electors[0];
    String winnerId = started.get(0);
    assertThat(winner.isLeader()).isTrue();
    assertThat(loser.isLeader()).isFalse();
    assertThat(client.leases(NS).get("controller").spec().holderIdentity()).isEqualTo(winnerId);

    winner.stop();
    await("the other candidate leads", loser::isLeader);
    assertThat(started).hasSize(2).doesNotHaveDuplicates();
    assertThat(client.leases(NS).get("controller").spec().holderIdentity()).isEqualTo(started.get(1));
    assertThat(winner.isLeader()).isFalse();
    assertThat(overlaps).as("two leaders at once").isEmpty();
    loser.stop();
    await("released", () -> {
      String holder = client.leases(NS).get("controller").spec().holderIdentity();
      return holder == null || holder.isEmpty();
    });
  }
}
