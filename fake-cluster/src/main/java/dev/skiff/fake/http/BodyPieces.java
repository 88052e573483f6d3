package dev.skiff.fake.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * A body given as many heap pieces (a list's items, say), cut into direct buffers of at most a fixed size, one
 * at a time, as the socket takes them: a megabytes-long answer is copied just ahead of sending rather than whole
 * before the first byte goes, and holds at most a couple of pieces of direct memory at once.
 */
final class BodyPieces {
  private final List<ByteBuffer> pieces;
  private final int pieceBytes;
  private int index;
  /** How far into {@code pieces.get(index)} the next copy starts. */
  private int offset;
  private final int length;
  private int left;

  /**
   * @param pieces the body in order; not modified, and not to be modified while this reads them
   * @param pieceBytes the largest buffer {@link #next} returns
   */
  BodyPieces(List<ByteBuffer> pieces, int pieceBytes) {
    this.pieces = pieces;
    this.pieceBytes = pieceBytes;
    int total = 0;
    for (ByteBuffer piece : pieces) {
      total = Math.addExact(total, piece.remaining());
    }
    this.length = total;
    this.left = total;
  }

  /** The body's length in bytes. */
  int length() {
    return length;
  }

  /** Whether bytes are left for {@link #next}. */
  boolean hasNext() {
    return left > 0;
  }

  /** Whether the buffer {@link #next} returns now is the body's last. */
  boolean nextIsLast() {
    return left <= pieceBytes;
  }

  /**
   * Copies the next bytes of the body into a new direct buffer.
   *
   * @param alloc where the buffer comes from
   * @return up to the piece size of bytes; the caller owns (and releases or writes) it
   */
  ByteBuf next(ByteBufAllocator alloc) {
    int size = Math.min(pieceBytes, left);
    ByteBuf out = alloc.directBuffer(size, size);
    while (out.isWritable()) {
      ByteBuffer from = pieces.get(index);
      int n = Math.min(from.remaining() - offset, out.writableBytes());
      int at = from.position() + offset;
      if (from.hasArray()) {
        out.writeBytes(from.array(), from.arrayOffset() + at, n);
      } else {
        out.writeBytes(from.duplicate().position(at).limit(at + n));
      }
      offset += n;
      if (offset == from.remaining()) {
        index++;
        offset = 0;
      }
    }
    left -= size;
    return out;
  }
}
