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
import java.nio.charset.StandardCharsets;
import java.util.Map;
import okhttp3.Call;
import okhttp3.Response;
import okio.BufferedSource;

/**
 * Turns a watch response into typed {@link ServerEvent}s, one line (one JSON event) per read, and the
 * protocol's failures into the kit's exceptions: an error answer or an {@code ERROR} event with code 410
 * becomes {@link ResourceExpiredException}, other statuses a {@link ListWatchException}.
 */
final class WatchDecoder<T extends KubernetesObject> {
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

  /** The event of one line of the stream, given as its bytes without the line break. */
  ServerEvent<T> decode(byte[] line) {
    // Decoded as the line's text would be: bytes that are not UTF-8 read as U+FFFD, as in a text line. Server
    // lines are ASCII or valid UTF-8, so they are decoded as they are, without a round trip through a String.
    byte[] json = isAscii(line) ? line : new String(line, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8);
    WatchEvent event;
    try {
      event = codec.readJson(json, WatchEvent.class);
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
    for (byte x : b) {
      if (x < 0) {
        return false;
      }
    }
    return true;
  }

  /** The bytes of the next line without its line break, split as {@code readUtf8Line} splits; null at the end. */
  static byte[] readLine(BufferedSource source) throws IOException {
    long newline = source.indexOf((byte) '\n');
    if (newline == -1) {
      return source.exhausted() ? null : source.readByteArray();
    }
    long length = newline > 0 && source.getBuffer().getByte(newline - 1) == '\r' ? newline - 1 : newline;
    byte[] line = source.readByteArray(length);
    source.skip(newline + 1 - length);
    return line;
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
        emitter.onNext(decoder.decode(line));
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
