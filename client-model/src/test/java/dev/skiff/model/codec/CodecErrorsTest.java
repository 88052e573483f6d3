package dev.skiff.model.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skiff.model.InvalidQuantityException;
import dev.skiff.model.InvalidTimeException;
import dev.skiff.model.apps.v1.Deployment;
import dev.skiff.model.coordination.v1.Lease;
import dev.skiff.model.core.v1.ConfigMap;
import dev.skiff.model.core.v1.Event;
import dev.skiff.model.core.v1.Pod;
import dev.skiff.model.core.v1.PodList;
import dev.skiff.model.core.v1.Secret;
import dev.skiff.model.core.v1.Service;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Input the codec cannot decode gives a {@link DecodeException} that says what is wrong and where: a JSON
 * pointer ({@link DecodeException#path()}) to the offending value, and its line and column.
 *
 * <p>Tests marked {@code EXPECTED-BEHAVIOUR} assert what a demanding user would expect where the codec does
 * not (yet) do it; see the comment on each.
 */
class CodecErrorsTest {
  private static final ModelCodec CODEC = ModelCodec.standard();

  /** A pod whose first container's first port has {@code containerPort} set to the given JSON text. */
  private static String podWithPort(String containerPortJson) {
    return """
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},
         "spec":{"containers":[{"name":"web","image":"nginx",
           "ports":[{"containerPort":%s,"protocol":"TCP"}]}]}}
        """.formatted(containerPortJson);
  }

  private static DecodeException decodeError(Runnable r) {
    DecodeException e = catchThrowableOfType(DecodeException.class, r::run);
    assertThat(e).as("a DecodeException").isNotNull();
    return e;
  }

  // ---- malformed JSON

  @Test
  void truncatedJson() {
    String json = "{\"kind\":\"Pod\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"x\"";
    for (Runnable read : new Runnable[] {
        () -> CODEC.readJson(json, Pod.class),
        () -> CODEC.readJson(json.getBytes(StandardCharsets.UTF_8)),
        () -> CODEC.readJson(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), Pod.class)}) {
      DecodeException e = decodeError(read);
      assertThat(e).isNotInstanceOf(UnknownKindException.class);
      assertThat(e.getMessage()).startsWith("malformed input: ").contains("end-of-input");
      assertThat(e.line()).isEqualTo(1);
      assertThat(e.column()).isEqualTo(json.length() + 1);
    }
  }

  @Test
  void trailingGarbage() {
    DecodeException token = decodeError(() -> CODEC.readJson("{\"kind\":\"Pod\",\"apiVersion\":\"v1\"} x", Pod.class));
    assertThat(token.getMessage()).startsWith("malformed input: ").contains("Unrecognized token 'x'");
    assertThat(token.column()).isEqualTo(34);
    assertThat(token.path()).isEmpty();

    DecodeException second = decodeError(() -> CODEC.readJson("{\"kind\":\"Pod\",\"apiVersion\":\"v1\"}\n{}", Pod.class));
    assertThat(second.getMessage()).startsWith("unexpected content after the JSON value");
    assertThat(second.line()).isEqualTo(2);
    assertThat(second.column()).isEqualTo(1);
    assertThat(second.path()).isEmpty();

    DecodeException dispatched = decodeError(() -> CODEC.readJson("{\"kind\":\"Pod\",\"apiVersion\":\"v1\"} []".getBytes()));
    assertThat(dispatched.getMessage()).contains("unexpected content after the JSON value");
  }

  @Test
  void notAnObject() {
    DecodeException array = decodeError(() -> CODEC.readJson("[1,2]", Pod.class));
    assertThat(array.getMessage()).startsWith("expected a JSON object (Pod) but found an array");
    assertThat(array.path()).isEmpty();
    assertThat(array.line()).isEqualTo(1);
    assertThat(array.column()).isEqualTo(1);

    DecodeException string = decodeError(() -> CODEC.readJson("\"hello\"".getBytes()));
    assertThat(string.getMessage()).startsWith("expected a JSON object but found a string");

    DecodeException number = decodeError(() -> CODEC.readJson("42".getBytes()));
    assertThat(number.getMessage()).startsWith("expected a JSON object but found a number");

    DecodeException nul = decodeError(() -> CODEC.readJson("null", Pod.class));
    assertThat(nul.getMessage()).startsWith("expected a JSON object (Pod) but found null");
  }

  /**
   * EXPECTED-BEHAVIOUR: a syntax error deep inside a document should say where it is, as every other decode
   * error does. The parser knows its context when it fails ({@code JsonParseException#getProcessor()}), but the
   * codec reports malformed input with an empty path.
   */
  @Test
  void syntaxErrorInsideTheDocumentHasAPath() {
    String json = "{\"spec\":{\"containers\":[{\"name\":\"a\",\"image\": }]}}";
    DecodeException e = decodeError(() -> CODEC.readJson(json, Pod.class));
    assertThat(e.getMessage()).startsWith("malformed input: ").contains("Unexpected character ('}'");
    assertThat(e.line()).isEqualTo(1);
    assertThat(e.column()).isEqualTo(json.indexOf('}') + 1);
    assertThat(e.path()).as("path of a syntax error").isEqualTo("/spec/containers/0/image");
  }

  // ---- values of the wrong JSON type, out of range, unparseable

  static Stream<Arguments> wrongValues() {
    return Stream.of(
        Arguments.of("string for an int32", podWithPort("\"80\""), Pod.class,
            "/spec/containers/0/ports/0/containerPort", "expected a JSON integer but found a string"),
        Arguments.of("object for an int32", podWithPort("{}"), Pod.class,
            "/spec/containers/0/ports/0/containerPort", "expected a JSON integer but found an object"),
        Arguments.of("array for an int32", podWithPort("[80]"), Pod.class,
            "/spec/containers/0/ports/0/containerPort", "expected a JSON integer but found an array"),
        Arguments.of("fraction for an int32", podWithPort("80.5"), Pod.class,
            "/spec/containers/0/ports/0/containerPort", "expected a JSON integer but found a number"),
        Arguments.of("boolean for an int32", podWithPort("true"), Pod.class,
            "/spec/containers/0/ports/0/containerPort", "expected a JSON integer but found a boolean"),
        Arguments.of("int32 overflow", podWithPort("4294967296"), Pod.class,
            "/spec/containers/0/ports/0/containerPort", "integer 4294967296 does not fit in 32 bits"),
        Arguments.of("int32 underflow", podWithPort("-2147483649"), Pod.class,
            "/spec/containers/0/ports/0/containerPort", "integer -2147483649 does not fit in 32 bits"),
        Arguments.of("int64 overflow",
            "{\"spec\":{\"containers\":[{\"name\":\"a\"}],\"activeDeadlineSeconds\":9223372036854775808}}", Pod.class,
            "/spec/activeDeadlineSeconds", "integer 9223372036854775808 does not fit in 64 bits"),
        Arguments.of("object for a string",
            "{\"spec\":{\"containers\":[{\"name\":\"a\",\"image\":{\"name\":\"nginx\"}}]}}", Pod.class,
            "/spec/containers/0/image", "expected a JSON string but found an object"),
        Arguments.of("number for a string", "{\"metadata\":{\"name\":42}}", Pod.class,
            "/metadata/name", "expected a JSON string but found a number"),
        Arguments.of("string for a boolean",
            "{\"spec\":{\"containers\":[{\"name\":\"a\",\"tty\":\"true\"}]}}", Pod.class,
            "/spec/containers/0/tty", "expected a JSON boolean but found a string"),
        Arguments.of("object for a list", "{\"spec\":{\"containers\":{\"name\":\"a\"}}}", Pod.class,
            "/spec/containers", "expected a JSON array but found an object"),
        Arguments.of("string for a list of strings",
            "{\"spec\":{\"containers\":[{\"name\":\"a\",\"command\":\"sleep 10\"}]}}", Pod.class,
            "/spec/containers/0/command", "expected a JSON array but found a string"),
        Arguments.of("number in a list of strings",
            "{\"spec\":{\"containers\":[{\"name\":\"a\",\"args\":[\"-v\",2]}]}}", Pod.class,
            "/spec/containers/0/args/1", "expected a JSON string but found a number"),
        Arguments.of("list for a map", "{\"metadata\":{\"labels\":[\"app\"]}}", Pod.class,
            "/metadata/labels", "expected a JSON object (labels) but found an array"),
        Arguments.of("number in a string map", "{\"metadata\":{\"labels\":{\"app\":\"web\",\"tier\":1}}}", Pod.class,
            "/metadata/labels/tier", "expected a JSON string but found a number"),
        Arguments.of("boolean for an int-or-string",
            "{\"spec\":{\"ports\":[{\"port\":80,\"targetPort\":true}]}}", Service.class,
            "/spec/ports/0/targetPort", "expected an integer or a string but found a boolean"),
        Arguments.of("string for a nested object", "{\"metadata\":\"web\"}", Pod.class,
            "/metadata", "expected a JSON object"),
        Arguments.of("string for managed fields",
            "{\"metadata\":{\"managedFields\":[{\"manager\":\"m\",\"fieldsV1\":\"f:spec\"}]}}", Pod.class,
            "/metadata/managedFields/0/fieldsV1", "expected a JSON object (FieldsV1) but found a string"),
        Arguments.of("error in the second item of a list",
            "{\"items\":[{\"metadata\":{\"name\":\"ok\"}},{\"spec\":{\"containers\":[{\"name\":\"a\",\"ports\":[{\"containerPort\":\"x\"}]}]}}]}",
            PodList.class,
            "/items/1/spec/containers/0/ports/0/containerPort", "expected a JSON integer but found a string"),
        Arguments.of("number for a time", "{\"metadata\":{\"creationTimestamp\":1767261600}}", Pod.class,
            "/metadata/creationTimestamp", "expected an RFC 3339 time string but found a number"),
        Arguments.of("boolean for a quantity",
            "{\"spec\":{\"containers\":[{\"name\":\"a\",\"resources\":{\"limits\":{\"cpu\":true}}}]}}", Pod.class,
            "/spec/containers/0/resources/limits/cpu", "expected a quantity string but found a boolean"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("wrongValues")
  void wrongValueNamesTheProblemAndItsPath(String name, String json, Class<?> type, String path, String message) {
    DecodeException e = decodeError(() -> CODEC.readJson(json, type));

    assertThat(e).isNotInstanceOf(UnknownKindException.class).isInstanceOf(IllegalArgumentException.class);
    assertThat(e.path()).isEqualTo(path);
    assertThat(e.getMessage()).startsWith(message).contains(" at " + path);
    assertThat(e.line()).isPositive();
    assertThat(e.column()).isPositive();
  }

  @Test
  void dispatchedReadsReportTheSamePath() {
    DecodeException e = decodeError(() -> CODEC.readJson(podWithPort("\"eighty\"").getBytes(StandardCharsets.UTF_8)));
    assertThat(e.path()).isEqualTo("/spec/containers/0/ports/0/containerPort");
    assertThat(e.line()).isEqualTo(3);
  }

  @Test
  void invalidQuantity() {
    String json = "{\"spec\":{\"containers\":[{\"name\":\"a\",\"resources\":{\"limits\":{\"cpu\":\"1\",\"memory\":\"12XYZ\"}}}]}}";
    DecodeException e = decodeError(() -> CODEC.readJson(json, Pod.class));

    assertThat(e.path()).isEqualTo("/spec/containers/0/resources/limits/memory");
    assertThat(e.getMessage()).startsWith("invalid quantity \"12XYZ\"")
        .contains("quantities must match the regular expression");
    assertThat(e.getCause()).isInstanceOfSatisfying(InvalidQuantityException.class,
        q -> assertThat(q.input()).isEqualTo("12XYZ"));

    DecodeException suffix = decodeError(() -> CODEC.readJson(
        "{\"status\":{\"capacity\":{\"memory\":\"16gi\"}}}", dev.skiff.model.core.v1.Node.class));
    assertThat(suffix.path()).isEqualTo("/status/capacity/memory");
    assertThat(suffix.getMessage()).startsWith("invalid quantity \"16gi\"");
  }

  @Test
  void invalidTimes() {
    DecodeException time = decodeError(() -> CODEC.readJson("{\"metadata\":{\"creationTimestamp\":\"yesterday\"}}", Pod.class));
    assertThat(time.path()).isEqualTo("/metadata/creationTimestamp");
    assertThat(time.getMessage()).contains("\"yesterday\"").contains("2006-01-02T15:04:05Z07:00");
    assertThat(time.getCause()).isInstanceOf(InvalidTimeException.class);

    DecodeException month = decodeError(() -> CODEC.readJson(
        "{\"status\":{\"startTime\":\"2026-13-01T10:00:00Z\"},\"spec\":{\"containers\":[{\"name\":\"a\"}]}}", Pod.class));
    assertThat(month.path()).isEqualTo("/status/startTime");
    assertThat(month.getMessage()).contains("2026-13-01T10:00:00Z").contains("month");

    // a MicroTime needs its six fraction digits, as the API server's decoder does
    DecodeException micro = decodeError(() -> CODEC.readJson(
        "{\"spec\":{\"holderIdentity\":\"a\",\"renewTime\":\"2026-01-01T10:00:00Z\"}}", Lease.class));
    assertThat(micro.path()).isEqualTo("/spec/renewTime");
    assertThat(micro.getMessage()).contains("\"2026-01-01T10:00:00Z\"").contains(".000000");
  }

  // ---- required fields

  @Test
  void containerWithoutName() {
    String json = "{\"spec\":{\"containers\":[{\"name\":\"ok\"},{\"image\":\"nginx\",\"ports\":[{\"containerPort\":80}]}]}}";
    DecodeException e = decodeError(() -> CODEC.readJson(json, Pod.class));

    assertThat(e.path()).as("the container that lacks the field").isEqualTo("/spec/containers/1");
    assertThat(e.getMessage()).contains("Container").contains("[name]");
  }

  @Test
  void missingRequiredFieldsAreAllNamed() {
    DecodeException port = decodeError(() -> CODEC.readJson(
        "{\"spec\":{\"containers\":[{\"name\":\"a\",\"ports\":[{\"name\":\"http\"}]}]}}", Pod.class));
    assertThat(port.path()).isEqualTo("/spec/containers/0/ports/0");
    assertThat(port.getMessage()).contains("ContainerPort").contains("[containerPort]");

    DecodeException spec = decodeError(() -> CODEC.readJson(
        "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"spec\":{\"replicas\":1}}".getBytes()));
    assertThat(spec.path()).isEqualTo("/spec");
    assertThat(spec.getMessage()).contains("DeploymentSpec").contains("selector").contains("template");

    DecodeException event = decodeError(() -> CODEC.readJson("{\"apiVersion\":\"v1\",\"kind\":\"Event\",\"reason\":\"X\"}".getBytes()));
    assertThat(event.path()).as("the document itself").isEmpty();
    assertThat(event.getMessage()).contains("Event").contains("involvedObject").contains("metadata");

  }

  // ---- dispatch: unknown kind, no kind

  @Test
  void unknownKind() {
    UnknownKindException job = catchThrowableOfType(UnknownKindException.class,
        () -> CODEC.readJson("{\"apiVersion\":\"batch/v1\",\"kind\":\"Job\",\"metadata\":{\"name\":\"j\"}}".getBytes()));
    assertThat(job.kind()).isEqualTo("Job");
    assertThat(job.apiVersion()).isEqualTo("batch/v1");
    assertThat(job.getMessage()).isEqualTo("no model type for kind 'Job' in apiVersion 'batch/v1'");
    assertThat(job.path()).isEmpty();

    // a modelled kind in a version Skiff does not model
    UnknownKindException beta = catchThrowableOfType(UnknownKindException.class,
        () -> CODEC.readJson("{\"kind\":\"Deployment\",\"apiVersion\":\"apps/v1beta1\"}"));
    assertThat(beta.getMessage()).contains("'Deployment'").contains("'apps/v1beta1'");
    // or in the wrong group
    assertThatThrownBy(() -> CODEC.readJson("{\"kind\":\"Deployment\",\"apiVersion\":\"v1\"}"))
        .isInstanceOf(UnknownKindException.class);
  }

  @Test
  void noKind() {
    UnknownKindException none = catchThrowableOfType(UnknownKindException.class,
        () -> CODEC.readJson("{\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"x\"}}".getBytes()));
    assertThat(none.kind()).isEmpty();
    assertThat(none.apiVersion()).isEqualTo("v1");
    assertThat(none.getMessage()).contains("without 'kind'");

    UnknownKindException empty = catchThrowableOfType(UnknownKindException.class, () -> CODEC.readJson("{}"));
    assertThat(empty.getMessage()).contains("without 'kind'");

    UnknownKindException noApiVersion = catchThrowableOfType(UnknownKindException.class,
        () -> CODEC.readJson("{\"kind\":\"Pod\"}"));
    assertThat(noApiVersion.kind()).isEqualTo("Pod");
    assertThat(noApiVersion.apiVersion()).isEmpty();
    assertThat(noApiVersion.getMessage()).contains("Pod").contains("apiVersion");
  }

  // ---- empty input, null bytes

  @Test
  void emptyInput() {
    for (String text : new String[] {"", "   \n\t "}) {
      DecodeException typed = decodeError(() -> CODEC.readJson(text, Pod.class));
      assertThat(typed.getMessage()).isEqualTo("empty input: expected a JSON value");
      assertThat(typed.path()).isEmpty();

      DecodeException stream = decodeError(() -> CODEC.readJson(new ByteArrayInputStream(text.getBytes()), Pod.class));
      assertThat(stream.getMessage()).startsWith("empty input");

      DecodeException dispatched = decodeError(() -> CODEC.readJson(text.getBytes(StandardCharsets.UTF_8)));
      assertThat(dispatched).isNotInstanceOf(UnknownKindException.class);
      assertThat(dispatched.getMessage()).containsAnyOf("empty input", "end of the input");
    }
  }

  /**
   * EXPECTED-BEHAVIOUR: {@link DecodeException#column()} is documented as 1-based or -1 when unknown; for empty
   * input read by dispatch the codec reports column 0 ("(line 1, column 0)").
   */
  @Test
  void emptyInputByDispatchHasAValidColumn() {
    DecodeException e = decodeError(() -> CODEC.readJson(new byte[0]));
    assertThat(e.column()).as("1-based, or -1 when unknown").isNotZero();
    assertThat(e.getMessage()).doesNotContain("column 0");
  }

  @Test
  void nullBytes() {
    DecodeException zeros = decodeError(() -> CODEC.readJson(new byte[] {0, 0, 0, 0}, Pod.class));
    assertThat(zeros.getMessage()).startsWith("malformed input: ").contains("CTRL-CHAR, code 0");

    DecodeException zerosDispatched = decodeError(() -> CODEC.readJson(new byte[] {0, 0, 0, 0}));
    assertThat(zerosDispatched).isNotInstanceOf(UnknownKindException.class);
    assertThat(zerosDispatched.getMessage()).contains("CTRL-CHAR, code 0");

    DecodeException betweenTokens = decodeError(() -> CODEC.readJson("{\"kind\":\"Pod\",\u0000}", Pod.class));
    assertThat(betweenTokens.getMessage()).contains("CTRL-CHAR, code 0");
    assertThat(betweenTokens.line()).isEqualTo(1);
    assertThat(betweenTokens.column()).as("at or just after the NUL").isBetween(15, 16);

    DecodeException inString = decodeError(() -> CODEC.readJson("{\"metadata\":{\"name\":\"a\u0000b\"}}", Pod.class));
    assertThat(inString.getMessage()).contains("CTRL-CHAR, code 0").contains("escaped");

    // an escaped NUL is valid JSON, and survives a round trip
    Pod pod = CODEC.readJson("{\"metadata\":{\"name\":\"a\\u0000b\"}}", Pod.class);
    assertThat(pod.metadata().name()).isEqualTo("a\u0000b");
    assertThat(CODEC.writeJson(pod)).contains("\"a\\u0000b\"");
    assertThat(CODEC.readJson(CODEC.writeJson(pod), Pod.class)).isEqualTo(pod.withApiVersion("v1").withKind("Pod"));
  }

  // ---- streams

  @Test
  void failingStreamIsAnIoErrorNotADecodeError() {
    InputStream broken = new InputStream() {
      @Override
      public int read() throws IOException {
        throw new IOException("connection reset");
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        throw new IOException("connection reset");
      }
    };
    assertThatThrownBy(() -> CODEC.readJson(broken, Pod.class))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("connection reset");
  }

  @Test
  void notAModelType() {
    assertThatThrownBy(() -> CODEC.readJson("{}", String.class))
        .isInstanceOf(IllegalArgumentException.class)
        .isNotInstanceOf(DecodeException.class)
        .hasMessageContaining("java.lang.String");
  }

  /**
   * A typed read of a document that names a different kind fails: a ConfigMap is not a Secret. Documents without
   * apiVersion/kind (list items) still decode.
   */
  @Test
  void typedReadRejectsADocumentOfAnotherKind() {
    String configMap = "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"c\"},\"data\":{\"a\":\"b\"}}";
    assertThat(CODEC.readJson(configMap, ConfigMap.class).kind()).isEqualTo("ConfigMap");
    DecodeException e = decodeError(() -> CODEC.readJson(configMap, Secret.class));
    assertThat(e.getMessage()).contains("ConfigMap").contains("Secret");
    assertThat(e.path()).isIn("", "/kind");
  }

  @Test
  void documentsWithoutKindStillDecodeIntoTheRequestedType() {
    Pod pod = CODEC.readJson("{\"metadata\":{\"name\":\"item\"},\"spec\":{\"containers\":[{\"name\":\"a\"}]}}", Pod.class);
    assertThat(pod.kind()).isNull();
    assertThat(pod.metadata().name()).isEqualTo("item");
    Event event = CODEC.readJson("{\"metadata\":{\"name\":\"e\"},\"involvedObject\":{\"kind\":\"Pod\"}}", Event.class);
    assertThat(event.involvedObject().kind()).isEqualTo("Pod");
    Deployment d = CODEC.readJson(
        "{\"spec\":{\"selector\":{},\"template\":{\"spec\":{\"containers\":[{\"name\":\"a\"}]}}}}", Deployment.class);
    assertThat(d.spec().selector().matchLabels()).isEmpty();
  }
}
