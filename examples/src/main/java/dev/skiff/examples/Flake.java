package dev.skiff.examples;

import dev.skiff.client.DeleteOptions;
import dev.skiff.client.KubeClient;
import dev.skiff.client.PropagationPolicy;
import dev.skiff.client.ResourceClient;
import dev.skiff.client.error.AlreadyExistsException;
import dev.skiff.client.error.InvalidException;
import dev.skiff.model.core.v1.Container;
import dev.skiff.model.core.v1.EnvVar;
import dev.skiff.model.core.v1.Namespace;
import dev.skiff.model.core.v1.PodSpec;
import dev.skiff.model.core.v1.PodTemplateSpec;
import dev.skiff.model.core.v1.ReplicationController;
import dev.skiff.model.core.v1.ReplicationControllerSpec;
import dev.skiff.model.meta.v1.ObjectMeta;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;

/**
 * The seed's flake hunt ("flaky-tests"), with today's v1 API: a ReplicationController runs 24 copies of the
 * {@code brendanburns/flake} test image, and is stopped by scaling it to 0 and then removed. The seed called
 * it {@code flakeController}, which is not a valid v1 name; the example shows that error first.
 *
 * <p>The pods are created by the cluster's replication-controller loop (on the embedded fake cluster too). On a
 * cluster without one no pod appears, and the run fails after the wait bound, cleaning up first.
 */
public final class Flake {
  /** The namespace the example works in; created when missing. */
  static final String NAMESPACE = "skiff-flake";
  /** The seed's 24 replicas. */
  static final int REPLICAS = 24;

  private final KubeClient client;
  private final PrintStream out;
  private final Duration waitBound;
  private final Duration pollInterval;

  /**
   * Creates the example.
   *
   * @param client the client to use
   * @param out where the steps are printed
   * @param waitBound how long to wait for the pods
   */
  public Flake(KubeClient client, PrintStream out, Duration waitBound) {
    this.client = client;
    this.out = out;
    this.waitBound = waitBound;
    this.pollInterval = Duration.ofMillis(Math.max(100, Math.min(1000, waitBound.toMillis() / 20)));
  }

  /**
   * Runs the hunt.
   *
   * @throws IllegalStateException when the pods do not appear within the bound
   * @throws InterruptedException when interrupted while waiting
   */
  public void run() throws InterruptedException {
    ensureNamespace();
    ResourceClient<ReplicationController> rcs = client.replicationControllers(NAMESPACE);
    try {
      rcs.create(controller("flakeController"));
      throw new IllegalStateException("the v1 API accepted the seed's name 'flakeController'");
    } catch (InvalidException e) {
      out.println("the seed's name is rejected (" + (e.clientSide() ? "checked before sending" : "by the server")
          + "): " + e.status().message());
    }

    ReplicationController rc = rcs.create(controller("flake-controller"));
    out.printf("created replication controller %s with %d replicas (uid %s)%n", rc.metadata().name(),
        rc.spec().replicas(), rc.metadata().uid());
    try {
      awaitPods();
    } finally {
      rcs.scale("flake-controller", 0);
      out.println("stopped: scaled flake-controller to 0");
      rcs.delete("flake-controller", DeleteOptions.builder().propagationPolicy(PropagationPolicy.BACKGROUND).build());
      out.println("removed flake-controller");
    }
  }

  /** Polls the pod list until every replica exists, or fails after the bound. */
  private void awaitPods() throws InterruptedException {
    long deadline = System.nanoTime() + waitBound.toNanos();
    int seen = -1;
    while (true) {
      int count = client.pods(NAMESPACE).list("name=flake").items().size();
      if (count != seen) {
        out.printf("pods with name=flake: %d of %d%n", count, REPLICAS);
        seen = count;
      }
      if (count >= REPLICAS) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("only " + count + " of " + REPLICAS + " flake pods appeared within "
            + waitBound.toSeconds() + "s: is the cluster's replication-controller loop running?");
      }
      // A watch would avoid polling; this example keeps to the core client.
      Thread.sleep(pollInterval.toMillis());
    }
  }

  /** The seed's controller as a v1 object. */
  static ReplicationController controller(String name) {
    Map<String, String> labels = Map.of("name", "flake");
    return ReplicationController.builder()
        .metadata(ObjectMeta.builder().name(name).putAllLabels(labels).build())
        .spec(ReplicationControllerSpec.builder()
            .replicas(REPLICAS)
            .putAllSelector(labels)
            .template(PodTemplateSpec.builder()
                .metadata(ObjectMeta.builder().putAllLabels(labels).build())
                .spec(PodSpec.builder()
                    .addContainers(Container.builder()
                        .name("flake")
                        .image("brendanburns/flake")
                        .addEnv(EnvVar.builder().name("TEST_PACKAGE").value("pkg/tools").build())
                        .addEnv(EnvVar.builder().name("REPO_SPEC")
                            .value("https://github.com/GoogleCloudPlatform/kubernetes").build())
                        .build())
                    .restartPolicy("Always")
                    .build())
                .build())
            .build())
        .build();
  }

  private void ensureNamespace() {
    try {
      client.namespaces().create(Namespace.builder().metadata(ObjectMeta.builder().name(NAMESPACE).build()).build());
    } catch (AlreadyExistsException e) {
      // Left from an earlier run: reuse it.
    }
  }
}
