package dev.skiff.client.internal;

import dev.skiff.client.CredentialException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A bearer token read from a file, such as a service account token the kubelet rotates. The file is read
 * again when its modification time changes (checked on each request, a cheap stat), when a minute has
 * passed since the last read (as client-go does, for file systems that keep the time), and after a 401. When
 * a re-read fails, the last good token is kept.
 */
final class TokenFile implements AuthorizationSource {
  /** client-go re-reads token files at most this often when nothing else says they changed. */
  static final Duration MAX_AGE = Duration.ofMinutes(1);

  private final Path file;
  private final Clock clock;
  private String token;
  private FileTime modified;
  private Instant readAt;

  TokenFile(Path file, Clock clock) {
    this.file = Objects.requireNonNull(file, "file");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public synchronized String authorization() throws IOException {
    return "Bearer " + token();
  }

  /** The current token, re-read when stale. */
  synchronized String token() throws IOException {
    FileTime current;
    try {
      current = Files.getLastModifiedTime(file);
    } catch (IOException e) {
      return lastGoodOr(e);
    }
    Instant now = clock.instant();
    if (token != null && current.equals(modified) && now.isBefore(readAt.plus(MAX_AGE))) {
      return token;
    }
    String read;
    try {
      read = Files.readString(file, StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      return lastGoodOr(e);
    }
    if (read.isEmpty()) {
      if (token != null) {
        return token;
      }
      throw new CredentialException("the bearer token file " + file + " is empty");
    }
    token = read;
    modified = current;
    readAt = now;
    return token;
  }

  private String lastGoodOr(IOException e) throws CredentialException {
    if (token != null) {
      return token;
    }
    throw new CredentialException("cannot read the bearer token file " + file + ": " + e, e);
  }

  @Override
  public synchronized boolean rejected(String rejected) {
    // The kubelet may have rotated the token a moment ago; read the file again before giving up.
    readAt = Instant.MIN;
    return true;
  }

  @Override
  public String toString() {
    return "TokenFile{" + file + "}";
  }
}
