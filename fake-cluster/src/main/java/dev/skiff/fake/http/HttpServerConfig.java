package dev.skiff.fake.http;

import java.util.Objects;
import java.util.Optional;

/**
 * How the transport listens. The server always binds the IPv4 loopback address: a test cluster has no
 * business on other interfaces.
 *
 * @param port the port, or 0 for any free port
 * @param maxBodyBytes request bodies above this size are refused with 413 {@code RequestEntityTooLarge}
 * @param tls serve HTTPS with this certificate, or plain HTTP when empty
 * @param bearerToken require {@code Authorization: Bearer <token>} on every request, or no authentication
 *     when empty
 */
public record HttpServerConfig(int port, int maxBodyBytes, Optional<ServerTls> tls, Optional<String> bearerToken) {

  /**
   * Checks the values.
   *
   * @param port the port, or 0 for any free port
   * @param maxBodyBytes the largest accepted request body
   * @param tls the certificate for HTTPS, or empty for plain HTTP
   * @param bearerToken the required token, or empty for no authentication
   */
  public HttpServerConfig {
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port must be 0 (any free port) or 1..65535: " + port);
    }
    if (maxBodyBytes < 0) {
      throw new IllegalArgumentException("maxBodyBytes must not be negative: " + maxBodyBytes);
    }
    Objects.requireNonNull(tls, "tls");
    Objects.requireNonNull(bearerToken, "bearerToken");
    bearerToken.ifPresent(HttpServerConfig::checkToken);
  }

  /**
   * Plain HTTP on any free port, without authentication, with the real server's 3 MiB body limit.
   *
   * @return the defaults
   */
  public static HttpServerConfig defaults() {
    return new HttpServerConfig(0, 3 * 1024 * 1024, Optional.empty(), Optional.empty());
  }

  /** A token must fit in one header value, or no client could ever send it. */
  private static void checkToken(String token) {
    if (token.isEmpty() || token.chars().anyMatch(c -> c <= ' ' || c >= 0x7f)) {
      throw new IllegalArgumentException("a bearer token must be non-empty printable ASCII without spaces");
    }
  }
}
