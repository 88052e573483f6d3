package dev.skiff.fake.faults;

import dev.skiff.fake.http.HttpRequest;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fault with a budget of requests: each matching request takes one unit, so that "the next N requests"
 * holds exactly even when requests arrive concurrently.
 */
final class Rule implements FaultRule {
  private final RequestMatcher matcher;
  private final AtomicInteger remaining;
  private final boolean unlimited;

  Rule(RequestMatcher matcher, int times) {
    this.matcher = matcher;
    this.unlimited = times == Integer.MAX_VALUE;
    this.remaining = new AtomicInteger(times);
  }

  /** Whether the rule applies to a request, taking one unit of its budget when it does. */
  boolean claim(HttpRequest request) {
    if (!matcher.matches(request)) {
      return false;
    }
    if (unlimited) {
      return remaining.get() > 0;
    }
    return remaining.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
  }

  @Override
  public int remaining() {
    return remaining.get();
  }

  @Override
  public void remove() {
    remaining.set(0);
  }

  @Override
  public String toString() {
    return matcher + (unlimited ? "" : ", " + remaining() + " left");
  }
}
