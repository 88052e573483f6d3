package dev.skiff.fake.patch;

import dev.skiff.gen.Schema;

/** The schema on the classpath, loaded once on first use (it is immutable, and loading parses YAML). */
final class StandardSchema {
  private StandardSchema() {}

  private static final class Holder {
    static final Schema SCHEMA = Schema.load();
  }

  /** The shared schema. */
  static Schema get() {
    return Holder.SCHEMA;
  }
}
