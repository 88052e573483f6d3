package dev.skiff.fake.api.replay;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.regex.Pattern;

/** The corpus's {@code assert} operators, evaluated as the harness evaluates them. */
final class Assertions {
  private static final Pattern RAND5 = Pattern.compile("[" + Normalizer.GEN_ALPHABET + "]{5}");

  private Assertions() {}

  /** A resourceVersion or generation as a number: an integer or a string of digits; else null. */
  static Long num(JsonNode v) {
    if (v == null || v.isBoolean()) {
      return null;
    }
    if (v.isIntegralNumber()) {
      return v.asLong();
    }
    if (v.isTextual() && !v.asText().isEmpty() && v.asText().chars().allMatch(c -> c >= '0' && c <= '9')) {
      try {
        return Long.parseLong(v.asText());
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  /** Evaluates {@code {"op": args}}; false when a variable is undefined or a value has the wrong shape. */
  static boolean eval(JsonNode a, Map<String, JsonNode> env) {
    String op = a.fieldNames().next();
    JsonNode vals;
    try {
      vals = ScenarioRunner.subst(a.get(op), env);
    } catch (ScenarioRunner.StepError e) {
      return false;
    }
    try {
      switch (op) {
        case "gt":
        case "lt":
        case "ge":
        case "le": {
          Long x = num(vals.get(0));
          Long y = num(vals.get(1));
          if (x == null || y == null) {
            return false;
          }
          switch (op) {
            case "gt":
              return x > y;
            case "lt":
              return x < y;
            case "ge":
              return x >= y;
            default:
              return x <= y;
          }
        }
        case "eq":
          return Comparison.equal(vals.get(0), vals.get(1));
        case "ne":
          return !Comparison.equal(vals.get(0), vals.get(1));
        case "genname": {
          String name = vals.get(0).isTextual() ? vals.get(0).asText() : null;
          String prefix = vals.get(1).asText();
          String p = prefix.substring(0, Math.min(Normalizer.MAX_GENERATED_PREFIX, prefix.length()));
          return name != null && name.startsWith(p) && RAND5.matcher(name.substring(p.length())).matches();
        }
        case "ip":
          return vals.isTextual() && Normalizer.isIp(vals.asText());
        case "b64":
          return ScenarioRunner.b64(vals.get(0).asText()).equals(vals.get(1).asText());
        case "len": {
          JsonNode v = vals.get(0);
          int n = v.isTextual() ? v.asText().codePointCount(0, v.asText().length()) : v.isContainerNode() ? v.size() : -1;
          return n >= 0 && vals.get(1).isNumber() && n == vals.get(1).asInt();
        }
        case "prefix":
          return vals.get(0).isTextual() && vals.get(0).asText().startsWith(vals.get(1).asText());
        default:
          throw new IllegalArgumentException("unknown assert op " + op);
      }
    } catch (RuntimeException e) {
      if (e instanceof IllegalArgumentException && e.getMessage() != null && e.getMessage().startsWith("unknown")) {
        throw e;
      }
      return false;
    }
  }

  /** The text the harness names an assertion by: {@code op(arg, arg)}. */
  static String text(JsonNode a) {
    String op = a.fieldNames().next();
    JsonNode args = a.get(op);
    StringBuilder sb = new StringBuilder(op).append('(');
    if (args.isArray()) {
      for (int i = 0; i < args.size(); i++) {
        if (i > 0) {
          sb.append(", ");
        }
        sb.append(Json.asText(args.get(i)));
      }
    } else {
      sb.append(Json.asText(args));
    }
    return sb.append(')').toString();
  }
}
