package dev.skiff.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

/**
 * Footprint is a feature: the runtime jars a user gets with client-watch (which brings core and model) stay
 * within 10 MiB. For comparison, fabric8's client is 26.5 MiB in 56 jars, the official one 42.9 MiB in 27.
 */
class FootprintTest {
  private static final long LIMIT = 10L * 1024 * 1024;

  @Test
  void runtimeJarsFitInTenMebibytes() throws IOException {
    String classpath = Files.readString(Path.of("target", "runtime-classpath.txt")).strip();
    Map<String, Long> sizes = new LinkedHashMap<>();
    for (String entry : classpath.split(File.pathSeparator)) {
      if (!entry.isEmpty()) {
        sizes.put(Path.of(entry).getFileName().toString(), size(Path.of(entry)));
      }
    }
    sizes.put("client-watch", size(Path.of("target", "classes")));
    long total = sizes.values().stream().mapToLong(Long::longValue).sum();
    StringBuilder report = new StringBuilder();
    sizes.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .forEach(e -> report.append(String.format("  %8.1f KiB  %s%n", e.getValue() / 1024.0, e.getKey())));
    System.out.printf("client-watch runtime footprint: %.2f MiB in %d entries%n%s", total / 1048576.0,
        sizes.size(), report);
    assertThat(classpath).as("the model is on the runtime classpath").contains("client-model");
    assertThat(total).as("runtime footprint in bytes%n%s", report).isLessThanOrEqualTo(LIMIT);
  }

  /**
   * A jar's size; for a reactor module's class directory (what {@code mvn test} puts on the classpath before
   * anything is packaged), the size of the jar those classes make: deflated entries, as the jar plugin writes
   * them. Counting the raw class files instead would measure about twice what a user downloads.
   */
  private static long size(Path p) {
    try {
      if (!Files.isDirectory(p)) {
        return Files.size(p);
      }
      CountingStream counted = new CountingStream();
      try (ZipOutputStream jar = new ZipOutputStream(counted); Stream<Path> files = Files.walk(p)) {
        for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
          jar.putNextEntry(new ZipEntry(p.relativize(f).toString().replace(File.separatorChar, '/')));
          Files.copy(f, jar);
          jar.closeEntry();
        }
      }
      return counted.count;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Counts the bytes written to it and keeps none. */
  private static final class CountingStream extends OutputStream {
    long count;

    @Override
    public void write(int b) {
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      count += len;
    }
  }
}
