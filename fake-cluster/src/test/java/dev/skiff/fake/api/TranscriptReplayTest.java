package dev.skiff.fake.api;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skiff.fake.api.replay.TranscriptReplay;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Replays the golden transcripts recorded from a real kube-apiserver v1.34 against an in-process
 * {@link ApiServer}, one dynamic test per compared step, with the harness's normalization and comparison.
 *
 * <p>Steps that need controllers (the replication controller, the endpoints controllers) belong to part 2 of
 * the project and are skipped with that reason.
 */
class TranscriptReplayTest {

  /** Steps that need a controller this server does not run yet, with the reason. */
  private static final Map<String, String> NEEDS_CONTROLLER = Map.of(
      "rc-flake/*", "needs the replication controller (part 2)",
      "services/endpoints", "needs the endpoints controller (part 2)",
      "services/endpointslice", "needs the endpointslice controller and the discovery.k8s.io group (part 2)");

  @TestFactory
  Stream<DynamicNode> transcripts() {
    TranscriptReplay replay = TranscriptReplay.fromClasspath("/transcripts/");
    List<DynamicNode> scenarios = new ArrayList<>();
    for (JsonNode sc : replay.scenarios()) {
      String scenario = sc.get("name").asText();
      List<DynamicTest> steps = new ArrayList<>();
      for (String step : replay.goldenSteps(scenario)) {
        Optional<String> skip = skipReason(scenario, step);
        steps.add(DynamicTest.dynamicTest(step, () -> {
          skip.ifPresent(reason -> Assumptions.abort(reason));
          List<String> diffs = replay.compare(scenario, step, NEEDS_CONTROLLER.keySet());
          if (!diffs.isEmpty()) {
            fail(scenario + "/" + step + ": " + String.join("; ", diffs.subList(0, Math.min(5, diffs.size())))
                + (diffs.size() > 5 ? " (+" + (diffs.size() - 5) + " more)" : ""));
          }
        }));
      }
      scenarios.add(DynamicContainer.dynamicContainer(scenario, steps));
    }
    return scenarios.stream();
  }

  private static Optional<String> skipReason(String scenario, String step) {
    String all = NEEDS_CONTROLLER.get(scenario + "/*");
    if (all != null) {
      return Optional.of(all);
    }
    return Optional.ofNullable(NEEDS_CONTROLLER.get(scenario + "/" + step));
  }
}
