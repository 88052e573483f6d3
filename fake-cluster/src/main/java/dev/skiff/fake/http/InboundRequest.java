package dev.skiff.fake.http;

import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One request taken off the wire, copied out of Netty's buffers so that nothing pooled outlives the read that
 * produced it (the connection may queue it while an earlier request is still being answered).
 */
sealed interface InboundRequest {

  /** A request the API layer will see. */
  record Valid(HttpRequest request, boolean keepAlive, HttpVersion version, HttpHeaders nettyHeaders, String uri)
      implements InboundRequest {}

  /** A request the transport refuses by itself; the connection closes after the answer. */
  record Refused(int status, String contentType, byte[] body) implements InboundRequest {}

  /**
   * Converts and copies a decoded request; the caller releases it.
   */
  static InboundRequest of(FullHttpRequest r) {
    DecoderResult result = r.decoderResult();
    if (result.isFailure()) {
      return result.cause() instanceof TooLongFrameException
          ? new Refused(431, StatusBodies.TEXT_PLAIN, StatusBodies.HEADERS_TOO_LARGE_TEXT)
          : badRequest();
    }
    String path;
    Map<String, List<String>> query;
    try {
      QueryStringDecoder decoded = new QueryStringDecoder(originForm(r.uri()), StandardCharsets.UTF_8, true,
          1024, true);
      path = decoded.path();
      query = freeze(decoded.parameters());
    } catch (IllegalArgumentException e) {
      // A bad percent escape: Go's server refuses the request line before any handler runs.
      return badRequest();
    }
    if (!path.startsWith("/")) {
      return badRequest();
    }
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (Map.Entry<String, String> h : r.headers()) {
      headers.computeIfAbsent(h.getKey().toLowerCase(Locale.ROOT), k -> new ArrayList<>(1)).add(h.getValue());
    }
    boolean webSocket = HttpHeaderValues.WEBSOCKET.contentEqualsIgnoreCase(r.headers().get(HttpHeaderNames.UPGRADE))
        && r.headers().containsValue(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE, true);
    byte[] body = ByteBufUtil.getBytes(r.content());
    HttpRequest request = new HttpRequest(r.method().name(), path, query, freeze(headers), body, webSocket);
    // Only an upgrade needs Netty's view of the headers later (for the handshake); copy them then only.
    HttpHeaders nettyHeaders = webSocket
        ? DefaultHttpHeadersFactory.headersFactory().newHeaders().set(r.headers())
        : null;
    return new Valid(request, HttpUtil.isKeepAlive(r), r.protocolVersion(), nettyHeaders, r.uri());
  }

  /** Go's answer to a request it cannot parse. */
  static Refused badRequest() {
    return new Refused(400, StatusBodies.TEXT_PLAIN, StatusBodies.BAD_REQUEST_TEXT);
  }

  /** Reduces an absolute-form target ({@code http://host/path?q}), which HTTP/1.1 servers must accept. */
  private static String originForm(String uri) {
    if (uri.startsWith("/")) {
      return uri;
    }
    int scheme = uri.indexOf("://");
    if (scheme > 0) {
      int slash = uri.indexOf('/', scheme + 3);
      int question = uri.indexOf('?', scheme + 3);
      if (slash < 0 || (question >= 0 && question < slash)) {
        return question < 0 ? "/" : "/" + uri.substring(question);
      }
      return uri.substring(slash);
    }
    return uri;
  }

  private static Map<String, List<String>> freeze(Map<String, List<String>> map) {
    Map<String, List<String>> copy = new LinkedHashMap<>(map.size() * 2);
    map.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    return Collections.unmodifiableMap(copy);
  }
}
