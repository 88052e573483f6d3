package dev.skiff.fake.protobuf;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Writes protobuf messages field by field, for building request bodies in tests. */
final class ProtoWriter {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  /** A varint field (int32, int64, bool). */
  ProtoWriter varint(int number, long value) {
    key(number, 0);
    raw(value);
    return this;
  }

  /** A string field. */
  ProtoWriter string(int number, String value) {
    return bytes(number, value.getBytes(StandardCharsets.UTF_8));
  }

  /** A length-delimited field: bytes, or an embedded message's encoding. */
  ProtoWriter bytes(int number, byte[] value) {
    key(number, 2);
    raw(value.length);
    out.writeBytes(value);
    return this;
  }

  /** An embedded message field. */
  ProtoWriter message(int number, ProtoWriter message) {
    return bytes(number, message.toBytes());
  }

  /** A map entry field: {key = 1, value = 2} with a string value. */
  ProtoWriter entry(int number, String key, String value) {
    return message(number, new ProtoWriter().string(1, key).string(2, value));
  }

  /** A map entry field whose value is a message. */
  ProtoWriter entry(int number, String key, ProtoWriter value) {
    return message(number, new ProtoWriter().string(1, key).message(2, value));
  }

  /** The message so far. */
  byte[] toBytes() {
    return out.toByteArray();
  }

  /** The message wrapped as a Kubernetes protobuf body: {@code k8s\0} and a runtime.Unknown. */
  byte[] asBody(String apiVersion, String kind) {
    byte[] unknown = new ProtoWriter()
        .message(1, new ProtoWriter().string(1, apiVersion).string(2, kind))
        .message(2, this)
        .string(3, "")
        .string(4, "")
        .toBytes();
    byte[] body = new byte[unknown.length + 4];
    body[0] = 'k';
    body[1] = '8';
    body[2] = 's';
    System.arraycopy(unknown, 0, body, 4, unknown.length);
    return body;
  }

  private void key(int number, int wireType) {
    raw(((long) number << 3) | wireType);
  }

  private void raw(long value) {
    while ((value & ~0x7FL) != 0) {
      out.write((int) ((value & 0x7F) | 0x80));
      value >>>= 7;
    }
    out.write((int) value);
  }
}
