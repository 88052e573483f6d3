package dev.skiff.model.codec;

import dev.skiff.model.FieldsV1;
import dev.skiff.model.Quantity;
import java.util.HashMap;
import java.util.Map;

/** State of one decode call: the pools that share repeated values, and scratch space. */
final class ReadContext {
  final ModelCodec codec;
  /** Null when the codec does not share strings. */
  final StringPool strings;
  final Map<String, Quantity> quantities = new HashMap<>();
  final Map<String, FieldsV1> fieldSets = new HashMap<>();
  final StringBuilder scratch = new StringBuilder(256);
  /** The UTF-8 input when it is one byte array, so raw values can be taken from it without re-encoding. */
  final byte[] source;
  /**
   * Whether embedded objects are copied out as text and decoded on their own, as Skiff always did, rather than
   * decoded in place: set when a decode in place failed, so that its error reads as it always has.
   */
  final boolean captureEmbedded;
  /**
   * Whether managed-field sets must be in the form {@link RawJson} writes: true for an object decoded in place
   * within another, whose sets were always taken from such a copy (see {@link FieldSetPool}).
   */
  final boolean canonicalFieldSets;
  /** Created on first use: most reads hold no managed fields. */
  private FieldSetPool fieldSetPool;

  ReadContext(ModelCodec codec, boolean shareStrings) {
    this(codec, shareStrings, null, false, false);
  }

  ReadContext(ModelCodec codec, boolean shareStrings, byte[] source, boolean captureEmbedded,
      boolean canonicalFieldSets) {
    this(codec, shareStrings ? new StringPool() : null, source, captureEmbedded, canonicalFieldSets);
  }

  /**
   * A context for an object decoded in place within another: it shares the outer decode's string pool, as
   * it is part of the same decode call.
   */
  ReadContext(ModelCodec codec, StringPool strings, byte[] source, boolean captureEmbedded,
      boolean canonicalFieldSets) {
    this.codec = codec;
    this.strings = strings;
    this.source = source;
    this.captureEmbedded = captureEmbedded;
    this.canonicalFieldSets = canonicalFieldSets;
  }

  FieldSetPool fieldSetPool() {
    if (fieldSetPool == null) {
      fieldSetPool = new FieldSetPool(source, canonicalFieldSets);
    }
    return fieldSetPool;
  }
}
