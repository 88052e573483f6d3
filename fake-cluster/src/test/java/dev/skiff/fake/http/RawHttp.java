package dev.skiff.fake.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/** A plain socket that speaks HTTP/1.1 by hand, for what java.net.http cannot show (framing, pipelining). */
final class RawHttp implements AutoCloseable {
  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  RawHttp(URI url) throws IOException {
    socket = new Socket(url.getHost(), url.getPort());
    socket.setSoTimeout(10_000); // a hang fails the test instead of blocking it
    in = socket.getInputStream();
    out = socket.getOutputStream();
  }

  void send(String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }

  /** One line without its CRLF, or null at the end of the stream. */
  String readLine() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int c;
    while ((c = in.read()) != -1) {
      if (c == '\n') {
        break;
      }
      if (c != '\r') {
        line.write(c);
      }
    }
    return c == -1 && line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
  }

  /** Reads a response with a Content-Length body: status line, headers (lower-cased names), body. */
  Response readResponse() throws IOException {
    Response head = readResponseHead();
    String length = head.headers().get("content-length");
    byte[] body = length == null ? new byte[0] : in.readNBytes(Integer.parseInt(length));
    return new Response(head.status(), head.headers(), new String(body, StandardCharsets.UTF_8));
  }

  /** Reads a status line and headers only (the answer to HEAD, or the start of a stream). */
  Response readResponseHead() throws IOException {
    String status = readLine();
    if (status == null) {
      throw new IOException("connection closed before a response");
    }
    java.util.Map<String, String> headers = new java.util.LinkedHashMap<>();
    String line;
    while ((line = readLine()) != null && !line.isEmpty()) {
      int colon = line.indexOf(':');
      headers.put(line.substring(0, colon).trim().toLowerCase(java.util.Locale.ROOT), line.substring(colon + 1).trim());
    }
    return new Response(Integer.parseInt(status.split(" ")[1]), headers, "");
  }

  /** Reads one chunk of a chunked body: its text, or null for the last (empty) chunk. */
  String readChunk() throws IOException {
    int size = Integer.parseInt(readLine().trim(), 16);
    byte[] data = in.readNBytes(size);
    readLine(); // the CRLF after the data
    return size == 0 ? null : new String(data, StandardCharsets.UTF_8);
  }

  /** Whether the server has closed the connection (reads to the end). */
  boolean closedByServer() throws IOException {
    try {
      return in.read() == -1;
    } catch (java.net.SocketException e) {
      return true; // reset: closed as well
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }

  record Response(int status, java.util.Map<String, String> headers, String body) {}
}
