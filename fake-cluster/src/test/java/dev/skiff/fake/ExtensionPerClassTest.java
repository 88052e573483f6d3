package dev.skiff.fake;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** One cluster for the class, configured with a builder and injected into static fields and @BeforeAll. */
class ExtensionPerClassTest {

  @RegisterExtension
  static final FakeClusterExtension EXTENSION =
      FakeClusterExtension.perClass(FakeCluster.builder().bearerToken("class-token").maxBodyBytes(1024));

  static FakeCluster shared;
  static FakeCluster fromBeforeAll;
  private FakeCluster instanceField;

  @BeforeAll
  static void start(FakeCluster cluster) {
    fromBeforeAll = cluster;
  }

  @Test
  void static_and_instance_fields_and_parameters_share_one_cluster(FakeCluster cluster) {
    assertThat(cluster).isSameAs(shared).isSameAs(fromBeforeAll).isSameAs(instanceField);
    assertThat(cluster.bearerToken()).contains("class-token");
  }

  @Test
  void a_second_test_sees_the_same_cluster(FakeCluster cluster) {
    assertThat(cluster).isSameAs(fromBeforeAll);
    assertThat(ExtensionPerMethodTest.accepts(cluster.url())).isTrue();
  }

  @AfterAll
  static void still_running_until_the_class_ends() {
    assertThat(ExtensionPerMethodTest.accepts(shared.url())).isTrue();
  }
}
