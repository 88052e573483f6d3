package dev.skiff.watch.workqueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reactivex.rxjava3.schedulers.TestScheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@link WorkQueue}: fairness, stinginess, delays, rate limits and shutdown. Time is a {@link TestScheduler}. */
class WorkQueueTest {
  private final TestScheduler time = new TestScheduler();
  private final WorkQueue<String> queue = WorkQueue.<String>builder()
      .rateLimiter(RateLimiters.perItemExponential(Duration.ofSeconds(1), Duration.ofSeconds(5)))
      .scheduler(time)
      .build();

  private List<String> drain() {
    List<String> taken = new ArrayList<>();
    for (Optional<String> item; (item = queue.poll()).isPresent(); ) {
      taken.add(item.get());
      queue.done(item.get());
    }
    return taken;
  }

  @Test
  void handsItemsOutInTheOrderTheyCameAndEachOnlyOnce() {
    queue.add("a");
    queue.add("b");
    queue.add("a");
    queue.add("c");
    queue.add("b");
    assertThat(queue.size()).isEqualTo(3);
    assertThat(drain()).containsExactly("a", "b", "c");
  }

  @Test
  void neverHandsOutAnItemBeingProcessedAndRequeuesItWhenDoneIfAddedMeanwhile() {
    queue.add("a");
    queue.add("b");
    String first = queue.poll().orElseThrow();
    queue.add("a"); // changed while a worker has it: dirty, but not handed to a second worker
    queue.add("a");
    assertThat(queue.poll()).contains("b");
    assertThat(queue.poll()).isEmpty();
    queue.done("b");
    queue.done(first);
    assertThat(drain()).containsExactly("a");
    assertThatThrownBy(() -> queue.done("a")).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void delayedAddsWaitForTheEarliestTime() {
    queue.addAfter("a", Duration.ofSeconds(10));
    queue.addAfter("a", Duration.ofSeconds(3)); // earlier wins
    queue.addAfter("a", Duration.ofSeconds(20)); // later is ignored
    queue.addAfter("b", Duration.ZERO);
    assertThat(queue.delayed()).isEqualTo(1);
    assertThat(drain()).containsExactly("b");
    time.advanceTimeBy(2999, TimeUnit.MILLISECONDS);
    assertThat(queue.size()).isZero();
    time.advanceTimeBy(1, TimeUnit.MILLISECONDS);
    assertThat(drain()).containsExactly("a");
    time.advanceTimeBy(1, TimeUnit.MINUTES);
    assertThat(drain()).isEmpty();
  }

  @Test
  void rateLimitedAddsBackOffPerItemUntilForgotten() {
    List<Long> readyAfterMillis = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      long start = time.now(TimeUnit.MILLISECONDS);
      queue.addRateLimited("a");
      while (queue.size() == 0) {
        time.advanceTimeBy(100, TimeUnit.MILLISECONDS);
      }
      readyAfterMillis.add(time.now(TimeUnit.MILLISECONDS) - start);
      drain();
    }
    assertThat(readyAfterMillis).containsExactly(1000L, 2000L, 4000L, 5000L, 5000L);
    assertThat(queue.numRequeues("a")).isEqualTo(5);
    queue.forget("a");
    assertThat(queue.numRequeues("a")).isZero();
    queue.addRateLimited("a");
    time.advanceTimeBy(1, TimeUnit.SECONDS);
    assertThat(drain()).containsExactly("a");
  }

  @Test
  void shutdownIgnoresNewItemsHandsOutTheRestThenEnds() throws Exception {
    queue.add("a");
    queue.addAfter("late", Duration.ofSeconds(1));
    queue.shutDown();
    queue.add("b");
    time.advanceTimeBy(1, TimeUnit.MINUTES);
    assertThat(queue.take()).contains("a");
    queue.done("a");
    assertThat(queue.take()).isEmpty();
    assertThat(queue.isShuttingDown()).isTrue();
  }

  @Test
  void shutdownWakesBlockedWorkersAndDrainWaitsForWorkInProgress() throws Exception {
    CompletableFuture<Optional<String>> blocked = CompletableFuture.supplyAsync(() -> {
      try {
        return queue.take();
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });
    queue.add("a");
    assertThat(blocked.get(10, TimeUnit.SECONDS)).contains("a");

    CompletableFuture<Boolean> drained = CompletableFuture.supplyAsync(() -> {
      try {
        return queue.shutDownAndDrain(Duration.ofSeconds(10));
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });
    assertThat(drained).isNotDone(); // "a" is still being processed
    queue.done("a");
    assertThat(drained.get(10, TimeUnit.SECONDS)).isTrue();
    assertThat(queue.shutDownAndDrain(Duration.ZERO)).isTrue();
  }
}
