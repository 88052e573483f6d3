package dev.skiff.client.internal;

import java.io.IOException;
import okhttp3.Authenticator;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.Route;

/**
 * Answers a 401 by fetching fresh credentials (re-reading the token file, re-running the exec plugin) and
 * retrying once with them. Gives up, returning the 401 to the caller, when the request was already a retry
 * after a 401 or when the fresh credentials are the ones just rejected, so a server that keeps refusing
 * cannot cause a loop.
 */
final class RefreshingAuthenticator implements Authenticator {
  private final AuthorizationSource source;

  RefreshingAuthenticator(AuthorizationSource source) {
    this.source = source;
  }

  @Override
  public Request authenticate(Route route, Response response) throws IOException {
    if (response.code() != 401 || isRetryAfter401(response)) {
      return null;
    }
    String rejected = response.request().header("Authorization");
    if (!source.rejected(rejected)) {
      return null;
    }
    String fresh = source.authorization();
    if (fresh == null || fresh.equals(rejected)) {
      return null;
    }
    return response.request().newBuilder().header("Authorization", fresh).build();
  }

  private static boolean isRetryAfter401(Response response) {
    for (Response prior = response.priorResponse(); prior != null; prior = prior.priorResponse()) {
      if (prior.code() == 401) {
        return true;
      }
    }
    return false;
  }
}
