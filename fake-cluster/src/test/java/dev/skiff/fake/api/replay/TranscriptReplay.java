package dev.skiff.fake.api.replay;

import com.fasterxml.jackson.databind.JsonNode;
import dev.skiff.fake.api.ApiServer;
import dev.skiff.fake.api.ApiServerOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The corpus, the golden transcripts and the runs against in-process servers: each scenario runs once, on a
 * fresh server, the first time one of its steps is compared.
 */
public final class TranscriptReplay {
  private final String root;
  private final JsonNode corpus;
  private final Map<String, JsonNode> golden = new HashMap<>();
  private final Map<String, JsonNode> actual = new HashMap<>();

  private TranscriptReplay(String root) {
    this.root = root;
    this.corpus = load(root + "corpus.json");
  }

  /** The corpus and transcripts under a classpath directory, e.g. {@code /transcripts/}. */
  public static TranscriptReplay fromClasspath(String root) {
    return new TranscriptReplay(root);
  }

  private static JsonNode load(String resource) {
    try (InputStream in = TranscriptReplay.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + resource);
      }
      return Json.parse(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The corpus scenarios. */
  public List<JsonNode> scenarios() {
    List<JsonNode> out = new ArrayList<>();
    corpus.path("scenarios").forEach(out::add);
    return out;
  }

  private JsonNode scenario(String name) {
    for (JsonNode sc : corpus.path("scenarios")) {
      if (sc.get("name").asText().equals(name)) {
        return sc;
      }
    }
    throw new IllegalArgumentException("no scenario " + name);
  }

  private JsonNode golden(String scenario) {
    return golden.computeIfAbsent(scenario, s -> load(root + s + ".json"));
  }

  /** The qualified names of a scenario's compared steps, in order. */
  public List<String> goldenSteps(String scenario) {
    return new ArrayList<>(Comparison.flatten(golden(scenario).path("steps"), "").keySet());
  }

  /**
   * Compares one step of a scenario's run with the golden transcript.
   *
   * @param skipped {@code scenario/step} names (or {@code scenario/*}) that are not run
   * @return the differences, empty when the step matches
   */
  public synchronized List<String> compare(String scenario, String step, Set<String> skipped) {
    JsonNode run = actual.computeIfAbsent(scenario, s -> run(s, skipped));
    if (run.has("setupError")) {
      return List.of("scenario setup failed: " + run.get("setupError").asText());
    }
    JsonNode spec = Comparison.flattenSpecs(scenario(scenario).path("steps"), "").get(step);
    if (spec == null) {
      spec = Json.object();
    }
    JsonNode grec = Comparison.flatten(golden(scenario).path("steps"), "").get(step);
    JsonNode arec = Comparison.flatten(run.path("steps"), "").get(step);
    if (arec == null) {
      return List.of("step did not run");
    }
    if (arec.has("error") && !grec.has("error")) {
      return List.of("step error: " + arec.get("error").asText());
    }
    JsonNode e = Comparison.comparable(grec, spec);
    JsonNode a = Comparison.comparable(arec, spec);
    Comparison.applySubset(e, a, spec);
    return Comparison.diff(e, a, "$", new ArrayList<>());
  }

  private JsonNode run(String scenario, Set<String> skipped) {
    Set<String> steps = new HashSet<>();
    for (String s : skipped) {
      if (s.startsWith(scenario + "/")) {
        steps.add(s.substring(scenario.length() + 1));
      }
    }
    JsonNode sc = scenario(scenario);
    if (steps.contains("*")) {
      return Json.object().put("setupError", "scenario skipped");
    }
    try (ApiServer server = new ApiServer(ApiServerOptions.defaults())) {
      return new ScenarioRunner(server, steps).runScenario(sc);
    }
  }
}
