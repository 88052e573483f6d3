package dev.skiff.client;

import dev.skiff.model.Nullable;
import dev.skiff.model.Selector;
import dev.skiff.model.meta.v1.LabelSelector;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a list request asks for: label and field selectors, and a page size with the continue token of the
 * previous page. Immutable; the {@code with...} methods and the builder return new instances.
 *
 * <pre>{@code
 * ListOptions web = ListOptions.builder().labelSelector("app=web,tier in (fe,be)").limit(100).build();
 * }</pre>
 */
public final class ListOptions {
  private static final ListOptions ALL = builder().build();

  private final String labelSelector;
  private final String fieldSelector;
  private final long limit;
  private final String continueToken;

  private ListOptions(Builder b) {
    this.labelSelector = b.labelSelector;
    this.fieldSelector = b.fieldSelector;
    this.limit = b.limit;
    this.continueToken = b.continueToken;
  }

  /**
   * Everything, in one page.
   *
   * @return options with no selector and no limit
   */
  public static ListOptions all() {
    return ALL;
  }

  /**
   * Objects whose labels match a selector.
   *
   * @param selector a label selector, e.g. {@code app=web,tier in (fe,be)}; checked by parsing it
   * @return the options
   */
  public static ListOptions labelSelector(String selector) {
    return builder().labelSelector(selector).build();
  }

  /**
   * Starts building options.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** @return a builder holding these options */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.labelSelector = labelSelector;
    b.fieldSelector = fieldSelector;
    b.limit = limit;
    b.continueToken = continueToken;
    return b;
  }

  /** @return the label selector text, or null for none */
  public @Nullable String labelSelectorText() {
    return labelSelector;
  }

  /** @return the field selector text, or null for none */
  public @Nullable String fieldSelector() {
    return fieldSelector;
  }

  /** @return the page size, 0 for no limit */
  public long limit() {
    return limit;
  }

  /** @return the continue token of the previous page, or null for the first page */
  public @Nullable String continueToken() {
    return continueToken;
  }

  /**
   * These options for the next page.
   *
   * @param token the {@code metadata.continue} of the previous page
   * @return a copy with the token
   */
  public ListOptions withContinueToken(@Nullable String token) {
    return toBuilder().continueToken(token).build();
  }

  /**
   * The query parameters these options send.
   *
   * @return parameters in a stable order
   */
  public Map<String, String> toQuery() {
    Map<String, String> q = new LinkedHashMap<>();
    if (labelSelector != null) {
      q.put("labelSelector", labelSelector);
    }
    if (fieldSelector != null) {
      q.put("fieldSelector", fieldSelector);
    }
    if (limit > 0) {
      q.put("limit", Long.toString(limit));
    }
    if (continueToken != null) {
      q.put("continue", continueToken);
    }
    return q;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ListOptions l && Objects.equals(l.labelSelector, labelSelector)
        && Objects.equals(l.fieldSelector, fieldSelector) && l.limit == limit
        && Objects.equals(l.continueToken, continueToken);
  }

  @Override
  public int hashCode() {
    return Objects.hash(labelSelector, fieldSelector, limit, continueToken);
  }

  @Override
  public String toString() {
    return "ListOptions" + toQuery();
  }

  /** Builds {@link ListOptions}. */
  public static final class Builder {
    private String labelSelector;
    private String fieldSelector;
    private long limit;
    private String continueToken;

    private Builder() {}

    /**
     * A label selector as text. It is parsed here, so a typo fails before any request, and sent in canonical
     * form.
     *
     * @param selector e.g. {@code app=web,tier in (fe,be)}; null or empty for none
     * @return this builder
     * @throws dev.skiff.model.InvalidSelectorException when the text is not a valid selector
     */
    public Builder labelSelector(@Nullable String selector) {
      this.labelSelector = selector == null || selector.isBlank() ? null : emptyToNull(Selector.parse(selector));
      return this;
    }

    /**
     * A label selector as the API's {@code LabelSelector} object (match labels and expressions).
     *
     * @param selector the selector, e.g. a ReplicaSet's {@code spec.selector}
     * @return this builder
     */
    public Builder labelSelector(LabelSelector selector) {
      this.labelSelector = emptyToNull(Selector.from(Objects.requireNonNull(selector, "selector")));
      return this;
    }

    /**
     * A label selector built with {@link Selector#builder()}.
     *
     * @param selector the selector
     * @return this builder
     */
    public Builder labelSelector(Selector selector) {
      this.labelSelector = emptyToNull(Objects.requireNonNull(selector, "selector"));
      return this;
    }

    /**
     * A field selector, e.g. {@code status.phase=Running,spec.nodeName=node-1}. Which fields work depends on
     * the kind; the server answers 400 for others.
     *
     * @param selector the selector text; null or empty for none
     * @return this builder
     */
    public Builder fieldSelector(@Nullable String selector) {
      this.fieldSelector = selector == null || selector.isBlank() ? null : selector;
      return this;
    }

    /**
     * The page size: the server returns at most this many objects and a continue token for the rest.
     *
     * @param limit 1 or more; 0 for no limit
     * @return this builder
     */
    public Builder limit(long limit) {
      if (limit < 0) {
        throw new IllegalArgumentException("limit must not be negative: " + limit);
      }
      this.limit = limit;
      return this;
    }

    /**
     * The continue token of the previous page.
     *
     * @param token the token, or null for the first page
     * @return this builder
     */
    public Builder continueToken(@Nullable String token) {
      this.continueToken = token == null || token.isEmpty() ? null : token;
      return this;
    }

    /** @return the options */
    public ListOptions build() {
      return new ListOptions(this);
    }

    private static String emptyToNull(Selector s) {
      return s.isEmpty() ? null : s.toString();
    }
  }
}
