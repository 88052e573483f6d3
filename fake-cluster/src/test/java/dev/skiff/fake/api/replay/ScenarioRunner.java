package dev.skiff.fake.api.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.skiff.fake.api.ApiServer;
import dev.skiff.fake.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs a corpus scenario's steps (requests, batches, watches, waits) against an in-process {@link ApiServer}
 * and records them in the transcript format, as the harness's runner does over HTTP.
 */
final class ScenarioRunner {
  static final String USER_AGENT = "diffrun/1.0";
  private static final Pattern VAR = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)\\}");
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  /** Waits and watches in-process need far less than the harness's network bounds. */
  private static final Duration MAX_WAIT = Duration.ofSeconds(3);

  /** A step that cannot run, e.g. an undefined variable. */
  static final class StepError extends Exception {
    StepError(String message) {
      super(message);
    }
  }

  private final ApiServer server;
  private final Set<String> skippedSteps;

  /**
   * Creates a runner.
   *
   * @param server the server under test
   * @param skippedSteps step names (qualified as in the transcript) not to run
   */
  ScenarioRunner(ApiServer server, Set<String> skippedSteps) {
    this.server = server;
    this.skippedSteps = skippedSteps;
  }

  // ------------------------------------------------------------------------------------------ templating

  static JsonNode subst(JsonNode v, Map<String, JsonNode> env) throws StepError {
    if (v == null) {
      return null;
    }
    if (v.isTextual()) {
      String s = v.asText();
      Matcher whole = VAR.matcher(s);
      if (whole.matches()) {
        JsonNode val = env.get(whole.group(1));
        if (val == null) {
          throw new StepError("undefined variable ${" + whole.group(1) + "}");
        }
        return val.deepCopy();
      }
      Matcher m = VAR.matcher(s);
      StringBuilder sb = new StringBuilder();
      while (m.find()) {
        JsonNode val = env.get(m.group(1));
        if (val == null) {
          throw new StepError("undefined variable ${" + m.group(1) + "}");
        }
        m.appendReplacement(sb, Matcher.quoteReplacement(Json.asText(val)));
      }
      m.appendTail(sb);
      return TextNode.valueOf(sb.toString());
    }
    if (v.isObject()) {
      if (v.has("$var")) {
        String name = v.get("$var").asText();
        JsonNode base = env.get(name);
        if (base == null) {
          throw new StepError("undefined variable ${" + name + "}");
        }
        JsonNode out = base.deepCopy();
        if (v.has("$merge")) {
          out = mergePatch(out, subst(v.get("$merge"), env));
        }
        return out;
      }
      ObjectNode out = F.objectNode();
      for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        out.set(subst(TextNode.valueOf(e.getKey()), env).asText(), subst(e.getValue(), env));
      }
      return out;
    }
    if (v.isArray()) {
      ArrayNode out = F.arrayNode();
      for (JsonNode x : v) {
        out.add(subst(x, env));
      }
      return out;
    }
    return v;
  }

  /** RFC 7386, as the harness uses it for {@code $merge} (the server's own merge patch is not used here). */
  static JsonNode mergePatch(JsonNode target, JsonNode patch) {
    if (!patch.isObject()) {
      return patch.deepCopy();
    }
    ObjectNode out = target != null && target.isObject() ? ((ObjectNode) target).deepCopy() : F.objectNode();
    for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getValue().isNull()) {
        out.remove(e.getKey());
      } else {
        out.set(e.getKey(), mergePatch(out.get(e.getKey()), e.getValue()));
      }
    }
    return out;
  }

  // ------------------------------------------------------------------------------------------ requests

  /** One request as the in-process exchange answered it. */
  private InProcessExchange send(String method, String path, JsonNode query, JsonNode headers, byte[] body) {
    Map<String, List<String>> q = new LinkedHashMap<>();
    if (query != null && query.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = query.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        List<String> values = q.computeIfAbsent(e.getKey(), k -> new ArrayList<>());
        if (e.getValue().isArray()) {
          e.getValue().forEach(x -> values.add(Json.asText(x)));
        } else {
          values.add(Json.asText(e.getValue()));
        }
      }
    }
    Map<String, List<String>> h = new HashMap<>();
    h.put("accept", List.of("application/json"));
    h.put("user-agent", List.of(USER_AGENT));
    if (headers != null) {
      for (Iterator<Map.Entry<String, JsonNode>> it = headers.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        h.put(e.getKey().toLowerCase(Locale.ROOT), List.of(e.getValue().asText()));
      }
    }
    InProcessExchange ex = new InProcessExchange();
    server.handle(new HttpRequest(method, path, q, h, body == null ? new byte[0] : body, false), ex);
    return ex;
  }

  private InProcessExchange doRequest(JsonNode spec, Map<String, JsonNode> env) throws StepError {
    String method = spec.path("method").asText("GET").toUpperCase(Locale.ROOT);
    String path = Json.asText(subst(spec.get("path"), env));
    JsonNode query = subst(spec.get("query"), env);
    ObjectNode headers = spec.has("headers") ? (ObjectNode) subst(spec.get("headers"), env) : F.objectNode();
    byte[] body = null;
    if (spec.has("body")) {
      body = Json.bytes(subst(spec.get("body"), env));
    } else if (spec.has("bodyText")) {
      body = Json.asText(subst(spec.get("bodyText"), env)).getBytes(StandardCharsets.UTF_8);
    }
    if (body != null && !headers.has("Content-Type")) {
      headers.put("Content-Type", "application/json");
    }
    return send(method, path, query, headers, body);
  }

  private static ObjectNode responseRecord(InProcessExchange ex) {
    ObjectNode r = F.objectNode();
    r.put("status", ex.status());
    r.put("contentType", ex.contentType() == null ? "" : ex.contentType());
    ArrayNode warnings = r.putArray("warnings");
    ex.headers().forEach((k, v) -> {
      if (k.equalsIgnoreCase("Warning")) {
        warnings.add(v);
      }
    });
    r.set("body", Json.decodeBody(ex.body()));
    return r;
  }

  private static void capture(JsonNode step, JsonNode body, Map<String, JsonNode> env) {
    JsonNode cap = step.get("capture");
    if (cap == null) {
      return;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = cap.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode v = body == null || body.isNull() ? null : JsonPath.get(body, e.getValue().asText());
      if (v == null || v.isNull()) {
        env.remove(e.getKey());
      } else {
        env.put(e.getKey(), v);
      }
    }
  }

  private static ArrayNode assertions(JsonNode step, Map<String, JsonNode> env) {
    ArrayNode out = F.arrayNode();
    for (JsonNode a : step.path("assert")) {
      out.addObject().<ObjectNode>set("assert", a).put("result", Assertions.eval(a, env));
    }
    return out;
  }

  ObjectNode runRequest(JsonNode step, Map<String, JsonNode> env, Normalizer norm) {
    ObjectNode rec = F.objectNode();
    rec.put("name", step.get("name").asText());
    rec.put("type", "request");
    ObjectNode template = rec.putObject("request");
    for (String k : List.of("method", "path", "query", "headers", "body", "bodyText")) {
      if (step.has(k)) {
        template.set(k, step.get(k));
      }
    }
    try {
      if (step.has("body")) {
        norm.learn(subst(step.get("body"), env));
      }
      InProcessExchange ex = doRequest(step, env);
      ObjectNode raw = responseRecord(ex);
      JsonNode body = raw.get("body");
      if (body.isContainerNode()) {
        capture(step, body, env);
        norm.learn(body);
      }
      rec.set("response", norm.norm(raw));
      if (step.has("assert")) {
        rec.set("assertions", assertions(step, env));
      }
    } catch (StepError e) {
      rec.put("error", e.getMessage());
    }
    return rec;
  }

  ObjectNode runBatch(JsonNode step, Map<String, JsonNode> env, Normalizer norm, String prefix) {
    ObjectNode rec = F.objectNode();
    rec.put("name", step.get("name").asText());
    rec.put("type", "batch");
    ArrayNode subs = rec.putArray("subs");
    int i = 0;
    for (JsonNode sub : step.path("requests")) {
      ObjectNode s = ((ObjectNode) sub).deepCopy();
      if (!s.has("name")) {
        s.put("name", Integer.toString(i));
      }
      i++;
      if (skippedSteps.contains(prefix + step.get("name").asText() + "/" + s.get("name").asText())) {
        continue;
      }
      subs.add(runRequest(s, env, norm));
    }
    return rec;
  }

  ObjectNode runWait(JsonNode step, Map<String, JsonNode> env, Normalizer norm) {
    ObjectNode rec = F.objectNode();
    rec.put("name", step.get("name").asText());
    rec.put("type", "wait");
    ObjectNode spec = ((ObjectNode) step.get("wait")).deepCopy().put("method", "GET");
    rec.set("request", spec);
    long deadline = System.nanoTime() + Math.min((long) (step.path("timeout").asDouble(60) * 1e9),
        MAX_WAIT.toNanos());
    try {
      ObjectNode raw;
      boolean reached;
      while (true) {
        InProcessExchange ex = doRequest(spec, env);
        raw = responseRecord(ex);
        reached = Until.eval(step.get("until"), ex.status(), raw.get("body"));
        if (reached || System.nanoTime() >= deadline) {
          break;
        }
        Thread.onSpinWait();
        synchronized (this) {
          wait(20); // polling, as the harness does, with a short bounded pause between polls
        }
      }
      rec.put("reached", reached);
      if (raw.get("body").isContainerNode()) {
        capture(step, raw.get("body"), env);
        norm.learn(raw.get("body"));
      }
      rec.set("response", norm.norm(raw));
      if (step.has("assert")) {
        rec.set("assertions", assertions(step, env));
      }
    } catch (StepError e) {
      rec.put("error", e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      rec.put("error", "interrupted");
    }
    return rec;
  }

  ObjectNode runWatch(JsonNode step, Map<String, JsonNode> env, Normalizer norm, String prefix) {
    ObjectNode rec = F.objectNode();
    rec.put("name", step.get("name").asText());
    rec.put("type", "watch");
    ArrayNode steps = rec.putArray("steps");
    JsonNode spec = step.get("watch");
    String path;
    ObjectNode query;
    JsonNode headers;
    try {
      path = Json.asText(subst(spec.get("path"), env));
      query = spec.has("query") ? (ObjectNode) subst(spec.get("query"), env) : F.objectNode();
      if (!query.has("watch")) {
        query.put("watch", "true");
      }
      headers = spec.has("headers") ? subst(spec.get("headers"), env) : F.objectNode();
    } catch (StepError e) {
      rec.put("error", e.getMessage());
      return rec;
    }
    JsonNode startRv = query.get("resourceVersion");
    InProcessExchange ex = send("GET", path, query, headers, null);
    rec.put("status", ex.status());
    rec.put("contentType", ex.contentType() == null ? "" : ex.contentType());
    boolean streaming = ex.status() == 200 && ex.streaming();
    JsonNode body = null;
    if (!streaming) {
      body = Json.decodeBody(ex.body());
    }
    String here = prefix + step.get("name").asText() + "/";
    for (JsonNode sub : step.path("steps")) {
      ObjectNode r = runStep(sub, env, norm, here);
      if (r != null) {
        steps.add(r);
      }
    }
    List<JsonNode> evs = new ArrayList<>();
    if (streaming) {
      int want = step.has("events") ? step.get("events").asInt() : Integer.MAX_VALUE;
      Duration bound = Duration.ofMillis(Math.min((long) (step.path("timeout").asDouble(10) * 1000),
          MAX_WAIT.toMillis()));
      try {
        ex.awaitChunks(want, want == Integer.MAX_VALUE ? Duration.ofMillis(200) : bound);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      ex.close();
      for (String line : ex.lines()) {
        for (String l : line.split("\n")) {
          if (l.isBlank()) {
            continue;
          }
          try {
            evs.add(Json.MAPPER.readTree(l));
          } catch (java.io.IOException e) {
            evs.add(F.objectNode().put("type", "<unparseable>").put("raw", l.length() > 500 ? l.substring(0, 500) : l));
          }
        }
      }
    }
    ArrayNode events = F.arrayNode();
    evs.forEach(events::add);
    norm.learn(events);
    rec.set("checks", checks(evs, startRv));
    rec.set("events", norm.norm(events));
    if (body != null) {
      if (body.isContainerNode()) {
        norm.learn(body);
      }
      rec.set("body", norm.norm(body));
    }
    if (step.has("capture")) {
      capture(step, events, env);
    }
    if (step.has("assert")) {
      rec.set("assertions", assertions(step, env));
    }
    return rec;
  }

  private static ObjectNode checks(List<JsonNode> evs, JsonNode startRv) {
    List<JsonNode> rvs = new ArrayList<>();
    for (JsonNode ev : evs) {
      JsonNode obj = ev.get("object");
      if (!"ERROR".equals(ev.path("type").asText(null)) && obj != null && obj.isObject()) {
        JsonNode meta = obj.get("metadata");
        rvs.add(meta != null && meta.isObject() ? meta.get("resourceVersion") : null);
      }
    }
    ObjectNode checks = F.objectNode();
    List<Long> nums = new ArrayList<>();
    for (JsonNode r : rvs) {
      Long n = Assertions.num(r);
      if (n == null) {
        if (rvs.isEmpty()) {
          checks.putNull("rvNumeric");
        } else {
          checks.put("rvNumeric", false);
        }
        return checks;
      }
      nums.add(n);
    }
    checks.put("rvNumeric", true);
    boolean nonDecreasing = true;
    for (int i = 1; i < nums.size(); i++) {
      nonDecreasing &= nums.get(i) >= nums.get(i - 1);
    }
    checks.put("rvNonDecreasing", nonDecreasing);
    if (startRv != null && !startRv.asText().isEmpty() && !startRv.asText().equals("0")) {
      Long start = Assertions.num(startRv);
      if (start == null) {
        if (rvs.isEmpty()) {
          checks.putNull("rvNumeric");
        } else {
          checks.put("rvNumeric", false);
        }
        return checks;
      }
      checks.put("rvAfterStart", nums.stream().allMatch(n -> n > start));
    }
    return checks;
  }

  /** Runs one step; null when the step is skipped. */
  ObjectNode runStep(JsonNode step, Map<String, JsonNode> env, Normalizer norm, String prefix) {
    String name = prefix + step.get("name").asText();
    if (skippedSteps.contains(name)) {
      return null;
    }
    if (step.has("watch")) {
      return runWatch(step, env, norm, prefix);
    }
    if (step.has("wait")) {
      return runWait(step, env, norm);
    }
    if (step.has("requests")) {
      return runBatch(step, env, norm, prefix);
    }
    if (step.has("method")) {
      return runRequest(step, env, norm);
    }
    return F.objectNode().put("name", step.get("name").asText()).put("type", "sleep");
  }

  /** Runs a whole scenario: its namespace, its steps, its cleanup. */
  ObjectNode runScenario(JsonNode sc) {
    Map<String, JsonNode> env = new HashMap<>();
    List<String> nss = new ArrayList<>();
    JsonNode nsSpec = sc.get("namespace");
    if (nsSpec == null || !(nsSpec.isBoolean() && !nsSpec.asBoolean())) {
      String ns = nsSpec != null && nsSpec.isTextual() ? nsSpec.asText() : "dr-" + sc.get("name").asText();
      env.put("ns", TextNode.valueOf(ns));
      nss.add(ns);
    }
    ObjectNode out = F.objectNode();
    out.put("scenario", sc.get("name").asText());
    ArrayNode steps = out.putArray("steps");
    try {
      for (Iterator<Map.Entry<String, JsonNode>> it = sc.path("extraNamespaces").fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        JsonNode v = subst(e.getValue(), env);
        env.put(e.getKey(), v);
        nss.add(v.asText());
      }
    } catch (StepError e) {
      out.put("setupError", e.getMessage());
      return out;
    }
    Normalizer norm = new Normalizer(sc.get("replace"));
    if (!nss.isEmpty()) {
      ObjectNode ns = F.objectNode().put("apiVersion", "v1").put("kind", "Namespace");
      ns.putObject("metadata").put("name", nss.get(0));
      InProcessExchange ex = send("POST", "/api/v1/namespaces", null,
          F.objectNode().put("Content-Type", "application/json"), Json.bytes(ns));
      if (ex.status() != 201) {
        out.put("setupError", "create namespace " + nss.get(0) + ": " + ex.status() + " "
            + new String(ex.body(), StandardCharsets.UTF_8));
        return out;
      }
    }
    for (JsonNode step : sc.path("steps")) {
      ObjectNode r = runStep(step, env, norm, "");
      if (r != null) {
        steps.add(r);
      }
    }
    for (JsonNode c : sc.path("cleanup")) {
      try {
        doRequest(c, env);
      } catch (StepError ignored) {
        // the harness ignores cleanup errors too
      }
    }
    for (String ns : nss) {
      send("DELETE", "/api/v1/namespaces/" + ns, null, null, null);
    }
    return out;
  }

  /** Base64 decoding for the {@code b64} assertion. */
  static String b64(String s) {
    return new String(Base64.getDecoder().decode(s), StandardCharsets.UTF_8);
  }
}
