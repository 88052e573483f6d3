package dev.skiff.fake.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** A golden transcript recorded from kube-apiserver v1.34 (test resources {@code registry/<scenario>.json}). */
final class Transcript {
  static final ObjectMapper JSON = new ObjectMapper();

  private final JsonNode root;

  private Transcript(JsonNode root) {
    this.root = root;
  }

  /** Loads {@code registry/<scenario>.json} from the test class path. */
  static Transcript load(String scenario) {
    try (InputStream in = Transcript.class.getClassLoader().getResourceAsStream("registry/" + scenario + ".json")) {
      if (in == null) {
        throw new IllegalArgumentException("no transcript " + scenario);
      }
      return new Transcript(JSON.readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The namespace the scenario ran in ({@code dr-<scenario>}). */
  String namespace() {
    return root.path("namespaces").path(0).asText();
  }

  /** A request record by name; {@code batch/sub} names a request inside a batch. */
  JsonNode step(String name) {
    String[] parts = name.split("/");
    JsonNode list = root.path("steps");
    JsonNode found = null;
    for (String part : parts) {
      found = null;
      for (JsonNode s : list) {
        if (s.path("name").asText().equals(part)) {
          found = s;
          break;
        }
      }
      if (found == null) {
        throw new IllegalArgumentException("no step " + name);
      }
      list = found.has("subs") ? found.path("subs") : found.path("steps");
    }
    return found;
  }

  /** A copy of the request body of a step. */
  ObjectNode requestBody(String name) {
    return (ObjectNode) step(name).path("request").path("body").deepCopy();
  }

  /** The recorded response status code of a step. */
  int responseStatus(String name) {
    return step(name).path("response").path("status").asInt();
  }

  /** A copy of the recorded response body of a step. */
  ObjectNode responseBody(String name) {
    return (ObjectNode) step(name).path("response").path("body").deepCopy();
  }
}
