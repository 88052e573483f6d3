package dev.skiff.client.internal;

import dev.skiff.client.ClientConfig;
import okhttp3.OkHttpClient;

/**
 * Turns a {@link ClientConfig} into an OkHttp client with its TLS and authentication. Not public API.
 *
 * <p>SCAFFOLD: placeholder with the agreed signatures; the real implementation replaces it.
 */
public final class HttpClients {
  private HttpClients() {}

  /** A new OkHttp client builder for the configuration: TLS trust, client certificate, credentials. */
  public static OkHttpClient.Builder newBuilder(ClientConfig config) {
    return new OkHttpClient.Builder();
  }
}
