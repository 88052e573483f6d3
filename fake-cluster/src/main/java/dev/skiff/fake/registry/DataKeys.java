package dev.skiff.fake.registry;

import java.util.ArrayList;
import java.util.List;

/** Go's {@code IsConfigMapKey}: the rule for keys of ConfigMap and Secret data (they become file names). */
final class DataKeys {
  /** Go's {@code MaxSecretSize}: 1 MiB over all values of a ConfigMap or Secret. */
  static final int MAX_TOTAL_SIZE = 1024 * 1024;

  private static final String KEY_ERROR = "a valid config key must consist of alphanumeric characters, '-', '_' "
      + "or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')";

  private DataKeys() {}

  /** The broken rules for a key, in the server's order and wording. */
  static List<String> errors(String key) {
    List<String> errors = new ArrayList<>();
    if (key.length() > 253) {
      errors.add("must be no more than 253 characters");
    }
    if (!key.matches("[-._a-zA-Z0-9]+")) {
      errors.add(KEY_ERROR);
    }
    if (key.equals(".")) {
      errors.add("must not be '.'");
    } else if (key.equals("..")) {
      errors.add("must not be '..'");
    } else if (key.startsWith("..")) {
      errors.add("must not start with '..'");
    }
    return errors;
  }
}
