package dev.skiff.fake.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** Compares what the strategies produced with a recorded response, after the transcript normalization. */
final class TranscriptAssert {
  private TranscriptAssert() {}

  /**
   * Asserts the status code and the body of a replayed step.
   *
   * @param transcript the transcript
   * @param step the step name
   * @param result what the stand-in API layer produced
   * @param generatePrefixes the generateName prefixes seen in the scenario
   */
  static void matches(Transcript transcript, String step, ApiLayerStandIn.Result result, String... generatePrefixes) {
    assertThat(result.code()).as(step + " status").isEqualTo(transcript.responseStatus(step));
    JsonNode expected = ApiLayerStandIn.withoutApiLayerFields(transcript.responseBody(step));
    JsonNode actual = reparse(ApiLayerStandIn.normalize(
        ApiLayerStandIn.withoutApiLayerFields(result.body().deepCopy()), List.of(generatePrefixes)));
    assertThat(pretty(actual)).as(step + " body").isEqualTo(pretty(reparse(expected)));
  }

  /** Through text, so that numbers compare by value (an int and a long of 30 are equal on the wire). */
  private static JsonNode reparse(JsonNode node) {
    try {
      return Transcript.JSON.readTree(Transcript.JSON.writeValueAsString(node));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Pretty text with sorted keys: key order carries no meaning in JSON, and a text diff reads well. */
  private static String pretty(JsonNode node) {
    try {
      Object tree = Transcript.JSON.treeToValue(node, Object.class);
      return Transcript.JSON.copy().configure(com.fasterxml.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
          .writerWithDefaultPrettyPrinter().writeValueAsString(tree);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
