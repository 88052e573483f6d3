package dev.skiff.fake.patch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** JSON merge patch: the test cases of RFC 7386 Appendix A, and what the server's transcripts show. */
class MergePatchTest {

  @ParameterizedTest(name = "{0} + {1} = {2}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
      "{'a':'b'}                | {'a':'c'}                | {'a':'c'}",
      "{'a':'b'}                | {'b':'c'}                | {'a':'b','b':'c'}",
      "{'a':'b'}                | {'a':null}               | {}",
      "{'a':'b','b':'c'}        | {'a':null}               | {'b':'c'}",
      "{'a':['b']}              | {'a':'c'}                | {'a':'c'}",
      "{'a':'c'}                | {'a':['b']}              | {'a':['b']}",
      "{'a':{'b':'c'}}          | {'a':{'b':'d','c':null}} | {'a':{'b':'d'}}",
      "{'a':[{'b':'c'}]}        | {'a':[1]}                | {'a':[1]}",
      "['a','b']                | ['c','d']                | ['c','d']",
      "{'a':'b'}                | ['c']                    | ['c']",
      "{'a':'foo'}              | null                     | null",
      "{'a':'foo'}              | 'bar'                    | 'bar'",
      "{'e':null}               | {'a':1}                  | {'e':null,'a':1}",
      "[1,2]                    | {'a':'b','c':null}       | {'a':'b'}",
      "{}                       | {'a':{'bb':{'ccc':null}}}| {'a':{'bb':{}}}",
  })
  void rfc7386AppendixA(String target, String patch, String expected) {
    assertThat(Patches.mergePatch(Json.parse(target), Json.parse(patch))).isEqualTo(Json.parse(expected));
  }

  @Test
  void transcriptNullDeletesAndLabelsMerge() {
    // patch-merge-json.json, step merge-null-deletes
    JsonNode live = Json.parse("{'metadata':{'name':'mp','labels':{'x':'1'}},'data':{'a':'1','b':'2'}}");
    JsonNode patch = Json.parse("{'data':{'a':null,'c':'3'},'metadata':{'labels':{'y':'2'}}}");
    assertThat(Patches.mergePatch(live, patch)).isEqualTo(
        Json.parse("{'metadata':{'name':'mp','labels':{'x':'1','y':'2'}},'data':{'b':'2','c':'3'}}"));
  }

  @Test
  void inputsAreNotModified() {
    JsonNode live = Json.parse("{'a':{'b':1}}");
    JsonNode patch = Json.parse("{'a':{'b':null,'c':{'d':1}}}");
    JsonNode liveCopy = live.deepCopy();
    JsonNode patchCopy = patch.deepCopy();
    JsonNode result = Patches.mergePatch(live, patch);
    ((com.fasterxml.jackson.databind.node.ObjectNode) result.get("a").get("c")).put("e", 2);
    assertThat(live).isEqualTo(liveCopy);
    assertThat(patch).isEqualTo(patchCopy);
  }
}
