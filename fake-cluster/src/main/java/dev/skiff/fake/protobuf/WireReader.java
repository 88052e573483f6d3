package dev.skiff.fake.protobuf;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads the protobuf wire format from a slice of a byte array: tags, varints, fixed-width numbers
 * and length-delimited payloads. Every read is bounds-checked, so input that is cut short or
 * malformed gives a {@link ProtobufDecodeException}, never an unchecked exception or a loop
 * without progress.
 */
final class WireReader {
  /** Wire type of varint-encoded fields (int32, int64, bool, enum). */
  static final int VARINT = 0;
  /** Wire type of 8-byte little-endian fields (double, fixed64). */
  static final int FIXED64 = 1;
  /** Wire type of length-prefixed fields (string, bytes, messages, packed lists). */
  static final int LENGTH_DELIMITED = 2;
  /** Wire type of 4-byte little-endian fields (float, fixed32). */
  static final int FIXED32 = 5;

  private final byte[] bytes;
  private int position;
  private final int end;

  /** Reads {@code bytes[from, to)}. */
  WireReader(byte[] bytes, int from, int to) {
    this.bytes = bytes;
    this.position = from;
    this.end = to;
  }

  /** Whether the slice is used up. */
  boolean atEnd() {
    return position >= end;
  }

  /** Reads a field key; returns it whole (number in the high bits, wire type in the low three). */
  long readKey() throws ProtobufDecodeException {
    long key = readVarint();
    if ((key >>> 3) == 0 || (key >>> 3) > 0x1FFF_FFFFL) {
      throw new ProtobufDecodeException("invalid protobuf field number " + (key >>> 3));
    }
    return key;
  }

  /** Reads a base-128 varint of at most ten bytes. */
  long readVarint() throws ProtobufDecodeException {
    long value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (position >= end) {
        throw truncated();
      }
      byte b = bytes[position++];
      value |= (long) (b & 0x7F) << shift;
      if (b >= 0) {
        return value;
      }
    }
    throw new ProtobufDecodeException("invalid protobuf varint: longer than ten bytes");
  }

  /** Reads eight little-endian bytes. */
  long readFixed64() throws ProtobufDecodeException {
    need(8);
    long value = 0;
    for (int i = 7; i >= 0; i--) {
      value = (value << 8) | (bytes[position + i] & 0xFF);
    }
    position += 8;
    return value;
  }

  /** Reads a length prefix and returns a reader over the payload it announces, skipping it here. */
  WireReader readLengthDelimited() throws ProtobufDecodeException {
    int length = readLength();
    WireReader payload = new WireReader(bytes, position, position + length);
    position += length;
    return payload;
  }

  /** Reads a length-delimited payload as bytes. */
  byte[] readBytes() throws ProtobufDecodeException {
    int length = readLength();
    byte[] out = Arrays.copyOfRange(bytes, position, position + length);
    position += length;
    return out;
  }

  /** Reads a length-delimited payload as UTF-8 text (invalid sequences become U+FFFD, as in Go's JSON). */
  String readString() throws ProtobufDecodeException {
    int length = readLength();
    String out = new String(bytes, position, length, StandardCharsets.UTF_8);
    position += length;
    return out;
  }

  /** Skips a field of the given wire type whose key has just been read. */
  void skip(int wireType) throws ProtobufDecodeException {
    switch (wireType) {
      case VARINT -> readVarint();
      case FIXED64 -> {
        need(8);
        position += 8;
      }
      case LENGTH_DELIMITED -> position += readLength();
      case FIXED32 -> {
        need(4);
        position += 4;
      }
      default -> throw new ProtobufDecodeException("unsupported protobuf wire type " + wireType);
    }
  }

  private int readLength() throws ProtobufDecodeException {
    long length = readVarint();
    if (length < 0 || length > end - position) {
      throw truncated();
    }
    return (int) length;
  }

  private void need(int count) throws ProtobufDecodeException {
    if (end - position < count) {
      throw truncated();
    }
  }

  private static ProtobufDecodeException truncated() {
    return new ProtobufDecodeException("protobuf body is truncated: a field runs past the end of its message");
  }
}
