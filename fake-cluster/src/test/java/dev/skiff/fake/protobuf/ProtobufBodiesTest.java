package dev.skiff.fake.protobuf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.gen.Schema;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Decoding protobuf request bodies.
 *
 * <p>The {@code protobuf/create-*.pb} fixtures are request bodies kubectl 1.33 sent to a loopback
 * stand-in server for {@code kubectl create namespace demo}, {@code create configmap cm
 * --from-literal=a=b}, {@code create secret generic s --from-literal=k=v}, {@code create service
 * clusterip svc --tcp=80:8080} and {@code create deployment d --image=nginx}; the
 * {@code create-*.json} beside them are what the same commands print with
 * {@code --dry-run=client -o json}. The recording script is {@code protobuf/record-kubectl-bodies.py}.
 */
class ProtobufBodiesTest {
  private static final Schema SCHEMA = Schema.load();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long MAY_1_2024_10H = 1714557600L;

  @ParameterizedTest
  @ValueSource(strings = {"namespace", "configmap", "secret", "service", "deployment"})
  void kubectlsBodiesDecodeToWhatKubectlPrintsAsJson(String command) throws Exception {
    ObjectNode decoded = ProtobufBodies.decode(fixture("create-" + command + ".pb"), SCHEMA);

    assertThat(decoded).isEqualTo(JSON.readTree(fixture("create-" + command + ".json")));
  }

  @Test
  void writesKindAndApiVersionFirstThenTheFieldsInWireOrder() throws Exception {
    ObjectNode decoded = ProtobufBodies.decode(fixture("create-namespace.pb"), SCHEMA);

    assertThat(JSON.writeValueAsString(decoded)).isEqualTo(
        "{\"kind\":\"Namespace\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"demo\",\"creationTimestamp\":null},"
            + "\"spec\":{},\"status\":{}}");
  }

  @Test
  void decodesEveryKindOfFieldByTheSchemasNumbers() throws Exception {
    ProtoWriter time = new ProtoWriter().varint(1, MAY_1_2024_10H);
    byte[] body = new ProtoWriter()
        .message(1, new ProtoWriter().string(1, "web").string(3, "default").message(8, time)
            .message(17, new ProtoWriter().string(1, "kubectl").string(2, "Update").string(3, "apps/v1")
                .message(4, time).string(6, "FieldsV1")
                .message(7, new ProtoWriter().bytes(1, "{\"f:spec\":{}}".getBytes(StandardCharsets.UTF_8)))))
        .message(2, new ProtoWriter()
            .varint(1, 0) // replicas: Go holds it as a pointer, so a zero on the wire was set
            .varint(5, 0) // minReadySeconds: held by value, so zero is what Go writes when unset
            .message(3, new ProtoWriter().message(2, new ProtoWriter()
                // Volume.volumeSource (2) -> VolumeSource.emptyDir (2), inlined in the JSON
                .message(1, new ProtoWriter().string(1, "scratch")
                    .message(2, new ProtoWriter().message(2, new ProtoWriter().string(1, "")
                        .message(2, new ProtoWriter().string(1, "1Gi")))))
                .message(2, new ProtoWriter().string(1, "app").string(2, "nginx")
                    .message(6, new ProtoWriter().varint(3, 8080).string(4, "TCP"))
                    .message(8, new ProtoWriter().entry(1, "cpu", new ProtoWriter().string(1, "500m")))
                    // Probe.handler (1) -> ProbeHandler.httpGet (2); port is an IntOrString holding a string
                    .message(10, new ProtoWriter()
                        .message(1, new ProtoWriter().message(2, new ProtoWriter().string(1, "/healthz")
                            .message(2, new ProtoWriter().varint(1, 1).string(3, "http"))))
                        .varint(2, 5)))
                .message(14, new ProtoWriter()
                    .varint(4, 1000) // supplementalGroups, one element unpacked ...
                    .bytes(4, new byte[] {(byte) 0xD1, 0x0F, 0x01})))) // ... and two packed: 2001, 1
            .varint(99, 7)) // a field this schema does not know: skipped, as Go skips it
        .asBody("apps/v1", "Deployment");

    assertThat(ProtobufBodies.decode(body, SCHEMA)).isEqualTo(JSON.readTree("""
        {"kind": "Deployment", "apiVersion": "apps/v1",
         "metadata": {"name": "web", "namespace": "default", "creationTimestamp": "2024-05-01T10:00:00Z",
           "managedFields": [{"manager": "kubectl", "operation": "Update", "apiVersion": "apps/v1",
             "time": "2024-05-01T10:00:00Z", "fieldsType": "FieldsV1", "fieldsV1": {"f:spec": {}}}]},
         "spec": {"replicas": 0, "template": {"spec": {
           "volumes": [{"name": "scratch", "emptyDir": {"sizeLimit": "1Gi"}}],
           "containers": [{"name": "app", "image": "nginx", "ports": [{"containerPort": 8080, "protocol": "TCP"}],
             "resources": {"limits": {"cpu": "500m"}},
             "livenessProbe": {"httpGet": {"path": "/healthz", "port": "http"}, "initialDelaySeconds": 5}}],
           "securityContext": {"supplementalGroups": [1000, 2001, 1]}}}}}
        """));
  }

  @Test
  void writesMicroTimeWithMicrosecondsAndTheZeroTimeAsNull() throws Exception {
    byte[] body = new ProtoWriter()
        .message(1, new ProtoWriter().string(1, "e1"))
        .message(2, new ProtoWriter())
        .message(6, new ProtoWriter()) // firstTimestamp: the zero time
        .varint(8, 0) // count: by value, zero is unset
        .message(10, new ProtoWriter().varint(1, MAY_1_2024_10H).varint(2, 123_456_789)) // eventTime
        .asBody("v1", "Event");

    assertThat(ProtobufBodies.decode(body, SCHEMA)).isEqualTo(JSON.readTree("""
        {"kind": "Event", "apiVersion": "v1", "metadata": {"name": "e1"}, "involvedObject": {},
         "firstTimestamp": null, "eventTime": "2024-05-01T10:00:00.123456Z"}
        """));
  }

  @Test
  void writesMapValuesTheWireLeftOutAsTheirZeroValue() throws Exception {
    byte[] body = new ProtoWriter()
        .message(1, new ProtoWriter().string(1, "s"))
        .message(2, new ProtoWriter().string(1, "empty")) // data entry with a key and no value
        .asBody("v1", "Secret");

    assertThat(ProtobufBodies.decode(body, SCHEMA).get("data")).isEqualTo(JSON.readTree("{\"empty\": \"\"}"));
  }

  @Test
  void recognisesTheProtobufContentTypeWithOrWithoutParameters() {
    assertThat(ProtobufBodies.isProtobuf("application/vnd.kubernetes.protobuf")).isTrue();
    assertThat(ProtobufBodies.isProtobuf("Application/VND.kubernetes.protobuf; charset=binary")).isTrue();
    assertThat(ProtobufBodies.isProtobuf("application/json")).isFalse();
    assertThat(ProtobufBodies.isProtobuf(null)).isFalse();
  }

  @Test
  void refusesBodiesWithoutTheKubernetesPrefix() {
    assertThatThrownBy(() -> ProtobufBodies.decode("{\"kind\":\"Namespace\"}".getBytes(StandardCharsets.UTF_8), SCHEMA))
        .isInstanceOf(ProtobufDecodeException.class)
        .hasMessageContaining("does not start with the \"k8s\\x00\" prefix");
    assertThatThrownBy(() -> ProtobufBodies.decode(new byte[0], SCHEMA)).isInstanceOf(ProtobufDecodeException.class);
  }

  @Test
  void refusesKindsTheSchemaDoesNotServeAtThatVersion() {
    assertThatThrownBy(() -> ProtobufBodies.decode(new ProtoWriter().asBody("v1", "Widget"), SCHEMA))
        .isInstanceOf(ProtobufDecodeException.class)
        .hasMessage("no kind \"Widget\" is registered for version \"v1\"");
    assertThatThrownBy(() -> ProtobufBodies.decode(new ProtoWriter().asBody("apps/v1", "Namespace"), SCHEMA))
        .isInstanceOf(ProtobufDecodeException.class)
        .hasMessage("no kind \"Namespace\" is registered for version \"apps/v1\"");
  }

  @Test
  void refusesAFieldOfTheWrongWireType() {
    byte[] body = new ProtoWriter().message(1, new ProtoWriter().varint(1, 5)).asBody("v1", "Namespace");

    assertThatThrownBy(() -> ProtobufBodies.decode(body, SCHEMA))
        .isInstanceOf(ProtobufDecodeException.class)
        .hasMessage("ObjectMeta.name: wrong protobuf wire type 0 for string (expected 2)");
  }

  @Test
  void refusesQuantitiesGoCannotParseAndReadsAnEmptyOneAsZero() throws Exception {
    // ResourceRequirements.limits (1) is a map of quantities.
    byte[] bad = podWithResources(new ProtoWriter().entry(1, "cpu", new ProtoWriter().string(1, "half")))
        .asBody("v1", "Pod");
    byte[] empty = podWithResources(new ProtoWriter().entry(1, "cpu", new ProtoWriter())).asBody("v1", "Pod");

    assertThatThrownBy(() -> ProtobufBodies.decode(bad, SCHEMA))
        .isInstanceOf(ProtobufDecodeException.class)
        .hasMessageStartingWith("ResourceRequirements.limits: ");
    assertThat(ProtobufBodies.decode(empty, SCHEMA).at("/spec/containers/0/resources/limits/cpu").asText())
        .isEqualTo("0");
  }

  /** A Pod whose spec (2) has one container (2) with these resources (8). */
  private static ProtoWriter podWithResources(ProtoWriter resources) {
    return new ProtoWriter().message(2, new ProtoWriter()
        .message(2, new ProtoWriter().string(1, "app").message(8, resources)));
  }

  @Test
  void refusesManagedFieldsThatAreNotJson() {
    byte[] body = new ProtoWriter()
        .message(1, new ProtoWriter().string(1, "demo")
            .message(17, new ProtoWriter().message(7, new ProtoWriter().bytes(1, new byte[] {'{', 'x'}))))
        .asBody("v1", "Namespace");

    assertThatThrownBy(() -> ProtobufBodies.decode(body, SCHEMA))
        .isInstanceOf(ProtobufDecodeException.class)
        .hasMessageStartingWith("ManagedFieldsEntry.fieldsV1: embedded content is not JSON");
  }

  @Test
  void everyCutInsideAKubectlBodyIsRefused() throws Exception {
    for (String command : new String[] {"namespace", "configmap", "secret", "service", "deployment"}) {
      byte[] body = fixture("create-" + command + ".pb");
      // The envelope is the prefix, the type information (key, length, payload), the object, and
      // empty contentEncoding and contentType (four bytes). A cut right after the type information
      // leaves a complete envelope without an object; every other cut before the last four bytes
      // lands inside a field and must be refused.
      int typeInformationEnd = 4 + 2 + body[5];
      for (int length = 0; length < body.length - 4; length++) {
        byte[] cut = Arrays.copyOf(body, length);
        if (length == typeInformationEnd) {
          assertThat(ProtobufBodies.decode(cut, SCHEMA)).as(command).hasSize(2);
        } else {
          assertThatThrownBy(() -> ProtobufBodies.decode(cut, SCHEMA))
              .as("%s cut to %d bytes", command, length)
              .isInstanceOf(ProtobufDecodeException.class);
        }
      }
    }
  }

  @Test
  @Timeout(value = 20, unit = TimeUnit.SECONDS)
  void randomAndMangledBytesNeverEscapeAsAnythingButADecodeError() throws Exception {
    Random random = new Random(20261127L);
    byte[][] seeds = new byte[5][];
    String[] commands = {"namespace", "configmap", "secret", "service", "deployment"};
    for (int i = 0; i < seeds.length; i++) {
      seeds[i] = fixture("create-" + commands[i] + ".pb");
    }
    int refused = 0;
    for (int round = 0; round < 5_000; round++) {
      byte[] body;
      if (round % 2 == 0) {
        // A real body with a few bytes overwritten past the prefix.
        body = seeds[random.nextInt(seeds.length)].clone();
        for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
          body[4 + random.nextInt(body.length - 4)] = (byte) random.nextInt(256);
        }
      } else {
        // Noise behind the prefix.
        body = new byte[4 + random.nextInt(120)];
        random.nextBytes(body);
        System.arraycopy(new byte[] {'k', '8', 's', 0}, 0, body, 0, 4);
      }
      try {
        ProtobufBodies.decode(body, SCHEMA);
      } catch (ProtobufDecodeException e) {
        assertThat(e.getMessage()).isNotBlank();
        refused++;
      }
    }
    assertThat(refused).isGreaterThan(2_500);
  }

  private static byte[] fixture(String name) throws IOException {
    try (InputStream in = ProtobufBodiesTest.class.getResourceAsStream("/protobuf/" + name)) {
      assertThat(in).as(name).isNotNull();
      return in.readAllBytes();
    }
  }
}
