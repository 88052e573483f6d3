package dev.skiff.model.codec;

import dev.skiff.model.FieldsV1;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Shares managed-field sets within one decode, looked up by their raw bytes in the input: objects of the same
 * shape (the pods of one ReplicaSet) carry identical sets, so all but the first cost no allocation. Entries
 * are ranges of the input itself, which lives as long as the decode, so nothing is copied.
 */
final class FieldSetPool {
  private static final int MAX_ENTRIES = 1 << 14;

  private final byte[] source;
  /** Whether sets must be in the form {@link RawJson} writes; see {@link #canonicalHash}. */
  private final boolean canonicalOnly;
  /** Per slot: start and end offset in {@link #source}, or -1 when the slot is free. */
  /** Slots to start with: one object holds a handful of sets; a list's decode grows the table. */
  private static final int INITIAL_SLOTS = 16;

  private int[] ranges = newRanges(INITIAL_SLOTS);
  private FieldsV1[] values = new FieldsV1[INITIAL_SLOTS];
  private int[] hashes = new int[INITIAL_SLOTS];
  private int size;

  FieldSetPool(byte[] source, boolean canonicalOnly) {
    this.source = source;
    this.canonicalOnly = canonicalOnly;
  }

  /**
   * The set whose JSON is {@code source[from, to)}, or null when that text holds a line break (pretty-printed
   * input) or, for a pool of canonical sets, is not {@linkplain #canonicalHash canonical}: the caller compacts such
   * text first.
   */
  FieldsV1 get(int from, int to) {
    int h;
    if (canonicalOnly) {
      long canonical = canonicalHash(from, to); // one pass: the check and the hash
      if (canonical == NOT_CANONICAL) {
        return null;
      }
      h = (int) canonical;
    } else {
      h = 1;
      for (int i = from; i < to; i++) {
        byte b = source[i];
        if (b == '\n') {
          return null;
        }
        h = 31 * h + b;
      }
    }
    int mask = values.length - 1;
    int idx = (h ^ (h >>> 16)) & mask;
    while (true) {
      FieldsV1 v = values[idx];
      if (v == null) {
        FieldsV1 created = FieldsV1.of(new String(source, from, to - from, StandardCharsets.UTF_8));
        if (size < MAX_ENTRIES) {
          values[idx] = created;
          ranges[2 * idx] = from;
          ranges[2 * idx + 1] = to;
          hashes[idx] = h;
          if (++size * 2 > values.length) {
            grow();
          }
        }
        return created;
      }
      int kFrom = ranges[2 * idx];
      int kTo = ranges[2 * idx + 1];
      if (hashes[idx] == h && kTo - kFrom == to - from && Arrays.equals(source, kFrom, kTo, source, from, to)) {
        return v;
      }
      idx = (idx + 1) & mask;
    }
  }

  /** What {@link #canonicalHash} returns for text that is not canonical; no int hash widens to it. */
  private static final long NOT_CANONICAL = Long.MIN_VALUE;

  /**
   * The hash of {@code source[from, to)} (as {@link #get}'s other path computes it, {@code h = 31 * h + b} over
   * the bytes) when that text is exactly the text {@link RawJson#capture} makes of it: a trie of objects
   * (the only shape managed fields have) without blanks, of ASCII keys whose only escapes are the short ones
   * RawJson writes. Objects embedded in others (watch events) were always decoded from such a copy, so their
   * sets must read the same when decoded in place; anything else takes the copying path. Server output passes:
   * its keys escape quotes and backslashes and nothing else. {@link #NOT_CANONICAL} otherwise.
   */
  private long canonicalHash(int from, int to) {
    byte[] b = source;
    if (to - from < 2 || b[from] != '{') {
      return NOT_CANONICAL;
    }
    int h = 31 + '{';
    // Outside strings: 0 after '{', 1 after a key, 2 after ':', 3 after a value, 4 after ','.
    int state = 0;
    int depth = 1;
    for (int i = from + 1; i < to; i++) {
      byte c = b[i];
      h = 31 * h + c;
      if (c == '"') {
        if (state != 0 && state != 4) {
          return NOT_CANONICAL;
        }
        for (i++; ; i++) {
          if (i >= to) {
            return NOT_CANONICAL;
          }
          c = b[i];
          h = 31 * h + c;
          if (c == '"') {
            break;
          }
          if (c < 0x20) { // control characters and (negative) non-ASCII bytes
            return NOT_CANONICAL;
          }
          if (c == '\\') {
            if (++i >= to) {
              return NOT_CANONICAL;
            }
            c = b[i];
            h = 31 * h + c;
            if (c != '"' && c != '\\' && c != 'n' && c != 'r' && c != 't') {
              return NOT_CANONICAL;
            }
          }
        }
        state = 1;
      } else if (c == ':' && state == 1) {
        state = 2;
      } else if (c == '{' && state == 2) {
        state = 0;
        depth++;
      } else if (c == '}' && (state == 0 || state == 3)) {
        state = 3;
        depth--;
        if (depth == 0) {
          return i == to - 1 ? h : NOT_CANONICAL;
        }
      } else if (c == ',' && state == 3) {
        state = 4;
      } else {
        return NOT_CANONICAL;
      }
    }
    return NOT_CANONICAL;
  }

  private static int[] newRanges(int slots) {
    return new int[2 * slots];
  }

  private void grow() {
    int[] oldRanges = ranges;
    FieldsV1[] oldValues = values;
    int[] oldHashes = hashes;
    int capacity = oldValues.length * 2;
    ranges = newRanges(capacity);
    values = new FieldsV1[capacity];
    hashes = new int[capacity];
    int mask = capacity - 1;
    for (int j = 0; j < oldValues.length; j++) {
      if (oldValues[j] != null) {
        int idx = (oldHashes[j] ^ (oldHashes[j] >>> 16)) & mask;
        while (values[idx] != null) {
          idx = (idx + 1) & mask;
        }
        values[idx] = oldValues[j];
        ranges[2 * idx] = oldRanges[2 * j];
        ranges[2 * idx + 1] = oldRanges[2 * j + 1];
        hashes[idx] = oldHashes[j];
      }
    }
  }
}
