package dev.skiff.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.skiff.model.ApiObject;
import dev.skiff.model.codec.ModelCodec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns what a test hands the builder (model objects, YAML manifests) into the JSON trees the API layer
 * stores. YAML is read as plain trees, not through the model, so kinds Skiff does not model load as well.
 */
final class Preloads {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private Preloads() {}

  /** Encodes a model object as the client would send it. */
  static ObjectNode fromModel(ApiObject object) {
    try {
      return (ObjectNode) JSON.readTree(ModelCodec.standard().writeJsonBytes(object));
    } catch (IOException e) {
      throw new IllegalStateException("the model codec wrote JSON that does not parse", e);
    }
  }

  /**
   * Reads every document of a (multi-document) manifest; empty documents are skipped, a {@code List} kind is
   * flattened into its items.
   *
   * @throws IllegalArgumentException when the YAML is malformed or a document is not an object with a kind
   */
  static List<ObjectNode> fromYaml(String yaml) {
    List<ObjectNode> out = new ArrayList<>();
    try (MappingIterator<JsonNode> documents = YAML.readerFor(JsonNode.class).readValues(yaml)) {
      while (documents.hasNextValue()) {
        JsonNode document = documents.nextValue();
        if (document == null || document.isNull() || document.isMissingNode()
            || (document.isTextual() && document.asText().isEmpty())) {
          continue;
        }
        add(document, out);
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof IllegalArgumentException iae) {
        throw iae;
      }
      throw new IllegalArgumentException("cannot read the YAML manifest: " + e.getMessage(), e);
    }
    return out;
  }

  private static void add(JsonNode document, List<ObjectNode> out) {
    if (!(document instanceof ObjectNode object) || !object.path("kind").isTextual()) {
      throw new IllegalArgumentException("every YAML document must be an object with a kind, not: " + document);
    }
    if (object.path("kind").asText().endsWith("List") && object.path("items").isArray()) {
      object.path("items").forEach(item -> add(item, out));
      return;
    }
    out.add(object);
  }
}
