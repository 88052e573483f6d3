package dev.skiff.fake;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * Writes the kubeconfig text for a running cluster: one cluster, one user, one context, all named
 * {@value #NAME}, namespace {@code default}. Values are double-quoted YAML scalars so that no token or URL
 * can change the document's structure.
 */
final class Kubeconfig {

  /** The cluster, user and context name. */
  static final String NAME = "skiff-fake";

  private Kubeconfig() {}

  static String render(URI server, Optional<String> caPem, Optional<String> bearerToken) {
    StringBuilder b = new StringBuilder(512)
        .append("apiVersion: v1\n")
        .append("kind: Config\n")
        .append("clusters:\n")
        .append("- name: ").append(NAME).append('\n')
        .append("  cluster:\n")
        .append("    server: ").append(quote(server.toString())).append('\n');
    caPem.ifPresent(pem -> b.append("    certificate-authority-data: ")
        .append(Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.US_ASCII))).append('\n'));
    b.append("users:\n")
        .append("- name: ").append(NAME).append('\n');
    if (bearerToken.isPresent()) {
      b.append("  user:\n")
          .append("    token: ").append(quote(bearerToken.get())).append('\n');
    } else {
      b.append("  user: {}\n");
    }
    return b.append("contexts:\n")
        .append("- name: ").append(NAME).append('\n')
        .append("  context:\n")
        .append("    cluster: ").append(NAME).append('\n')
        .append("    user: ").append(NAME).append('\n')
        .append("    namespace: default\n")
        .append("current-context: ").append(NAME).append('\n')
        .toString();
  }

  /** A YAML double-quoted scalar; tokens and URLs are printable ASCII, so escaping quote and backslash is all. */
  private static String quote(String s) {
    return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }
}
