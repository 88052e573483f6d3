package dev.skiff.fake.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The empty object a create is compared against: the real server compares the new object with a freshly
 * allocated Go value of the kind, converted to JSON. Fields that conversion always writes — non-pointer
 * structs such as {@code spec} and {@code status}, and fields without {@code omitempty} such as a pod's
 * {@code spec.containers} (as {@code null}) — count as already present, so a create records no {@code "."}
 * for them, while absent ones (e.g. {@code data}, {@code metadata.labels}) get one.
 */
final class ZeroObjects {
  private ZeroObjects() {}

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String META = "\"metadata\":{\"creationTimestamp\":null}";
  private static final String POD_TEMPLATE = "{" + META + ",\"spec\":{\"containers\":null}}";

  /** Go zero values of the kinds with fields beyond metadata, by kind, as the server converts them. */
  private static final Map<String, String> ZERO = Map.ofEntries(
      Map.entry("Pod", "{" + META + ",\"spec\":{\"containers\":null},\"status\":{}}"),
      Map.entry("Service", "{" + META + ",\"spec\":{},\"status\":{\"loadBalancer\":{}}}"),
      Map.entry("Namespace", "{" + META + ",\"spec\":{},\"status\":{}}"),
      Map.entry("Node", "{" + META + ",\"spec\":{},\"status\":{\"daemonEndpoints\":{\"kubeletEndpoint\":"
          + "{\"Port\":0}},\"nodeInfo\":{\"machineID\":\"\",\"systemUUID\":\"\",\"bootID\":\"\","
          + "\"kernelVersion\":\"\",\"osImage\":\"\",\"containerRuntimeVersion\":\"\",\"kubeletVersion\":\"\","
          + "\"kubeProxyVersion\":\"\",\"operatingSystem\":\"\",\"architecture\":\"\"}}}"),
      Map.entry("ReplicationController", "{" + META + ",\"spec\":{},\"status\":{\"replicas\":0}}"),
      Map.entry("ReplicaSet", "{" + META + ",\"spec\":{\"selector\":null,\"template\":" + POD_TEMPLATE
          + "},\"status\":{\"replicas\":0}}"),
      Map.entry("Deployment", "{" + META + ",\"spec\":{\"selector\":null,\"template\":" + POD_TEMPLATE
          + ",\"strategy\":{}},\"status\":{}}"),
      Map.entry("Event", "{" + META + ",\"involvedObject\":{},\"source\":{},\"firstTimestamp\":null,"
          + "\"lastTimestamp\":null,\"eventTime\":null,\"reportingComponent\":\"\",\"reportingInstance\":\"\"}"),
      Map.entry("Lease", "{" + META + ",\"spec\":{}}"),
      Map.entry("Scale", "{" + META + ",\"spec\":{},\"status\":{\"replicas\":0}}"));

  /** Parsed zero objects by kind: every create asks for one, and parsing is dearer than copying. */
  private static final Map<String, ObjectNode> PARSED = new ConcurrentHashMap<>();

  /** The zero object of a kind (a fresh copy the caller may change); kinds without spec or status fields have only metadata. */
  static ObjectNode of(String kind) {
    return PARSED.computeIfAbsent(kind, ZeroObjects::parse).deepCopy();
  }

  private static ObjectNode parse(String kind) {
    try {
      JsonNode n = JSON.readTree(ZERO.getOrDefault(kind, "{" + META + "}"));
      return (ObjectNode) n;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
