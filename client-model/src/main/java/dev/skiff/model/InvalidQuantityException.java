package dev.skiff.model;

/**
 * Thrown by {@link Quantity#parse(String)} when a text is not a Kubernetes quantity.
 *
 * <p>The message names the input, carries the error text Kubernetes itself reports for it (see
 * {@link #kubernetesMessage()}) and a more specific reason, for example:
 *
 * <pre>{@code
 * invalid quantity "0.1mi": unable to parse quantity's suffix (unknown suffix "mi")
 * }</pre>
 */
public final class InvalidQuantityException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** The rejected text. */
  private final String input;
  /** Go's error text. */
  private final String kubernetesMessage;
  /** Where the problem is, or -1. */
  private final int position;

  InvalidQuantityException(String input, String kubernetesMessage, String detail, int position) {
    super("invalid quantity " + Names.goQuote(input) + ": " + kubernetesMessage + " (" + detail + ")");
    this.input = input;
    this.kubernetesMessage = kubernetesMessage;
    this.position = position;
  }

  /**
   * The text that failed to parse.
   *
   * @return the offending input, exactly as given
   */
  public String input() {
    return input;
  }

  /**
   * The error text Kubernetes' Go implementation ({@code resource.ParseQuantity}) returns for this input,
   * which an API server embeds in its own error messages. One of
   * {@code quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'},
   * {@code unable to parse quantity's suffix} or {@code unable to parse numeric part of quantity}.
   *
   * @return the Go error text, without the input
   */
  public String kubernetesMessage() {
    return kubernetesMessage;
  }

  /**
   * Where in the input the problem was found.
   *
   * @return a zero-based character index, or -1 when the problem is not at one place (an empty text)
   */
  public int position() {
    return position;
  }
}
