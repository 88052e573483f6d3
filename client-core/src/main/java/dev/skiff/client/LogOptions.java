package dev.skiff.client;

import dev.skiff.model.Nullable;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Which part of a pod's log to read: the container, the last lines or seconds, timestamps, the previous
 * (crashed) instance. For {@code followLogs}, also how long the stream may stay silent. Immutable.
 *
 * <pre>{@code
 * String tail = client.pods("demo").logs("web-1", LogOptions.builder().container("web").tailLines(100).build());
 * }</pre>
 */
public final class LogOptions {
  private static final LogOptions DEFAULTS = builder().build();

  private final String container;
  private final Long tailLines;
  private final Long sinceSeconds;
  private final boolean timestamps;
  private final boolean previous;
  private final Duration idleTimeout;

  private LogOptions(Builder b) {
    this.container = b.container;
    this.tailLines = b.tailLines;
    this.sinceSeconds = b.sinceSeconds;
    this.timestamps = b.timestamps;
    this.previous = b.previous;
    this.idleTimeout = b.idleTimeout;
  }

  /** @return the whole log of the pod's only container */
  public static LogOptions defaults() {
    return DEFAULTS;
  }

  /** @return a builder */
  public static Builder builder() {
    return new Builder();
  }

  /** @return the container name, or null for the pod's only container */
  public @Nullable String container() {
    return container;
  }

  /** @return how many lines from the end, or null for all */
  public @Nullable Long tailLines() {
    return tailLines;
  }

  /** @return how many seconds back, or null for all */
  public @Nullable Long sinceSeconds() {
    return sinceSeconds;
  }

  /** @return whether each line starts with an RFC 3339 timestamp */
  public boolean timestamps() {
    return timestamps;
  }

  /** @return whether the log of the previous, terminated container instance is read */
  public boolean previous() {
    return previous;
  }

  /** @return how long a followed log may stay silent before the stream fails; zero for no limit */
  public Duration idleTimeout() {
    return idleTimeout;
  }

  /**
   * The query parameters.
   *
   * @param follow whether to add {@code follow=true}
   * @return the parameters
   */
  Map<String, String> toQuery(boolean follow) {
    Map<String, String> q = new LinkedHashMap<>();
    if (container != null) {
      q.put("container", container);
    }
    if (tailLines != null) {
      q.put("tailLines", tailLines.toString());
    }
    if (sinceSeconds != null) {
      q.put("sinceSeconds", sinceSeconds.toString());
    }
    if (timestamps) {
      q.put("timestamps", "true");
    }
    if (previous) {
      q.put("previous", "true");
    }
    if (follow) {
      q.put("follow", "true");
    }
    return q;
  }

  @Override
  public String toString() {
    return "LogOptions" + toQuery(false) + (idleTimeout.isZero() ? "" : " idleTimeout=" + idleTimeout);
  }

  /** Builds {@link LogOptions}. */
  public static final class Builder {
    private String container;
    private Long tailLines;
    private Long sinceSeconds;
    private boolean timestamps;
    private boolean previous;
    private Duration idleTimeout = Duration.ZERO;

    private Builder() {}

    /**
     * The container to read; required when the pod has more than one.
     *
     * @param container the container name
     * @return this builder
     */
    public Builder container(String container) {
      this.container = container;
      return this;
    }

    /**
     * Only the last lines.
     *
     * @param lines 0 or more
     * @return this builder
     */
    public Builder tailLines(long lines) {
      if (lines < 0) {
        throw new IllegalArgumentException("tailLines must not be negative: " + lines);
      }
      this.tailLines = lines;
      return this;
    }

    /**
     * Only lines written in the last seconds.
     *
     * @param seconds 1 or more
     * @return this builder
     */
    public Builder sinceSeconds(long seconds) {
      if (seconds < 1) {
        throw new IllegalArgumentException("sinceSeconds must be positive: " + seconds);
      }
      this.sinceSeconds = seconds;
      return this;
    }

    /**
     * Prefix each line with its RFC 3339 timestamp.
     *
     * @param timestamps true to add timestamps
     * @return this builder
     */
    public Builder timestamps(boolean timestamps) {
      this.timestamps = timestamps;
      return this;
    }

    /**
     * Read the previous, terminated instance of the container (after a crash).
     *
     * @param previous true for the previous instance
     * @return this builder
     */
    public Builder previous(boolean previous) {
      this.previous = previous;
      return this;
    }

    /**
     * For {@code followLogs}: fail the stream when no byte arrives for this long. A followed log has no read
     * timeout by default, because a quiet container may write nothing for hours; set this to notice a dead
     * peer on HTTP/1.1, where no pings flow.
     *
     * @param idleTimeout a positive duration, or zero for no limit
     * @return this builder
     */
    public Builder idleTimeout(Duration idleTimeout) {
      Objects.requireNonNull(idleTimeout, "idleTimeout");
      if (idleTimeout.isNegative()) {
        throw new IllegalArgumentException("idleTimeout must not be negative: " + idleTimeout);
      }
      this.idleTimeout = idleTimeout;
      return this;
    }

    /** @return the options */
    public LogOptions build() {
      return new LogOptions(this);
    }
  }
}
