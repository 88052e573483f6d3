package dev.skiff.model.codec;

import java.nio.charset.StandardCharsets;

/**
 * Finds a JSON object's top-level {@code apiVersion} and {@code kind} by looking at its bytes, without a parser,
 * so that an embedded object can be decoded in place with the right codec. API servers write {@code kind} and
 * {@code apiVersion} first, so the scan usually stops after a few dozen bytes.
 *
 * <p>It only answers when the answer is plain: names and values without escapes, string values, each key seen
 * once before both are known. Anything else (an escape, a non-string or repeated {@code kind}, bytes that are
 * not JSON) gets no answer, and the caller takes the general path, which reports such input as it always has.
 */
final class KindScan {
  private static final byte[] API_VERSION = "apiVersion".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] KIND = "kind".getBytes(StandardCharsets.US_ASCII);

  private KindScan() {}

  /**
   * The apiVersion and kind of the object whose opening brace is at {@code b[from]}.
   *
   * @return {apiVersion, kind}, each empty when the object has no such key; null when the bytes are not plain
   *     enough to tell (see the class comment)
   */
  static String[] of(byte[] b, int from) {
    int end = b.length;
    if (from >= end || b[from] != '{') {
      return null;
    }
    String apiVersion = null;
    String kind = null;
    int i = from + 1;
    while (true) {
      i = blanks(b, i, end);
      if (i >= end) {
        return null;
      }
      byte c = b[i];
      if (c == '}') {
        break;
      }
      if (c == ',') {
        i++;
        continue;
      }
      if (c != '"') {
        return null;
      }
      int keyStart = i + 1;
      int keyEnd = plainStringEnd(b, keyStart, end);
      if (keyEnd < 0) {
        return null;
      }
      i = blanks(b, keyEnd + 1, end);
      if (i >= end || b[i] != ':') {
        return null;
      }
      i = blanks(b, i + 1, end);
      if (i >= end) {
        return null;
      }
      boolean isKind = equals(b, keyStart, keyEnd, KIND);
      if (isKind || equals(b, keyStart, keyEnd, API_VERSION)) {
        if (b[i] != '"' || (isKind ? kind : apiVersion) != null) {
          return null; // not a string, or said twice: the general path decides what that means
        }
        int valueEnd = plainStringEnd(b, i + 1, end);
        if (valueEnd < 0) {
          return null;
        }
        String value = new String(b, i + 1, valueEnd - i - 1, StandardCharsets.UTF_8);
        if (isKind) {
          kind = value;
        } else {
          apiVersion = value;
        }
        if (kind != null && apiVersion != null) {
          return new String[] {apiVersion, kind};
        }
        i = valueEnd + 1;
      } else {
        i = skipValue(b, i, end);
        if (i < 0) {
          return null;
        }
      }
    }
    return new String[] {apiVersion == null ? "" : apiVersion, kind == null ? "" : kind};
  }

  /** The index of the closing quote of a string starting at {@code i} (after its opening quote); -1 on an escape. */
  private static int plainStringEnd(byte[] b, int i, int end) {
    for (; i < end; i++) {
      byte c = b[i];
      if (c == '"') {
        return i;
      }
      if (c == '\\') {
        return -1;
      }
    }
    return -1;
  }

  /** The index just past the value starting at {@code i}, or -1 when it runs past the input. */
  private static int skipValue(byte[] b, int i, int end) {
    byte c = b[i];
    if (c == '"') {
      return skipString(b, i + 1, end);
    }
    if (c == '{' || c == '[') {
      int depth = 0;
      while (i < end) {
        c = b[i++];
        if (c == '"') {
          i = skipString(b, i, end);
          if (i < 0) {
            return -1;
          }
        } else if (c == '{' || c == '[') {
          depth++;
        } else if (c == '}' || c == ']') {
          if (--depth == 0) {
            return i;
          }
        }
      }
      return -1;
    }
    // A scalar: up to the next separator.
    while (i < end && (c = b[i]) != ',' && c != '}' && c != ']' && c > ' ') {
      i++;
    }
    return i < end ? i : -1;
  }

  /** The index just past the closing quote of a string whose content starts at {@code i}, or -1. */
  private static int skipString(byte[] b, int i, int end) {
    while (i < end) {
      byte c = b[i++];
      if (c == '\\') {
        i++;
      } else if (c == '"') {
        return i;
      }
    }
    return -1;
  }

  private static int blanks(byte[] b, int i, int end) {
    while (i < end) {
      byte c = b[i];
      if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
        return i;
      }
      i++;
    }
    return i;
  }

  private static boolean equals(byte[] b, int from, int to, byte[] name) {
    if (to - from != name.length) {
      return false;
    }
    for (int j = 0; j < name.length; j++) {
      if (b[from + j] != name[j]) {
        return false;
      }
    }
    return true;
  }
}
