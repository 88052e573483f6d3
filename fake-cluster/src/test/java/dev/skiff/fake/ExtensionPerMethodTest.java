package dev.skiff.fake;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** One cluster per test, injected into the constructor, a field, a lifecycle method and the test method. */
@WithFakeCluster
@TestMethodOrder(MethodOrderer.MethodName.class)
class ExtensionPerMethodTest {

  private static final List<URI> SEEN = new ArrayList<>();

  private final FakeCluster fromConstructor;
  private FakeCluster field;
  private FakeCluster fromBeforeEach;

  ExtensionPerMethodTest(FakeCluster cluster) {
    this.fromConstructor = cluster;
  }

  @BeforeEach
  void remember(FakeCluster cluster) {
    this.fromBeforeEach = cluster;
  }

  @Test
  void a_every_injection_point_sees_the_same_cluster(FakeCluster cluster) {
    assertThat(cluster).isSameAs(fromConstructor).isSameAs(field).isSameAs(fromBeforeEach);
    assertThat(cluster.url().getScheme()).isEqualTo("http");
    SEEN.add(cluster.url());
  }

  @Test
  void b_the_next_test_gets_a_new_cluster_and_the_last_one_is_closed(FakeCluster cluster) {
    assertThat(SEEN).hasSize(1);
    assertThat(cluster.url()).isNotEqualTo(SEEN.get(0));
    assertThat(accepts(SEEN.get(0))).isFalse();
    SEEN.add(cluster.url());
  }

  @AfterAll
  static void all_closed() {
    assertThat(SEEN).hasSize(2).allSatisfy(url -> assertThat(accepts(url)).isFalse());
  }

  @Nested
  class InANestedClass {
    @Test
    void the_enclosing_settings_apply(FakeCluster cluster) {
      assertThat(cluster).isNotNull();
      assertThat(cluster.bearerToken()).isEmpty();
    }
  }

  static boolean accepts(URI url) {
    try (Socket s = new Socket(url.getHost(), url.getPort())) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
