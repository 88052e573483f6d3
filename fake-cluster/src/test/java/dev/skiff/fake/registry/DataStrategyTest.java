package dev.skiff.fake.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** ConfigMap and Secret rules beyond the recorded transcript: key rules, secret types, immutability. */
class DataStrategyTest {
  private final ApiLayerStandIn api = new ApiLayerStandIn();

  @Test
  void keysMayNotLookLikeDirectories() {
    ApiLayerStandIn.Result result = api.create("ns", Json.obj("{'kind':'ConfigMap','metadata':{'name':'k'},"
        + "'data':{'.':'a','..':'b','..x':'c','ok.key_1-A':'d'},'binaryData':{'bad/key':'AA=='}}"));
    assertThat(PodStrategyTest.causes(result.body())).containsExactly(
        "data[.]: Invalid value: \".\": must not be '.'",
        "data[..]: Invalid value: \"..\": must not be '..'",
        "data[..x]: Invalid value: \"..x\": must not start with '..'",
        "binaryData[bad/key]: Invalid value: \"bad/key\": a valid config key must consist of alphanumeric "
            + "characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for "
            + "validation is '[-._a-zA-Z0-9]+')");
  }

  @Test
  void totalSizeIsLimitedToOneMebibyte() {
    ObjectNode cm = Json.obj("{'kind':'ConfigMap','metadata':{'name':'big'}}");
    cm.with("data").put("a", "x".repeat(1024 * 1024)).put("b", "y");
    assertThat(PodStrategyTest.causes(api.create("ns", cm).body()))
        .containsExactly(": Too long: may not be more than 1048576 bytes");
  }

  @Test
  void secretTypesRequireTheirKeys() {
    ApiLayerStandIn.Result basic = api.create("ns", Json.obj("{'kind':'Secret','metadata':{'name':'b'},"
        + "'type':'kubernetes.io/basic-auth'}"));
    assertThat(PodStrategyTest.causes(basic.body()))
        .containsExactly("data[username]: Required value", "data[password]: Required value");
    assertThat(api.create("ns", Json.obj("{'kind':'Secret','metadata':{'name':'b2'},"
        + "'type':'kubernetes.io/basic-auth','stringData':{'password':''}}")).code()).isEqualTo(201);
    ApiLayerStandIn.Result token = api.create("ns", Json.obj("{'kind':'Secret','metadata':{'name':'t'},"
        + "'type':'kubernetes.io/service-account-token'}"));
    assertThat(PodStrategyTest.causes(token.body()))
        .containsExactly("metadata.annotations[kubernetes.io/service-account.name]: Required value");
    ApiLayerStandIn.Result docker = api.create("ns", Json.obj("{'kind':'Secret','metadata':{'name':'d'},"
        + "'type':'kubernetes.io/dockerconfigjson','data':{}}"));
    assertThat(PodStrategyTest.causes(docker.body())).containsExactly("data[.dockerconfigjson]: Required value");
  }

  @Test
  void secretTypeAndImmutableDataCannotChange() {
    ObjectNode secret = api.create("ns", Json.obj("{'kind':'Secret','metadata':{'name':'s'},'immutable':true,"
        + "'data':{'k':'dg=='}}")).body();
    ObjectNode update = secret.deepCopy();
    update.put("type", "kubernetes.io/tls");
    update.with("data").put("tls.crt", "eA==").put("tls.key", "eA==");
    update.put("immutable", false);
    assertThat(PodStrategyTest.causes(api.update(update, false).body())).containsExactly(
        "type: Invalid value: \"kubernetes.io/tls\": field is immutable",
        "immutable: Forbidden: field is immutable when `immutable` is set",
        "data: Forbidden: field is immutable when `immutable` is set");
  }

  @Test
  void stringDataIsNeverStoredAndWinsOverData() {
    ObjectNode secret = api.create("ns", Json.obj("{'kind':'Secret','metadata':{'name':'s'},"
        + "'data':{'a':'YQ=='},'stringData':{'a':'\u00e9t\u00e9'}}")).body();
    assertThat(secret.has("stringData")).isFalse();
    assertThat(secret.at("/data/a").asText()).isEqualTo("w6l0w6k=");
  }
}
