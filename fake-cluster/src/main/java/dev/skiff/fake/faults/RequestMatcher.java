package dev.skiff.fake.faults;

import dev.skiff.fake.http.HttpRequest;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which requests a fault applies to: a method and a path pattern, optionally only watches or only other
 * requests. In the pattern {@code *} stands for any text within one path segment and {@code **} for any
 * text across segments. Immutable.
 *
 * <pre>{@code
 * RequestMatcher.of("GET", "/api/v1/namespaces/demo/pods")  // lists and watches of pods in demo
 * RequestMatcher.of("*", "/apis/coordination.k8s.io/**")     // every lease request
 * RequestMatcher.of("GET", "/api/v1/**").watchesOnly()       // opening any core watch
 * }</pre>
 */
public final class RequestMatcher {
  private static final Set<String> TRUE = Set.of("1", "t", "T", "TRUE", "true", "True");

  private final String method;
  private final String pattern;
  private final Pattern path;
  private final Optional<Boolean> watch;

  private RequestMatcher(String method, String pattern, Optional<Boolean> watch) {
    this.method = method;
    this.pattern = pattern;
    this.path = Pattern.compile(toRegex(pattern));
    this.watch = watch;
  }

  /**
   * Requests with a method and a path matching a pattern.
   *
   * @param method e.g. {@code GET}; {@code *} for any method
   * @param pathPattern e.g. {@code /api/v1/namespaces/demo/pods/*}; {@code *} within a segment, {@code **}
   *     across segments
   * @return the matcher, for watches and other requests alike
   */
  public static RequestMatcher of(String method, String pathPattern) {
    Objects.requireNonNull(method, "method");
    if (!Objects.requireNonNull(pathPattern, "pathPattern").startsWith("/")) {
      throw new IllegalArgumentException("a path pattern starts with /: " + pathPattern);
    }
    return new RequestMatcher(method.toUpperCase(Locale.ROOT), pathPattern, Optional.empty());
  }

  /**
   * Every request.
   *
   * @return the matcher
   */
  public static RequestMatcher any() {
    return of("*", "/**");
  }

  /**
   * A copy matching only watch requests ({@code ?watch=true} or a legacy {@code /watch/} path).
   *
   * @return the new matcher
   */
  public RequestMatcher watchesOnly() {
    return new RequestMatcher(method, pattern, Optional.of(true));
  }

  /**
   * A copy matching only requests that are not watches.
   *
   * @return the new matcher
   */
  public RequestMatcher exceptWatches() {
    return new RequestMatcher(method, pattern, Optional.of(false));
  }

  /**
   * Whether a request matches.
   *
   * @param request the request
   * @return true when method, path and watch flag match
   */
  public boolean matches(HttpRequest request) {
    return (method.equals("*") || method.equals(request.method()))
        && path.matcher(request.path()).matches()
        && watch.map(w -> w == isWatch(request)).orElse(true);
  }

  /** Whether a request opens a watch, as the API server decides it. */
  static boolean isWatch(HttpRequest request) {
    return request.method().equals("GET") && (request.queryParam("watch").map(TRUE::contains).orElse(false)
        || request.path().contains("/watch/"));
  }

  private static String toRegex(String glob) {
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
        regex.append(".*");
        i++;
      } else if (c == '*') {
        regex.append("[^/]*");
      } else {
        regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return regex.toString();
  }

  /** For messages, e.g. {@code GET /api/v1/** (watches only)}. */
  @Override
  public String toString() {
    return method + " " + pattern + watch.map(w -> w ? " (watches only)" : " (except watches)").orElse("");
  }
}
