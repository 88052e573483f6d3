package dev.skiff.client;

import static dev.skiff.client.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.skiff.client.error.AlreadyExistsException;
import dev.skiff.client.error.BadRequestException;
import dev.skiff.client.error.ConflictException;
import dev.skiff.client.error.ForbiddenException;
import dev.skiff.client.error.GoneException;
import dev.skiff.client.error.InvalidException;
import dev.skiff.client.error.KubeApiException;
import dev.skiff.client.error.KubeConnectionException;
import dev.skiff.client.error.NotFoundException;
import dev.skiff.client.error.ServerErrorException;
import dev.skiff.client.error.TooManyRequestsException;
import dev.skiff.client.error.UnauthorizedException;
import dev.skiff.client.error.UnexpectedResponseException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every error answer becomes a typed exception that carries what the server said. */
class ErrorMappingTest {
  @StartStop
  private final MockWebServer server = new MockWebServer();
  private KubeClient client;

  @BeforeEach
  void setUp() {
    client = Fixtures.client(server, RetryPolicy.none());
  }

  @AfterEach
  void tearDown() {
    client.close();
  }

  static Stream<Arguments> statuses() {
    return Stream.of(
        Arguments.of(400, "BadRequest", "field label not supported: foo", BadRequestException.class),
        Arguments.of(401, "Unauthorized", "Unauthorized", UnauthorizedException.class),
        Arguments.of(403, "Forbidden", "pods \"x\" is forbidden: User \"alice\" cannot get resource \"pods\"",
            ForbiddenException.class),
        Arguments.of(404, "NotFound", "pods \"nope\" not found", NotFoundException.class),
        Arguments.of(409, "AlreadyExists", "configmaps \"exists\" already exists", AlreadyExistsException.class),
        Arguments.of(409, "Conflict", "Operation cannot be fulfilled on configmaps \"exists\": the object has been "
            + "modified; please apply your changes to the latest version and try again", ConflictException.class),
        Arguments.of(410, "Expired", "The provided continue parameter is too old", GoneException.class),
        Arguments.of(422, "Invalid", "Pod \"empty\" is invalid: spec.containers: Required value",
            InvalidException.class),
        Arguments.of(429, "TooManyRequests", "Too many requests, please try again later.",
            TooManyRequestsException.class),
        Arguments.of(500, "InternalError", "Internal error occurred: boom", ServerErrorException.class),
        Arguments.of(503, "ServiceUnavailable", "the server is currently unable to handle the request",
            ServerErrorException.class),
        Arguments.of(405, "MethodNotAllowed", "the server does not allow this method on the requested resource",
            KubeApiException.class),
        Arguments.of(415, "UnsupportedMediaType", "415: Unsupported Media Type", KubeApiException.class));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("statuses")
  void statusBecomesItsException(int code, String reason, String message, Class<? extends KubeApiException> type) {
    server.enqueue(json(code, Fixtures.status(code, reason, message, "{\"name\":\"x\",\"kind\":\"pods\"}")));
    KubeApiException e = catchThrowableOfType(KubeApiException.class, () -> client.pods("demo").get("x"));
    assertThat(e).isExactlyInstanceOf(type);
    assertThat(e.code()).isEqualTo(code);
    assertThat(e.reason()).isEqualTo(reason);
    assertThat(e.status().message()).isEqualTo(message);
    assertThat(e.status().details().name()).isEqualTo("x");
    assertThat(e.getMessage()).isEqualTo(code + " " + reason + ": " + message);
  }

  @Test
  void invalidCarriesTheFieldCauses() {
    server.enqueue(json(422, "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\","
        + "\"message\":\"Secret \\\"tls\\\" is invalid: [data[tls.crt]: Required value, data[tls.key]: Required value]\","
        + "\"reason\":\"Invalid\",\"details\":{\"name\":\"tls\",\"kind\":\"Secret\",\"causes\":["
        + "{\"reason\":\"FieldValueRequired\",\"message\":\"Required value\",\"field\":\"data[tls.crt]\"},"
        + "{\"reason\":\"FieldValueRequired\",\"message\":\"Required value\",\"field\":\"data[tls.key]\"}]},\"code\":422}"));
    InvalidException e = catchThrowableOfType(InvalidException.class, () -> client.secrets("demo").get("tls"));
    assertThat(e.clientSide()).isFalse();
    assertThat(e.causes()).extracting(c -> c.field()).containsExactly("data[tls.crt]", "data[tls.key]");
    assertThat(e.causes()).extracting(c -> c.reason()).containsOnly("FieldValueRequired");
  }

  @Test
  void retryAfterSecondsIsReadFromTheDetails() {
    server.enqueue(json(429, Fixtures.status(429, "TooManyRequests", "slow down", "{\"retryAfterSeconds\":3}")));
    TooManyRequestsException e = catchThrowableOfType(TooManyRequestsException.class,
        () -> client.pods("demo").get("x"));
    assertThat(e.retryAfterSeconds()).isEqualTo(3);
  }

  @Test
  void anHtmlProxyPageIsReportedWithItsStart() {
    server.enqueue(new MockResponse.Builder().code(502).addHeader("Content-Type", "text/html; charset=utf-8")
        .body("<html>\n<head><title>502 Bad Gateway</title></head>\n<body>nginx</body></html>").build());
    UnexpectedResponseException e = catchThrowableOfType(UnexpectedResponseException.class,
        () -> client.pods("demo").get("x"));
    assertThat(e.code()).isEqualTo(502);
    assertThat(e.contentType()).isEqualTo("text/html; charset=utf-8");
    assertThat(e.getMessage()).isEqualTo("GET /api/v1/namespaces/demo/pods/x: unexpected response 502 "
        + "(text/html; charset=utf-8): expected a JSON Status; body: \"<html> <head><title>502 Bad Gateway</title>"
        + "</head> <body>nginx</body></html>\"");
  }

  @Test
  void truncatedJsonIsReportedNotThrownAsADecodeError() {
    server.enqueue(json(500, "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Fail"));
    UnexpectedResponseException e = catchThrowableOfType(UnexpectedResponseException.class,
        () -> client.pods("demo").get("x"));
    assertThat(e.getMessage()).contains("unexpected response 500 (application/json): the body is not valid JSON");
    assertThat(e.bodySnippet()).isEqualTo("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Fail");
  }

  @Test
  void aTruncatedSuccessBodyIsAnUnexpectedResponse() {
    server.enqueue(json(200, Fixtures.pod("web-1", "1").substring(0, 60)));
    assertThatThrownBy(() -> client.pods("demo").get("web-1"))
        .isInstanceOf(UnexpectedResponseException.class)
        .hasMessageContaining("unexpected response 200 (application/json): could not decode it as Pod");
  }

  @Test
  void aJsonErrorThatIsNotAStatusIsAnUnexpectedResponse() {
    server.enqueue(json(404, "{\"error\":\"no route\"}"));
    assertThatThrownBy(() -> client.pods("demo").get("x"))
        .isInstanceOf(UnexpectedResponseException.class).hasMessageContaining("expected a Status, got kind null");
  }

  @Test
  void aSuccessWithTheWrongContentTypeIsAnUnexpectedResponse() {
    server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "text/plain").body("ok").build());
    assertThatThrownBy(() -> client.pods("demo").get("x"))
        .isInstanceOf(UnexpectedResponseException.class)
        .hasMessage("GET /api/v1/namespaces/demo/pods/x: unexpected response 200 (text/plain): expected JSON; "
            + "body: \"ok\"");
  }

  @Test
  void aLongBodyIsCutShort() {
    server.enqueue(new MockResponse.Builder().code(503).addHeader("Content-Type", "text/html")
        .body("x".repeat(10_000)).build());
    UnexpectedResponseException e = catchThrowableOfType(UnexpectedResponseException.class,
        () -> client.pods("demo").get("x"));
    assertThat(e.bodySnippet()).hasSize(200);
    assertThat(e.getMessage()).contains("body starts: ").hasSizeLessThan(400);
  }

  @Test
  void anUnreachableServerIsAConnectionException() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    ClientConfig config = ClientConfig.builder().server("http://127.0.0.1:" + port).build();
    try (KubeClient unreachable = KubeClient.builder(config).retryPolicy(RetryPolicy.none()).build()) {
      KubeConnectionException e = catchThrowableOfType(KubeConnectionException.class,
          () -> unreachable.pods("demo").get("x"));
      assertThat(e.getMessage()).startsWith("GET /api/v1/namespaces/demo/pods/x failed: ");
      assertThat(e.getCause()).isInstanceOf(java.io.IOException.class);
    }
  }
}
