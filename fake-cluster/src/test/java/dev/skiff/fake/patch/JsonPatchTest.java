package dev.skiff.fake.patch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** JSON patch: RFC 6902 Appendix A, and the server's answers recorded in patch-merge-json.json. */
class JsonPatchTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
      "A.1 add an object member    | {'foo':'bar'}                  | [{'op':'add','path':'/baz','value':'qux'}]                 | {'baz':'qux','foo':'bar'}",
      "A.2 add an array element    | {'foo':['bar','baz']}          | [{'op':'add','path':'/foo/1','value':'qux'}]               | {'foo':['bar','qux','baz']}",
      "A.3 remove an object member | {'baz':'qux','foo':'bar'}      | [{'op':'remove','path':'/baz'}]                            | {'foo':'bar'}",
      "A.4 remove an array element | {'foo':['bar','qux','baz']}    | [{'op':'remove','path':'/foo/1'}]                          | {'foo':['bar','baz']}",
      "A.5 replace a value         | {'baz':'qux','foo':'bar'}      | [{'op':'replace','path':'/baz','value':'boo'}]             | {'baz':'boo','foo':'bar'}",
      "A.6 move a value            | {'foo':{'bar':'baz','waldo':'fred'},'qux':{'corge':'grault'}} | [{'op':'move','from':'/foo/waldo','path':'/qux/thud'}] | {'foo':{'bar':'baz'},'qux':{'corge':'grault','thud':'fred'}}",
      "A.7 move an array element   | {'foo':['all','grass','cows','eat']} | [{'op':'move','from':'/foo/1','path':'/foo/3'}]      | {'foo':['all','cows','eat','grass']}",
      "A.8 test a value            | {'baz':'qux','foo':['a',2,'c']} | [{'op':'test','path':'/baz','value':'qux'},{'op':'test','path':'/foo/1','value':2}] | {'baz':'qux','foo':['a',2,'c']}",
      "A.10 add a nested member    | {'foo':'bar'}                  | [{'op':'add','path':'/child','value':{'grandchild':{}}}]   | {'foo':'bar','child':{'grandchild':{}}}",
      "A.11 ignore unknown members | {'foo':'bar'}                  | [{'op':'add','path':'/baz','value':'qux','xyz':123}]       | {'foo':'bar','baz':'qux'}",
      "A.14 ~ escape ordering      | {'/':9,'~1':10}                | [{'op':'test','path':'/~01','value':10}]                   | {'/':9,'~1':10}",
      "A.16 add an array value     | {'foo':['bar']}                | [{'op':'add','path':'/foo/-','value':['abc','def']}]       | {'foo':['bar',['abc','def']]}",
      "~1 escapes a slash          | {'metadata':{'labels':{}}}     | [{'op':'add','path':'/metadata/labels/app.kubernetes.io~1name','value':'x'}] | {'metadata':{'labels':{'app.kubernetes.io/name':'x'}}}",
      "copy a value                | {'a':{'b':1}}                  | [{'op':'copy','from':'/a','path':'/c'}]                    | {'a':{'b':1},'c':{'b':1}}",
      "negative index from the end | {'a':[1,2,3]}                  | [{'op':'remove','path':'/a/-1'}]                           | {'a':[1,2]}",
      "test of a number ignores its spelling | {'a':1}              | [{'op':'test','path':'/a','value':1.0}]                    | {'a':1}",
      "test for null passes on a missing key | {'a':1}              | [{'op':'test','path':'/b','value':null}]                   | {'a':1}",
      "add at a negative index      | {'x':[1,2,3]}                  | [{'op':'add','path':'/x/-4','value':9}]                    | {'x':[9,1,2,3]}",
      "index with a leading zero    | {'x':[1,2,3]}                  | [{'op':'add','path':'/x/01','value':9}]                    | {'x':[1,9,2,3]}",
      "text before the first slash is ignored | {'data':{}}         | [{'op':'add','path':'data/z','value':'q'}]                 | {'data':{},'z':'q'}",
      "add without a value sets null | {'a':1}                       | [{'op':'add','path':'/a'}]                                 | {'a':null}",
      "transcript json-patch       | {'metadata':{'labels':{'x':'1','y':'2'}},'data':{'b':'2','c':'3'}} | [{'op':'add','path':'/data/d','value':'4'},{'op':'remove','path':'/data/b'},{'op':'replace','path':'/metadata/labels/x','value':'9'},{'op':'test','path':'/data/c','value':'3'}] | {'metadata':{'labels':{'x':'9','y':'2'}},'data':{'c':'3','d':'4'}}",
  })
  void applies(String name, String target, String patch, String expected) throws PatchException {
    JsonNode t = Json.parse(target);
    JsonNode copy = t.deepCopy();
    assertThat(Patches.jsonPatch(t, Json.parse(patch))).isEqualTo(Json.parse(expected));
    assertThat(t).isEqualTo(copy);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
      "A.9 failing test (transcript json-test-fails) | {'data':{'c':'3'}} | [{'op':'test','path':'/data/c','value':'nope'},{'op':'replace','path':'/data/c','value':'x'}]",
      "remove of a missing key (transcript json-remove-missing) | {'data':{'c':'3'}} | [{'op':'remove','path':'/data/zzz'}]",
      "A.12 add to a nonexistent target | {'foo':'bar'}           | [{'op':'add','path':'/baz/bat','value':'qux'}]",
      "A.15 comparing strings and numbers | {'/':9,'~1':10}       | [{'op':'test','path':'/~01','value':'10'}]",
      "replace of a missing key     | {'a':1}                     | [{'op':'replace','path':'/b','value':2}]",
      "index past the end           | {'a':[1]}                   | [{'op':'add','path':'/a/2','value':2}]",
      "unknown op                   | {'a':1}                     | [{'op':'frobnicate','path':'/a'}]",
      "missing path                 | {'a':1}                     | [{'op':'add','value':2}]",
      "remove with - as index       | {'x':[1]}                   | [{'op':'remove','path':'/x/-'}]",
      "move into its own child      | {'data':{'a':'1'}}          | [{'op':'move','from':'/data','path':'/data/b'}]",
      "move from a missing path     | {'a':1}                     | [{'op':'move','from':'/x','path':'/y'}]",
  })
  void unappliableOperationsAreTheGeneric422(String name, String target, String patch) {
    assertThatThrownBy(() -> Patches.jsonPatch(Json.parse(target), Json.parse(patch)))
        .isInstanceOfSatisfying(PatchException.class, e -> {
          assertThat(e.code()).isEqualTo(422);
          assertThat(e.reason()).isEqualTo("Invalid");
          assertThat(e.hasEmptyDetails()).isTrue();
          assertThat(e.getMessage()).isEqualTo("the server rejected our request due to an error in our request");
        });
  }

  @Test
  void patchThatIsNotAnArrayIsABadRequest() {
    // patch-merge-json.json, step json-not-an-array (message masked in the corpus; Go's wording).
    assertThatThrownBy(() -> Patches.jsonPatch(Json.parse("{}"), Json.parse("{'op':'add'}")))
        .isInstanceOfSatisfying(PatchException.class, e -> {
          assertThat(e.code()).isEqualTo(400);
          assertThat(e.getMessage()).isEqualTo(
              "error decoding patch: json: cannot unmarshal object into Go value of type []handlers.jsonPatchOp");
        });
  }

  @Test
  void operationThatIsNotAnObjectIsABadRequest() {
    assertThatThrownBy(() -> Patches.jsonPatch(Json.parse("{}"), Json.parse("['add']")))
        .isInstanceOfSatisfying(PatchException.class, e -> assertThat(e.code()).isEqualTo(400));
  }

  @Test
  void operationsApplyInOrderAndAFailureLeavesTheTargetUntouched() {
    JsonNode target = Json.parse("{'a':1}");
    assertThatThrownBy(() -> Patches.jsonPatch(target,
        Json.parse("[{'op':'add','path':'/b','value':2},{'op':'remove','path':'/zzz'}]")))
        .isInstanceOf(PatchException.class);
    assertThat(target).isEqualTo(Json.parse("{'a':1}"));
  }

  @Test
  void moreThanTenThousandOperationsAreTooLarge() {
    com.fasterxml.jackson.databind.node.ArrayNode ops = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance
        .arrayNode();
    for (int i = 0; i < 10001; i++) {
      ops.addObject().put("op", "test").put("path", "/a").put("value", 1);
    }
    assertThatThrownBy(() -> Patches.jsonPatch(Json.parse("{'a':1}"), ops))
        .isInstanceOfSatisfying(PatchException.class, e -> {
          assertThat(e.code()).isEqualTo(413);
          assertThat(e.reason()).isEqualTo("RequestEntityTooLarge");
          assertThat(e.hasEmptyDetails()).isFalse();
          assertThat(e.getMessage()).isEqualTo(
              "Request entity too large: The allowed maximum operations in a JSON patch is 10000, got 10001");
        });
  }
}
