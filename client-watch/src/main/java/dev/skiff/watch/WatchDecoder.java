package dev.skiff.watch;

import dev.skiff.client.GenericObject;
import dev.skiff.client.error.KubeConnectionException;
import dev.skiff.client.internal.ErrorDecoder;
import dev.skiff.model.KubernetesObject;
import dev.skiff.model.ResourceType;
import dev.skiff.model.codec.DecodeException;
import dev.skiff.model.codec.ModelCodec;
import dev.skiff.model.meta.v1.Status;
import dev.skiff.model.meta.v1.WatchEvent;
import io.reactivex.rxjava3.core.Emitter;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import okhttp3.Call;
import okhttp3.Response;
import okio.Buffer;
import okio.BufferedSource;

/**
 * Turns a watch response into typed {@link ServerEvent}s, one line (one JSON event) per read, and the
 * protocol's failures into the kit's exceptions: an error answer or an {@code ERROR} event with code 410
 * becomes {@link ResourceExpiredException}, other statuses a {@link ListWatchException}.
 */
final class WatchDecoder<T extends KubernetesObject> {
  /**
   * Eight bytes of an array as one little-endian long: the line helpers test eight bytes per step (a pod event
   * is ~3.5 KB, and a byte-per-step scan for the line break and another for non-ASCII bytes took about a
   * seventh of the time its decode takes).
   */
  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long HIGH_BITS = 0x8080808080808080L;
  private static final long ONES = 0x0101010101010101L;
  private static final long NEWLINES = 0x0A0A0A0A0A0A0A0AL;

  private final ResourceType<T> type;
  private final ModelCodec codec;
  private final ErrorDecoder errors;
  private final String what;

  WatchDecoder(ResourceType<T> type, ModelCodec codec, ErrorDecoder errors, String what) {
    this.type = type;
    this.codec = codec;
    this.errors = errors;
    this.what = what;
  }

  /** Sends the request; an error answer is thrown as the kit's exception. */
  Connection<T> open(Call call) {
    Response response;
    try {
      response = call.execute();
    } catch (IOException e) {
      if (call.isCanceled()) {
        return new Connection<>(this, call, null); // cancelled before the answer: nothing to report
      }
      throw new KubeConnectionException(what + " failed: " + e, e);
    }
    if (!response.isSuccessful()) {
      try (response) {
        byte[] body = response.body().bytes();
        throw KubeListWatch.translate(errors.toException(what, response.code(), response.header("Content-Type"), body));
      } catch (IOException e) {
        throw new KubeConnectionException(what + " failed reading the error: " + e, e);
      }
    }
    return new Connection<>(this, call, response);
  }

  /**
   * The event of one line of the stream, given as its bytes without the line break. The events of one stream
   * share their strings through {@code strings}: the objects of one watch (and the informer caches they fill)
   * then hold one instance of each repeated string.
   */
  ServerEvent<T> decode(byte[] line, ModelCodec.StringTable strings) {
    // Decoded as the line's text would be: bytes that are not UTF-8 read as U+FFFD, as in a text line. Server
    // lines are ASCII or valid UTF-8, so they are decoded as they are, without a round trip through a String.
    byte[] json = isAscii(line) ? line : new String(line, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8);
    WatchEvent event;
    try {
      event = codec.readJson(json, WatchEvent.class, strings);
    } catch (DecodeException e) {
      throw ErrorDecoder.unexpected(what, 200, "application/json", json,
          "a watch event that does not decode (" + e.getMessage() + ")", e);
    }
    String kind = event.type();
    if (kind.equals("ERROR")) {
      throw error(event.object());
    }
    ServerEvent.Type eventType;
    try {
      eventType = ServerEvent.Type.valueOf(kind);
    } catch (IllegalArgumentException e) {
      throw ErrorDecoder.unexpected(what, 200, "application/json", json, "unknown watch event type " + kind, e);
    }
    return new ServerEvent<>(eventType, typed(event.object()));
  }

  /** Whether every byte is ASCII. */
  static boolean isAscii(byte[] b) {
    long bits = 0;
    int i = 0;
    for (int words = b.length & ~7; i < words; i += 8) {
      bits |= (long) LONGS.get(b, i);
    }
    for (; i < b.length; i++) {
      bits |= b[i]; // sign-extended: a byte above 0x7F sets every high bit
    }
    return (bits & HIGH_BITS) == 0;
  }

  /** The bytes of the next line without its line break, split as {@code readUtf8Line} splits; null at the end. */
  static byte[] readLine(BufferedSource source) throws IOException {
    long newline = indexOfNewline(source);
    if (newline == -1) {
      return source.exhausted() ? null : source.readByteArray();
    }
    long length = newline > 0 && source.getBuffer().getByte(newline - 1) == '\r' ? newline - 1 : newline;
    byte[] line = source.readByteArray(length);
    source.skip(newline + 1 - length);
    return line;
  }

  /**
   * Where the next {@code '\n'} is in the source, reading more as needed, as {@link BufferedSource#indexOf(byte)}
   * tells, but eight bytes per step.
   *
   * @return its offset from the start of the buffered bytes, or -1 when the stream ended first
   */
  static long indexOfNewline(BufferedSource source) throws IOException {
    Buffer buffer = source.getBuffer();
    long from = 0;
    while (true) {
      long found = indexOfNewline(buffer, from);
      if (found != -1) {
        return found;
      }
      from = buffer.size();
      if (!source.request(from + 1)) {
        return -1;
      }
    }
  }

  private static long indexOfNewline(Buffer buffer, long from) {
    if (from >= buffer.size()) {
      return -1;
    }
    try (Buffer.UnsafeCursor segments = buffer.readUnsafe()) {
      for (int read = segments.seek(from); read != -1; read = segments.next()) {
        int at = indexOfNewline(segments.data, segments.start, segments.end);
        if (at != -1) {
          return segments.offset + (at - segments.start);
        }
      }
    }
    return -1;
  }

  private static int indexOfNewline(byte[] data, int from, int to) {
    int i = from;
    for (; i + 8 <= to; i += 8) {
      long x = (long) LONGS.get(data, i) ^ NEWLINES; // a zero byte where a '\n' was
      long zeros = (x - ONES) & ~x & HIGH_BITS; // exact up to the first zero byte, which is the one we want
      if (zeros != 0) {
        return i + (Long.numberOfTrailingZeros(zeros) >>> 3);
      }
    }
    for (; i < to; i++) {
      if (data[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  /** Whether a line is empty or white space only, as {@link String#isBlank()} tells. */
  static boolean isBlank(byte[] line) {
    for (byte b : line) {
      if (b < 0) {
        return new String(line, StandardCharsets.UTF_8).isBlank();
      }
      if (!Character.isWhitespace(b)) {
        return false;
      }
    }
    return true;
  }

  private RuntimeException error(Object object) {
    Status status = object instanceof Status s ? s : codec.readJson(codec.writeJsonBytes(object), Status.class);
    // The HTTP answer was 200; the Status carries the real code.
    return KubeListWatch.translate(ErrorDecoder.forStatus(200, status));
  }

  /** The event's object as the resource type's class; the codec picks a class by kind, which may differ. */
  private T typed(Object object) {
    Class<T> target = type.type();
    if (target.isInstance(object)) {
      return target.cast(object);
    }
    if (target == GenericObject.class) {
      Map<?, ?> map = object instanceof Map<?, ?> m ? m : codec.readJson(codec.writeJsonBytes(object), Map.class);
      return target.cast(GenericObject.of(map));
    }
    return codec.readJson(codec.writeJsonBytes(object), target);
  }

  /** One open watch response, read a line at a time as events are requested. */
  static final class Connection<T extends KubernetesObject> {
    private final WatchDecoder<T> decoder;
    private final Call call;
    private final Response response;
    /** Shared by this response's events, which are read one at a time. */
    private final ModelCodec.StringTable strings = new ModelCodec.StringTable();

    private Connection(WatchDecoder<T> decoder, Call call, Response response) {
      this.decoder = decoder;
      this.call = call;
      this.response = response;
    }

    /** Reads and emits the next event, or completes at the end of the stream. */
    void next(Emitter<ServerEvent<T>> emitter) {
      if (response == null) {
        emitter.onComplete();
        return;
      }
      byte[] line;
      try {
        BufferedSource source = response.body().source();
        do {
          line = readLine(source);
        } while (line != null && isBlank(line));
      } catch (IOException e) {
        if (call.isCanceled()) {
          emitter.onComplete(); // our own cancellation: the subscriber is gone, nobody to tell
        } else {
          emitter.onError(new KubeConnectionException(decoder.what + " failed reading: " + e, e));
        }
        return;
      }
      if (line == null) {
        emitter.onComplete();
        return;
      }
      try {
        emitter.onNext(decoder.decode(line, strings));
      } catch (RuntimeException e) {
        emitter.onError(e);
      }
    }

    /** Releases the connection. */
    void close() {
      if (response != null) {
        call.cancel(); // the stream may be mid-body: do not drain it, drop it
        response.close();
      }
    }
  }
}
