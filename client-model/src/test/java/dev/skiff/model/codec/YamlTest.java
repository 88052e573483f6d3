package dev.skiff.model.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.skiff.model.ApiObject;
import dev.skiff.model.IntOrString;
import dev.skiff.model.Quantity;
import dev.skiff.model.apps.v1.Deployment;
import dev.skiff.model.apps.v1.DeploymentSpec;
import dev.skiff.model.apps.v1.DeploymentStrategy;
import dev.skiff.model.apps.v1.RollingUpdateDeployment;
import dev.skiff.model.core.v1.ConfigMap;
import dev.skiff.model.core.v1.Container;
import dev.skiff.model.core.v1.ContainerPort;
import dev.skiff.model.core.v1.Namespace;
import dev.skiff.model.core.v1.Pod;
import dev.skiff.model.core.v1.PodSpec;
import dev.skiff.model.core.v1.PodTemplateSpec;
import dev.skiff.model.core.v1.ResourceRequirements;
import dev.skiff.model.core.v1.Secret;
import dev.skiff.model.core.v1.Service;
import dev.skiff.model.meta.v1.LabelSelector;
import dev.skiff.model.meta.v1.ObjectMeta;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Reading and writing YAML the way kubectl does. */
class YamlTest {
  private static final ModelCodec CODEC = ModelCodec.standard();
  private static final YAMLMapper YAML = new YAMLMapper();

  private static final String MANIFESTS = """
      # Everything the demo needs, in apply order.
      ---
      apiVersion: v1
      kind: Namespace
      metadata:
        name: demo   # the namespace everything else lives in
        labels:
          team: platform
      ---
      # (this document holds only a comment)
      ---
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
        namespace: demo
      spec:
        replicas: 2
        selector:
          matchLabels: {app: web}
        strategy:
          rollingUpdate:
            maxSurge: 1
            maxUnavailable: 25%
        template:
          metadata:
            labels:
              app: web
          spec:
            containers:
            - name: web
              image: nginx:1.27
              ports:
              - containerPort: 80
                name: http
              resources:
                limits: {cpu: 500m, memory: 256Mi}
      ---
      ---
      apiVersion: v1
      kind: Service
      metadata: {name: web, namespace: demo}
      spec:
        selector:
          app: web
        ports:
        - port: 80
          targetPort: http
      ---
      apiVersion: v1
      kind: ConfigMap
      metadata:
        name: settings
        namespace: demo
      data:
        replicas: "3"
        enabled: 'true'
        script: |
          #!/bin/sh
          echo "hello"
      ...
      """;

  /**
   * A stream with a leading comment, a leading {@code ---}, a comment-only document, an empty document, flow and
   * block collections, comments after values and a {@code ...} end marker.
   *
   * <p>EXPECTED-BEHAVIOUR: fails today because the codec rejects the empty and comment-only documents (see
   * {@link #emptyDocumentsAreSkipped()}); {@link #multiDocumentYamlWithoutEmptyDocuments()} checks the rest.
   */
  @Test
  void multiDocumentYamlDecodesEveryDocumentInOrder() {
    assertManifests(CODEC.readYamlAll(MANIFESTS));
  }

  @Test
  void multiDocumentYamlWithoutEmptyDocuments() {
    String withoutEmpty = MANIFESTS
        .replace("---\n# (this document holds only a comment)\n", "")
        .replace("---\n---\n", "---\n");
    assertThat(withoutEmpty).doesNotContain("(this document").doesNotContain("---\n---");
    assertManifests(CODEC.readYamlAll(withoutEmpty));
  }

  private static void assertManifests(List<ApiObject> objects) {
    assertThat(objects).extracting(o -> o.getClass().getSimpleName())
        .containsExactly("Namespace", "Deployment", "Service", "ConfigMap");

    Namespace ns = (Namespace) objects.get(0);
    assertThat(ns.metadata().name()).isEqualTo("demo");
    assertThat(ns.metadata().labels()).containsExactly(Map.entry("team", "platform"));

    Deployment dep = (Deployment) objects.get(1);
    assertThat(dep.spec().replicas()).isEqualTo(2);
    assertThat(dep.spec().selector().matchLabels()).containsExactly(Map.entry("app", "web"));
    assertThat(dep.spec().strategy().rollingUpdate().maxSurge()).isEqualTo(IntOrString.of(1));
    assertThat(dep.spec().strategy().rollingUpdate().maxUnavailable()).isEqualTo(IntOrString.of("25%"));
    Container web = dep.spec().template().spec().containers().get(0);
    assertThat(web.ports().get(0).containerPort()).isEqualTo(80);
    assertThat(web.resources().limits()).containsEntry("cpu", Quantity.parse("500m"))
        .containsEntry("memory", Quantity.parse("256Mi"));

    Service svc = (Service) objects.get(2);
    assertThat(svc.metadata().namespace()).isEqualTo("demo");
    assertThat(svc.spec().ports().get(0).targetPort()).isEqualTo(IntOrString.of("http"));

    ConfigMap cm = (ConfigMap) objects.get(3);
    assertThat(cm.data()).containsEntry("replicas", "3").containsEntry("enabled", "true")
        .containsEntry("script", "#!/bin/sh\necho \"hello\"\n");
  }

  @Test
  void streamsWithoutDocumentsHoldNoObjects() {
    assertThat(CODEC.readYamlAll("")).isEmpty();
    assertThat(CODEC.readYamlAll("# nothing here\n")).isEmpty();
    assertThatThrownBy(() -> CODEC.readYaml("# nothing here\n", Pod.class))
        .isInstanceOf(DecodeException.class)
        .hasMessageContaining("no document");
  }

  /**
   * EXPECTED-BEHAVIOUR: readYamlAll's Javadoc says "Empty documents are skipped", and kubectl skips them, but an
   * empty document ({@code ---} followed by {@code ---} or by the end, or a document of comments only) makes the
   * codec throw "a YAML document must be a mapping (an object), found: " (Jackson's YAML parser reports an empty
   * document as an empty string scalar, which the codec does not treat as empty). Files ending in {@code ---} and
   * helm-style output with comment-only documents are common.
   */
  @Test
  void emptyDocumentsAreSkipped() {
    String ns = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: demo\n";
    assertThat(CODEC.readYamlAll(ns + "---\n")).as("trailing ---").hasSize(1);
    assertThat(CODEC.readYamlAll("---\n---\n" + ns)).as("leading empty document").hasSize(1);
    assertThat(CODEC.readYamlAll(ns + "---\n# Source: chart/templates/empty.yaml\n---\n" + ns))
        .as("comment-only document").hasSize(2);
    assertThat(CODEC.readYamlAll("---\n---\n# still nothing\n---\n")).as("nothing but empty documents").isEmpty();
    assertThat(CODEC.readYaml(ns + "---\n", Namespace.class).metadata().name()).isEqualTo("demo");
  }

  @Test
  void aDocumentThatIsNotAMappingIsRejected() {
    assertThatThrownBy(() -> CODEC.readYamlAll("apiVersion: v1\nkind: Namespace\n---\n- a\n- b\n"))
        .isInstanceOf(DecodeException.class)
        .hasMessageContaining("expected a YAML mapping (an object) as the document");
  }

  @Test
  void malformedYamlIsADecodeException() {
    DecodeException e = catchThrowableOfType(DecodeException.class,
        () -> CODEC.readYamlAll("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: [demo\n"));
    assertThat(e.getMessage()).startsWith("malformed input: ");
    assertThat(e.line()).isPositive();
  }

  @Test
  void readYamlReadsTheFirstDocumentIntoTheRequestedType() {
    Namespace first = CODEC.readYaml(
        "# first\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: demo\n---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: second\n",
        Namespace.class);
    assertThat(first.metadata().name()).isEqualTo("demo");

    Pod pod = CODEC.readYaml("""
        apiVersion: v1
        kind: Pod
        metadata:
          name: one
        spec:
          containers:
          - name: c
            image: busybox:1.36
            command: ["sleep", "3600"]
        """, Pod.class);
    assertThat(pod.metadata().name()).isEqualTo("one");
    assertThat(pod.spec().containers().get(0).command()).containsExactly("sleep", "3600");

    // a list item without apiVersion/kind reads into the requested type too
    Container c = CODEC.readYaml("name: side\nimage: busybox\n", Container.class);
    assertThat(c.name()).isEqualTo("side");
  }

  // ---- writing

  private static Deployment deployment() {
    return Deployment.builder()
        .metadata(ObjectMeta.builder()
            .name("web")
            .namespace("demo")
            .putLabels("app", "web")
            .putLabels("version", "123")
            .putAnnotations("canary", "true")
            .putAnnotations("note", "no")
            .build())
        .spec(DeploymentSpec.builder()
            .replicas(3)
            .selector(LabelSelector.builder().putMatchLabels("app", "web").build())
            .strategy(DeploymentStrategy.builder()
                .type("RollingUpdate")
                .rollingUpdate(RollingUpdateDeployment.builder()
                    .maxSurge(IntOrString.of(1))
                    .maxUnavailable(IntOrString.of("25%"))
                    .build())
                .build())
            .template(PodTemplateSpec.builder()
                .metadata(ObjectMeta.builder().putLabels("app", "web").build())
                .spec(PodSpec.builder()
                    .addContainers(Container.builder()
                        .name("web")
                        .image("nginx:1.27")
                        .addArgs("--port", "8080")
                        .addPorts(ContainerPort.builder().containerPort(8080).name("http").build())
                        .resources(ResourceRequirements.builder()
                            .putLimits("cpu", Quantity.parse("500m"))
                            .putLimits("memory", Quantity.parse("256Mi"))
                            .build())
                        .build())
                    .build())
                .build())
            .build())
        .build();
  }

  @Test
  void writeYamlLooksLikeKubectl() {
    Deployment dep = deployment();
    String yaml = CODEC.writeYaml(dep);
    List<String> lines = yaml.lines().toList();

    // apiVersion, kind and metadata first; no document start marker
    assertThat(lines.subList(0, 3)).containsExactly("apiVersion: apps/v1", "kind: Deployment", "metadata:");
    assertThat(yaml).doesNotStartWith("---");
    // block style, "- " list items at the indentation of their key, keys in order, strings that look like
    // numbers or booleans quoted: exactly what `kubectl get -o yaml` prints for this object
    assertThat(yaml).isEqualTo("""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          annotations:
            canary: "true"
            note: "no"
          labels:
            app: web
            version: "123"
          name: web
          namespace: demo
        spec:
          replicas: 3
          selector:
            matchLabels:
              app: web
          strategy:
            rollingUpdate:
              maxSurge: 1
              maxUnavailable: 25%
            type: RollingUpdate
          template:
            metadata:
              labels:
                app: web
            spec:
              containers:
              - args:
                - --port
                - "8080"
                image: nginx:1.27
                name: web
                ports:
                - containerPort: 8080
                  name: http
                resources:
                  limits:
                    cpu: 500m
                    memory: 256Mi
        """);

    // and it reads back equal (the writer filled in apiVersion and kind)
    Deployment back = CODEC.readYaml(yaml, Deployment.class);
    assertThat(back).isEqualTo(dep.withApiVersion("apps/v1").withKind("Deployment"));
    assertThat(CODEC.writeYaml(back)).isEqualTo(yaml);
  }

  /** Scalars that a YAML 1.1 reader (kubectl's, SnakeYAML) would turn into numbers, booleans or null. */
  @Test
  void stringsThatLookLikeOtherTypesStayStrings() {
    Map<String, String> tricky = new java.util.LinkedHashMap<>();
    for (String s : List.of("123", "-1", "1.5", "0755", "1e3", "+1", "0x1F", "true", "false", "True", "yes", "no",
        "y", "n", "on", "off", "null", "~", "", ".inf", ".NaN")) {
      tricky.put("k" + tricky.size(), s);
    }
    ConfigMap cm = ConfigMap.builder().metadata(ObjectMeta.builder().name("tricky").build()).data(tricky).build();
    String yaml = CODEC.writeYaml(cm);

    for (Map.Entry<String, String> e : tricky.entrySet()) {
      Pattern quoted = Pattern.compile("(?m)^  " + e.getKey() + ": (\"" + Pattern.quote(e.getValue()) + "\"|'"
          + Pattern.quote(e.getValue()) + "')$");
      assertThat(quoted.matcher(yaml).find()).as("%s quoted in:%n%s", e.getValue(), yaml).isTrue();
    }
    assertThat(CODEC.readYaml(yaml, ConfigMap.class).data()).isEqualTo(tricky);
  }

  @Test
  void multiLineStringsSurvive() {
    ConfigMap cm = ConfigMap.builder()
        .metadata(ObjectMeta.builder().name("scripts").build())
        .putData("run.sh", "#!/bin/sh\nset -e\necho \"$1\" # comment\n")
        .putData("tabs", "a\tb")
        .putData("unicode", "\u00e9t\u00e9 \u2603")
        .build();
    String yaml = CODEC.writeYaml(cm);
    assertThat(CODEC.readYaml(yaml, ConfigMap.class)).isEqualTo(cm.withApiVersion("v1").withKind("ConfigMap"));
  }

  @Test
  void writeYamlAllSeparatesDocumentsAndReadsBack() {
    Namespace ns = Namespace.builder().metadata(ObjectMeta.builder().name("demo").build()).build();
    Secret secret = Secret.builder()
        .metadata(ObjectMeta.builder().name("s").namespace("demo").build())
        .putData("password", "czNjcjN0IQ==")
        .type("Opaque")
        .build();
    Deployment dep = deployment();

    String yaml = CODEC.writeYamlAll(List.of(ns, secret, dep));
    assertThat(yaml).doesNotStartWith("---");
    assertThat(yaml.lines().filter(l -> l.equals("---")).count()).isEqualTo(2);

    List<ApiObject> back = CODEC.readYamlAll(yaml);
    assertThat(back).containsExactly(
        ns.withApiVersion("v1").withKind("Namespace"),
        secret.withApiVersion("v1").withKind("Secret"),
        dep.withApiVersion("apps/v1").withKind("Deployment"));
  }

  static Stream<String> objectFixtures() {
    return FixtureRoundTripTest.FIXTURES.keySet().stream();
  }

  /** Every realistic fixture, written as YAML and read back, is the same object and the same tree. */
  @ParameterizedTest
  @MethodSource("objectFixtures")
  void fixturesSurviveAYamlRoundTrip(String fixture) throws IOException {
    byte[] json = FixtureRoundTripTest.read(fixture);
    Class<?> type = FixtureRoundTripTest.FIXTURES.get(fixture);
    Object decoded = CODEC.readJson(json, type);

    String yaml = CODEC.writeYaml(decoded);
    assertThat(CODEC.readYaml(yaml, type)).isEqualTo(decoded);
    assertThat(CODEC.readYamlAll(yaml)).containsExactly((ApiObject) decoded);
    // the YAML tree is the JSON tree
    JsonNode fromYaml = YAML.readTree(yaml);
    JsonNode fromJson = new com.fasterxml.jackson.databind.ObjectMapper().readTree(CODEC.writeJsonBytes(decoded));
    assertThat(fromYaml).isEqualTo(fromJson);
  }

  // ---- errors in YAML documents

  /**
   * EXPECTED-BEHAVIOUR: readYamlAll documents {@code @throws UnknownKindException when a document names a kind
   * Skiff does not model}, but it wraps every DecodeException, UnknownKindException included, in a plain
   * DecodeException ("YAML document 2: ..."), so callers cannot catch it by type or read kind().
   */
  @Test
  void readYamlAllThrowsUnknownKindExceptionForAnUnmodelledKind() {
    String yaml = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n---\napiVersion: batch/v1\nkind: Job\nmetadata:\n  name: j\n";
    Throwable e = catchThrowableOfType(DecodeException.class, () -> CODEC.readYamlAll(yaml));
    assertThat(e.getMessage()).contains("Job").contains("batch/v1");
    assertThat(e).isInstanceOfSatisfying(UnknownKindException.class, u -> {
      assertThat(u.kind()).isEqualTo("Job");
      assertThat(u.apiVersion()).isEqualTo("batch/v1");
    });
  }

  /**
   * EXPECTED-BEHAVIOUR: an error in a YAML document keeps its JSON pointer in {@link DecodeException#path()}
   * (readYamlAll re-wraps it with an empty path), and its line and column, if given, are the YAML text's. The codec
   * converts each document to JSON and reports positions in that invisible JSON ("line 1, column 93").
   */
  @Test
  void errorInAYamlDocumentKeepsItsPathAndReportsYamlPositions() {
    String yaml = """
        apiVersion: v1
        kind: Namespace
        metadata:
          name: a
        ---
        apiVersion: v1
        kind: Pod
        metadata:
          name: p
        spec:
          containers:
          - name: web
            ports:
            - containerPort: eighty
        """;
    DecodeException all = catchThrowableOfType(DecodeException.class, () -> CODEC.readYamlAll(yaml));
    String single = yaml.substring(yaml.indexOf("apiVersion: v1\nkind: Pod"));
    DecodeException one = catchThrowableOfType(DecodeException.class, () -> CODEC.readYaml(single, Pod.class));

    assertThat(all.getMessage()).contains("expected a JSON integer but found a string");
    // every expectation is checked, and all that fail are reported together
    List<String> problems = new java.util.ArrayList<>();
    String pointer = "/spec/containers/0/ports/0/containerPort";
    String jsonPosition = ".*\\(line 1, column \\d+\\).*";
    if (!all.path().equals(pointer)) {
      problems.add("readYamlAll: path() is '" + all.path() + "', expected " + pointer);
    }
    if (all.line() != 14 && all.line() != -1) {
      problems.add("readYamlAll: line() is " + all.line() + ", expected 14 (the YAML line) or -1");
    }
    if (all.getMessage().matches(jsonPosition)) {
      problems.add("readYamlAll: message gives a position in the intermediate JSON: " + all.getMessage());
    }
    if (!one.path().equals(pointer)) {
      problems.add("readYaml: path() is '" + one.path() + "', expected " + pointer);
    }
    if (one.line() != 9 && one.line() != -1) {
      problems.add("readYaml: line() is " + one.line() + ", expected 9 (the YAML line) or -1");
    }
    if (one.getMessage().matches(jsonPosition)) {
      problems.add("readYaml: message gives a position in the intermediate JSON: " + one.getMessage());
    }
    assertThat(problems).isEmpty();
  }
}
