package dev.skiff.fake.protobuf;

/**
 * A protobuf request body that cannot be read: not a Kubernetes protobuf envelope, cut short,
 * malformed, or of a kind the schema does not know. The message is worded for a 400 Bad Request
 * answer to the client.
 */
public final class ProtobufDecodeException extends Exception {

  /** A body that cannot be decoded, for the reason given. */
  public ProtobufDecodeException(String message) {
    super(message);
  }
}
