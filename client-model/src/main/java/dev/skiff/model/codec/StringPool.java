package dev.skiff.model.codec;

/**
 * Shares equal strings within one decode: label keys and values, images, reasons, node names and the like
 * repeat across the objects of a list, and one instance each is enough. Looks strings up by the parser's
 * character buffer, so a repeated string costs neither an allocation nor a copy.
 */
final class StringPool {
  /** Longer strings are rarely repeated and expensive to compare; they bypass the pool. */
  static final int MAX_LENGTH = 256;

  private static final int MAX_ENTRIES = 1 << 16;

  private String[] table = new String[1024];
  private int size;

  String intern(char[] buf, int off, int len) {
    if (len > MAX_LENGTH) {
      return new String(buf, off, len);
    }
    int h = 0;
    for (int i = 0; i < len; i++) {
      h = 31 * h + buf[off + i];
    }
    int mask = table.length - 1;
    int idx = spread(h) & mask;
    while (true) {
      String s = table[idx];
      if (s == null) {
        String created = new String(buf, off, len);
        if (size < MAX_ENTRIES) {
          table[idx] = created;
          if (++size * 2 > table.length) {
            grow();
          }
        }
        return created;
      }
      if (s.length() == len && s.hashCode() == h && sameChars(s, buf, off, len)) {
        return s;
      }
      idx = (idx + 1) & mask;
    }
  }

  /** Shares an existing string (used for text the parser already materialized). */
  String intern(String s) {
    if (s.length() > MAX_LENGTH) {
      return s;
    }
    char[] chars = s.toCharArray();
    return intern(chars, 0, chars.length);
  }

  private static boolean sameChars(String s, char[] buf, int off, int len) {
    for (int i = 0; i < len; i++) {
      if (s.charAt(i) != buf[off + i]) {
        return false;
      }
    }
    return true;
  }

  private static int spread(int h) {
    return h ^ (h >>> 16);
  }

  private void grow() {
    String[] old = table;
    table = new String[old.length * 2];
    int mask = table.length - 1;
    for (String s : old) {
      if (s != null) {
        int idx = spread(s.hashCode()) & mask;
        while (table[idx] != null) {
          idx = (idx + 1) & mask;
        }
        table[idx] = s;
      }
    }
  }
}
