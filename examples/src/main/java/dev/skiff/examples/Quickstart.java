package dev.skiff.examples;

import dev.skiff.client.KubeClient;
import dev.skiff.client.ListOptions;
import dev.skiff.client.PatchType;
import dev.skiff.client.PodClient;
import dev.skiff.client.ResourceClient;
import dev.skiff.client.error.AlreadyExistsException;
import dev.skiff.model.KubernetesList;
import dev.skiff.model.autoscaling.v1.Scale;
import dev.skiff.model.core.v1.Container;
import dev.skiff.model.core.v1.Namespace;
import dev.skiff.model.core.v1.Pod;
import dev.skiff.model.core.v1.PodSpec;
import dev.skiff.model.core.v1.PodTemplateSpec;
import dev.skiff.model.core.v1.ReplicationController;
import dev.skiff.model.core.v1.ReplicationControllerSpec;
import dev.skiff.model.core.v1.Service;
import dev.skiff.model.core.v1.ServicePort;
import dev.skiff.model.core.v1.ServiceSpec;
import dev.skiff.model.meta.v1.ObjectMeta;
import dev.skiff.model.IntOrString;
import java.io.PrintStream;
import java.util.Map;

/**
 * The basic operations of {@link KubeClient} on pods, a replication controller and a service: create, get,
 * list by label selector, patch, scale, delete. Prints each step; leaves nothing behind but its namespace.
 */
public final class Quickstart {
  /** The namespace the example works in; created when missing. */
  static final String NAMESPACE = "skiff-quickstart";

  private final KubeClient client;
  private final PrintStream out;

  /**
   * Creates the example.
   *
   * @param client the client to use
   * @param out where the steps are printed
   */
  public Quickstart(KubeClient client, PrintStream out) {
    this.client = client;
    this.out = out;
  }

  /** Runs every step; any failure is thrown as the client's typed exception. */
  public void run() {
    ensureNamespace();
    PodClient pods = client.pods(NAMESPACE);

    for (String tier : new String[] {"fe", "be"}) {
      Pod created = pods.create(Pod.builder()
          .metadata(ObjectMeta.builder().name("web-" + tier).putLabels("app", "web").putLabels("tier", tier).build())
          .spec(PodSpec.builder()
              .addContainers(Container.builder().name("web").image("nginx:1.27").build())
              .build())
          .build());
      out.printf("created pod %s (uid %s, resourceVersion %s)%n", created.metadata().name(),
          created.metadata().uid(), created.metadata().resourceVersion());
    }

    KubernetesList<Pod> frontEnd = pods.list("app=web,tier in (fe)");
    out.printf("pods matching 'app=web,tier in (fe)': %s%n", names(frontEnd));

    Pod patched = pods.patch("web-be", PatchType.MERGE, "{\"metadata\":{\"labels\":{\"tier\":\"fe\"}}}");
    out.printf("merge-patched web-be: labels now %s%n", patched.metadata().labels());
    out.printf("pods matching 'tier=fe' after the patch: %s%n", names(pods.list("tier=fe")));

    Map<String, String> selector = Map.of("app", "hello");
    ResourceClient<ReplicationController> rcs = client.replicationControllers(NAMESPACE);
    rcs.create(ReplicationController.builder()
        .metadata(ObjectMeta.builder().name("hello").build())
        .spec(ReplicationControllerSpec.builder()
            .replicas(2)
            .putAllSelector(selector)
            .template(PodTemplateSpec.builder()
                .metadata(ObjectMeta.builder().putAllLabels(selector).build())
                .spec(PodSpec.builder()
                    .addContainers(Container.builder().name("hello").image("busybox:1.36").build())
                    .build())
                .build())
            .build())
        .build());
    out.println("created replication controller hello with 2 replicas");
    Scale scale = rcs.scale("hello", 5);
    out.printf("scaled hello: spec.replicas=%d%n", scale.spec().replicas());
    ReplicationController edited = rcs.edit("hello",
        rc -> rc.withMetadata(rc.metadata().withLabels(Map.of("owner", "quickstart"))));
    out.printf("edited hello: labels %s, resourceVersion %s%n", edited.metadata().labels(),
        edited.metadata().resourceVersion());

    Service service = client.services(NAMESPACE).create(Service.builder()
        .metadata(ObjectMeta.builder().name("hello").build())
        .spec(ServiceSpec.builder()
            .putAllSelector(selector)
            .addPorts(ServicePort.builder().port(80).targetPort(IntOrString.of(8080)).build())
            .build())
        .build());
    out.printf("created service hello: clusterIP %s%n", service.spec().clusterIP());

    rcs.scale("hello", 0);
    out.println("scaled hello to 0");
    client.services(NAMESPACE).delete("hello");
    rcs.delete("hello");
    pods.deleteCollection(ListOptions.labelSelector("app=web"));
    out.printf("deleted service, replication controller and pods; pods left with app=web: %d%n",
        pods.list("app=web").items().stream().filter(p -> p.metadata().deletionTimestamp() == null).count());
  }

  private void ensureNamespace() {
    try {
      client.namespaces().create(Namespace.builder().metadata(ObjectMeta.builder().name(NAMESPACE).build()).build());
      out.printf("created namespace %s%n", NAMESPACE);
    } catch (AlreadyExistsException e) {
      out.printf("namespace %s exists%n", NAMESPACE);
    }
  }

  private static String names(KubernetesList<Pod> list) {
    return list.items().stream().map(p -> p.metadata().name()).sorted().toList().toString();
  }
}
