package dev.skiff.fake.registry;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An admission plugin refused a write, as a real server's {@code admission.NewForbidden}: the API layer answers
 * with {@link #status()}, a 403 {@code Forbidden} Status such as {@code pods "x" is forbidden: error looking up
 * service account ns/default: serviceaccount "default" not found}.
 */
public final class AdmissionDeniedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String resource;
  private final String name;
  private final String reasonText;

  /**
   * Creates the refusal.
   *
   * @param resource the plural resource, e.g. {@code pods}
   * @param name the object's name (empty when it is still to be generated)
   * @param reasonText why, e.g. {@code error looking up service account ns/default: serviceaccount "default" not
   *     found}
   */
  public AdmissionDeniedException(String resource, String name, String reasonText) {
    super(resource + " " + GoText.quote(name) + " is forbidden: " + reasonText);
    this.resource = resource;
    this.name = name;
    this.reasonText = reasonText;
  }

  /**
   * The plural resource the refused object belongs to, e.g. {@code pods}.
   *
   * @return the resource
   */
  public String resource() {
    return resource;
  }

  /**
   * The name of the refused object; empty when it was to be generated.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /**
   * Why the plugin refused, without the {@code pods "x" is forbidden: } prefix.
   *
   * @return the reason text
   */
  public String reasonText() {
    return reasonText;
  }

  /**
   * The 403 Status body: {@code {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure",
   * "message":..., "reason":"Forbidden","details":{"name":...,"kind":"pods"},"code":403}}.
   *
   * @return a new Status object
   */
  public ObjectNode status() {
    ObjectNode status = JsonNodeFactory.instance.objectNode();
    status.put("kind", "Status");
    status.put("apiVersion", "v1");
    status.putObject("metadata");
    status.put("status", "Failure");
    status.put("message", getMessage());
    status.put("reason", "Forbidden");
    ObjectNode details = status.putObject("details");
    if (!name.isEmpty()) {
      details.put("name", name);
    }
    details.put("kind", resource);
    status.put("code", 403);
    return status;
  }
}
