package dev.skiff.client;

import dev.skiff.client.error.KubeConnectionException;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A followed pod log: its lines as they are written, until the container stops or the caller closes the
 * stream. Always close it (try-with-resources), which ends the HTTP request.
 *
 * <pre>{@code
 * try (LogStream log = client.pods("demo").followLogs("web-1", LogOptions.defaults())) {
 *   log.lines().filter(l -> l.contains("ERROR")).limit(10).forEach(System.out::println);
 * }
 * }</pre>
 */
public final class LogStream implements Closeable {
  private final Closeable response;
  private final BufferedReader reader;
  private final String description;

  LogStream(Closeable response, java.io.InputStream body, String description) {
    this.response = response;
    this.reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
    this.description = description;
  }

  /**
   * The next line, waiting for it to be written.
   *
   * @return the line without its line break, or null when the log ended
   * @throws KubeConnectionException when the connection fails or the idle timeout passes
   */
  public String readLine() {
    try {
      return reader.readLine();
    } catch (IOException e) {
      throw new KubeConnectionException(description + ": reading the log failed: " + e, e);
    }
  }

  /**
   * The remaining lines as a lazy stream; reading blocks until each line is written. Consume it once.
   *
   * @return the lines
   * @throws KubeConnectionException (from the stream's operations) when the connection fails
   */
  public Stream<String> lines() {
    Iterator<String> it = new Iterator<>() {
      private String next;

      @Override
      public boolean hasNext() {
        if (next == null) {
          next = readLine();
        }
        return next != null;
      }

      @Override
      public String next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        String line = next;
        next = null;
        return line;
      }
    };
    return StreamSupport.stream(Spliterators.spliteratorUnknownSize(it, Spliterator.ORDERED | Spliterator.NONNULL),
        false).onClose(this::close);
  }

  /** Ends the request; a blocked {@link #readLine()} in another thread fails. Idempotent. */
  @Override
  public void close() {
    try {
      response.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
