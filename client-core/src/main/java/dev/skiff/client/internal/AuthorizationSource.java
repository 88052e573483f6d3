package dev.skiff.client.internal;

import java.io.IOException;

/** Where the {@code Authorization} header of each request comes from. Implementations are thread-safe. */
interface AuthorizationSource {
  /**
   * The header value for the next request, fetching or refreshing credentials when needed.
   *
   * @return e.g. {@code Bearer abc}, or null to send no header (a plugin that supplies only a client
   *     certificate)
   * @throws IOException when the credentials cannot be obtained
   */
  String authorization() throws IOException;

  /**
   * Reports that the server answered 401 to a request carrying this header value, so that the next
   * {@link #authorization()} fetches fresh credentials if it can.
   *
   * @param rejected the header value the server rejected, or null
   * @return true when fresh credentials may differ (worth one retry), false when they cannot
   */
  boolean rejected(String rejected);

  /** A header value that never changes: a fixed bearer token or basic auth. */
  static AuthorizationSource fixed(String authorization) {
    return new AuthorizationSource() {
      @Override
      public String authorization() {
        return authorization;
      }

      @Override
      public boolean rejected(String rejected) {
        return false;
      }

      @Override
      public String toString() {
        return "fixed authorization <redacted>";
      }
    };
  }
}
