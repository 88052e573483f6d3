package dev.skiff.fake.controllers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.fake.api.ApiServer;
import dev.skiff.fake.api.ApiServerOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The work queues: informer events become keys, quiescence is observable, failing keys are retried a bounded number of times. */
class ControllerManagerTest {

  /** Records the keys it reconciles; can be made to fail or to block. */
  static final class Recording extends Controller {
    final List<String> seen = Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger attempts = new AtomicInteger();
    volatile boolean failing;
    volatile CountDownLatch gate;

    @Override
    public String name() {
      return "recording";
    }

    @Override
    void start() {
      watch(Kinds.of("v1", "ConfigMap"), (type, o) -> enqueue(o.namespace() + "/" + o.name()));
    }

    @Override
    void reconcile(String key) {
      attempts.incrementAndGet();
      CountDownLatch g = gate;
      if (g != null) {
        try {
          g.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      if (failing) {
        throw new IllegalStateException("reconcile fails on purpose");
      }
      seen.add(key);
    }
  }

  private static ObjectNode configMap(String name) {
    ObjectNode cm = JsonNodeFactory.instance.objectNode().put("apiVersion", "v1").put("kind", "ConfigMap");
    cm.putObject("metadata").put("name", name).put("namespace", "default");
    return cm;
  }

  @Test
  void existing_objects_are_listed_first_and_later_writes_are_queued_once_per_key() throws Exception {
    Recording c = new Recording();
    try (ApiServer server = new ApiServer(ApiServerOptions.defaults())) {
      server.create(configMap("before"));
      c.gate = new CountDownLatch(1);
      try (ControllerManager m = new ControllerManager(server.store(), List.of(c))) {
        assertThat(m.awaitQuiescent(Duration.ofMillis(50))).as("blocked in reconcile").isFalse();
        server.create(configMap("after"));
        ObjectNode update = configMap("after");
        update.with("metadata").putObject("labels").put("v", "2");
        new ApiClient(server, "test").update(Kinds.of("v1", "ConfigMap"), update);
        c.gate.countDown();
        assertThat(m.awaitQuiescent(Duration.ofSeconds(5))).isTrue();
        assertThat(m.pending()).isZero();
      }
    }
    assertThat(c.seen).containsExactly("default/before", "default/after");
  }

  @Test
  void a_failing_key_is_retried_a_bounded_number_of_times() throws Exception {
    Recording c = new Recording();
    c.failing = true;
    try (ApiServer server = new ApiServer(ApiServerOptions.defaults());
        ControllerManager m = new ControllerManager(server.store(), List.of(c))) {
      server.create(configMap("broken"));
      assertThat(m.awaitQuiescent(Duration.ofSeconds(5))).isTrue();
    }
    assertThat(c.attempts.get()).isEqualTo(11); // the first attempt and ten retries
  }
}
