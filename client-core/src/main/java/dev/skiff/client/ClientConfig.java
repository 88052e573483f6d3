package dev.skiff.client;

import java.net.URI;
import java.util.Objects;

/**
 * Where a client connects and who it is: server, TLS trust, credentials, default namespace.
 *
 * <p>SCAFFOLD: placeholder with the agreed signatures; the real implementation replaces it.
 */
public final class ClientConfig {
  private final URI server;
  private final String namespace;

  private ClientConfig(Builder b) {
    this.server = Objects.requireNonNull(b.server, "server");
    this.namespace = b.namespace;
  }

  /** The API server's base URL. */
  public URI server() {
    return server;
  }

  /** The namespace used when a call names none. */
  public String namespace() {
    return namespace;
  }

  /** A builder for an explicit configuration. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link ClientConfig}. */
  public static final class Builder {
    private URI server;
    private String namespace = "default";

    /** The API server's base URL. */
    public Builder server(String url) {
      this.server = URI.create(url);
      return this;
    }

    /** The default namespace. */
    public Builder namespace(String namespace) {
      this.namespace = namespace;
      return this;
    }

    /** The configuration. */
    public ClientConfig build() {
      return new ClientConfig(this);
    }
  }
}
