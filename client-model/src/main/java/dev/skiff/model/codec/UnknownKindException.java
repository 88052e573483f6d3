package dev.skiff.model.codec;

/** A document whose {@code apiVersion} and {@code kind} name a type Skiff does not model. */
public final class UnknownKindException extends DecodeException {
  private static final long serialVersionUID = 1L;

  private final String apiVersion;
  private final String kind;

  /**
   * Creates the exception.
   *
   * @param apiVersion the document's apiVersion, empty when absent
   * @param kind the document's kind, empty when absent
   */
  public UnknownKindException(String apiVersion, String kind) {
    super(kind.isEmpty()
        ? "cannot decode an object without 'kind' (and 'apiVersion') into a model type"
        : "no model type for kind '" + kind + "' in apiVersion '" + apiVersion + "'", "", -1, -1, null);
    this.apiVersion = apiVersion;
    this.kind = kind;
  }

  /**
   * The apiVersion the document named.
   *
   * @return the apiVersion, empty when absent
   */
  public String apiVersion() {
    return apiVersion;
  }

  /**
   * The kind the document named.
   *
   * @return the kind, empty when absent
   */
  public String kind() {
    return kind;
  }
}
