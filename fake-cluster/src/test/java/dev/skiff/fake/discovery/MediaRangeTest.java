package dev.skiff.fake.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Parsing of Accept headers as Kubernetes clients write them. */
class MediaRangeTest {

  @Test
  void parsesRangesInOrderWithTheirParameters() {
    List<MediaRange> ranges = MediaRange.parseAccept(
        "application/json;as=Table;v=v1;g=meta.k8s.io, application/json ,*/*;q=0.8");
    assertThat(ranges).hasSize(3);
    assertThat(ranges.get(0).isJsonAs("Table", "meta.k8s.io", "v1")).isTrue();
    assertThat(ranges.get(0).acceptsPlainJson()).isFalse();
    assertThat(ranges.get(1).acceptsPlainJson()).isTrue();
    assertThat(ranges.get(2).acceptsPlainJson()).isTrue();
    assertThat(ranges.get(2).param("q")).isEqualTo("0.8");
  }

  @Test
  void missingHeaderAcceptsAnything() {
    assertThat(MediaRange.parseAccept(null)).singleElement().satisfies(r -> assertThat(r.acceptsPlainJson()).isTrue());
    assertThat(MediaRange.parseAccept("  ")).singleElement().satisfies(r -> assertThat(r.type()).isEqualTo("*"));
  }

  @Test
  void recognisesProtobufAndQuotedParameters() {
    MediaRange protobuf = MediaRange.parseAccept("application/vnd.kubernetes.protobuf;as=\"Table\"").get(0);
    assertThat(protobuf.isProtobuf()).isTrue();
    assertThat(protobuf.param("as")).isEqualTo("Table");
    assertThat(MediaRange.parseAccept("text/html").get(0).acceptsPlainJson()).isFalse();
  }
}
