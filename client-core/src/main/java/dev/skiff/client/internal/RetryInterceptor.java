package dev.skiff.client.internal;

import dev.skiff.client.RetryPolicy;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Retries requests as a {@link RetryPolicy} says: idempotent verbs on 429, 5xx and I/O failures;
 * POST and PATCH only on 429 (when allowed) and on failures to connect. Waits with exponential backoff and
 * jitter, or as long as {@code Retry-After} asks (bounded). Not public API.
 */
public final class RetryInterceptor implements Interceptor {
  private final RetryPolicy policy;
  private final Sleeper sleeper;
  private final DoubleSupplier random;

  /**
   * Creates an interceptor that waits on the real clock with random jitter.
   *
   * @param policy the retry policy
   */
  public RetryInterceptor(RetryPolicy policy) {
    this(policy, Sleeper.SYSTEM, () -> ThreadLocalRandom.current().nextDouble());
  }

  /**
   * Creates an interceptor with a substitute clock and jitter source, for tests.
   *
   * @param policy the retry policy
   * @param sleeper how to wait
   * @param random values in [0, 1) used as jitter
   */
  public RetryInterceptor(RetryPolicy policy, Sleeper sleeper, DoubleSupplier random) {
    this.policy = policy;
    this.sleeper = sleeper;
    this.random = random;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    boolean idempotent = isIdempotent(request.method());
    for (int attempt = 1; ; attempt++) {
      boolean last = attempt >= policy.maxAttempts();
      Response response;
      try {
        response = chain.proceed(request);
      } catch (IOException e) {
        // A refused connection sent nothing, so any verb may repeat it; other failures may have
        // delivered the request, which only idempotent verbs tolerate.
        boolean retriable = (idempotent || e instanceof ConnectException) && !chain.call().isCanceled()
            && !(e instanceof InterruptedIOException && Thread.currentThread().isInterrupted());
        if (last || !retriable) {
          throw e;
        }
        pause(policy.backoff(attempt, random.getAsDouble()));
        continue;
      }
      int code = response.code();
      boolean retriable = code == 429 ? idempotent || policy.retryNonIdempotentOn429()
          : idempotent && (code == 500 || code == 502 || code == 503 || code == 504);
      if (last || !retriable) {
        return response;
      }
      Duration wait = policy.backoff(attempt, random.getAsDouble());
      Duration asked = retryAfter(response.header("Retry-After"));
      if (asked != null) {
        wait = asked.compareTo(policy.maxRetryAfter()) > 0 ? policy.maxRetryAfter() : asked;
      }
      response.close();
      pause(wait);
    }
  }

  private void pause(Duration wait) throws IOException {
    try {
      sleeper.sleep(wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting to retry");
    }
  }

  /** GET, HEAD, PUT, DELETE and OPTIONS have the same effect however often they are repeated. */
  static boolean isIdempotent(String method) {
    switch (method) {
      case "GET":
      case "HEAD":
      case "PUT":
      case "DELETE":
      case "OPTIONS":
        return true;
      default:
        return false;
    }
  }

  /**
   * Parses a {@code Retry-After} header: delay seconds or an HTTP date.
   *
   * @return the wait, or null when the header is absent or unreadable
   */
  static Duration retryAfter(String header) {
    if (header == null || header.isBlank()) {
      return null;
    }
    String h = header.trim();
    try {
      long seconds = Long.parseLong(h);
      return seconds < 0 ? null : Duration.ofSeconds(seconds);
    } catch (NumberFormatException notSeconds) {
      try {
        Instant when = ZonedDateTime.parse(h, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        Duration d = Duration.between(Instant.now(), when);
        return d.isNegative() ? Duration.ZERO : d;
      } catch (DateTimeParseException notDate) {
        return null;
      }
    }
  }
}
