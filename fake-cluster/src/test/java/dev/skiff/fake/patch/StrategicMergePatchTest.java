package dev.skiff.fake.patch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Strategic merge patch. The table in {@code strategic-cases.json} was produced by kubectl v1.33's {@code
 * kubectl patch --local --type=strategic}, which runs apimachinery's strategicpatch with the Go API types:
 * each case's {@code expected} is the real library's answer.
 */
class StrategicMergePatchTest {

  static Stream<Arguments> kubectlCases() {
    List<Arguments> out = new ArrayList<>();
    for (JsonNode c : Json.resource("strategic-cases.json").get("cases")) {
      out.add(Arguments.of(c.get("name").asText(), c));
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kubectlCases")
  void matchesKubectl(String name, JsonNode c) throws PatchException {
    JsonNode target = c.get("target");
    JsonNode patch = c.get("patch");
    JsonNode targetCopy = target.deepCopy();
    JsonNode patchCopy = patch.deepCopy();
    JsonNode result = Patches.strategicMergePatch(target, patch, c.get("type").asText());
    assertThat(result).isEqualTo(c.get("expected"));
    assertThat(target).isEqualTo(targetCopy);
    assertThat(patch).isEqualTo(patchCopy);
  }

  static Stream<Arguments> generatedCases() {
    JsonNode file = Json.resource("strategic-random-cases.json");
    List<Arguments> out = new ArrayList<>();
    for (JsonNode c : file.get("cases")) {
      out.add(Arguments.of(c.get("name").asText(), file.get("type").asText(), file.get("target"), c));
    }
    return out.stream();
  }

  /**
   * Generated apply-shaped patches (seeded), with kubectl's answers: results, or its error text. kubectl
   * prints the patched JSON, where an element appended to a merge list still carries the patch's directive
   * keys and nulls; the server decodes into the typed object, which drops both, so both sides are compared
   * as that decode leaves them.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("generatedCases")
  void matchesKubectlOnGeneratedPatches(String name, String type, JsonNode target, JsonNode c) {
    if (c.has("error")) {
      String expected = c.get("error").asText().replaceFirst("^error: ", "");
      assertThatThrownBy(() -> Patches.strategicMergePatch(target, c.get("patch"), type))
          .isInstanceOfSatisfying(PatchException.class,
              e -> assertThat(e.getMessage().strip()).isEqualTo(expected.strip()));
      return;
    }
    try {
      assertThat(asTypedDecodeLeavesIt(Patches.strategicMergePatch(target, c.get("patch"), type)))
          .isEqualTo(asTypedDecodeLeavesIt(c.get("expected")));
    } catch (PatchException e) {
      throw new AssertionError("unexpected " + e, e);
    }
  }

  /**
   * The JSON after a typed decode: keys starting with {@code $} are unknown fields and vanish, and so do
   * nulls of optional fields.
   */
  private static JsonNode asTypedDecodeLeavesIt(JsonNode v) {
    if (v.isObject()) {
      com.fasterxml.jackson.databind.node.ObjectNode out = v.deepCopy();
      List<String> names = new ArrayList<>();
      v.fieldNames().forEachRemaining(names::add);
      for (String n : names) {
        if (n.startsWith("$") || v.get(n).isNull()) {
          out.remove(n);
        } else {
          out.set(n, asTypedDecodeLeavesIt(v.get(n)));
        }
      }
      return out;
    }
    if (v.isArray()) {
      com.fasterxml.jackson.databind.node.ArrayNode out = com.fasterxml.jackson.databind.node.JsonNodeFactory
          .instance.arrayNode();
      v.forEach(x -> out.add(asTypedDecodeLeavesIt(x)));
      return out;
    }
    return v;
  }

  @Test
  void addedContainerFromKubectlPatchComesFirst() throws PatchException {
    JsonNode pod = Json.parse("{'spec':{'containers':[{'name':'a','image':'x'}]}}");
    JsonNode result = Patches.strategicMergePatch(pod,
        Json.parse("{'spec':{'containers':[{'name':'b','image':'y'}]}}"), "Pod");
    assertThat(result.at("/spec/containers")).isEqualTo(
        Json.parse("[{'name':'b','image':'y'},{'name':'a','image':'x'}]"));
  }

  @Test
  void patchThatIsNotAnObjectIsABadRequest() {
    assertThatThrownBy(() -> Patches.strategicMergePatch(Json.parse("{}"), Json.parse("[1]"), "Pod"))
        .isInstanceOfSatisfying(PatchException.class, e -> {
          assertThat(e.code()).isEqualTo(400);
          assertThat(e.getMessage())
              .isEqualTo("json: cannot unmarshal array into Go value of type map[string]interface {}");
        });
  }

  @Test
  void keysOutsideRetainKeysAreRejectedWithTheGeneric422() {
    JsonNode dep = Json.parse("{'spec':{'strategy':{'type':'RollingUpdate'}}}");
    assertThatThrownBy(() -> Patches.strategicMergePatch(dep,
        Json.parse("{'spec':{'strategy':{'$retainKeys':['type'],'type':'Recreate','rollingUpdate':{}}}}"),
        "Deployment"))
        .isInstanceOfSatisfying(PatchException.class, e -> {
          assertThat(e.code()).isEqualTo(422);
          assertThat(e.getMessage()).isEqualTo(JsonPatch.REJECTED);
          assertThat(e.detail()).isEqualTo("patch content doesn't match retainKeys list");
        });
  }

  @Test
  void retainKeysThatIsNotAListIsABadRequest() {
    assertThatThrownBy(() -> Patches.strategicMergePatch(Json.parse("{'spec':{'strategy':{}}}"),
        Json.parse("{'spec':{'strategy':{'$retainKeys':'type'}}}"), "Deployment"))
        .isInstanceOfSatisfying(PatchException.class, e -> {
          assertThat(e.code()).isEqualTo(400);
          assertThat(e.getMessage()).isEqualTo("invalid patch format of retainKeys");
        });
  }

  @Test
  void mergeListElementWithoutItsMergeKeyIsAnUnclassifiedError() {
    JsonNode pod = Json.parse("{'spec':{'containers':[{'name':'a'}]}}");
    assertThatThrownBy(() -> Patches.strategicMergePatch(pod,
        Json.parse("{'spec':{'containers':[{'image':'x'}]}}"), "Pod"))
        .isInstanceOfSatisfying(PatchException.class, e -> {
          assertThat(e.code()).isEqualTo(500);
          assertThat(e.getMessage()).isEqualTo("map: map[image:x] does not contain declared merge key: name");
        });
  }

  @Test
  void unknownPatchDirectiveIsAnUnclassifiedError() {
    assertThatThrownBy(() -> Patches.strategicMergePatch(Json.parse("{'metadata':{'labels':{'a':'b'}}}"),
        Json.parse("{'metadata':{'labels':{'$patch':'nope'}}}"), "Pod"))
        .isInstanceOfSatisfying(PatchException.class, e -> {
          assertThat(e.code()).isEqualTo(500);
          assertThat(e.getMessage()).isEqualTo("unknown patch type: nope in map: map[$patch:nope]");
        });
  }

  /**
   * What kubectl's local patch prints keeps directives the typed decode of the real server then drops: a
   * {@code $retainKeys} in a new object, and a {@code $patch} key in an element appended to a merge list
   * (the element itself stays).
   */
  @Test
  void directivesLeftInTakenValuesAreGoneAsAfterTheTypedDecode() throws PatchException {
    JsonNode newMap = Patches.strategicMergePatch(Json.parse("{'spec':{}}"),
        Json.parse("{'spec':{'securityContext':{'$retainKeys':['runAsUser'],'runAsUser':1}}}"), "Pod");
    assertThat(newMap).isEqualTo(Json.parse("{'spec':{'securityContext':{'runAsUser':1}}}"));

    JsonNode appended = Patches.strategicMergePatch(
        Json.parse("{'spec':{'containers':[{'name':'a','image':'i'}]}}"),
        Json.parse("{'spec':{'containers':[{'name':'b','image':'j','env':[{'name':'E','$patch':'delete'},"
            + "{'name':'F','value':'1'}]}]}}"), "Pod");
    assertThat(appended).isEqualTo(Json.parse("{'spec':{'containers':[{'name':'b','image':'j','env':["
        + "{'name':'E'},{'name':'F','value':'1'}]},{'name':'a','image':'i'}]}}"));
  }

  @Test
  void unknownTypeIsAProgrammingError() {
    assertThatThrownBy(() -> Patches.strategicMergePatch(Json.parse("{}"), Json.parse("{}"), "NoSuchKind"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
