package dev.skiff.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Puts one run's numbers side by side as the Markdown table in the README: decode and encode time, their
 * allocation, retained bytes per pod, and Skiff's ratios to fabric8 against the targets.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.skiff.benchmarks.Summary JMH_JSON RETAINED_TSV}, the JMH
 * result file written with {@code -rf json -prof gc} and the file written by {@code RetainedHeap --out}.
 */
public final class Summary {
  private static final double TARGET = 0.7;
  private static final List<String[]> ROWS = List.of(
      new String[] {"Skiff", "skiff", "skiff"},
      new String[] {"fabric8 8.0.0", "fabric8", "fabric8"},
      new String[] {"official 27.0.0 (default: drops managedFields)", "official", "official"},
      new String[] {"official 27.0.0 keeping managedFields", "officialWithManagedFields",
          "officialWithManagedFields", "official+mf"},
      new String[] {"Jackson floor", "jacksonTokens", "jacksonWrite"});

  private Summary() {}

  /** A JMH score: time in ms/op with its error, allocation in bytes/op. */
  private record Score(double ms, double error, double allocBytes) {}

  /**
   * Prints the table.
   *
   * @param args the JMH JSON result file and the retained-heap TSV file
   * @throws IOException when a file cannot be read
   */
  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      throw new IllegalArgumentException("usage: Summary JMH_JSON RETAINED_TSV");
    }
    Map<String, Score> scores = new HashMap<>();
    for (JsonNode run : new ObjectMapper().readTree(Path.of(args[0]).toFile())) {
      String name = run.get("benchmark").asText();
      name = name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1); // Class.method
      JsonNode primary = run.get("primaryMetric");
      double alloc = Double.NaN;
      for (Map.Entry<String, JsonNode> m : run.get("secondaryMetrics").properties()) {
        if (m.getKey().endsWith("gc.alloc.rate.norm")) {
          alloc = m.getValue().get("score").asDouble();
        }
      }
      scores.put(name, new Score(primary.get("score").asDouble(), primary.get("scoreError").asDouble(), alloc));
    }
    Map<String, Long> retained = new HashMap<>();
    for (String line : Files.readAllLines(Path.of(args[1]), StandardCharsets.UTF_8)) {
      String[] f = line.split("\t");
      if (f.length >= 2) {
        retained.put(f[0].toLowerCase(Locale.ROOT), Long.parseLong(f[1]));
      }
    }

    StringBuilder md = new StringBuilder();
    md.append("| library | decode ms/op | encode ms/op | decode alloc MB/op | encode alloc MB/op"
        + " | retained bytes/pod |\n");
    md.append("|---|---:|---:|---:|---:|---:|\n");
    for (String[] row : ROWS) {
      Score decode = scores.get("DecodeBenchmark." + row[1]);
      Score encode = scores.get("EncodeBenchmark." + row[2]);
      Long heap = retained.get(row.length > 3 ? row[3] : row[0].split(" ")[0].toLowerCase(Locale.ROOT));
      md.append("| ").append(row[0])
          .append(" | ").append(time(decode))
          .append(" | ").append(time(encode))
          .append(" | ").append(decode == null ? "-" : String.format(Locale.ROOT, "%,.1f", decode.allocBytes() / 1e6))
          .append(" | ").append(encode == null ? "-" : String.format(Locale.ROOT, "%,.1f", encode.allocBytes() / 1e6))
          .append(" | ").append(heap == null ? "-" : String.format(Locale.ROOT, "%,d", heap))
          .append(" |\n");
    }
    double decodeRatio = ratio(scores.get("DecodeBenchmark.skiff"), scores.get("DecodeBenchmark.fabric8"), false);
    double encodeRatio = ratio(scores.get("EncodeBenchmark.skiff"), scores.get("EncodeBenchmark.fabric8"), false);
    double decodeAlloc = ratio(scores.get("DecodeBenchmark.skiff"), scores.get("DecodeBenchmark.fabric8"), true);
    double encodeAlloc = ratio(scores.get("EncodeBenchmark.skiff"), scores.get("EncodeBenchmark.fabric8"), true);
    double heapRatio = retained.containsKey("skiff") && retained.containsKey("fabric8")
        ? (double) retained.get("skiff") / retained.get("fabric8") : Double.NaN;
    md.append(String.format(Locale.ROOT,
        "| **Skiff / fabric8** | **%.2fx** | **%.2fx** | %.2fx | %.2fx | **%.2fx** |%n",
        decodeRatio, encodeRatio, decodeAlloc, encodeAlloc, heapRatio));
    md.append('\n');
    md.append(target("decode time", decodeRatio));
    md.append(target("encode time", encodeRatio));
    md.append(target("retained heap per pod", heapRatio));
    System.out.print(md);
  }

  private static String time(Score s) {
    if (s == null) {
      return "-";
    }
    return Double.isNaN(s.error())
        ? String.format(Locale.ROOT, "%,.1f", s.ms())
        : String.format(Locale.ROOT, "%,.1f ± %,.1f", s.ms(), s.error());
  }

  private static double ratio(Score skiff, Score fabric8, boolean alloc) {
    if (skiff == null || fabric8 == null) {
      return Double.NaN;
    }
    return alloc ? skiff.allocBytes() / fabric8.allocBytes() : skiff.ms() / fabric8.ms();
  }

  private static String target(String what, double ratio) {
    String verdict = Double.isNaN(ratio) ? "not measured" : ratio <= TARGET ? "MET" : "MISSED";
    return String.format(Locale.ROOT, "- Target Skiff %s <= %.1fx fabric8: %.2fx, **%s**%n", what, TARGET, ratio,
        verdict);
  }
}
