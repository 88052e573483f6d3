package dev.skiff.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skiff.client.error.BadRequestException;
import dev.skiff.client.error.KubeConnectionException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockResponseBody;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okio.BufferedSink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Pod logs: the query of each option, and a followed log that delivers lines while the body is still open. */
class LogsTest {
  @StartStop
  private final MockWebServer server = new MockWebServer();
  private KubeClient client;

  @BeforeEach
  void setUp() {
    client = Fixtures.client(server);
  }

  @AfterEach
  void tearDown() {
    client.close();
  }

  @Test
  void logsSendEveryOption() throws Exception {
    server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "text/plain")
        .body("2026-01-01T00:00:00Z one\n2026-01-01T00:00:01Z two\n").build());
    String log = client.pods("demo").logs("web-1", LogOptions.builder().container("web").tailLines(2)
        .sinceSeconds(60).timestamps(true).previous(true).build());
    assertThat(log).isEqualTo("2026-01-01T00:00:00Z one\n2026-01-01T00:00:01Z two\n");
    RecordedRequest r = server.takeRequest();
    assertThat(r.getUrl().encodedPath()).isEqualTo("/api/v1/namespaces/demo/pods/web-1/log");
    assertThat(r.getUrl().queryParameter("container")).isEqualTo("web");
    assertThat(r.getUrl().queryParameter("tailLines")).isEqualTo("2");
    assertThat(r.getUrl().queryParameter("sinceSeconds")).isEqualTo("60");
    assertThat(r.getUrl().queryParameter("timestamps")).isEqualTo("true");
    assertThat(r.getUrl().queryParameter("previous")).isEqualTo("true");
    assertThat(r.getUrl().queryParameter("follow")).isNull();
  }

  @Test
  void aPodWithSeveralContainersNeedsOneNamed() {
    server.enqueue(Fixtures.json(400, Fixtures.status(400, "BadRequest", "a container name must be specified for "
        + "pod web-1, choose one of: [web sidecar]", null)));
    assertThatThrownBy(() -> client.pods("demo").logs("web-1")).isInstanceOf(BadRequestException.class)
        .hasMessageContaining("a container name must be specified");
  }

  /**
   * A chunked body written by hand (mockwebserver3 has no stream handler): the first line, then a wait until
   * the test has read it, then the second line and the end.
   */
  private static final class TwoPartBody implements MockResponseBody {
    final CountDownLatch firstLineRead = new CountDownLatch(1);

    @Override
    public long getContentLength() {
      return -1;
    }

    @Override
    public void writeTo(BufferedSink sink) throws IOException {
      chunk(sink, "first line\n");
      try {
        if (!firstLineRead.await(10, TimeUnit.SECONDS)) {
          return;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      chunk(sink, "second line\n");
      sink.writeUtf8("0\r\n\r\n").flush();
    }

    private static void chunk(BufferedSink sink, String text) throws IOException {
      byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
      sink.writeUtf8(Integer.toHexString(bytes.length)).writeUtf8("\r\n").write(bytes).writeUtf8("\r\n").flush();
    }
  }

  @Test
  void followDeliversLinesAsTheyAreWritten() throws Exception {
    TwoPartBody body = new TwoPartBody();
    server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "text/plain")
        .addHeader("Transfer-Encoding", "chunked").body(body).build());
    try (LogStream log = client.pods("demo").followLogs("web-1", LogOptions.builder().container("web").build())) {
      assertThat(log.readLine()).isEqualTo("first line");
      body.firstLineRead.countDown();
      assertThat(log.lines()).containsExactly("second line");
    }
    RecordedRequest r = server.takeRequest();
    assertThat(r.getUrl().queryParameter("follow")).isEqualTo("true");
    assertThat(r.getUrl().queryParameter("container")).isEqualTo("web");
  }

  @Test
  void followAsAFlowable() {
    server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "text/plain")
        .body("a\nb\nc\n").build());
    List<String> lines = client.pods("demo").async().followLogs("web-1", LogOptions.defaults()).toList()
        .blockingGet();
    assertThat(lines).containsExactly("a", "b", "c");
  }

  @Test
  void aSilentFollowFailsAfterItsIdleTimeout() {
    TwoPartBody body = new TwoPartBody();
    server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "text/plain")
        .addHeader("Transfer-Encoding", "chunked").body(body).build());
    try (LogStream log = client.pods("demo").followLogs("web-1",
        LogOptions.builder().idleTimeout(Duration.ofMillis(200)).build())) {
      assertThat(log.readLine()).isEqualTo("first line");
      assertThatThrownBy(log::readLine).isInstanceOf(KubeConnectionException.class)
          .hasMessageContaining("reading the log failed");
    } finally {
      body.firstLineRead.countDown();
    }
  }

  @Test
  void followReportsAnErrorAnswerBeforeStreaming() {
    server.enqueue(Fixtures.json(404, Fixtures.status(404, "NotFound", "pods \"x\" not found", null)));
    assertThatThrownBy(() -> client.pods("demo").followLogs("x", LogOptions.defaults()))
        .isInstanceOf(dev.skiff.client.error.NotFoundException.class);
  }
}
