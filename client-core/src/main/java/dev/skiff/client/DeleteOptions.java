package dev.skiff.client;

import dev.skiff.model.Nullable;
import dev.skiff.model.meta.v1.Preconditions;

/**
 * How to delete: grace period, what happens to dependents, and preconditions that make the delete fail with
 * a 409 Conflict when the object is not the one the caller saw. Immutable.
 *
 * <pre>{@code
 * client.pods("demo").delete("web-1", DeleteOptions.builder().gracePeriodSeconds(0).build());
 * client.replicationControllers("demo").delete("flake",
 *     DeleteOptions.builder().propagationPolicy(PropagationPolicy.FOREGROUND).preconditionUid(uid).build());
 * }</pre>
 */
public final class DeleteOptions {
  private static final DeleteOptions DEFAULTS = builder().build();

  private final Long gracePeriodSeconds;
  private final PropagationPolicy propagationPolicy;
  private final String preconditionUid;
  private final String preconditionResourceVersion;
  private final boolean dryRun;

  private DeleteOptions(Builder b) {
    this.gracePeriodSeconds = b.gracePeriodSeconds;
    this.propagationPolicy = b.propagationPolicy;
    this.preconditionUid = b.preconditionUid;
    this.preconditionResourceVersion = b.preconditionResourceVersion;
    this.dryRun = b.dryRun;
  }

  /** @return the server's defaults: the kind's grace period and propagation policy, no preconditions */
  public static DeleteOptions defaults() {
    return DEFAULTS;
  }

  /** @return a builder */
  public static Builder builder() {
    return new Builder();
  }

  /** @return the grace period in seconds, or null for the object's default */
  public @Nullable Long gracePeriodSeconds() {
    return gracePeriodSeconds;
  }

  /** @return the propagation policy, or null for the kind's default */
  public @Nullable PropagationPolicy propagationPolicy() {
    return propagationPolicy;
  }

  /** @return the UID the object must have, or null */
  public @Nullable String preconditionUid() {
    return preconditionUid;
  }

  /** @return the resource version the object must have, or null */
  public @Nullable String preconditionResourceVersion() {
    return preconditionResourceVersion;
  }

  /** @return whether the server only validates and persists nothing */
  public boolean dryRun() {
    return dryRun;
  }

  /**
   * The {@code meta/v1 DeleteOptions} body sent with the request, as kubectl sends it.
   *
   * @return the body
   */
  public dev.skiff.model.meta.v1.DeleteOptions toModel() {
    dev.skiff.model.meta.v1.DeleteOptions.Builder b = dev.skiff.model.meta.v1.DeleteOptions.builder()
        .apiVersion("v1").kind("DeleteOptions")
        .gracePeriodSeconds(gracePeriodSeconds)
        .propagationPolicy(propagationPolicy == null ? null : propagationPolicy.wireValue());
    if (preconditionUid != null || preconditionResourceVersion != null) {
      b.preconditions(Preconditions.builder().uid(preconditionUid).resourceVersion(preconditionResourceVersion)
          .build());
    }
    if (dryRun) {
      b.addDryRun("All");
    }
    return b.build();
  }

  @Override
  public String toString() {
    return "DeleteOptions{gracePeriodSeconds=" + gracePeriodSeconds + ", propagationPolicy=" + propagationPolicy
        + ", preconditionUid=" + preconditionUid + ", preconditionResourceVersion=" + preconditionResourceVersion
        + ", dryRun=" + dryRun + "}";
  }

  /** Builds {@link DeleteOptions}. */
  public static final class Builder {
    private Long gracePeriodSeconds;
    private PropagationPolicy propagationPolicy;
    private String preconditionUid;
    private String preconditionResourceVersion;
    private boolean dryRun;

    private Builder() {}

    /**
     * Seconds the object gets to shut down; 0 deletes immediately.
     *
     * @param seconds 0 or more
     * @return this builder
     */
    public Builder gracePeriodSeconds(long seconds) {
      if (seconds < 0) {
        throw new IllegalArgumentException("gracePeriodSeconds must not be negative: " + seconds);
      }
      this.gracePeriodSeconds = seconds;
      return this;
    }

    /**
     * What happens to dependents.
     *
     * @param policy the policy
     * @return this builder
     */
    public Builder propagationPolicy(PropagationPolicy policy) {
      this.propagationPolicy = policy;
      return this;
    }

    /**
     * Delete only if the object still has this UID (it was not deleted and recreated meanwhile).
     *
     * @param uid the expected {@code metadata.uid}
     * @return this builder
     */
    public Builder preconditionUid(String uid) {
      this.preconditionUid = uid;
      return this;
    }

    /**
     * Delete only if the object was not changed since this resource version.
     *
     * @param resourceVersion the expected {@code metadata.resourceVersion}
     * @return this builder
     */
    public Builder preconditionResourceVersion(String resourceVersion) {
      this.preconditionResourceVersion = resourceVersion;
      return this;
    }

    /**
     * Validate only: the server answers as if it deleted, but keeps the object.
     *
     * @param dryRun true for a dry run
     * @return this builder
     */
    public Builder dryRun(boolean dryRun) {
      this.dryRun = dryRun;
      return this;
    }

    /** @return the options */
    public DeleteOptions build() {
      return new DeleteOptions(this);
    }
  }
}
