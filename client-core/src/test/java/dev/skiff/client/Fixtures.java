package dev.skiff.client;

import java.time.Duration;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;

/** Answers shaped like a v1.34 API server's (see shared/reference/apiserver-1.34/transcripts). */
final class Fixtures {
  private Fixtures() {}

  /** A client of the mock server whose retries wait at most a millisecond. */
  static KubeClient client(MockWebServer server) {
    return client(server, fastRetries());
  }

  static KubeClient client(MockWebServer server, RetryPolicy policy) {
    ClientConfig config = ClientConfig.builder().server(server.url("/").toString()).namespace("demo").build();
    return KubeClient.builder(config).retryPolicy(policy).build();
  }

  static RetryPolicy fastRetries() {
    return RetryPolicy.builder().initialBackoff(Duration.ofMillis(1)).maxBackoff(Duration.ofMillis(2))
        .maxRetryAfter(Duration.ofMillis(2)).build();
  }

  static MockResponse json(int code, String body) {
    return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body).build();
  }

  static String pod(String name, String rv) {
    return "{\"kind\":\"Pod\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"" + name + "\",\"namespace\":\"demo\","
        + "\"uid\":\"6f1c2c51-0d3f-4a55-9f7c-0d9b1a6e2f10\",\"resourceVersion\":\"" + rv + "\","
        + "\"creationTimestamp\":\"2026-01-01T00:00:00Z\",\"labels\":{\"app\":\"web\"}},"
        + "\"spec\":{\"containers\":[{\"name\":\"web\",\"image\":\"nginx:1.27\"}]},\"status\":{\"phase\":\"Pending\"}}";
  }

  static String podList(String rv, String continueToken, String... names) {
    StringBuilder sb = new StringBuilder("{\"kind\":\"PodList\",\"apiVersion\":\"v1\",\"metadata\":{\"resourceVersion\":\"")
        .append(rv).append('"');
    if (continueToken != null) {
      sb.append(",\"continue\":\"").append(continueToken).append('"');
    }
    sb.append("},\"items\":[");
    for (int i = 0; i < names.length; i++) {
      sb.append(i > 0 ? "," : "").append(pod(names[i], rv));
    }
    return sb.append("]}").toString();
  }

  static String status(int code, String reason, String message, String details) {
    return "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\",\"message\":"
        + quote(message) + ",\"reason\":\"" + reason + "\""
        + (details == null ? "" : ",\"details\":" + details) + ",\"code\":" + code + "}";
  }

  static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  static String scale(String name, int replicas) {
    return "{\"kind\":\"Scale\",\"apiVersion\":\"autoscaling/v1\",\"metadata\":{\"name\":\"" + name
        + "\",\"namespace\":\"demo\",\"resourceVersion\":\"9\"},\"spec\":{\"replicas\":" + replicas
        + "},\"status\":{\"replicas\":" + replicas + ",\"selector\":\"name=flake\"}}";
  }
}
