package dev.skiff.fake.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tables against the recorded kube-apiserver 1.34 answer and the printer's rules. */
class TablesTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");

  private static JsonNode step(String name) throws IOException {
    try (InputStream in = TablesTest.class.getResourceAsStream("/discovery/pod-defaults.json")) {
      for (JsonNode s : MAPPER.readTree(in).path("steps")) {
        if (s.path("name").asText().equals(name)) {
          return s;
        }
      }
    }
    throw new AssertionError("no step " + name);
  }

  private static ObjectNode json(String text) throws IOException {
    return (ObjectNode) MAPPER.readTree(text.replace('\'', '"'));
  }

  private static JsonNode podCells(String pod) throws IOException {
    ObjectNode o = json(pod);
    ((ObjectNode) o.with("metadata")).put("name", "p").put("creationTimestamp", "2026-01-01T11:59:00Z");
    return Tables.table("Pod", List.of(o), null, NOW).path("rows").get(0).path("cells");
  }

  @Test
  void podListMatchesTheRecordedTable() throws IOException {
    ObjectNode pod = (ObjectNode) step("get").path("response").path("body").deepCopy();
    ((ObjectNode) pod.path("metadata")).put("creationTimestamp", NOW.toString());
    ObjectNode listMeta = MAPPER.createObjectNode().put("resourceVersion", "<rv>");

    ObjectNode table = Tables.table("Pod", List.of(pod), listMeta, NOW);
    // Back to the transcript's normalized time for the comparison.
    ((ObjectNode) table.path("rows").get(0).path("object").path("metadata")).put("creationTimestamp", "<time>");

    JsonNode expected = step("list-as-table").path("response");
    assertThat(Tables.contentType()).isEqualTo(expected.path("contentType").asText());
    assertThat(table).isEqualTo(expected.path("body"));
  }

  @Test
  void wantsTableOnlyWhenTableComesFirst() {
    assertThat(Tables.wantsTable("application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;"
        + "v=v1beta1;g=meta.k8s.io,application/json")).isTrue();
    assertThat(Tables.wantsTable("application/json")).isFalse();
    assertThat(Tables.wantsTable("application/json, application/json;as=Table;v=v1;g=meta.k8s.io")).isFalse();
    assertThat(Tables.wantsTable("application/json;as=Table;v=v1beta1;g=meta.k8s.io")).isFalse();
    assertThat(Tables.wantsTable(null)).isFalse();
  }

  @Test
  void includeObjectChoosesWhatRowsCarry() throws IOException {
    ObjectNode cm = json("{'kind':'ConfigMap','apiVersion':'v1','metadata':{'name':'c','creationTimestamp':"
        + "'2026-01-01T11:00:00Z'},'data':{'a':'1','b':'2'},'binaryData':{'c':'AA=='}}");
    JsonNode none = Tables.table("ConfigMap", List.of(cm), null, NOW, Tables.IncludeObject.NONE);
    assertThat(none.path("rows").get(0).path("object").isNull()).isTrue();
    assertThat(none.path("rows").get(0).path("cells").toString()).isEqualTo("[\"c\",3,\"60m\"]");
    JsonNode whole = Tables.table("ConfigMap", List.of(cm), null, NOW, Tables.IncludeObject.parse("Object"));
    assertThat(whole.path("rows").get(0).path("object")).isEqualTo(cm);
    assertThat(Tables.IncludeObject.parse(null)).isEqualTo(Tables.IncludeObject.METADATA);
    JsonNode event = Tables.table("ConfigMap", List.of(cm), null, NOW, Tables.IncludeObject.METADATA, false);
    assertThat(event.path("columnDefinitions").isNull()).isTrue();
    assertThat(event.path("rows").get(0).path("object").path("kind").asText()).isEqualTo("PartialObjectMetadata");
    assertThatThrownBy(() -> Tables.IncludeObject.parse("All")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void ageIsFormattedLikeKubectl() {
    assertThat(HumanDuration.format(Duration.ofSeconds(5))).isEqualTo("5s");
    assertThat(HumanDuration.format(Duration.ofSeconds(119))).isEqualTo("119s");
    assertThat(HumanDuration.format(Duration.ofSeconds(182))).isEqualTo("3m2s");
    assertThat(HumanDuration.format(Duration.ofMinutes(5))).isEqualTo("5m");
    assertThat(HumanDuration.format(Duration.ofMinutes(179))).isEqualTo("179m");
    assertThat(HumanDuration.format(Duration.ofMinutes(190))).isEqualTo("3h10m");
    assertThat(HumanDuration.format(Duration.ofHours(30))).isEqualTo("30h");
    assertThat(HumanDuration.format(Duration.ofHours(48))).isEqualTo("2d");
    assertThat(HumanDuration.format(Duration.ofHours(53))).isEqualTo("2d5h");
    assertThat(HumanDuration.format(Duration.ofDays(300))).isEqualTo("300d");
    assertThat(HumanDuration.format(Duration.ofDays(365 * 3 + 10))).isEqualTo("3y10d");
    assertThat(HumanDuration.format(Duration.ofDays(365 * 9))).isEqualTo("9y");
    assertThat(HumanDuration.format(Duration.ofMillis(-1500))).isEqualTo("0s");
    assertThat(HumanDuration.format(Duration.ofSeconds(-5))).isEqualTo("<invalid>");
  }

  @Test
  void podStatusColumnFollowsContainerStates() throws IOException {
    assertThat(podCells("{'spec':{'containers':[{'name':'a'}]},'status':{'phase':'Pending','containerStatuses':"
        + "[{'name':'a','ready':false,'restartCount':0,'state':{'waiting':{'reason':'ContainerCreating'}}}]}}")
        .get(2).asText()).isEqualTo("ContainerCreating");
    JsonNode running = podCells("{'spec':{'containers':[{'name':'a'},{'name':'b'}]},'status':{'phase':'Running',"
        + "'podIPs':[{'ip':'10.0.0.5'}],'containerStatuses':[{'name':'a','ready':true,'restartCount':2,"
        + "'lastState':{'terminated':{'exitCode':1,'finishedAt':'2026-01-01T11:58:00Z'}},"
        + "'state':{'running':{}}},{'name':'b','ready':true,'restartCount':1,'state':{'running':{}}}]}}");
    assertThat(running.toString()).isEqualTo(
        "[\"p\",\"2/2\",\"Running\",\"3 (2m ago)\",\"60s\",\"10.0.0.5\",\"<none>\",\"<none>\",\"<none>\"]");
    assertThat(podCells("{'spec':{'containers':[{'name':'a'}]},'status':{'phase':'Running','containerStatuses':"
        + "[{'name':'a','restartCount':4,'state':{'waiting':{'reason':'CrashLoopBackOff'}}}]}}")
        .get(2).asText()).isEqualTo("CrashLoopBackOff");
    assertThat(podCells("{'spec':{'containers':[{'name':'a'}]},'status':{'phase':'Succeeded','containerStatuses':"
        + "[{'name':'a','state':{'terminated':{'exitCode':0,'reason':'Completed'}}}]}}")
        .get(2).asText()).isEqualTo("Completed");
    assertThat(podCells("{'spec':{'containers':[{'name':'a'}]},'status':{'phase':'Failed','containerStatuses':"
        + "[{'name':'a','state':{'terminated':{'exitCode':137}}}]}}").get(2).asText()).isEqualTo("ExitCode:137");
    assertThat(podCells("{'metadata':{'deletionTimestamp':'2026-01-01T12:00:00Z'},'spec':{'containers':"
        + "[{'name':'a'}]},'status':{'phase':'Running'}}").get(2).asText()).isEqualTo("Terminating");
    assertThat(podCells("{'spec':{'initContainers':[{'name':'i1'},{'name':'i2'}],'containers':[{'name':'a'}]},"
        + "'status':{'phase':'Pending','initContainerStatuses':[{'name':'i1','state':{'terminated':"
        + "{'exitCode':0}}},{'name':'i2','state':{'running':{}}}]}}").get(2).asText()).isEqualTo("Init:1/2");
    assertThat(podCells("{'spec':{'readinessGates':[{'conditionType':'x'}],'containers':[{'name':'a'}]},"
        + "'status':{'phase':'Pending','conditions':[{'type':'x','status':'True'}]}}").get(8).asText())
        .isEqualTo("1/1");
  }

  @Test
  void finishedPodsCarryARowCondition() throws IOException {
    ObjectNode pod = json("{'metadata':{'name':'p'},'spec':{'containers':[{'name':'a'}]},'status':"
        + "{'phase':'Succeeded'}}");
    JsonNode row = Tables.table("Pod", List.of(pod), null, NOW).path("rows").get(0);
    assertThat(row.path("conditions").toString()).isEqualTo("[{\"type\":\"Completed\",\"status\":\"True\","
        + "\"reason\":\"Succeeded\",\"message\":\"The pod has completed successfully.\"}]");
    assertThat(row.path("cells").get(4).asText()).isEqualTo("<unknown>");
  }

  @Test
  void workloadAndServiceRows() throws IOException {
    ObjectNode deploy = json("{'metadata':{'name':'web','creationTimestamp':'2026-01-01T11:59:30Z'},'spec':"
        + "{'replicas':3,'selector':{'matchLabels':{'app':'web'},'matchExpressions':[{'key':'tier','operator':"
        + "'In','values':['b','a']}]},'template':{'spec':{'containers':[{'name':'n','image':'nginx'},"
        + "{'name':'s','image':'busybox'}]}}},'status':{'readyReplicas':2,'updatedReplicas':3,"
        + "'availableReplicas':2}}");
    assertThat(Tables.table("Deployment", List.of(deploy), null, NOW).path("rows").get(0).path("cells").toString())
        .isEqualTo("[\"web\",\"2/3\",3,2,\"30s\",\"n,s\",\"nginx,busybox\",\"app=web,tier in (a,b)\"]");
    ObjectNode svc = json("{'metadata':{'name':'s','creationTimestamp':'2026-01-01T11:00:00Z'},'spec':{'type':"
        + "'NodePort','clusterIPs':['10.96.0.10'],'ports':[{'port':80,'protocol':'TCP','nodePort':30080},"
        + "{'port':53,'protocol':'UDP'}],'selector':{'b':'2','a':'1'}}}");
    assertThat(Tables.table("Service", List.of(svc), null, NOW).path("rows").get(0).path("cells").toString())
        .isEqualTo("[\"s\",\"NodePort\",\"10.96.0.10\",\"<none>\",\"80:30080/TCP,53/UDP\",\"60m\",\"a=1,b=2\"]");
    ObjectNode ep = json("{'metadata':{'name':'e'},'subsets':[{'addresses':[{'ip':'10.0.0.1'},{'ip':'10.0.0.2'}],"
        + "'ports':[{'port':80},{'port':443}]}]}");
    assertThat(Tables.table("Endpoints", List.of(ep), null, NOW).path("rows").get(0).path("cells").get(1).asText())
        .isEqualTo("10.0.0.1:80,10.0.0.2:80,10.0.0.1:443 + 1 more...");
  }

  @Test
  void kindsWithoutAPrinterGetNameAndCreatedAt() throws IOException {
    ObjectNode o = json("{'metadata':{'name':'x','creationTimestamp':'2026-01-01T11:00:00Z'}}");
    JsonNode t = Tables.table("PodTemplate", List.of(o), null, NOW);
    assertThat(t.path("columnDefinitions").findValuesAsText("name")).containsExactly("Name", "Created At");
    assertThat(t.path("columnDefinitions").get(1).path("type").asText()).isEqualTo("date");
    assertThat(t.path("rows").get(0).path("cells").toString()).isEqualTo("[\"x\",\"2026-01-01T11:00:00Z\"]");
  }
}
