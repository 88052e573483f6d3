package dev.skiff.fake;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kubectl against the fake cluster, as a user runs it: every command through a kubeconfig the cluster wrote.
 * Skipped when kubectl is not on PATH. One cluster serves the class; each test uses its own object names.
 */
@WithFakeCluster(perClass = true)
class KubectlCompatibilityTest {

  @TempDir
  static Path dir;

  private static Kubectl kubectl;

  @BeforeAll
  static void setUp(FakeCluster cluster) {
    Path binary = Kubectl.find().orElse(null);
    org.junit.jupiter.api.Assumptions.assumeTrue(binary != null, "kubectl is not on PATH");
    kubectl = new Kubectl(binary, cluster.writeKubeconfig(dir.resolve("kubeconfig")), dir.resolve("cache"));
  }

  private static Path manifest(String name, String yaml) throws Exception {
    return Files.writeString(dir.resolve(name), yaml);
  }

  private static Kubectl.Result ok(String... args) {
    Kubectl.Result r = kubectl.run(args);
    assertThat(r.exitCode()).as("kubectl %s\n%s", String.join(" ", args), r).isZero();
    return r;
  }

  private static String pod(String name, String labels) {
    return """
        apiVersion: v1
        kind: Pod
        metadata:
          name: %s
          labels: {%s}
        spec:
          containers:
          - name: web
            image: nginx:1.27
        """.formatted(name, labels);
  }

  @Test
  void create_from_a_file_then_get_and_delete() throws Exception {
    Path file = manifest("create.yaml", pod("create-1", "app: create"));
    assertThat(ok("create", "-f", file.toString()).out()).isEqualTo("pod/create-1 created\n");
    assertThat(ok("get", "pod", "create-1", "-o", "jsonpath={.metadata.uid} {.status.phase}").out())
        .matches("[0-9a-f-]{36} Pending");

    Kubectl.Result again = kubectl.run("create", "-f", file.toString());
    assertThat(again.exitCode()).isEqualTo(1);
    assertThat(again.err()).contains("Error from server (AlreadyExists)", "pods \"create-1\" already exists");

    assertThat(ok("delete", "pod", "create-1").out()).isEqualTo("pod \"create-1\" deleted\n");
    Kubectl.Result gone = kubectl.run("get", "pod", "create-1");
    assertThat(gone.exitCode()).isEqualTo(1);
    assertThat(gone.err()).contains("Error from server (NotFound): pods \"create-1\" not found");
  }

  @Test
  void apply_creates_then_configures() throws Exception {
    String cm = """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: applied
        data:
          mode: %s
        """;
    Path file = manifest("applied.yaml", cm.formatted("fast"));
    assertThat(ok("apply", "-f", file.toString()).out()).isEqualTo("configmap/applied created\n");
    Files.writeString(file, cm.formatted("slow"));
    assertThat(ok("apply", "-f", file.toString()).out()).isEqualTo("configmap/applied configured\n");
    assertThat(ok("apply", "-f", file.toString()).out()).isEqualTo("configmap/applied unchanged\n");
    assertThat(ok("get", "configmap", "applied", "-o", "jsonpath={.data.mode}").out()).isEqualTo("slow");
    assertThat(ok("get", "configmap", "applied", "-o",
        "jsonpath={.metadata.annotations.kubectl\\.kubernetes\\.io/last-applied-configuration}").out())
        .contains("\"mode\":\"slow\"");
  }

  @Test
  void get_with_equality_and_set_based_label_selectors() throws Exception {
    Path file = manifest("selectors.yaml", pod("sel-web", "app: sel-web, tier: fe") + "---\n"
        + pod("sel-api", "app: sel-api, tier: be") + "---\n" + pod("sel-db", "app: sel-db"));
    ok("create", "-f", file.toString());

    assertThat(ok("get", "pods", "-l", "app=sel-web", "-o", "name").out()).isEqualTo("pod/sel-web\n");
    assertThat(ok("get", "pods", "-l", "app in (sel-web,sel-api),tier!=be", "-o", "name").out())
        .isEqualTo("pod/sel-web\n");
    assertThat(ok("get", "pods", "-l", "app notin (sel-web,sel-api),app", "-o", "name").out()).contains("pod/sel-db")
        .doesNotContain("sel-web", "sel-api");
    assertThat(ok("get", "pods", "-l", "app in (sel-web,sel-api,sel-db),!tier", "-o", "name").out())
        .isEqualTo("pod/sel-db\n");
    // The default output is the server's Table.
    assertThat(ok("get", "pods", "-l", "app=sel-api").out()).startsWith("NAME").contains("sel-api", "Pending");
  }

  @Test
  void label_and_annotate() throws Exception {
    ok("create", "-f", manifest("label.yaml", pod("label-1", "app: label")).toString());
    assertThat(ok("label", "pod", "label-1", "env=prod").out()).isEqualTo("pod/label-1 labeled\n");
    assertThat(ok("annotate", "pod", "label-1", "owner=team-a").out()).isEqualTo("pod/label-1 annotated\n");
    assertThat(ok("label", "pod", "label-1", "env-").out()).isEqualTo("pod/label-1 unlabeled\n");
    assertThat(ok("get", "pod", "label-1", "-o", "jsonpath={.metadata.labels} {.metadata.annotations.owner}").out())
        .isEqualTo("{\"app\":\"label\"} team-a");
  }

  @Test
  void patch_merge_json_and_strategic() throws Exception {
    ok("create", "-f", manifest("patch.yaml", pod("patch-1", "app: patch, drop: me")).toString());

    ok("patch", "pod", "patch-1", "--type=merge", "-p", "{\"metadata\":{\"labels\":{\"drop\":null,\"m\":\"1\"}}}");
    ok("patch", "pod", "patch-1", "--type=json", "-p", "[{\"op\":\"add\",\"path\":\"/metadata/labels/j\",\"value\":\"2\"}]");
    // Strategic merge: containers merge by name, so the image changes and the container list keeps one entry.
    ok("patch", "pod", "patch-1", "-p", "{\"spec\":{\"containers\":[{\"name\":\"web\",\"image\":\"nginx:1.28\"}]}}");

    assertThat(ok("get", "pod", "patch-1", "-o",
        "jsonpath={.metadata.labels} {.spec.containers[*].name} {.spec.containers[0].image}").out())
        .isEqualTo("{\"app\":\"patch\",\"j\":\"2\",\"m\":\"1\"} web nginx:1.28");

    Kubectl.Result bad = kubectl.run("patch", "pod", "patch-1", "--type=json", "-p",
        "[{\"op\":\"remove\",\"path\":\"/metadata/labels/nope\"}]");
    assertThat(bad.exitCode()).isNotZero();
  }

  @Test
  void scale_a_replication_controller() throws Exception {
    ok("create", "-f", manifest("rc.yaml", """
        apiVersion: v1
        kind: ReplicationController
        metadata:
          name: scaled
        spec:
          replicas: 1
          selector: {app: scaled}
          template:
            metadata:
              labels: {app: scaled}
            spec:
              containers:
              - name: c
                image: busybox
        """).toString());
    assertThat(ok("scale", "rc", "scaled", "--replicas=3").out()).isEqualTo("replicationcontroller/scaled scaled\n");
    assertThat(ok("get", "rc", "scaled", "-o", "jsonpath={.spec.replicas} {.metadata.generation}").out())
        .isEqualTo("3 2");
  }

  @Test
  void get_watch_sees_changes_until_its_request_timeout() throws Exception {
    ok("apply", "-f", manifest("watched-0.yaml", """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: watched-0
          labels: {watch: me}
        """).toString());
    Kubectl.Running watch = kubectl.start("get", "configmaps", "-l", "watch=me", "-w", "-o", "name",
        "--request-timeout=8s");
    try {
      assertThat(watch.nextLine(30)).isEqualTo("configmap/watched-0"); // the list: the watch starts from its RV
      ok("apply", "-f", manifest("watched-1.yaml", """
          apiVersion: v1
          kind: ConfigMap
          metadata:
            name: watched-1
            labels: {watch: me}
          """).toString());
      assertThat(watch.nextLine(30)).isEqualTo("configmap/watched-1");
      ok("delete", "configmap", "watched-0");
      assertThat(watch.nextLine(30)).isEqualTo("configmap/watched-0");
      // The request timeout ends the watch and kubectl exits cleanly.
      assertThat(watch.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(watch.process().exitValue()).isZero();
    } finally {
      watch.process().destroyForcibly();
    }
  }

  @Test
  @Disabled("API layer: 415 UnsupportedMediaType, protobuf request bodies (application/vnd.kubernetes.protobuf) "
      + "are not decoded yet; kubectl's typed-client commands (create namespace|configmap|secret, auth can-i) send them")
  void create_namespace_sends_protobuf() {
    assertThat(ok("create", "namespace", "kubectl-ns").out()).isEqualTo("namespace/kubectl-ns created\n");
  }

  @Test
  void apply_server_side() throws Exception {
    Path file = manifest("ssa.yaml", """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: ssa
        data:
          a: b
        """);
    assertThat(ok("apply", "--server-side", "-f", file.toString()).out()).isEqualTo("configmap/ssa serverside-applied\n");
  }
}
