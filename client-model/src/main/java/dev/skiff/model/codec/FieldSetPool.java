package dev.skiff.model.codec;

import dev.skiff.model.FieldsV1;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Shares managed-field sets within one decode, looked up by their raw bytes in the input: objects of the same
 * shape (the pods of one ReplicaSet) carry identical sets, so all but the first cost neither a copy nor an
 * allocation.
 */
final class FieldSetPool {
  private static final int MAX_ENTRIES = 1 << 14;

  private byte[][] keys = new byte[256][];
  private FieldsV1[] values = new FieldsV1[256];
  private int size;

  /** The set whose compact JSON is {@code source[from, to)}. */
  FieldsV1 get(byte[] source, int from, int to) {
    int h = 1;
    for (int i = from; i < to; i++) {
      h = 31 * h + source[i];
    }
    int mask = keys.length - 1;
    int idx = (h ^ (h >>> 16)) & mask;
    while (true) {
      byte[] k = keys[idx];
      if (k == null) {
        FieldsV1 created = FieldsV1.of(new String(source, from, to - from, StandardCharsets.UTF_8));
        if (size < MAX_ENTRIES) {
          keys[idx] = Arrays.copyOfRange(source, from, to);
          values[idx] = created;
          if (++size * 2 > keys.length) {
            grow();
          }
        }
        return created;
      }
      if (k.length == to - from && Arrays.equals(k, 0, k.length, source, from, to)) {
        return values[idx];
      }
      idx = (idx + 1) & mask;
    }
  }

  private void grow() {
    byte[][] oldKeys = keys;
    FieldsV1[] oldValues = values;
    keys = new byte[oldKeys.length * 2][];
    values = new FieldsV1[oldKeys.length * 2];
    int mask = keys.length - 1;
    for (int j = 0; j < oldKeys.length; j++) {
      byte[] k = oldKeys[j];
      if (k != null) {
        int h = 1;
        for (byte b : k) {
          h = 31 * h + b;
        }
        int idx = (h ^ (h >>> 16)) & mask;
        while (keys[idx] != null) {
          idx = (idx + 1) & mask;
        }
        keys[idx] = k;
        values[idx] = oldValues[j];
      }
    }
  }
}
