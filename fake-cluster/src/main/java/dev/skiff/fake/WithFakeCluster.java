package dev.skiff.fake;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives a JUnit 5 test class a {@link FakeCluster}: declare a {@code FakeCluster} parameter (test method,
 * lifecycle method or constructor) or a non-final {@code FakeCluster} field, and it is injected.
 *
 * <pre>{@code
 * @WithFakeCluster
 * class PodTest {
 *   @Test
 *   void creates(FakeCluster cluster) { ... }      // a fresh cluster for this test
 * }
 *
 * @WithFakeCluster(perClass = true, tls = true, bearerToken = "t0ken")
 * class SharedClusterTest {
 *   static FakeCluster cluster;                     // one cluster for all tests of the class
 * }
 * }</pre>
 *
 * <p>For settings beyond these (preloaded objects, limits), register {@link FakeClusterExtension} with a
 * builder instead.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(FakeClusterExtension.class)
public @interface WithFakeCluster {

  /**
   * Whether all tests of the class share one cluster (started on first use, closed after the class) instead
   * of one per test.
   *
   * @return true for one cluster per class; default false, one per test
   */
  boolean perClass() default false;

  /**
   * Whether the cluster serves HTTPS; see {@link FakeCluster.Builder#tls(boolean)}.
   *
   * @return true for HTTPS; default false
   */
  boolean tls() default false;

  /**
   * The bearer token the cluster requires; see {@link FakeCluster.Builder#bearerToken(String)}.
   *
   * @return the token; default empty, no authentication
   */
  String bearerToken() default "";
}
