package dev.skiff.model;

/**
 * Thrown when a label selector, or a requirement of one, is invalid. The message starts with the error text
 * Kubernetes' Go implementation produces, which is what an API server returns in its 400 response, followed by
 * the selector and the position when there is one:
 *
 * <pre>{@code
 * unable to parse requirement: found '', expected: ',' or ')' (in selector "app in (web" at index 11)
 * }</pre>
 */
public final class InvalidSelectorException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** The rejected selector text, or null. */
  private final String input;
  /** Go's error text. */
  private final String kubernetesMessage;
  /** Where the offending token starts, or -1. */
  private final int position;

  InvalidSelectorException(@Nullable String input, String kubernetesMessage, int position) {
    super(message(input, kubernetesMessage, position));
    this.input = input;
    this.kubernetesMessage = kubernetesMessage;
    this.position = position;
  }

  /**
   * The selector text that failed to parse.
   *
   * @return the text, or null when the error came from building a selector or requirement from parts
   */
  @Nullable
  public String input() {
    return input;
  }

  /**
   * The error exactly as Kubernetes' Go implementation words it ({@code labels.Parse},
   * {@code labels.NewRequirement} or {@code metav1.LabelSelectorAsSelector}), e.g.
   * {@code unable to parse requirement: found '', expected: ',' or ')'}.
   *
   * @return the Go error text
   */
  public String kubernetesMessage() {
    return kubernetesMessage;
  }

  /**
   * Where in the selector text the offending token starts.
   *
   * @return a zero-based character index, or -1 when there is no text or no single position
   */
  public int position() {
    return position;
  }

  private static String message(@Nullable String input, String kubernetesMessage, int position) {
    if (input == null) {
      return kubernetesMessage;
    }
    return kubernetesMessage + " (in selector " + Names.goQuote(input)
        + (position >= 0 ? " at index " + position : "") + ")";
  }
}
