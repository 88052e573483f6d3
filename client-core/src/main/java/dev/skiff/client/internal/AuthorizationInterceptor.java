package dev.skiff.client.internal;

import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Adds the {@code Authorization} header from a source to each request that has none (a caller's own header
 * wins), fetching credentials first when needed, which is also when an exec plugin's client certificate is
 * obtained for the TLS handshake that follows.
 */
final class AuthorizationInterceptor implements Interceptor {
  private final AuthorizationSource source;

  AuthorizationInterceptor(AuthorizationSource source) {
    this.source = source;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    if (request.header("Authorization") != null) {
      return chain.proceed(request);
    }
    String authorization = source.authorization();
    if (authorization == null) {
      return chain.proceed(request);
    }
    return chain.proceed(request.newBuilder().header("Authorization", authorization).build());
  }
}
