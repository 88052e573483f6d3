package dev.skiff.benchmarks;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * The smallest HTTP/1.1 client that can drive both fake servers: one kept-alive loopback socket, blocking
 * requests, bodies read completely (by {@code Content-Length} or chunked). It exists so that the server
 * benchmarks time the servers rather than a general-purpose client: the JDK's {@code HttpClient} needs about
 * 1.5 ms for its first request to a new port and about 6 ms to read a 3 MB body from a server that does
 * nothing but write it, on the machine in {@code benchmarks/README.md} — more than the targets measured here.
 *
 * <p>Not thread-safe; one per benchmark thread. Reconnects when the server closed the connection.
 */
final class WireClient implements AutoCloseable {
  private final String host;
  private final int port;
  private Socket socket;
  private InputStream in;
  private OutputStream out;

  /**
   * A client for one server.
   *
   * @param baseUrl {@code http://host:port}, without a path
   */
  WireClient(String baseUrl) {
    URI uri = URI.create(baseUrl);
    this.host = uri.getHost();
    this.port = uri.getPort();
  }

  /** GET, failing unless 200; returns the body. */
  byte[] get(String path) {
    return exchange("GET", path, null, 200);
  }

  /** POST of a JSON body, failing unless 201; returns the body. */
  byte[] post(String path, byte[] json) {
    return exchange("POST", path, json, 201);
  }

  /** DELETE, failing unless 200; returns the body. */
  byte[] delete(String path) {
    return exchange("DELETE", path, null, 200);
  }

  private byte[] exchange(String method, String path, byte[] body, int expected) {
    try {
      if (socket == null) {
        connect();
      }
      StringBuilder head = new StringBuilder(160).append(method).append(' ').append(path)
          .append(" HTTP/1.1\r\nHost: ").append(host).append(':').append(port)
          .append("\r\nAccept: application/json\r\n");
      if (body != null) {
        head.append("Content-Type: application/json\r\nContent-Length: ").append(body.length).append("\r\n");
      }
      out.write(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
      if (body != null) {
        out.write(body);
      }
      out.flush();
      return readResponse(method + " " + path, expected);
    } catch (IOException e) {
      close();
      throw new UncheckedIOException(method + " " + path + " failed", e);
    }
  }

  private void connect() throws IOException {
    socket = new Socket();
    socket.setTcpNoDelay(true);
    socket.connect(new InetSocketAddress(host, port), 10_000);
    socket.setSoTimeout(60_000);
    in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
    out = socket.getOutputStream();
  }

  private byte[] readResponse(String request, int expected) throws IOException {
    String status = line();
    int code = Integer.parseInt(status.substring(9, 12));
    long length = -1;
    boolean chunked = false;
    boolean closes = false;
    for (String header = line(); !header.isEmpty(); header = line()) {
      int colon = header.indexOf(':');
      String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
      String value = header.substring(colon + 1).trim();
      switch (name) {
        case "content-length" -> length = Long.parseLong(value);
        case "transfer-encoding" -> chunked = value.equalsIgnoreCase("chunked");
        case "connection" -> closes = value.equalsIgnoreCase("close");
        default -> { }
      }
    }
    byte[] body;
    // Bodies are read straight into their array: the client's cost per byte is paid for every byte a server
    // sends, so it must be as small as it can be, or it charges the server that sends more (InputStream's
    // readNBytes(int) reads 8 KiB pieces and copies them all again at the end).
    if (chunked) {
      body = new byte[8192];
      int filled = 0;
      for (int size = Integer.parseInt(line().split(";")[0].trim(), 16); size > 0;
          size = Integer.parseInt(line().split(";")[0].trim(), 16)) {
        if (body.length - filled < size) {
          body = Arrays.copyOf(body, Math.max(body.length * 2, filled + size));
        }
        readFully(body, filled, size);
        filled += size;
        line();
      }
      while (!line().isEmpty()) {
        // trailers
      }
      body = Arrays.copyOf(body, filled);
    } else if (length >= 0) {
      body = new byte[Math.toIntExact(length)];
      readFully(body, 0, body.length);
    } else {
      body = in.readAllBytes();
      closes = true;
    }
    if (closes) {
      close();
    }
    if (code != expected) {
      throw new IllegalStateException(request + " answered " + code + ": "
          + new String(body, StandardCharsets.UTF_8));
    }
    return body;
  }

  private void readFully(byte[] into, int from, int count) throws IOException {
    int read = in.readNBytes(into, from, count);
    if (read != count) {
      throw new IOException("body ended after " + read + " of " + count + " bytes");
    }
  }

  private String line() throws IOException {
    StringBuilder s = new StringBuilder(64);
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b < 0) {
        throw new IOException("connection closed mid-response");
      }
      if (b != '\r') {
        s.append((char) b);
      }
    }
    return s.toString();
  }

  /** Closes the connection; the next request opens a new one. */
  @Override
  public void close() {
    if (socket != null) {
      try {
        socket.close();
      } catch (IOException ignored) {
        // closing a loopback socket: nothing to recover
      }
      socket = null;
    }
  }
}
