package dev.skiff.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skiff.client.CredentialException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenFileTest {
  @TempDir Path dir;

  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

  @Test
  void rereadsWhenTheModificationTimeChanges() throws Exception {
    Path file = Files.writeString(dir.resolve("token"), "first\n");
    TokenFile tokens = new TokenFile(file, clock);
    assertThat(tokens.token()).isEqualTo("first");
    Files.writeString(file, "second");
    Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2026-01-01T00:00:10Z")));
    assertThat(tokens.token()).isEqualTo("second");
  }

  @Test
  void rereadsAfterAMinuteEvenWhenTheModificationTimeIsUnchanged() throws Exception {
    Path file = Files.writeString(dir.resolve("token"), "first");
    FileTime modified = Files.getLastModifiedTime(file);
    TokenFile tokens = new TokenFile(file, clock);
    assertThat(tokens.token()).isEqualTo("first");

    Files.writeString(file, "second");
    Files.setLastModifiedTime(file, modified);
    clock.advance(Duration.ofSeconds(59));
    assertThat(tokens.token()).as("cached within the minute").isEqualTo("first");
    clock.advance(Duration.ofSeconds(1));
    assertThat(tokens.token()).isEqualTo("second");
  }

  @Test
  void rereadsAfterTheServerRejectedTheToken() throws Exception {
    Path file = Files.writeString(dir.resolve("token"), "first");
    FileTime modified = Files.getLastModifiedTime(file);
    TokenFile tokens = new TokenFile(file, clock);
    assertThat(tokens.authorization()).isEqualTo("Bearer first");
    Files.writeString(file, "second");
    Files.setLastModifiedTime(file, modified);
    assertThat(tokens.rejected("Bearer first")).isTrue();
    assertThat(tokens.authorization()).isEqualTo("Bearer second");
  }

  @Test
  void keepsTheLastGoodTokenWhenTheFileDisappears() throws Exception {
    Path file = Files.writeString(dir.resolve("token"), "first");
    TokenFile tokens = new TokenFile(file, clock);
    assertThat(tokens.token()).isEqualTo("first");
    Files.delete(file);
    clock.advance(Duration.ofMinutes(2));
    assertThat(tokens.token()).isEqualTo("first");
  }

  @Test
  void failsClearlyWhenThereNeverWasAToken() throws Exception {
    Path missing = dir.resolve("missing");
    assertThatThrownBy(() -> new TokenFile(missing, clock).token())
        .isInstanceOf(CredentialException.class)
        .hasMessageContaining("cannot read the bearer token file " + missing);
    Path empty = Files.writeString(dir.resolve("empty"), "\n");
    assertThatThrownBy(() -> new TokenFile(empty, clock).token())
        .isInstanceOf(CredentialException.class)
        .hasMessageContaining("is empty");
  }
}
