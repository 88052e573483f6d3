package dev.skiff.examples;

import dev.skiff.model.ApiObject;
import dev.skiff.model.Names;
import dev.skiff.model.Quantity;
import dev.skiff.model.Selector;
import dev.skiff.model.codec.ModelCodec;
import dev.skiff.model.core.v1.Container;
import dev.skiff.model.core.v1.EnvVar;
import dev.skiff.model.core.v1.PodSpec;
import dev.skiff.model.core.v1.PodTemplateSpec;
import dev.skiff.model.core.v1.ReplicationController;
import dev.skiff.model.core.v1.ReplicationControllerSpec;
import dev.skiff.model.core.v1.ResourceRequirements;
import dev.skiff.model.core.v1.Service;
import dev.skiff.model.core.v1.ServicePort;
import dev.skiff.model.core.v1.ServiceSpec;
import dev.skiff.model.meta.v1.ObjectMeta;
import dev.skiff.model.IntOrString;
import java.util.List;
import java.util.Map;

/**
 * The seed's flake-hunting replication controller, rewritten as a valid v1 object with Skiff's model: built
 * with the immutable builders, validated, printed as YAML the way kubectl prints it, read back, and matched
 * against a label selector. Runs without a cluster.
 */
public final class Demo {
  private Demo() {}

  /**
   * Runs the demo.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    // The seed called it "flakeController"; v1 names must be DNS-1123 subdomains.
    System.out.println("# Is 'flakeController' a valid v1 name? "
        + Names.dns1123SubdomainErrors("flakeController"));

    Map<String, String> labels = Map.of("name", "flake");
    ReplicationController rc = ReplicationController.builder()
        .metadata(ObjectMeta.builder().name("flake-controller").namespace("demo").build())
        .spec(ReplicationControllerSpec.builder()
            .replicas(24)
            .putAllSelector(labels)
            .template(PodTemplateSpec.builder()
                .metadata(ObjectMeta.builder().putAllLabels(labels).build())
                .spec(PodSpec.builder()
                    .addContainers(Container.builder()
                        .name("flake")
                        .image("brendanburns/flake")
                        .addEnv(EnvVar.builder().name("TEST_PACKAGE").value("github.com/GoogleCloudPlatform/kubernetes/pkg/tools").build())
                        .addEnv(EnvVar.builder().name("REPO_SPEC").value("https://github.com/GoogleCloudPlatform/kubernetes").build())
                        .resources(ResourceRequirements.builder()
                            .putRequests("cpu", Quantity.parse("100m"))
                            .putRequests("memory", Quantity.parse("64Mi"))
                            .build())
                        .build())
                    .restartPolicy("Always")
                    .build())
                .build())
            .build())
        .build();

    Service service = Service.builder()
        .metadata(ObjectMeta.builder().name("flake").namespace("demo").build())
        .spec(ServiceSpec.builder()
            .putAllSelector(labels)
            .addPorts(ServicePort.builder().port(80).targetPort(IntOrString.of(8080)).build())
            .build())
        .build();

    ModelCodec codec = ModelCodec.standard();
    String yaml = codec.writeYamlAll(List.of(rc, service));
    System.out.println(yaml);

    List<ApiObject> readBack = codec.readYamlAll(yaml);
    System.out.println("# read back " + readBack.size() + " objects; equal to the originals: "
        + readBack.equals(List.of(rc, service)));

    Selector selector = Selector.parse("name in (flake, flaky), tier notin (db)");
    System.out.println("# selector '" + selector + "' matches the pod template: "
        + selector.matches(rc.spec().template().metadata().labels()));

    ReplicationController stopped = rc.withSpec(rc.spec().withReplicas(0));
    System.out.println("# stopped copy has " + stopped.spec().replicas() + " replicas; the original still has "
        + rc.spec().replicas());
  }
}
