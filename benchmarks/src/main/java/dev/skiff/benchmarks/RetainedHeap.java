package dev.skiff.benchmarks;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.openjdk.jol.info.GraphLayout;
import org.openjdk.jol.info.GraphStats;
import org.openjdk.jol.vm.VM;

/**
 * Measures the heap a decoded {@link PodListFixture} PodList keeps alive, per pod, for each library: every
 * object reachable from the decoded list, each counted once even when shared (Skiff shares equal strings and
 * other values within one decode), at the sizes of the running JVM as JOL reports them
 * ({@link GraphStats}; {@link GraphLayout} for the per-class breakdown).
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.skiff.benchmarks.RetainedHeap [--libraries skiff,fabric8,official]
 * [--top N] [--out FILE]}. {@code --top} also lists the N classes taking the most space per library (slower);
 * {@code --out} appends {@code library<TAB>bytesPerPod<TAB>objectsPerPod} lines for {@link Summary}. JOL walks
 * JDK internals: run with {@code --add-opens java.base/java.lang=ALL-UNNAMED} (and {@code java.util},
 * {@code java.time}) and {@code -Djol.skipHotspotSAAttach=true}, or the walk is many times slower.
 */
public final class RetainedHeap {
  private RetainedHeap() {}

  /** One library's decoded list, measured. */
  private record Footprint(String library, long bytes, long objects, List<ClassShare> topClasses) {}

  /** The space one class takes in a decoded list. */
  private record ClassShare(String className, long bytes, long objects) {}

  /**
   * Runs the measurement and prints the table.
   *
   * @param args {@code [--libraries skiff,fabric8,official] [--top N] [--out FILE]}
   * @throws IOException when the output file cannot be written
   */
  public static void main(String[] args) throws IOException {
    List<String> libraries = List.of("skiff", "fabric8", "official");
    int top = 0;
    Path out = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--libraries" -> libraries = Arrays.asList(args[++i].split(","));
        case "--top" -> top = Integer.parseInt(args[++i]);
        case "--out" -> out = Path.of(args[++i]);
        default -> throw new IllegalArgumentException(
            "usage: RetainedHeap [--libraries skiff,fabric8,official] [--top N] [--out FILE]");
      }
    }
    PrintStream log = System.out;
    byte[] json = PodListFixture.podListJson();
    Libraries.verifyAll(json, PodListFixture.PODS, libraries, log);

    Map<String, Function<byte[], Object>> decoders = new LinkedHashMap<>();
    decoders.put("skiff", Libraries::skiffDecode);
    decoders.put("fabric8", Libraries::fabric8Decode);
    decoders.put("official", Libraries::officialDecode);
    List<Footprint> results = new ArrayList<>();
    for (String library : libraries) {
      Function<byte[], Object> decoder = decoders.get(library);
      if (decoder == null) {
        throw new IllegalArgumentException("unknown library " + library + "; known: " + decoders.keySet());
      }
      String label = switch (library) {
        case "skiff" -> "Skiff";
        case "official" -> Libraries.officialLabel();
        default -> library;
      };
      results.add(measure(label, decoder.apply(json), top));
    }

    int pods = PodListFixture.PODS;
    log.printf("%nRetained heap of the decoded PodList (%,d pods; JOL, every reachable object once;"
            + " %s %s, %d-byte references, %d-byte object headers)%n", pods,
        System.getProperty("java.vm.name"), System.getProperty("java.vm.version"),
        VM.current().addressSize(), VM.current().objectHeaderSize());
    log.printf("%-12s %12s %12s %10s %11s%n", "library", "bytes/pod", "objects/pod", "total MB", "vs fabric8");
    long fabric8 = results.stream().filter(r -> r.library().equals("fabric8")).mapToLong(Footprint::bytes)
        .findFirst().orElse(0);
    for (Footprint r : results) {
      log.printf("%-12s %,12d %,12d %10.1f %11s%n", r.library(), r.bytes() / pods, r.objects() / pods,
          r.bytes() / 1e6, fabric8 == 0 ? "-" : String.format("%.2fx", (double) r.bytes() / fabric8));
    }
    log.printf("%-12s %,12d %12s %10.1f%n", "(JSON input)", json.length / pods, "", json.length / 1e6);

    for (Footprint r : results) {
      if (!r.topClasses().isEmpty()) {
        log.printf("%n%s: top %d classes by retained bytes per pod%n", r.library(), top);
        log.printf("  %12s %12s  %s%n", "bytes/pod", "objects/pod", "class");
        for (ClassShare c : r.topClasses()) {
          log.printf("  %,12.1f %,12.2f  %s%n", c.bytes() / (double) pods, c.objects() / (double) pods,
              c.className());
        }
      }
    }

    if (out != null) {
      StringBuilder tsv = new StringBuilder();
      for (Footprint r : results) {
        tsv.append(r.library()).append('\t').append(r.bytes() / pods).append('\t').append(r.objects() / pods)
            .append('\n');
      }
      Files.writeString(out, tsv, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
  }

  private static Footprint measure(String library, Object decoded, int top) {
    if (top <= 0) {
      GraphStats stats = GraphStats.parseInstance(decoded);
      return new Footprint(library, stats.totalSize(), stats.totalCount(), List.of());
    }
    GraphLayout layout = GraphLayout.parseInstance(decoded);
    List<ClassShare> classes = layout.getClasses().stream()
        .map(c -> new ClassShare(c.getName(), layout.getClassSizes().count(c), layout.getClassCounts().count(c)))
        .sorted(Comparator.comparingLong(ClassShare::bytes).reversed())
        .limit(top)
        .toList();
    return new Footprint(library, layout.totalSize(), layout.totalCount(), classes);
  }
}
