package dev.skiff.client.internal;

import dev.skiff.client.ClientConfig;
import java.time.Clock;
import java.util.Base64;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import okhttp3.ConnectionPool;
import okhttp3.Headers;
import okhttp3.OkHttpClient;

/**
 * Turns a {@link ClientConfig} into an OkHttp client with its TLS and authentication. Not public API.
 *
 * <p>Each builder gets its own credential state (a token file's cache, an exec plugin's credential), so
 * clients built from one builder share it and clients from separate calls do not.
 */
public final class HttpClients {
  private HttpClients() {}

  /**
   * A new OkHttp client builder for the configuration: TLS trust and client certificate, an interceptor
   * that adds credentials, an authenticator that refreshes them once on 401, and the user agent and
   * impersonation headers. Callers add timeouts, their own interceptors and so on.
   *
   * @param config the configuration
   * @return the builder
   */
  public static OkHttpClient.Builder newBuilder(ClientConfig config) {
    return newBuilder(config, Clock.systemUTC());
  }

  /** As {@link #newBuilder(ClientConfig)}, with a clock that decides when cached credentials are stale. */
  static OkHttpClient.Builder newBuilder(ClientConfig config, Clock clock) {
    OkHttpClient.Builder builder = new OkHttpClient.Builder();
    ConnectionPool pool = new ConnectionPool();
    builder.connectionPool(pool);

    AuthorizationSource authorization = null;
    Supplier<KeyMaterial> clientCertificate = null;
    if (config.clientCertificatePem().isPresent()) {
      KeyMaterial fixed = KeyMaterial.fromPem(config.clientCertificatePem().get(), config.clientKeyPem().orElseThrow(), "client");
      clientCertificate = () -> fixed;
    }
    if (config.exec().isPresent()) {
      ExecCredentials exec = new ExecCredentials(config.exec().get(), config, clock);
      authorization = exec;
      Supplier<KeyMaterial> fixed = clientCertificate;
      clientCertificate = () -> {
        KeyMaterial m = exec.certificate();
        return m != null || fixed == null ? m : fixed.get();
      };
    } else if (config.bearerTokenFile().isPresent()) {
      authorization = new TokenFile(config.bearerTokenFile().get(), clock);
    } else if (config.bearerToken().isPresent()) {
      authorization = AuthorizationSource.fixed("Bearer " + config.bearerToken().get());
    } else if (config.username().isPresent()) {
      String pair = config.username().get() + ":" + config.password().orElse("");
      authorization = AuthorizationSource.fixed(
          "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
    }

    SSLContext tls = null;
    if ("https".equalsIgnoreCase(config.server().getScheme())) {
      tls = TlsSetup.apply(builder, config, clientCertificate);
    }
    if (authorization != null) {
      builder.addInterceptor(new AuthorizationInterceptor(authorization));
      builder.authenticator(new RefreshingAuthenticator(authorization));
    }
    if (authorization instanceof ExecCredentials exec) {
      // After the credentials are fetched, before a connection is chosen.
      builder.addInterceptor(new CertificateRotationInterceptor(exec, pool, tls));
    }
    config.proxy().ifPresent(proxy -> ProxySetup.apply(builder, proxy));
    Headers.Builder headers = new Headers.Builder();
    config.userAgent().ifPresent(ua -> headers.set("User-Agent", ua));
    config.impersonateUser().ifPresent(user -> headers.set("Impersonate-User", user));
    config.impersonateGroups().forEach(group -> headers.add("Impersonate-Group", group));
    if (headers.build().size() > 0) {
      builder.addInterceptor(new FixedHeadersInterceptor(headers.build()));
    }
    return builder;
  }
}
