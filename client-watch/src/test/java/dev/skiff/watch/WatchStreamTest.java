package dev.skiff.watch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skiff.model.core.v1.ConfigMap;
import io.reactivex.rxjava3.schedulers.Schedulers;
import io.reactivex.rxjava3.schedulers.TestScheduler;
import io.reactivex.rxjava3.subscribers.TestSubscriber;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The list-then-watch behaviour of {@link WatchStreams}, against {@link InMemoryListWatch}. Everything runs on
 * the test thread; time is a {@link TestScheduler}.
 */
class WatchStreamTest {
  private final TestScheduler time = new TestScheduler();
  private final InMemoryListWatch server = new InMemoryListWatch(1000);
  private final WatchOptions options = WatchOptions.defaults().toBuilder()
      .pageSize(3)
      .backoff(Duration.ofSeconds(1), Duration.ofSeconds(16))
      .idleTimeout(Duration.ofSeconds(60))
      .minWatchTimeout(Duration.ofMinutes(5))
      .timerScheduler(time)
      .listScheduler(Schedulers.trampoline())
      .random(new Random(42))
      .build();

  private TestSubscriber<WatchEvent<ConfigMap>> watch(Scope scope) {
    return WatchStreams.events(server, scope, options).test();
  }

  private static List<String> describe(TestSubscriber<WatchEvent<ConfigMap>> s) {
    return s.values().stream().map(WatchEvent::toString).collect(Collectors.toList());
  }

  @Test
  void listsInPagesThenWatchesFromTheListVersionWithBookmarksAndAJitteredTimeout() {
    for (int i = 0; i < 7; i++) {
      server.put("shop", "cm" + i, "v");
    }
    TestSubscriber<WatchEvent<ConfigMap>> s = watch(Scope.allNamespaces());

    assertThat(server.listCalls()).isEqualTo(3);
    assertThat(s.values()).hasSize(8);
    assertThat(s.values().subList(0, 7)).allMatch(e -> e.type() == WatchEvent.Type.ADDED);
    assertThat(s.values().get(7).type()).isEqualTo(WatchEvent.Type.SYNCED);
    assertThat(s.values().get(7).resourceVersion()).isEqualTo("107");
    WatchRequest request = server.watchRequests().get(0);
    assertThat(request.resourceVersion()).isEqualTo("107");
    assertThat(request.allowBookmarks()).isTrue();
    assertThat(request.timeoutSeconds()).isBetween(300L, 600L);

    ConfigMap before = s.values().get(2).object();
    ConfigMap after = server.put("shop", "cm2", "w");
    WatchEvent<ConfigMap> modified = s.values().get(8);
    assertThat(modified.type()).isEqualTo(WatchEvent.Type.MODIFIED);
    assertThat(modified.oldObject()).containsSame(before);
    assertThat(modified.object()).isSameAs(after);
    s.assertNotComplete().assertNoErrors();
  }

  @Test
  void resumesAfterDisconnectsFromTheLastVersionWithoutGapsOrDuplicates() {
    server.put("shop", "a", "1");
    TestSubscriber<WatchEvent<ConfigMap>> s = watch(Scope.allNamespaces());
    server.put("shop", "b", "1");

    server.breakConnections(); // I/O error: retried after a backoff
    server.put("shop", "a", "2");
    server.delete("shop", "b");
    assertThat(server.openConnections()).isZero();
    time.advanceTimeBy(1, TimeUnit.SECONDS);
    assertThat(server.openConnections()).isEqualTo(1);

    server.put("shop", "c", "1");
    server.endConnections(); // clean end, as a server-side timeout: resumed at once
    server.put("shop", "c", "2");

    assertThat(describe(s)).containsExactly(
        "ADDED shop/a@101", "SYNCED@101", "ADDED shop/b@102", "MODIFIED shop/a@103", "DELETED shop/b@104",
        "ADDED shop/c@105", "MODIFIED shop/c@106");
    assertThat(server.watchRequests()).extracting(WatchRequest::resourceVersion)
        .containsExactly("101", "102", "105");
    assertThat(server.listCalls()).isEqualTo(1);
  }

  @Test
  void resumesFromTheLastBookmark() {
    TestSubscriber<WatchEvent<ConfigMap>> s = watch(Scope.namespace("shop"));
    server.put("elsewhere", "x", "1");
    server.put("elsewhere", "x", "2");
    server.bookmark();
    server.breakConnections();
    time.advanceTimeBy(1, TimeUnit.SECONDS);

    assertThat(server.watchRequests()).extracting(WatchRequest::resourceVersion).containsExactly("100", "102");
    assertThat(describe(s)).containsExactly("SYNCED@100");
  }

  @Test
  void relistsOnExpiryAndReportsWhatChangedMeanwhileIncludingDeletionsSeenByAbsence() {
    server.put("shop", "kept", "1");
    server.put("shop", "changed", "1");
    server.put("shop", "removed", "1");
    TestSubscriber<WatchEvent<ConfigMap>> s = watch(Scope.allNamespaces());
    ConfigMap removed = s.values().get(2).object();

    server.breakConnections();
    server.put("shop", "changed", "2");
    server.delete("shop", "removed");
    server.put("shop", "created", "1");
    server.compact(); // the resume version is gone: 410
    time.advanceTimeBy(1, TimeUnit.SECONDS);

    assertThat(server.listCalls()).isEqualTo(2);
    List<WatchEvent<ConfigMap>> relist = s.values().subList(4, s.values().size());
    assertThat(relist).extracting(WatchEvent::toString).containsExactly(
        "DELETED shop/removed@106 (final state unknown)", "MODIFIED shop/changed@104", "ADDED shop/created@106",
        "SYNCED@106");
    assertThat(relist.get(0).object()).isSameAs(removed);
    assertThat(relist.get(0).finalStateUnknown()).isTrue();

    server.put("shop", "kept", "2");
    server.expireConnections(); // a 410 on an open watch relists at once, without a backoff
    assertThat(server.listCalls()).isEqualTo(3);
    assertThat(describe(s)).endsWith("MODIFIED shop/kept@107", "SYNCED@107");
    s.assertNoErrors();
  }

  @Test
  void aSlowSubscriberSlowsTheReadingAndNothingIsDropped() {
    TestSubscriber<WatchEvent<ConfigMap>> s = WatchStreams.events(server, Scope.allNamespaces(), options).test(1);
    assertThat(describe(s)).containsExactly("SYNCED@100");
    for (int i = 0; i < 50; i++) {
      server.put("shop", "cm" + (i % 7), Integer.toString(i));
    }
    assertThat(s.values()).hasSize(1);
    assertThat(server.undelivered()).as("unread events stay on the server side").isEqualTo(50);

    s.request(10);
    assertThat(s.values()).hasSize(11);
    assertThat(server.undelivered()).isEqualTo(40);

    time.advanceTimeBy(10, TimeUnit.MINUTES); // a subscriber that wants nothing is not a dead connection
    assertThat(server.watchRequests()).hasSize(1);

    s.request(Long.MAX_VALUE);
    assertThat(s.values()).hasSize(51);
    assertThat(s.values().subList(1, 51)).extracting(WatchEvent::resourceVersion)
        .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(101, 150).mapToObj(Integer::toString)
            .collect(Collectors.toList()));
  }

  @Test
  void cancellingClosesTheConnection() {
    TestSubscriber<WatchEvent<ConfigMap>> s = watch(Scope.allNamespaces());
    assertThat(server.openConnections()).isEqualTo(1);
    s.cancel();
    assertThat(server.openConnections()).isZero();
    assertThat(server.closedConnections()).isEqualTo(1);
    server.put("shop", "late", "1");
    assertThat(s.values()).hasSize(1);
  }

  @Test
  void errorsThatRetryingCannotFixEndTheStreamWithTheStatus() {
    server.failNextList(new ListWatchException(403, "Forbidden", "configmaps is forbidden"));
    TestSubscriber<WatchEvent<ConfigMap>> forbidden = watch(Scope.allNamespaces());
    forbidden.assertError(e -> e instanceof ListWatchException l && l.statusCode() == 403);

    server.failNextWatch(new ListWatchException(404, "NotFound", "the server could not find the resource"));
    TestSubscriber<WatchEvent<ConfigMap>> notFound = watch(Scope.allNamespaces());
    notFound.assertError(e -> e instanceof ListWatchException l && l.statusCode() == 404);
    assertThat(describe(notFound)).containsExactly("SYNCED@100");
  }

  @Test
  void transientFailuresAreRetriedWithAGrowingJitteredBackoff() {
    server.failNextList(new ListWatchException(503, "ServiceUnavailable", "etcd is down"));
    server.failNextList(new ListWatchException(500, "InternalError", "oops"));
    server.failNextList(new ListWatchException(429, "TooManyRequests", "slow down"));
    TestSubscriber<WatchEvent<ConfigMap>> s = watch(Scope.allNamespaces());
    assertThat(server.listCalls()).isEqualTo(1);

    // Jitter draws each delay from the upper half of the step: 0.5-1 s, then 1-2 s, then 2-4 s.
    time.advanceTimeBy(499, TimeUnit.MILLISECONDS);
    assertThat(server.listCalls()).isEqualTo(1);
    time.advanceTimeBy(501, TimeUnit.MILLISECONDS);
    assertThat(server.listCalls()).isEqualTo(2);
    time.advanceTimeBy(999, TimeUnit.MILLISECONDS);
    assertThat(server.listCalls()).isEqualTo(2);
    time.advanceTimeBy(1001, TimeUnit.MILLISECONDS);
    assertThat(server.listCalls()).isEqualTo(3);
    time.advanceTimeBy(4, TimeUnit.SECONDS);
    assertThat(server.listCalls()).isEqualTo(4);
    assertThat(describe(s)).containsExactly("SYNCED@100");
    s.assertNoErrors();
  }

  @Test
  void aSilentConnectionIsTakenForHalfOpenAndReplaced() {
    TestSubscriber<WatchEvent<ConfigMap>> s = watch(Scope.allNamespaces());
    server.put("shop", "a", "1");
    server.freezeConnections();
    server.put("shop", "a", "2"); // stuck in the half-open connection

    time.advanceTimeBy(59, TimeUnit.SECONDS);
    assertThat(server.watchRequests()).hasSize(1);
    time.advanceTimeBy(1, TimeUnit.SECONDS);

    assertThat(server.watchRequests()).extracting(WatchRequest::resourceVersion).containsExactly("100", "101");
    assertThat(server.closedConnections()).isEqualTo(1);
    assertThat(describe(s)).containsExactly("SYNCED@100", "ADDED shop/a@101", "MODIFIED shop/a@102");
  }

  @Test
  void bookmarksKeepAQuietConnectionAlive() {
    TestSubscriber<WatchEvent<ConfigMap>> s = watch(Scope.allNamespaces());
    for (int i = 0; i < 5; i++) {
      time.advanceTimeBy(50, TimeUnit.SECONDS);
      server.bookmark();
    }
    assertThat(server.watchRequests()).hasSize(1);
    assertThat(s.values()).hasSize(1);
  }

  @Test
  void worksAcrossThreadsWithTheDefaultSchedulers() {
    for (int i = 0; i < 100; i++) {
      server.put("shop", "cm" + i, "0");
    }
    TestSubscriber<WatchEvent<ConfigMap>> s = WatchStreams.events(server, Scope.allNamespaces()).test();
    s.awaitCount(101);
    for (int i = 0; i < 100; i++) {
      server.put("shop", "cm" + i, "1");
    }
    s.awaitCount(201);
    s.cancel();
    assertThat(s.values().subList(101, 201)).extracting(WatchEvent::resourceVersion)
        .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(201, 300).mapToObj(Integer::toString)
            .collect(Collectors.toList()));
    assertThat(server.openConnections()).isZero();
  }

  @Test
  void anExpiredContinueTokenRestartsTheListFromTheFirstPage() {
    for (int i = 0; i < 7; i++) {
      server.put("shop", "cm" + i, "v");
    }
    server.failListCall(2, new ResourceExpiredException("the provided continue parameter is too old"));
    TestSubscriber<WatchEvent<ConfigMap>> s = watch(Scope.allNamespaces());
    assertThat(s.values()).isEmpty(); // nothing is reported from a list that did not finish
    time.advanceTimeBy(1, TimeUnit.SECONDS);

    assertThat(server.listCalls()).isEqualTo(2 + 3);
    assertThat(s.values()).hasSize(8);
    assertThat(s.values().subList(0, 7)).allMatch(e -> e.type() == WatchEvent.Type.ADDED);
  }

  @Test
  void aConnectionThatDeliveredStartsTheBackoffOver() {
    TestSubscriber<WatchEvent<ConfigMap>> s = watch(Scope.allNamespaces());
    for (int round = 0; round < 5; round++) {
      server.put("shop", "a", Integer.toString(round));
      server.breakConnections();
      time.advanceTimeBy(1, TimeUnit.SECONDS); // the initial delay, every time
      assertThat(server.openConnections()).as("reconnected in round %d", round).isEqualTo(1);
    }
    server.breakConnections(); // nothing delivered since the last connect: the delay grows to 1-2 s
    time.advanceTimeBy(999, TimeUnit.MILLISECONDS);
    assertThat(server.openConnections()).isZero();
    time.advanceTimeBy(1001, TimeUnit.MILLISECONDS);
    assertThat(server.openConnections()).isEqualTo(1);
    assertThat(s.values()).hasSize(6);
  }
}
