package dev.skiff.model.codec;

import java.util.Arrays;

/**
 * Shares equal strings within one decode: label keys and values, images, reasons, node names and the like
 * repeat across the objects of a list, and one instance each is enough. Looks strings up by the parser's
 * character buffer, so a repeated string costs neither an allocation nor a copy.
 */
final class StringPool {
  /** Longer strings are rarely repeated and expensive to compare; they bypass the pool. */
  static final int MAX_LENGTH = 128;

  private static final int MAX_ENTRIES = 1 << 16;

  /**
   * Slots to start with: a decode of one object (a watch event's) finds a few dozen strings, and zeroing
   * thousands of slots per event cost more than its parse; a list's decode grows the table as it goes.
   */
  private static final int INITIAL_SLOTS = 64;

  /** How many strings the pool holds at most. */
  private final int maxEntries;
  /** What happens when it holds that many: forget them all (a long-lived table) or stop adding (one decode). */
  private final boolean resetWhenFull;

  private String[] strings = new String[INITIAL_SLOTS];
  /** The strings' characters, compared with the vectorized {@link Arrays#equals(char[], int, int, char[], int, int)}. */
  private char[][] chars = new char[INITIAL_SLOTS][];
  private int[] hashes = new int[INITIAL_SLOTS];
  private int size;

  /** A pool for one decode: it stops adding strings when it holds {@value #MAX_ENTRIES}. */
  StringPool() {
    this(MAX_ENTRIES, false);
  }

  /**
   * A pool of at most {@code maxEntries} strings.
   *
   * @param resetWhenFull true for a pool that lives across decodes (a {@link ModelCodec.StringTable}): when
   *     full it starts again empty, so that the strings of later objects are still shared
   */
  StringPool(int maxEntries, boolean resetWhenFull) {
    this.maxEntries = maxEntries;
    this.resetWhenFull = resetWhenFull;
  }

  String intern(char[] buf, int off, int len) {
    if (len > MAX_LENGTH) {
      return new String(buf, off, len);
    }
    int h = 0;
    for (int i = off, end = off + len; i < end; i++) {
      h = 31 * h + buf[i];
    }
    int mask = strings.length - 1;
    int idx = spread(h) & mask;
    while (true) {
      char[] k = chars[idx];
      if (k == null) {
        String created = new String(buf, off, len);
        if (size >= maxEntries) {
          if (!resetWhenFull) {
            return created;
          }
          reset();
          idx = spread(h) & (strings.length - 1);
        }
        strings[idx] = created;
        chars[idx] = Arrays.copyOfRange(buf, off, off + len);
        hashes[idx] = h;
        if (++size * 2 > strings.length) {
          grow();
        }
        return created;
      }
      if (hashes[idx] == h && k.length == len && Arrays.equals(k, 0, len, buf, off, off + len)) {
        return strings[idx];
      }
      idx = (idx + 1) & mask;
    }
  }

  private static int spread(int h) {
    return h ^ (h >>> 16);
  }

  /** How many strings the pool holds now. */
  int size() {
    return size;
  }

  private void reset() {
    strings = new String[INITIAL_SLOTS];
    chars = new char[INITIAL_SLOTS][];
    hashes = new int[INITIAL_SLOTS];
    size = 0;
  }

  private void grow() {
    String[] oldStrings = strings;
    char[][] oldChars = chars;
    int[] oldHashes = hashes;
    int capacity = oldStrings.length * 2;
    strings = new String[capacity];
    chars = new char[capacity][];
    hashes = new int[capacity];
    int mask = capacity - 1;
    for (int j = 0; j < oldStrings.length; j++) {
      if (oldChars[j] != null) {
        int idx = spread(oldHashes[j]) & mask;
        while (chars[idx] != null) {
          idx = (idx + 1) & mask;
        }
        strings[idx] = oldStrings[j];
        chars[idx] = oldChars[j];
        hashes[idx] = oldHashes[j];
      }
    }
  }
}
