package dev.skiff.fake.controllers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.skiff.fake.api.ApiServer;
import dev.skiff.fake.api.ApiServerOptions;
import dev.skiff.fake.store.Change;
import dev.skiff.fake.store.StoredObject;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The replayed node registration stores what the kubelet's requests store: the same writes, resourceVersions and
 * bytes apart from the uids, with the server's and the kubelet's times where each belongs; and it stands aside
 * wherever the requests could have had another outcome.
 */
class NodeRegistrationsTest {
  private static final Clock SERVER = Clock.fixed(Instant.parse("2030-01-02T03:04:05.678Z"), ZoneOffset.UTC);
  private static final Clock KUBELET = Clock.fixed(Instant.parse("2031-06-07T08:09:10Z"), ZoneOffset.UTC);

  @ParameterizedTest
  @ValueSource(ints = {1, 3, 12})
  void replayEqualsTheKubeletsRequestsApartFromUids(int nodes) throws Exception {
    try (ApiServer requested = new ApiServer(ApiServerOptions.defaults(), SERVER, new SplittableRandom(1));
        ApiServer replayed = new ApiServer(ApiServerOptions.defaults(), SERVER, new SplittableRandom(1))) {
      long after = requested.store().resourceVersion();
      new Kubelet(new ApiClient(requested, Kubelet.USER_AGENT), nodes, KUBELET).registerNodes(false);
      assertThat(NodeRegistrations.replay(replayed, nodes, KUBELET)).isTrue();

      List<Change> expected = requested.store().changesAfter(after);
      List<Change> actual = replayed.store().changesAfter(after);
      assertThat(actual).hasSize(2 * nodes).hasSameSizeAs(expected);
      Set<String> uids = new HashSet<>();
      for (int i = 0; i < expected.size(); i++) {
        Change e = expected.get(i);
        Change a = actual.get(i);
        assertThat(a.type()).isEqualTo(e.type());
        assertThat(a.resourceVersion()).isEqualTo(e.resourceVersion());
        assertThat(a.previous() == null ? 0 : a.previous().resourceVersion())
            .isEqualTo(e.previous() == null ? 0 : e.previous().resourceVersion());
        assertSameApartFromUid(a.object(), e.object());
        if (a.previous() != null) {
          assertThat(a.object().uid()).as("one uid across a node's writes").isEqualTo(a.previous().uid());
        } else {
          assertThat(uids.add(a.object().uid())).as("a uid of its own").isTrue();
        }
      }
      String status = actual.get(1).object().toString();
      assertThat(status).contains("\"creationTimestamp\":\"2030-01-02T03:04:05Z\"")
          .contains("\"lastHeartbeatTime\":\"2031-06-07T08:09:10Z\"");
    }
  }

  @Test
  void aServerWithWritesBeyondItsSystemObjectsGetsTheRequests() {
    try (ApiServer server = new ApiServer(ApiServerOptions.defaults(), SERVER, new SplittableRandom(1))) {
      ObjectNode cm = Json.F.objectNode().put("kind", "ConfigMap").put("apiVersion", "v1");
      cm.putObject("metadata").put("name", "preloaded");
      server.create(cm);
      long before = server.store().resourceVersion();
      assertThat(NodeRegistrations.replay(server, 3, KUBELET)).isFalse();
      assertThat(server.store().resourceVersion()).isEqualTo(before);
    }
  }

  @Test
  void aServerWithASmallerBodyLimitGetsTheRequests() {
    ApiServerOptions small = new ApiServerOptions(100, 1024);
    try (ApiServer server = new ApiServer(small, SERVER, new SplittableRandom(1))) {
      long before = server.store().resourceVersion();
      assertThat(NodeRegistrations.replay(server, 3, KUBELET)).isFalse();
      assertThat(server.store().resourceVersion()).isEqualTo(before);
    }
  }

  private static void assertSameApartFromUid(StoredObject actual, StoredObject expected) {
    assertThat(actual.resource()).isEqualTo(expected.resource());
    assertThat(actual.key()).isEqualTo(expected.key());
    assertThat(actual.resourceVersion()).isEqualTo(expected.resourceVersion());
    assertThat(actual.labels()).isEqualTo(expected.labels());
    assertThat(actual.fields()).isEqualTo(expected.fields());
    assertThat(actual.headerLength()).isEqualTo(expected.headerLength());
    assertThat(actual.toString()).contains("\"uid\":\"" + actual.uid() + "\"");
    assertThat(actual.uid()).isNotEqualTo(expected.uid());
    assertThat(actual.toString().replace(actual.uid(), "UID"))
        .isEqualTo(expected.toString().replace(expected.uid(), "UID"));
  }
}
