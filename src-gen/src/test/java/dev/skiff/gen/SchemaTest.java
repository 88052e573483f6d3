package dev.skiff.gen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skiff.gen.Schema.FieldDef;
import dev.skiff.gen.Schema.TypeDef;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SchemaTest {
  private final Schema schema = Schema.load();

  @Test
  void everyListedKindIsServedWithItsDiscoveryFacts() {
    for (String kind : List.of("Pod", "ReplicationController", "Service", "Endpoints", "Namespace", "Node", "Event",
        "ConfigMap", "Secret", "ServiceAccount", "Deployment", "ReplicaSet", "Lease")) {
      TypeDef t = schema.type(kind);
      assertThat(t.resource()).as(kind).isPresent();
      assertThat(t.resource().get().verbs()).as(kind).contains("get", "list", "watch");
      assertThat(schema.type(kind + "List").field("items").orElseThrow().type().element().name()).isEqualTo(kind);
    }
    assertThat(schema.type("Pod").resource().get().shortNames()).containsExactly("po");
    assertThat(schema.type("Deployment").resource().get().subresources())
        .anySatisfy(s -> assertThat(s).isEqualTo(new Schema.Subresource("scale", "Scale", "autoscaling", "v1",
            List.of("get", "patch", "update"))));
    assertThat(schema.type("Node").resource().get().namespaced()).isFalse();
    assertThat(schema.type("Deployment").apiVersion()).isEqualTo("apps/v1");
    assertThat(schema.type("Status").apiVersion()).isEqualTo("v1");
  }

  @Test
  void everyTypeAndFieldHasItsOwnDoc() {
    List<String> undocumented = new ArrayList<>();
    for (TypeDef t : schema.types().values()) {
      if (t.doc().isBlank()) {
        undocumented.add(t.name());
      }
      for (FieldDef f : t.fields()) {
        if (f.doc().isBlank()) {
          undocumented.add(t.name() + "." + f.jsonName());
        }
      }
    }
    assertThat(undocumented).isEmpty();
  }

  @Test
  void fieldTypesParse() {
    assertThat(TypeRef.parse("[Container]").element().name()).isEqualTo("Container");
    assertThat(TypeRef.parse("{Quantity}").element().kind()).isEqualTo(TypeRef.Kind.QUANTITY);
    assertThat(TypeRef.parse("[{string}]").innermost().kind()).isEqualTo(TypeRef.Kind.STRING);
    assertThatThrownBy(() -> TypeRef.parse("list of pods")).hasMessageContaining("not a schema type");
  }

  @Test
  void generatesTheValueTypeCodecAndRegistryOfEveryType() {
    var files = ModelGenerator.generate(schema);
    assertThat(files).hasSize(schema.types().size() * 2 + 5 + 2);
    String pod = files.get(java.nio.file.Path.of("dev/skiff/model/core/v1/PodDef.java"));
    assertThat(pod).contains("public abstract class PodDef implements dev.skiff.model.KubernetesObject")
        .contains("public static final String KIND = \"Pod\";")
        .contains("public abstract java.util.Map<String, Object> extraFields();");
    String listMeta = files.get(java.nio.file.Path.of("dev/skiff/model/meta/v1/ListMetaDef.java"));
    assertThat(listMeta).contains("public abstract String continueToken();");
    String codec = files.get(java.nio.file.Path.of("dev/skiff/model/codec/DaemonEndpointCodec.java"));
    assertThat(codec).contains("case \"Port\":").contains("b.port(");
  }

  @Test
  void everyFieldHasAPositiveProtobufNumberUniqueWithinItsType() {
    List<String> problems = new ArrayList<>();
    for (TypeDef t : schema.types().values()) {
      Set<List<Integer>> paths = new HashSet<>();
      Set<Integer> direct = new HashSet<>();
      Set<Integer> embedded = new HashSet<>();
      for (FieldDef f : t.fields()) {
        List<Integer> path = f.protoPath();
        String where = t.name() + "." + f.jsonName();
        if (path.isEmpty()) {
          // Only an API object's own TypeMeta travels outside the message, in the envelope.
          if (!(t.apiKind() && (f.jsonName().equals("apiVersion") || f.jsonName().equals("kind")))) {
            problems.add(where + " has no proto number");
          }
        } else if (path.stream().anyMatch(n -> n <= 0)) {
          problems.add(where + " has a proto number below 1: " + path);
        } else if (!paths.add(path)) {
          problems.add(where + " repeats proto number " + path);
        } else {
          (path.size() == 1 ? direct : embedded).add(path.get(0));
        }
      }
      // A number that leads into an embedded message cannot also be a field of its own.
      direct.retainAll(embedded);
      if (!direct.isEmpty()) {
        problems.add(t.name() + " uses " + direct + " both as a field and as an embedded message");
      }
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void protobufNumbersAreTheApisOwn() {
    assertThat(schema.type("ObjectMeta").field("labels").orElseThrow().protoPath()).containsExactly(11);
    assertThat(schema.type("ObjectMeta").field("managedFields").orElseThrow().protoPath()).containsExactly(17);
    assertThat(schema.type("Secret").field("data").orElseThrow().protoPath()).containsExactly(2);
    assertThat(schema.type("ListMeta").field("continue").orElseThrow().protoPath()).containsExactly(3);
    assertThat(schema.type("Volume").field("hostPath").orElseThrow().protoPath()).containsExactly(2, 1);
    assertThat(schema.type("ConfigMapKeySelector").field("name").orElseThrow().protoPath()).containsExactly(1, 1);
    assertThat(schema.type("Deployment").field("apiVersion").orElseThrow().protoPath()).isEmpty();
    assertThat(schema.type("OwnerReference").field("apiVersion").orElseThrow().protoPath()).containsExactly(5);
    assertThat(schema.type("DeploymentSpec").field("replicas").orElseThrow().pointer()).isTrue();
    assertThat(schema.type("DeploymentSpec").field("minReadySeconds").orElseThrow().pointer()).isFalse();
    assertThat(schema.type("ObjectMeta").field("name").orElseThrow().pointer()).isFalse();
  }
}
