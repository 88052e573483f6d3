package dev.skiff.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedactionTest {
  @Test
  void redactsJwtsPemBlocksAuthorizationAndAssignments() {
    String jwt = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJl";
    String text = "got " + jwt + "\n-----BEGIN RSA PRIVATE KEY-----\nMIIEow\n-----END RSA PRIVATE KEY-----\n"
        + "Authorization: Basic YWxpY2U6czNjcmV0\n{\"access_token\": \"ya29.abc\"} password=hunter2 exit status 1";
    String redacted = Redaction.redact(text);
    assertThat(redacted)
        .doesNotContain(jwt, "MIIEow", "YWxpY2U6czNjcmV0", "ya29.abc", "hunter2")
        .contains("got <redacted>", "Basic <redacted>", "\"access_token\": <redacted>", "password=<redacted>",
            "exit status 1");
  }

  @Test
  void redactsKnownSecretsAndBoundsTheLength() {
    assertThat(Redaction.redact("previous credential was plain-old-secret", "plain-old-secret"))
        .isEqualTo("previous credential was <redacted>");
    assertThat(Redaction.redact("x".repeat(5000))).hasSizeLessThan(2100).endsWith("(2952 more characters)");
  }
}
