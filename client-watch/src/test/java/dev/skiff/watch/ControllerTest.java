package dev.skiff.watch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skiff.model.core.v1.ConfigMap;
import dev.skiff.watch.workqueue.RateLimiters;
import dev.skiff.watch.workqueue.WorkQueue;
import io.reactivex.rxjava3.schedulers.Schedulers;
import io.reactivex.rxjava3.schedulers.TestScheduler;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link Controller} with real worker threads over informers of {@link InMemoryListWatch}; queue delays run
 * on a {@link TestScheduler}, and the test waits for workers with a bound.
 */
class ControllerTest {
  private final TestScheduler time = new TestScheduler();
  private final InMemoryListWatch primaries = new InMemoryListWatch(1000);
  private final InMemoryListWatch secondaries = new InMemoryListWatch(1000);
  private final WatchOptions options = WatchOptions.defaults().toBuilder()
      .timerScheduler(time).listScheduler(Schedulers.trampoline()).random(new Random(3)).build();
  private final Informer<ConfigMap> primary = informer(primaries);
  private final Informer<ConfigMap> secondary = informer(secondaries);
  private final WorkQueue<ObjectKey> queue = WorkQueue.<ObjectKey>builder()
      .rateLimiter(RateLimiters.perItemExponential(Duration.ofSeconds(1), Duration.ofMinutes(1)))
      .scheduler(time).build();
  private final BlockingQueue<ObjectKey> reconciled = new LinkedBlockingQueue<>();
  private Controller controller;

  private Informer<ConfigMap> informer(InMemoryListWatch server) {
    return Informer.builder(server).watchOptions(options).deliveryScheduler(Schedulers.trampoline()).build();
  }

  private ObjectKey next() throws InterruptedException {
    ObjectKey key = reconciled.poll(10, TimeUnit.SECONDS);
    assertThat(key).as("a reconcile within 10 s").isNotNull();
    return key;
  }

  @AfterEach
  void stop() throws InterruptedException {
    if (controller != null) {
      assertThat(controller.stop(Duration.ofSeconds(10))).isTrue();
    }
  }

  @Test
  void reconcilesPrimariesAndTheOwnersOfChangedSecondariesAfterTheInformersSynced() throws Exception {
    primaries.put("shop", "web", "1");
    controller = Controller.builder(primary, key -> {
      reconciled.add(key);
      return Reconciler.Result.done();
    }).owns(secondary).queue(queue).workers(2).build();
    controller.start();
    assertThat(reconciled.poll(50, TimeUnit.MILLISECONDS)).as("nothing before the informers synced").isNull();

    primary.start();
    secondary.start();
    assertThat(next()).isEqualTo(new ObjectKey("shop", "web"));

    secondaries.putOwned("shop", "web-config", "x", "web");
    assertThat(next()).isEqualTo(new ObjectKey("shop", "web"));
    secondaries.put("shop", "unowned", "x");
    secondaries.delete("shop", "web-config");
    assertThat(next()).isEqualTo(new ObjectKey("shop", "web"));
    assertThat(reconciled.poll(50, TimeUnit.MILLISECONDS)).as("unowned objects queue nothing").isNull();

    primaries.delete("shop", "web"); // a deleted primary is reconciled too: its lister lookup comes back empty
    assertThat(next()).isEqualTo(new ObjectKey("shop", "web"));
    assertThat(primary.lister().get("shop", "web")).isEmpty();
  }

  @Test
  void requeuesWithBackoffOnRequeueAndFailureAndAfterTheAskedDelay() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    controller = Controller.builder(primary, key -> {
      int call = calls.incrementAndGet();
      reconciled.add(key);
      switch (call) {
        case 1:
          return Reconciler.Result.requeue();
        case 2:
          throw new IllegalStateException("injected failure");
        case 3:
          return Reconciler.Result.requeueAfter(Duration.ofMinutes(5));
        default:
          return Reconciler.Result.done();
      }
    }).queue(queue).build();
    primary.start();
    controller.start();
    ObjectKey web = new ObjectKey("shop", "web");
    primaries.put("shop", "web", "1");

    assertThat(next()).isEqualTo(web);
    Await.until("the requeue is scheduled", () -> queue.delayed() == 1);
    time.advanceTimeBy(1, TimeUnit.SECONDS); // first backoff step
    assertThat(next()).isEqualTo(web);
    Await.until("the retry is scheduled", () -> queue.delayed() == 1);
    assertThat(queue.numRequeues(web)).isEqualTo(2);
    time.advanceTimeBy(1999, TimeUnit.MILLISECONDS); // second step is 2 s
    assertThat(reconciled.poll(50, TimeUnit.MILLISECONDS)).isNull();
    time.advanceTimeBy(1, TimeUnit.MILLISECONDS);
    assertThat(next()).isEqualTo(web);
    Await.until("the requeue-after is scheduled", () -> queue.delayed() == 1);
    assertThat(queue.numRequeues(web)).as("requeueAfter forgets failures").isZero();
    time.advanceTimeBy(5, TimeUnit.MINUTES);
    assertThat(next()).isEqualTo(web);
    assertThat(calls.get()).isEqualTo(4);
  }

  @Test
  void neverReconcilesOneKeyOnTwoWorkersAtOnce() throws Exception {
    Set<ObjectKey> inFlight = ConcurrentHashMap.newKeySet();
    Map<ObjectKey, Integer> overlaps = new ConcurrentHashMap<>();
    controller = Controller.builder(primary, key -> {
      if (!inFlight.add(key)) {
        overlaps.merge(key, 1, Integer::sum);
      }
      Thread.yield();
      inFlight.remove(key);
      reconciled.add(key);
      return Reconciler.Result.done();
    }).queue(queue).workers(4).build();
    primary.start();
    controller.start();
    for (int i = 0; i < 500; i++) {
      primaries.put("shop", "cm" + (i % 5), Integer.toString(i));
    }
    Await.until("the queue is empty", () -> queue.size() == 0);
    assertThat(controller.stop(Duration.ofSeconds(10))).isTrue();
    controller = null;
    assertThat(overlaps).isEmpty();
    assertThat(List.copyOf(reconciled)).contains(new ObjectKey("shop", "cm0"), new ObjectKey("shop", "cm4"));
    assertThat(reconciled.size()).as("stingy: repeated changes of a queued key collapse").isLessThanOrEqualTo(500);
  }
}
