package dev.skiff.fake.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Go's field.Error texts and the 422 Status built from them. */
class FieldErrorTest {

  @Test
  void messagesFollowGoErrorBody() {
    ObjectNode labels = Nodes.F.objectNode().put("app", "web");
    assertThat(FieldError.invalid("metadata.name", "Bad_Name", "detail").message())
        .isEqualTo("Invalid value: \"Bad_Name\": detail");
    assertThat(FieldError.invalid("spec.replicas", -1, "must be greater than or equal to 0").message())
        .isEqualTo("Invalid value: -1: must be greater than or equal to 0");
    assertThat(FieldError.invalid("spec.template.metadata.labels", labels, "`selector` does not match template `labels`")
        .message()).isEqualTo("Invalid value: {\"app\":\"web\"}: `selector` does not match template `labels`");
    assertThat(FieldError.required("spec.containers", "").message()).isEqualTo("Required value");
    assertThat(FieldError.required("metadata.name", "name or generateName is required").message())
        .isEqualTo("Required value: name or generateName is required");
    assertThat(FieldError.notSupported("spec.restartPolicy", Nodes.F.textNode("x"), PodSpecValidation.RESTART_POLICIES)
        .message()).isEqualTo("Unsupported value: \"x\": supported values: \"Always\", \"OnFailure\", \"Never\"");
    assertThat(FieldError.duplicate("spec.containers[1].name", Nodes.F.textNode("c")).message())
        .isEqualTo("Duplicate value: \"c\"");
    assertThat(FieldError.forbidden("data", "field is immutable when `immutable` is set").message())
        .isEqualTo("Forbidden: field is immutable when `immutable` is set");
    assertThat(FieldError.tooLong("metadata.annotations", 262144).message())
        .isEqualTo("Too long: may not be more than 262144 bytes");
    assertThat(FieldError.tooMany("spec.x", 5, 4).message()).isEqualTo("Too many: 5: must have at most 4 items");
    assertThat(FieldError.notFound("spec.containers[0].volumeMounts[0].name", Nodes.F.textNode("v")).message())
        .isEqualTo("Not found: \"v\"");
  }

  @Test
  void reasonIsTheCauseTypeAndToStringPrefixesTheField() {
    FieldError e = FieldError.required("spec.containers", "");
    assertThat(e.reason()).isEqualTo("FieldValueRequired");
    assertThat(e).hasToString("spec.containers: Required value");
  }

  @Test
  void stringsAreQuotedAsGoQuotesThem() {
    assertThat(GoText.quote("a\"b\\c\nd\te\u0001")).isEqualTo("\"a\\\"b\\\\c\\nd\\te\\x01\"");
    assertThat(GoText.quote("bad value!")).isEqualTo("\"bad value!\"");
    assertThat(GoText.quote("caf\u00e9\u00a0\u200b")).isEqualTo("\"caf\u00e9\\u00a0\\u200b\"");
  }

  @Test
  void oneErrorIsWrittenAloneAndSeveralInBrackets() {
    FieldError a = FieldError.required("data[tls.crt]", "");
    FieldError b = FieldError.required("data[tls.key]", "");
    assertThat(InvalidStatus.aggregate(List.of(a))).isEqualTo("data[tls.crt]: Required value");
    assertThat(InvalidStatus.aggregate(List.of(a, b)))
        .isEqualTo("[data[tls.crt]: Required value, data[tls.key]: Required value]");
    // Identical errors count once in the message; the causes keep both.
    assertThat(InvalidStatus.aggregate(List.of(a, a))).isEqualTo("data[tls.crt]: Required value");
    assertThat(InvalidStatus.of("", "Secret", "tls", List.of(a, a)).at("/details/causes").size()).isEqualTo(2);
  }

  @Test
  void statusNamesTheGroupForNamedGroupsAndLeavesAnEmptyNameOut() {
    ObjectNode status = InvalidStatus.of("apps", "Deployment", "web",
        List.of(FieldError.required("spec.selector", "")));
    assertThat(status.toString()).isEqualTo("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},"
        + "\"status\":\"Failure\",\"message\":\"Deployment.apps \\\"web\\\" is invalid: spec.selector: Required value\","
        + "\"reason\":\"Invalid\",\"details\":{\"name\":\"web\",\"group\":\"apps\",\"kind\":\"Deployment\","
        + "\"causes\":[{\"reason\":\"FieldValueRequired\",\"message\":\"Required value\",\"field\":\"spec.selector\"}]},"
        + "\"code\":422}");
    ObjectNode nameless = InvalidStatus.of("", "ConfigMap", "", List.of(
        FieldError.required("metadata.name", "name or generateName is required")));
    assertThat(nameless.at("/details").has("name")).isFalse();
    assertThat(nameless.get("message").asText())
        .isEqualTo("ConfigMap \"\" is invalid: metadata.name: Required value: name or generateName is required");
  }

  @Test
  void causeWithoutFieldLeavesFieldOut() {
    ObjectNode status = InvalidStatus.of("", "ConfigMap", "big", List.of(FieldError.tooLong("", 1048576)));
    assertThat(status.at("/details/causes/0").has("field")).isFalse();
    assertThat(status.get("message").asText())
        .isEqualTo("ConfigMap \"big\" is invalid: : Too long: may not be more than 1048576 bytes");
  }
}
