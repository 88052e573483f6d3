package dev.skiff.client.internal;

import java.io.IOException;
import okhttp3.Headers;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/** Sets headers every request carries: {@code User-Agent} and the impersonation headers. */
final class FixedHeadersInterceptor implements Interceptor {
  private final Headers headers;

  FixedHeadersInterceptor(Headers headers) {
    this.headers = headers;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request.Builder request = chain.request().newBuilder();
    for (String name : headers.names()) {
      request.removeHeader(name);
      for (String value : headers.values(name)) {
        request.addHeader(name, value);
      }
    }
    return chain.proceed(request.build());
  }
}
