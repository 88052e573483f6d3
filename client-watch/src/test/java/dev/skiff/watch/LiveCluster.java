package dev.skiff.watch;

import dev.skiff.client.ClientConfig;
import dev.skiff.client.KubeClient;
import dev.skiff.client.RetryPolicy;
import dev.skiff.fake.FakeCluster;
import dev.skiff.model.core.v1.Container;
import dev.skiff.model.core.v1.Namespace;
import dev.skiff.model.core.v1.Pod;
import dev.skiff.model.core.v1.PodSpec;
import dev.skiff.model.meta.v1.ObjectMeta;
import java.time.Duration;
import java.util.Map;

/** A fake cluster with a client on it and a namespace to work in, for the end-to-end tests. */
final class LiveCluster implements AutoCloseable {
  static final String NS = "demo";

  final FakeCluster cluster;
  final KubeClient client;

  LiveCluster(FakeCluster.Builder builder) {
    cluster = builder.start();
    // Quick retries: faults answer with 5xx, and tests should not wait out production backoffs.
    client = KubeClient.builder(ClientConfig.builder().server(cluster.url().toString()).namespace(NS).build())
        .retryPolicy(RetryPolicy.builder().initialBackoff(Duration.ofMillis(20)).maxBackoff(Duration.ofMillis(200))
            .maxRetryAfter(Duration.ofSeconds(1)).build())
        .build();
    client.namespaces().create(Namespace.builder().metadata(ObjectMeta.builder().name(NS).build()).build());
  }

  /** Watch options for tests: quick backoff. */
  static WatchOptions quickOptions() {
    return WatchOptions.defaults().toBuilder().backoff(Duration.ofMillis(20), Duration.ofMillis(500)).build();
  }

  static Pod pod(String name, Map<String, String> labels) {
    return Pod.builder()
        .metadata(ObjectMeta.builder().name(name).putAllLabels(labels).build())
        .spec(PodSpec.builder().addContainers(Container.builder().name("web").image("nginx:1.27").build()).build())
        .build();
  }

  @Override
  public void close() {
    client.close();
    cluster.close();
  }
}
