package dev.skiff.client.internal;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * The sliver of ASN.1 DER that converting private keys to PKCS#8 needs: writing definite-length elements
 * and walking the elements of a structure. Not a general parser: no indefinite lengths, single-byte tags.
 */
final class Der {
  private Der() {}

  /** Encodes one element: tag, definite length, contents. */
  static byte[] element(int tag, byte[] contents) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(contents.length + 6);
    out.write(tag);
    int length = contents.length;
    if (length < 0x80) {
      out.write(length);
    } else {
      int bytes = (Integer.SIZE - Integer.numberOfLeadingZeros(length) + 7) / 8;
      out.write(0x80 | bytes);
      for (int i = bytes - 1; i >= 0; i--) {
        out.write(length >>> (8 * i));
      }
    }
    out.writeBytes(contents);
    return out.toByteArray();
  }

  /** Encodes a SEQUENCE of already encoded elements. */
  static byte[] sequence(byte[]... elements) {
    ByteArrayOutputStream contents = new ByteArrayOutputStream();
    for (byte[] e : elements) {
      contents.writeBytes(e);
    }
    return element(0x30, contents.toByteArray());
  }

  /** Walks the consecutive elements of a byte range. */
  static final class Reader {
    private final byte[] bytes;
    private int pos;
    private final int end;

    Reader(byte[] bytes) {
      this(bytes, 0, bytes.length);
    }

    private Reader(byte[] bytes, int start, int end) {
      this.bytes = bytes;
      this.pos = start;
      this.end = end;
    }

    boolean hasNext() {
      return pos < end;
    }

    /**
     * Reads the next element.
     *
     * @param expectedTag the tag it must have, or -1 for any
     * @throws IllegalArgumentException when the bytes are not DER or the tag differs
     */
    Element next(int expectedTag) {
      if (pos + 2 > end) {
        throw new IllegalArgumentException("truncated DER");
      }
      int start = pos;
      int tag = bytes[pos++] & 0xff;
      if (expectedTag >= 0 && tag != expectedTag) {
        throw new IllegalArgumentException("unexpected DER tag " + tag);
      }
      int length = bytes[pos++] & 0xff;
      if (length >= 0x80) {
        int count = length & 0x7f;
        if (count == 0 || count > 3 || pos + count > end) {
          throw new IllegalArgumentException("unsupported DER length");
        }
        length = 0;
        for (int i = 0; i < count; i++) {
          length = (length << 8) | (bytes[pos++] & 0xff);
        }
      }
      if (pos + length > end) {
        throw new IllegalArgumentException("truncated DER");
      }
      Element e = new Element(tag, start, pos, pos + length);
      pos += length;
      return e;
    }

    /** One element: its tag and where its header and contents lie. */
    final class Element {
      private final int tag;
      private final int start;
      private final int contentStart;
      private final int contentEnd;

      private Element(int tag, int start, int contentStart, int contentEnd) {
        this.tag = tag;
        this.start = start;
        this.contentStart = contentStart;
        this.contentEnd = contentEnd;
      }

      int tag() {
        return tag;
      }

      /** A reader over the element's contents (for constructed elements). */
      Reader contents() {
        return new Reader(bytes, contentStart, contentEnd);
      }

      /** The whole element, header included. */
      byte[] encoded() {
        return Arrays.copyOfRange(bytes, start, contentEnd);
      }
    }
  }
}
