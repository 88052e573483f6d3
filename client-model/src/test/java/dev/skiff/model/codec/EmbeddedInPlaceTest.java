package dev.skiff.model.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skiff.model.FieldsV1;
import dev.skiff.model.core.v1.Pod;
import dev.skiff.model.meta.v1.Status;
import dev.skiff.model.meta.v1.WatchEvent;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Watch events decode their object in place, in one pass with the event (see
 * {@link ModelCodec#readEmbeddedInPlace}), with exactly the result or error of the general path, which copies
 * the object out as text and decodes the copy: {@code readJson(bytes, type, true)} is that path, the oracle
 * here.
 */
class EmbeddedInPlaceTest {
  private static final ModelCodec CODEC = ModelCodec.standard();
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String POD = "{\"kind\":\"Pod\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"web-0\","
      + "\"namespace\":\"shop\",\"resourceVersion\":\"42\",\"labels\":{\"app\":\"web\"},\"managedFields\":[{\"manager\":"
      + "\"kubectl\",\"operation\":\"Update\",\"apiVersion\":\"v1\",\"time\":\"2026-01-01T10:00:00Z\",\"fieldsType\":"
      + "\"FieldsV1\",\"fieldsV1\":{\"f:metadata\":{\"f:labels\":{\".\":{},\"f:app\":{}}},\"f:spec\":{\"f:containers\":"
      + "{\"k:{\\\"name\\\":\\\"web\\\"}\":{\".\":{},\"f:image\":{}}}}}}]},\"spec\":{\"containers\":[{\"name\":\"web\","
      + "\"image\":\"nginx\",\"resources\":{\"requests\":{\"cpu\":\"250m\"}}}]}}";

  /** Decodes with both paths and checks they agree on the value, or on the exception and its message. */
  private static Object agree(String line) {
    return agree(line.getBytes(StandardCharsets.UTF_8));
  }

  private static Object agree(byte[] line) {
    Object general;
    try {
      general = CODEC.readJson(line, WatchEvent.class, true);
    } catch (RuntimeException e) {
      Throwable inPlace = catchThrowable(() -> CODEC.readJson(line, WatchEvent.class));
      assertThat(inPlace).as(new String(line, StandardCharsets.UTF_8)).isNotNull()
          .hasSameClassAs(e).hasMessage(e.getMessage());
      if (e instanceof DecodeException d) {
        DecodeException i = (DecodeException) inPlace;
        assertThat(List.of(i.path(), i.line(), i.column())).isEqualTo(List.of(d.path(), d.line(), d.column()));
      }
      return e;
    }
    WatchEvent inPlace = CODEC.readJson(line, WatchEvent.class);
    assertThat(inPlace).as(new String(line, StandardCharsets.UTF_8)).isEqualTo(general);
    assertThat(inPlace.object()).hasSameClassAs(((WatchEvent) general).object());
    return inPlace;
  }

  private static String event(String type, String object) {
    return "{\"type\":\"" + type + "\",\"object\":" + object + "}";
  }

  // ---- objects the API server sent

  static Stream<String> serverObjects() throws IOException {
    List<String> out = new ArrayList<>();
    for (String name : List.of("configmap-secret", "delete", "errors", "field-selectors", "generate-name",
        "label-selectors", "patch-merge-json", "pod-defaults", "rc-flake", "services", "watch-basic")) {
      collect(read("/transcripts/" + name + ".json"), out);
    }
    for (String name : List.of("deployment", "endpoints", "event-backoff", "lease", "node", "pod-running",
        "pod-unknown-fields", "podlist-paged")) {
      collect(read("/fixtures/objects/" + name + ".json"), out);
    }
    return out.stream().map(o -> o.replace("\"<time>\"", "\"2026-01-01T10:00:00Z\""));
  }

  private static JsonNode read(String resource) throws IOException {
    try (InputStream in = EmbeddedInPlaceTest.class.getResourceAsStream(resource)) {
      return JSON.readTree(in);
    }
  }

  private static void collect(JsonNode node, List<String> out) throws IOException {
    if (node.isObject() && node.path("kind").isTextual() && node.path("apiVersion").isTextual()) {
      out.add(JSON.writeValueAsString(node));
    }
    for (JsonNode child : node) {
      collect(child, out);
    }
  }

  @ParameterizedTest
  @MethodSource("serverObjects")
  void serverObjectsDecodeInPlaceAsTheGeneralPathDoes(String object) throws IOException {
    String line = event("MODIFIED", object);
    assertThat(KindScan.of(line.getBytes(StandardCharsets.UTF_8), line.indexOf(":{") + 1))
        .as("the scan tells the kind").isNotNull();
    agree(line);
    agree("{\"object\":" + object + ",\"type\":\"ADDED\"}");
    // Pretty-printed: the managed fields are compacted, as the copy always had them.
    agree(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.readTree(line)));
  }

  @Test
  void aPodEventIsAPodWithItsManagedFieldsAsTheServerWroteThem() {
    WatchEvent e = (WatchEvent) agree(event("ADDED", POD));
    Pod pod = (Pod) e.object();
    assertThat(pod.metadata().name()).isEqualTo("web-0");
    assertThat(pod.metadata().managedFields().get(0).fieldsV1()).isEqualTo(FieldsV1.of(
        "{\"f:metadata\":{\"f:labels\":{\".\":{},\"f:app\":{}}},\"f:spec\":{\"f:containers\":"
            + "{\"k:{\\\"name\\\":\\\"web\\\"}\":{\".\":{},\"f:image\":{}}}}}"));
  }

  // ---- the shapes of events

  @Test
  void anErrorEventCarriesAStatus() {
    WatchEvent e = (WatchEvent) agree(event("ERROR", "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},"
        + "\"status\":\"Failure\",\"message\":\"too old resource version: 1 (42)\",\"reason\":\"Expired\",\"code\":410}"));
    assertThat(e.object()).isInstanceOfSatisfying(Status.class, s -> assertThat(s.code()).isEqualTo(410));
  }

  @Test
  void unknownKindsAndObjectsWithoutKindAreMaps() {
    String widget = "{\"apiVersion\":\"example.com/v1\",\"kind\":\"Widget\",\"metadata\":{\"name\":\"w\"},"
        + "\"spec\":{\"size\":3,\"ratio\":0.5,\"tags\":[\"a\",null,true],\"big\":123456789012345678901234567890}}";
    WatchEvent e = (WatchEvent) agree(event("ADDED", widget));
    assertThat(e.object()).isInstanceOfSatisfying(Map.class, m -> assertThat(m.get("kind")).isEqualTo("Widget"));
    agree(event("ADDED", "{\"metadata\":{\"name\":\"no-kind\"}}"));
    agree(event("ADDED", "{\"kind\":\"Pod\",\"metadata\":{\"name\":\"no-apiVersion\"}}"));
    agree(event("ADDED", "{\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"no-kind\"}}"));
    agree(event("ADDED", "{\"apiVersion\":\"\",\"kind\":\"\"}"));
    agree(event("ADDED", "{}"));
  }

  @Test
  void kindAndApiVersionMayComeLastAfterValuesThatLookLikeThem() {
    agree(event("ADDED", "{\"metadata\":{\"name\":\"x\",\"kind\":\"Secret\",\"annotations\":{\"a\":\"}{\\\"kind\\\":"
        + "\\\"Secret\\\"][\"}},\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"i\",\"args\":[\"kind\",\"{\"]}]},"
        + "\"status\":{\"phase\":\"Pending\"},\"apiVersion\":\"v1\" , \"kind\" : \"Pod\"}"));
  }

  @Test
  void theEventsOwnFieldsInAnyOrderOrMissing() {
    agree("{\"object\":" + POD + ",\"type\":\"DELETED\"}");
    agree("{\"type\":\"ADDED\"}");
    agree("{\"object\":" + POD + "}");
    agree("{\"type\":\"ADDED\",\"object\":null}");
    agree("{\"type\":\"ADDED\",\"object\":" + POD + ",\"extra\":{\"kind\":\"x\"}}");
  }

  @Test
  void escapedAndUnicodeStringsInsideTheObject() {
    String pod = POD.replace("\"labels\":{\"app\":\"web\"}", "\"labels\":{\"app\":\"web\"},\"annotations\":{"
        + "\"plain\":\"é 😀 ü\",\"escaped\":\"\\u00e9 \\ud83d\\ude00 \\\"q\\\" \\\\ \\/ \\n\\t\\r \\u0001 \\b\\f\","
        + "\"k\\u00e9y\":\"v\"}");
    Pod decoded = (Pod) ((WatchEvent) agree(event("ADDED", pod))).object();
    assertThat(decoded.metadata().annotations()).containsEntry("plain", "é 😀 ü")
        .containsEntry("escaped", "é 😀 \"q\" \\ / \n\t\r \u0001 \b\f").containsEntry("kéy", "v");
  }

  @Test
  void managedFieldsThatTheCopyRewritesAreRewrittenInPlaceToo() {
    for (String key : List.of("k:{\\\"name\\\":\\\"a\\u0026b\\\"}", "f:a\\/b", "f:\\u00e9", "f:é", "f:\\b",
        "f:\\u000a", "f:\\n\\r\\t\\\\")) {
      String fields = "{\"f:spec\":{\"" + key + "\":{}}}";
      for (String set : List.of(fields, fields.replace(":{", ": {"), fields.replace(",", " ,"))) {
        agree(event("ADDED", POD.replace("{\"f:metadata\":{\"f:labels\":{\".\":{},\"f:app\":{}}},\"f:spec\":{"
            + "\"f:containers\":{\"k:{\\\"name\\\":\\\"web\\\"}\":{\".\":{},\"f:image\":{}}}}}", set)));
      }
    }
    // Not the trie shape managed fields have: copied as JSON values, as always.
    agree(event("ADDED", POD.replace("\"fieldsV1\":{", "\"fieldsV1\":{\"n\":[1,2.50,-0,true,null],")));
  }

  @Test
  void equalSetsInOneEventAreSharedAndOthersAreNot() {
    String entry = POD.substring(POD.indexOf("{\"manager\""), POD.indexOf("]},\"spec\""));
    String otherSet = entry.replace("\"f:app\":{}", "\"f:tier\":{}");
    String pod = POD.replace(entry, entry + "," + entry.replace("kubectl", "helm") + "," + otherSet.replace("kubectl", "kustomize"));
    Pod decoded = (Pod) ((WatchEvent) agree(event("ADDED", pod))).object();
    List<FieldsV1> sets = decoded.metadata().managedFields().stream().map(m -> m.fieldsV1()).toList();
    assertThat(sets.get(1)).isSameAs(sets.get(0));
    assertThat(sets.get(2)).isNotEqualTo(sets.get(0));
    assertThat(sets.get(2).json()).contains("f:tier").doesNotContain("f:app");
  }

  @Test
  void aStringTableSharesStringsAcrossDecodesAndChangesNoValue() {
    ModelCodec.StringTable table = new ModelCodec.StringTable();
    byte[] first = event("ADDED", POD).getBytes(StandardCharsets.UTF_8);
    byte[] second = event("MODIFIED", POD.replace("web-0", "web-1")).getBytes(StandardCharsets.UTF_8);
    Pod a = (Pod) CODEC.readJson(first, WatchEvent.class, table).object();
    Pod b = (Pod) CODEC.readJson(second, WatchEvent.class, table).object();
    assertThat(a).isEqualTo(CODEC.readJson(first, WatchEvent.class).object());
    assertThat(b).isEqualTo(CODEC.readJson(second, WatchEvent.class).object());
    assertThat(b.metadata().namespace()).isSameAs(a.metadata().namespace());
    assertThat(b.spec().containers().get(0).image()).isSameAs(a.spec().containers().get(0).image());
    // Without a table, each decode has its own strings.
    Pod c = (Pod) CODEC.readJson(second, WatchEvent.class).object();
    assertThat(c.metadata().namespace()).isEqualTo(a.metadata().namespace()).isNotSameAs(a.metadata().namespace());
    // A codec that does not share strings still shares through a table it is given.
    ModelCodec unshared = ModelCodec.builder().shareStrings(false).build();
    Pod d = (Pod) unshared.readJson(second, WatchEvent.class, table).object();
    assertThat(d.metadata().namespace()).isSameAs(a.metadata().namespace());
  }

  @Test
  void aFullStringTableStartsAgainAndKeepsDecodingCorrectly() {
    ModelCodec.StringTable table = new ModelCodec.StringTable();
    for (int i = 0; i < ModelCodec.TABLE_ENTRIES + 100; i++) {
      String pod = POD.replace("\"app\":\"web\"", "\"app\":\"web-" + i + "\"");
      Pod decoded = (Pod) CODEC.readJson(event("ADDED", pod).getBytes(StandardCharsets.UTF_8), WatchEvent.class,
          table).object();
      assertThat(decoded.metadata().labels()).containsEntry("app", "web-" + i);
      assertThat(table.pool.size()).isBetween(1, ModelCodec.TABLE_ENTRIES);
    }
    assertThat(table.pool.size()).isLessThan(ModelCodec.TABLE_ENTRIES); // it started again on the way
  }

  @Test
  void repeatedOrOddKindsAreDecidedAsTheGeneralPathDecides() {
    String pod = POD.substring(1);
    agree(event("ADDED", "{" + pod.replace("\"spec\":", "\"kind\":\"Secret\",\"spec\":")));
    agree(event("ADDED", "{" + pod.replace("\"spec\":", "\"apiVersion\":\"v2\",\"spec\":")));
    agree(event("ADDED", "{" + pod.replace("\"spec\":", "\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"spec\":")));
    agree(event("ADDED", "{\"kind\":\"Pod\",\"kind\":\"Secret\",\"apiVersion\":\"v1\"}"));
    agree(event("ADDED", "{\"kind\":5,\"apiVersion\":\"v1\"}"));
    agree(event("ADDED", "{\"kind\":null,\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"x\"}}"));
    agree(event("ADDED", "{\"apiVersion\":\"v1\",\"ki\\u006ed\":\"Pod\",\"metadata\":{\"name\":\"x\"}}"));
    agree(event("ADDED", "{\"apiVersion\":\"v1\",\"kind\":\"P\\u006fd\",\"metadata\":{\"name\":\"x\"}}"));
    agree(event("ADDED", "{\"apiVersion\":\"example.com/v1\",\"kind\":\"Widget\",\"kind\":null}"));
    agree(event("ADDED", "{\"apiVersion\":\"example.com/v1\",\"kind\":\"Widget\",\"apiVersion\":\"example.com/v2\"}"));
    agree(event("ADDED", "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"x\"},\"kind\":\"Pod\"}"));
  }

  @Test
  void malformedLinesFailWithTheSameErrors() {
    String line = event("ADDED", POD);
    agree(line.substring(0, line.length() - 1));
    agree(line.substring(0, line.indexOf("\"spec\"")));
    agree(line.substring(0, line.indexOf("\"managedFields\"") + 40));
    agree(line.substring(0, line.indexOf("\"fieldsV1\"") + 30));
    agree(line + "x");
    agree(line.replace("\"name\":\"web-0\"", "\"name\":web-0"));
    agree(line.replace("\"name\":\"web-0\"", "\"name\":5"));
    agree(line.replace("\"metadata\":{", "\"metadata\":5,\"x\":{"));
    agree(line.replace("\"250m\"", "\"lots\""));
    agree(line.replace("\"2026-01-01T10:00:00Z\"", "\"yesterday\""));
    agree(line.replace("\"f:image\":{}", "\"f:image\":{]"));
    agree(line.replace("\"f:image\":{}", "\"f:image\":[}"));
    agree(line.replace("{\"manager\"", "{\"manager\"}"));
    agree(event("ADDED", "[1,2]"));
    agree(event("ADDED", "\"Pod\""));
    agree(event("ADDED", "{\"kind\":\"Pod\",\"apiVersion\":\"v1\",\"spec\":{\"containers\":[]}}"));
    agree("{\"type\":5,\"object\":" + POD + "}");
    agree("");
    agree("{\"type\":\"ADDED\",\"object\":{\"kind\":\"Pod\",\"apiVersion\":\"v1\"");
  }

  // ---- the scan

  @Test
  void theScanAnswersOnlyWhatItCanTellPlainly() {
    assertThat(scan("{\"kind\":\"Pod\",\"apiVersion\":\"v1\",\"x\":")).containsExactly("v1", "Pod");
    assertThat(scan("{ \"apiVersion\" : \"apps/v1\" ,\n \"kind\":\"Deployment\"")).containsExactly("apps/v1", "Deployment");
    assertThat(scan("{\"a\":{\"kind\":\"X\"},\"b\":[\"]\",{}],\"c\":-1.5e3,\"d\":true,\"kind\":\"Pod\"}"))
        .containsExactly("", "Pod");
    assertThat(scan("{}")).containsExactly("", "");
    assertThat(scan("{\"kind\":\"Pöd\",\"apiVersion\":\"v1\"}")).containsExactly("v1", "Pöd");
    assertThat(scan("{\"kind\":\"P\\u006fd\",\"apiVersion\":\"v1\"}")).isNull();
    assertThat(scan("{\"ki\\u006ed\":\"Pod\",\"apiVersion\":\"v1\"}")).isNull();
    assertThat(scan("{\"kind\":null,\"apiVersion\":\"v1\"}")).isNull();
    assertThat(scan("{\"kind\":\"Pod\",\"kind\":\"Pod\",\"apiVersion\":\"v1\"}")).isNull();
    assertThat(scan("{\"kind\":\"Pod\"")).isNull();
    assertThat(scan("{\"a\":{\"b\":\"}")).isNull();
    assertThat(scan("[]")).isNull();
  }

  private static String[] scan(String json) {
    return KindScan.of(json.getBytes(StandardCharsets.UTF_8), 0);
  }
}
