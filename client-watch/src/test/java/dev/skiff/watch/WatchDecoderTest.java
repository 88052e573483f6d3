package dev.skiff.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.skiff.client.GenericObject;
import dev.skiff.client.error.UnexpectedResponseException;
import dev.skiff.client.internal.ErrorDecoder;
import dev.skiff.model.KubernetesObject;
import dev.skiff.model.ResourceType;
import dev.skiff.model.ResourceTypes;
import dev.skiff.model.codec.ModelCodec;
import dev.skiff.model.core.v1.Pod;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import okio.Buffer;
import okio.BufferedSource;
import okio.Okio;
import okio.Source;
import okio.Timeout;
import org.junit.jupiter.api.Test;

/** Lines of a watch response as bytes: split, skipped and decoded as they were when read as text. */
class WatchDecoderTest {
  private static final ModelCodec CODEC = ModelCodec.standard();
  private static final String POD = "{\"kind\":\"Pod\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"web-0\","
      + "\"namespace\":\"shop\",\"resourceVersion\":\"42\",\"annotations\":{\"note\":\"%s\"}},"
      + "\"spec\":{\"containers\":[{\"name\":\"web\",\"image\":\"nginx\"}]}}";

  private static <T extends KubernetesObject> WatchDecoder<T> decoder(ResourceType<T> type) {
    return new WatchDecoder<>(type, CODEC, new ErrorDecoder(CODEC), "GET /api/v1/pods");
  }

  /** Decodes one line as a watch's first event, with a new string table. */
  private static <T extends KubernetesObject> ServerEvent<T> decode(ResourceType<T> type, byte[] line) {
    return decoder(type).decode(line, new ModelCodec.StringTable());
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String pod(String note) {
    return POD.formatted(note);
  }

  @Test
  void linesAreSplitAsReadUtf8LineSplitsThem() throws IOException {
    byte[] stream = bytes("a\r\nb\n\n \t\nc\rd\r\r\n\u00e9\u3000\n\r\nlast\r");
    Buffer asBytes = new Buffer().write(stream);
    Buffer asText = new Buffer().write(stream);
    List<String> lines = new ArrayList<>();
    for (byte[] line; (line = WatchDecoder.readLine(asBytes)) != null; ) {
      String expected = asText.readUtf8Line();
      assertThat(new String(line, StandardCharsets.UTF_8)).isEqualTo(expected);
      assertThat(WatchDecoder.isBlank(line)).as("blank: %s", expected).isEqualTo(expected.isBlank());
      lines.add(expected);
    }
    assertThat(asText.readUtf8Line()).isNull();
    assertThat(lines).hasSize(8).contains("c\rd\r", "last\r");
  }

  @Test
  void linesAreFoundAcrossSegmentsAndReadsOfAnySize() throws IOException {
    Random random = new Random(7);
    ByteArrayOutputStream stream = new ByteArrayOutputStream();
    for (int n = 0; n < 300; n++) {
      // around the 8 KiB segments of okio's buffers, and short ones that end inside an eight-byte step
      int length = switch (n % 3) {
        case 0 -> 8_180 + random.nextInt(30);
        case 1 -> random.nextInt(20);
        default -> random.nextInt(20_000);
      };
      for (int i = 0; i < length; i++) {
        stream.write('a' + random.nextInt(26));
      }
      stream.writeBytes(random.nextInt(4) == 0 ? bytes("\r\n") : bytes("\n"));
    }
    stream.writeBytes(bytes("no line break at the end"));
    byte[] all = stream.toByteArray();
    // The network hands the stream over in pieces of any size, so a line break may arrive in a later read.
    Source trickle = new Source() {
      int at;

      @Override
      public long read(Buffer sink, long byteCount) {
        if (at == all.length) {
          return -1;
        }
        int n = Math.min(all.length - at, Math.min((int) byteCount, 1 + random.nextInt(random.nextBoolean() ? 9 : 12_000)));
        sink.write(all, at, n);
        at += n;
        return n;
      }

      @Override
      public Timeout timeout() {
        return Timeout.NONE;
      }

      @Override
      public void close() {}
    };
    BufferedSource asBytes = Okio.buffer(trickle);
    Buffer asText = new Buffer().write(all);
    int lines = 0;
    for (byte[] line; (line = WatchDecoder.readLine(asBytes)) != null; lines++) {
      assertThat(new String(line, StandardCharsets.UTF_8)).isEqualTo(asText.readUtf8Line());
    }
    assertThat(asText.readUtf8Line()).isNull();
    assertThat(lines).isEqualTo(301);
  }

  @Test
  void blankLinesAreTheOnesStringIsBlankFinds() {
    for (String s : List.of("", " ", "\t\u000b\f\r", "\u3000", "\u2003 ", "\u00a0", "\u0085", "\u001c", " {}", "x")) {
      assertThat(WatchDecoder.isBlank(bytes(s))).as("'%s'", s).isEqualTo(s.isBlank());
    }
  }

  @Test
  void asciiIsToldAtEveryPositionAndLength() {
    for (int length = 0; length < 40; length++) {
      byte[] b = new byte[length];
      Arrays.fill(b, (byte) 'a');
      assertThat(WatchDecoder.isAscii(b)).isTrue();
      for (int i = 0; i < length; i++) {
        b[i] = (byte) 0xC3;
        assertThat(WatchDecoder.isAscii(b)).as("length %d, at %d", length, i).isFalse();
        b[i] = (byte) 0x7F;
        assertThat(WatchDecoder.isAscii(b)).isTrue();
        b[i] = 'a';
      }
    }
  }

  @Test
  void anEventDecodesIntoTheResourceTypesClass() {
    ServerEvent<Pod> e = decode(ResourceTypes.PODS, bytes("{\"type\":\"ADDED\",\"object\":"
        + pod("é \\u00e9 \\\"x\\\" 😀") + "}"));
    assertThat(e.type()).isEqualTo(ServerEvent.Type.ADDED);
    assertThat(e.object().metadata().annotations()).containsEntry("note", "é é \"x\" 😀");

    ServerEvent<Pod> before = decode(ResourceTypes.PODS, bytes("{\"object\":" + pod("") + ",\"type\":\"DELETED\"}"));
    assertThat(before.type()).isEqualTo(ServerEvent.Type.DELETED);
    assertThat(before.object().metadata().name()).isEqualTo("web-0");
  }

  @Test
  void bytesThatAreNotUtf8ReadAsReplacementCharactersAsInATextLine() {
    byte[] line = bytes("{\"type\":\"MODIFIED\",\"object\":" + pod("a?b") + "}");
    int at = new String(line, StandardCharsets.ISO_8859_1).indexOf("a?b") + 1;
    line[at] = (byte) 0xFF;
    ServerEvent<Pod> e = decode(ResourceTypes.PODS, line);
    assertThat(e.object().metadata().annotations()).containsEntry("note", "a\uFFFDb");
  }

  @Test
  void genericObjectsAndUnknownKinds() {
    ResourceType<GenericObject> pods = GenericObject.resourceType("", "v1", "Pod", "pods").namespaced(true).build();
    ServerEvent<GenericObject> e = decode(pods, bytes("{\"type\":\"ADDED\",\"object\":" + pod("n") + "}"));
    assertThat(e.object().kind()).isEqualTo("Pod");
    assertThat(e.object().metadata().annotations()).containsEntry("note", "n");

    ResourceType<GenericObject> widgets = GenericObject.resourceType("example.com", "v1", "Widget", "widgets")
        .namespaced(true).build();
    ServerEvent<GenericObject> w = decode(widgets, bytes("{\"type\":\"BOOKMARK\",\"object\":{\"kind\":"
        + "\"Widget\",\"apiVersion\":\"example.com/v1\",\"metadata\":{\"resourceVersion\":\"7\"},\"spec\":{\"n\":1}}}"));
    assertThat(w.type()).isEqualTo(ServerEvent.Type.BOOKMARK);
    assertThat(w.object().toMap()).containsEntry("spec", Map.of("n", 1L));
  }

  @Test
  void errorEventsBecomeTheKitsExceptions() {
    String expired = "{\"type\":\"ERROR\",\"object\":{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},"
        + "\"status\":\"Failure\",\"message\":\"too old resource version: 1 (42)\",\"reason\":\"Expired\",\"code\":410}}";
    assertThat(catchThrowable(() -> decode(ResourceTypes.PODS, bytes(expired))))
        .isInstanceOf(ResourceExpiredException.class).hasMessageContaining("too old resource version: 1 (42)");
    String internal = expired.replace("410", "500").replace("Expired", "InternalError");
    assertThat(catchThrowable(() -> decode(ResourceTypes.PODS, bytes(internal))))
        .isInstanceOfSatisfying(ListWatchException.class, x -> assertThat(x.statusCode()).isEqualTo(500));
    // A Status without kind decodes as a map, and is read as a Status all the same.
    String untyped = expired.replace("\"kind\":\"Status\",\"apiVersion\":\"v1\",", "");
    assertThat(catchThrowable(() -> decode(ResourceTypes.PODS, bytes(untyped))))
        .isInstanceOf(ResourceExpiredException.class);
  }

  @Test
  void linesThatAreNoEventsSayWhatCameInstead() {
    String truncated = "{\"type\":\"ADDED\",\"object\":" + pod("x").substring(0, 60);
    assertThat(catchThrowable(() -> decode(ResourceTypes.PODS, bytes(truncated))))
        .isInstanceOf(UnexpectedResponseException.class)
        .hasMessageStartingWith("GET /api/v1/pods: unexpected response 200 (application/json): a watch event that "
            + "does not decode (malformed input: Unexpected end-of-input")
        .hasMessageContaining("body: \"" + truncated + "\"");
    String wrongField = "{\"type\":\"ADDED\",\"object\":" + pod("x").replace("\"web-0\"", "5") + "}";
    assertThat(catchThrowable(() -> decode(ResourceTypes.PODS, bytes(wrongField))))
        .isInstanceOf(UnexpectedResponseException.class)
        .hasMessageContaining("a watch event that does not decode (expected a JSON string but found a number at "
            + "/metadata/name (line 1, column 52))");
    String unknown = "{\"type\":\"SHRUGGED\",\"object\":" + pod("x") + "}";
    assertThat(catchThrowable(() -> decode(ResourceTypes.PODS, bytes(unknown))))
        .isInstanceOf(UnexpectedResponseException.class).hasMessageContaining("unknown watch event type SHRUGGED");
  }
}
