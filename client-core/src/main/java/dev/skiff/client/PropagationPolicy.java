package dev.skiff.client;

/** What happens to the objects a deleted object owns (its pods, for a ReplicationController). */
public enum PropagationPolicy {
  /** Leave the dependents running, without their owner reference. */
  ORPHAN("Orphan"),
  /** Delete the owner now and the dependents in the background (the server's default for most kinds). */
  BACKGROUND("Background"),
  /** Delete the dependents first; the owner disappears after them. */
  FOREGROUND("Foreground");

  private final String wire;

  PropagationPolicy(String wire) {
    this.wire = wire;
  }

  /** @return the value on the wire, e.g. {@code Foreground} */
  public String wireValue() {
    return wire;
  }
}
