package dev.skiff.fake.table;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;

/**
 * {@code meta.k8s.io/v1 Table} answers with the real server's columns per kind.
 *
 * <p>SCAFFOLD: placeholder with the agreed signatures; the real implementation replaces it.
 */
public final class Tables {
  private Tables() {}

  /** Whether an {@code Accept} header asks for a Table first. */
  public static boolean wantsTable(String accept) {
    return false;
  }

  /** A Table of the given objects of one kind, with the list's metadata. */
  public static ObjectNode table(String kind, List<ObjectNode> objects, ObjectNode listMetadata, Instant now) {
    throw new UnsupportedOperationException("scaffold");
  }
}
