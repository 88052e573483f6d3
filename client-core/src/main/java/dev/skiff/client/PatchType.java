package dev.skiff.client;

/** The four patch formats of the Kubernetes API, each sent with its own content type. */
public enum PatchType {
  /** RFC 7386 JSON merge patch: objects merge, {@code null} deletes, lists are replaced whole. */
  MERGE("application/merge-patch+json"),
  /** RFC 6902 JSON patch: a list of {@code add}/{@code remove}/{@code replace}/{@code test}/... operations. */
  JSON("application/json-patch+json"),
  /** Kubernetes strategic merge patch: like merge, but lists such as containers merge by their key. */
  STRATEGIC_MERGE("application/strategic-merge-patch+json"),
  /** Server-side apply: the full intent of a field manager; needs a field manager, may force conflicts. */
  APPLY("application/apply-patch+yaml");

  private final String contentType;

  PatchType(String contentType) {
    this.contentType = contentType;
  }

  /** @return the content type the patch is sent with */
  public String contentType() {
    return contentType;
  }
}
