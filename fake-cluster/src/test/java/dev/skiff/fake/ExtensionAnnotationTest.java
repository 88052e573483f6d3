package dev.skiff.fake;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The annotation's settings: per class, TLS, token. */
@WithFakeCluster(perClass = true, tls = true, bearerToken = "annotated")
class ExtensionAnnotationTest {

  static FakeCluster shared;

  @Test
  void uses_the_annotation_settings(FakeCluster cluster) {
    assertThat(cluster).isSameAs(shared);
    assertThat(cluster.url().getScheme()).isEqualTo("https");
    assertThat(cluster.caCertificatePem()).isPresent();
    assertThat(cluster.bearerToken()).contains("annotated");
  }
}
