package dev.skiff.client;

import dev.skiff.model.Nullable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Options of a patch or apply: the field manager that owns the written fields, whether server-side apply
 * takes fields over from other managers ({@code force}), and dry run. Immutable.
 *
 * <pre>{@code
 * client.pods("demo").apply(pod, PatchOptions.builder().fieldManager("my-controller").force(true).build());
 * }</pre>
 */
public final class PatchOptions {
  private static final PatchOptions DEFAULTS = builder().build();

  private final String fieldManager;
  private final boolean force;
  private final boolean dryRun;

  private PatchOptions(Builder b) {
    this.fieldManager = b.fieldManager;
    this.force = b.force;
    this.dryRun = b.dryRun;
  }

  /** @return no field manager (the client's default is used for apply), no force, no dry run */
  public static PatchOptions defaults() {
    return DEFAULTS;
  }

  /** @return a builder */
  public static Builder builder() {
    return new Builder();
  }

  /** @return the field manager, or null for the client's default */
  public @Nullable String fieldManager() {
    return fieldManager;
  }

  /** @return whether apply takes over conflicting fields */
  public boolean force() {
    return force;
  }

  /** @return whether the server only validates */
  public boolean dryRun() {
    return dryRun;
  }

  /**
   * The query parameters of a patch.
   *
   * @param type the patch type; {@code force} is only sent with {@link PatchType#APPLY}
   * @param defaultFieldManager the manager used when none was set
   * @return the parameters
   */
  Map<String, String> toQuery(PatchType type, String defaultFieldManager) {
    Map<String, String> q = new LinkedHashMap<>();
    String manager = fieldManager != null ? fieldManager : type == PatchType.APPLY ? defaultFieldManager : null;
    if (manager != null) {
      q.put("fieldManager", manager);
    }
    if (force && type == PatchType.APPLY) {
      q.put("force", "true");
    }
    if (dryRun) {
      q.put("dryRun", "All");
    }
    return q;
  }

  @Override
  public String toString() {
    return "PatchOptions{fieldManager=" + fieldManager + ", force=" + force + ", dryRun=" + dryRun + "}";
  }

  /** Builds {@link PatchOptions}. */
  public static final class Builder {
    private String fieldManager;
    private boolean force;
    private boolean dryRun;

    private Builder() {}

    /**
     * The name that owns the fields this patch writes ({@code metadata.managedFields}); required by
     * server-side apply, where the client's default applies when none is set.
     *
     * @param fieldManager e.g. {@code my-controller}
     * @return this builder
     */
    public Builder fieldManager(String fieldManager) {
      this.fieldManager = fieldManager;
      return this;
    }

    /**
     * Server-side apply only: take fields over from other managers instead of failing with 409.
     *
     * @param force true to force
     * @return this builder
     */
    public Builder force(boolean force) {
      this.force = force;
      return this;
    }

    /**
     * Validate only: the server answers with the patched object but persists nothing.
     *
     * @param dryRun true for a dry run
     * @return this builder
     */
    public Builder dryRun(boolean dryRun) {
      this.dryRun = dryRun;
      return this;
    }

    /** @return the options */
    public PatchOptions build() {
      return new PatchOptions(this);
    }
  }
}
