package dev.skiff.examples;

import dev.skiff.client.DeleteOptions;
import dev.skiff.client.KubeClient;
import dev.skiff.client.PodClient;
import dev.skiff.client.error.AlreadyExistsException;
import dev.skiff.client.error.NotFoundException;
import dev.skiff.model.ResourceTypes;
import dev.skiff.model.core.v1.Container;
import dev.skiff.model.core.v1.Namespace;
import dev.skiff.model.core.v1.Pod;
import dev.skiff.model.core.v1.PodSpec;
import dev.skiff.model.meta.v1.ObjectMeta;
import dev.skiff.watch.KubeWatch;
import dev.skiff.watch.Scope;
import dev.skiff.watch.WatchEvent;
import io.reactivex.rxjava3.disposables.Disposable;
import java.io.PrintStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Watches the pods labelled {@code app=web} while it changes pods: creates, modifies, relabels out of and
 * into the selection, deletes; prints every event the watch stream delivers and checks that each expected one
 * arrives, in order. Leaves nothing behind but its namespace.
 *
 * <pre>
 * java -cp examples-standalone.jar dev.skiff.examples.WatchExample [--kubeconfig FILE]
 * </pre>
 */
public final class WatchExample {
  /** The namespace the example works in; created when missing. */
  static final String NAMESPACE = "skiff-watch";

  private final KubeClient client;
  private final PrintStream out;
  private final Duration wait;

  /**
   * Creates the example.
   *
   * @param client the client to use
   * @param out where events are printed
   * @param wait how long to wait for each expected event
   */
  public WatchExample(KubeClient client, PrintStream out, Duration wait) {
    this.client = client;
    this.out = out;
    this.wait = wait;
  }

  /**
   * Runs the example on an embedded fake cluster, or with {@code --kubeconfig FILE} on that cluster, and exits
   * 0 on success or 1 with a one-line reason.
   *
   * @param args {@code [--kubeconfig FILE]}
   */
  public static void main(String[] args) {
    System.exit(Standalone.run("watch", args, (client, out, wait) -> new WatchExample(client, out, wait).run(),
        System.out, System.err));
  }

  /**
   * Runs the steps.
   *
   * @throws InterruptedException when interrupted while waiting for an event
   * @throws IllegalStateException when an expected event does not arrive in time
   */
  public void run() throws InterruptedException {
    ensureNamespace();
    PodClient pods = client.pods(NAMESPACE);
    BlockingQueue<WatchEvent<Pod>> events = new LinkedBlockingQueue<>();
    BlockingQueue<Throwable> failure = new LinkedBlockingQueue<>();
    Disposable watch = KubeWatch.of(client)
        .events(ResourceTypes.PODS, Scope.namespace(NAMESPACE).withLabels("app=web"))
        .subscribe(events::add, failure::add);
    try {
      out.println("watching pods with app=web in " + NAMESPACE);
      expect(events, failure, WatchEvent.Type.SYNCED, null);

      pods.create(pod("web-1", "web"));
      expect(events, failure, WatchEvent.Type.ADDED, "web-1");
      pods.create(pod("db-1", "db"));
      out.println("created db-1 with app=db: not in the selection, no event");
      pods.edit("web-1", p -> withLabel(p, "tier", "fe"));
      expect(events, failure, WatchEvent.Type.MODIFIED, "web-1");
      pods.edit("web-1", p -> withLabel(p, "app", "db"));
      expect(events, failure, WatchEvent.Type.DELETED, "web-1");
      pods.edit("db-1", p -> withLabel(p, "app", "web"));
      expect(events, failure, WatchEvent.Type.ADDED, "db-1");
      pods.delete("db-1", DeleteOptions.builder().gracePeriodSeconds(0).build());
      expect(events, failure, WatchEvent.Type.DELETED, "db-1");
      out.println("every expected event arrived in order");
    } finally {
      watch.dispose();
      for (String name : List.of("web-1", "db-1")) {
        try {
          pods.delete(name, DeleteOptions.builder().gracePeriodSeconds(0).build());
        } catch (NotFoundException e) {
          // deleted by the steps above
        }
      }
    }
  }

  /**
   * Prints events until the expected one arrives. A real cluster also reports status changes of the pods
   * (scheduling, container starts) as modifications; they are printed and skipped.
   */
  private void expect(BlockingQueue<WatchEvent<Pod>> events, BlockingQueue<Throwable> failure,
      WatchEvent.Type type, String name) throws InterruptedException {
    long deadline = System.nanoTime() + wait.toNanos();
    while (true) {
      Throwable error = failure.peek();
      if (error != null) {
        throw new IllegalStateException("the watch failed: " + error.getMessage(), error);
      }
      long left = deadline - System.nanoTime();
      WatchEvent<Pod> event = left <= 0 ? null : events.poll(Math.min(left, 100_000_000L), TimeUnit.NANOSECONDS);
      if (event == null) {
        if (System.nanoTime() >= deadline) {
          throw new IllegalStateException("no " + type + (name == null ? "" : " event for pod " + name)
              + " within " + wait.toSeconds() + "s");
        }
        continue;
      }
      out.println("event: " + describe(event));
      if (event.type() == type && (name == null || event.object().metadata().name().equals(name))) {
        return;
      }
    }
  }

  private static String describe(WatchEvent<Pod> event) {
    if (event.type() == WatchEvent.Type.SYNCED) {
      return "SYNCED (the initial list is complete at resourceVersion " + event.resourceVersion() + ")";
    }
    ObjectMeta meta = event.object().metadata();
    return event.type() + " " + meta.name() + " labels=" + new java.util.TreeMap<>(meta.labels())
        + " resourceVersion=" + meta.resourceVersion();
  }

  private static Pod pod(String name, String app) {
    return Pod.builder()
        .metadata(ObjectMeta.builder().name(name).putLabels("app", app).build())
        .spec(PodSpec.builder().addContainers(Container.builder().name("web").image("nginx:1.27").build()).build())
        .build();
  }

  private static Pod withLabel(Pod pod, String key, String value) {
    Map<String, String> labels = new HashMap<>(pod.metadata().labels());
    labels.put(key, value);
    return pod.withMetadata(pod.metadata().withLabels(labels));
  }

  private void ensureNamespace() {
    try {
      client.namespaces().create(Namespace.builder().metadata(ObjectMeta.builder().name(NAMESPACE).build()).build());
    } catch (AlreadyExistsException e) {
      // kept from an earlier run
    }
  }
}
