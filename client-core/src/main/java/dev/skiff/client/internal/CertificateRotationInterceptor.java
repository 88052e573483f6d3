package dev.skiff.client.internal;

import java.io.IOException;
import javax.net.ssl.SSLContext;
import okhttp3.ConnectionPool;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * Closes pooled connections and forgets TLS sessions once an exec plugin has replaced the client
 * certificate, so that the next request makes a full handshake with the new certificate instead of reusing
 * a connection, or resuming a session, authenticated with the old one (client-go also drops its connections
 * on certificate rotation). Runs before a connection is chosen, when the connection of the previous request
 * has been released and can be evicted.
 */
final class CertificateRotationInterceptor implements Interceptor {
  private final ExecCredentials credentials;
  private final ConnectionPool pool;
  private final SSLContext tls;
  private long seenGeneration;

  /**
   * Creates the interceptor.
   *
   * @param credentials the plugin's credentials
   * @param pool the client's connection pool
   * @param tls the client's SSL context, or null for plain HTTP
   */
  CertificateRotationInterceptor(ExecCredentials credentials, ConnectionPool pool, SSLContext tls) {
    this.credentials = credentials;
    this.pool = pool;
    this.tls = tls;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    long generation = credentials.certificateGeneration();
    boolean rotated;
    synchronized (this) {
      rotated = generation != seenGeneration;
      seenGeneration = generation;
    }
    if (rotated) {
      if (tls != null) {
        TlsSetup.invalidateClientSessions(tls);
      }
      pool.evictAll();
    }
    return chain.proceed(chain.request());
  }
}
