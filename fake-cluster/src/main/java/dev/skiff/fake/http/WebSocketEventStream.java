package dev.skiff.fake.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * A streamed answer over WebSocket, as the real server streams a watch to a client that asked for an upgrade
 * (fabric8 does): one text frame per event, the trailing newline dropped, a normal-closure frame at the end.
 *
 * <p>Subprotocols: the real server's watch endpoint (golang.org/x/net/websocket) echoes the one protocol a
 * client offers and frames JSON as text whatever it is; this stream selects the client's first offer and does
 * the same. The connection serves nothing else afterwards.
 */
final class WebSocketEventStream extends AbstractEventStream {

  /** Frames a client may send us (close, ping); a watch client sends nothing bigger. */
  private static final int MAX_INBOUND_FRAME = 64 * 1024;

  private final InboundRequest.Valid request;
  private final HttpHeaders extraHeaders;
  private volatile WebSocketServerHandshaker handshaker; // written on the event loop
  private volatile ChannelFuture handshake; // written on the event loop

  WebSocketEventStream(ConnectionHandler connection, InboundRequest.Valid request, Executor callbackExecutor,
      Map<String, String> headers) {
    super(connection.channel(), callbackExecutor);
    this.request = request;
    this.extraHeaders = DefaultHttpHeadersFactory.headersFactory().newHeaders();
    headers.forEach(extraHeaders::set);
  }

  @Override
  void writeHead() {
    FullHttpRequest upgrade = new DefaultFullHttpRequest(request.version(), HttpMethod.valueOf(request.request().method()),
        request.uri(), Unpooled.EMPTY_BUFFER, request.nettyHeaders(),
        DefaultHttpHeadersFactory.trailersFactory().newHeaders());
    WebSocketDecoderConfig decoderConfig = WebSocketDecoderConfig.newBuilder()
        .maxFramePayloadLength(MAX_INBOUND_FRAME)
        .allowExtensions(false)
        .build();
    // "*": accept whichever subprotocol the client offers first, as the real watch endpoint echoes it.
    handshaker = new WebSocketServerHandshakerFactory("ws://127.0.0.1" + request.request().path(), "*", decoderConfig)
        .newHandshaker(upgrade);
    if (handshaker == null) {
      WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(channel)
          .addListener(ChannelFutureListener.CLOSE);
      return;
    }
    try {
      handshake = handshaker.handshake(channel, upgrade, extraHeaders, channel.newPromise());
    } catch (RuntimeException e) { // e.g. no Sec-WebSocket-Key: the request is not a valid upgrade
      channel.close();
      return;
    }
    handshake.addListener(f -> {
      if (f.isSuccess()) {
        channel.config().setAutoRead(true); // close and ping frames must reach us
      } else {
        channel.close();
      }
    });
  }

  @Override
  ChannelFuture writeChunk(byte[] chunk) {
    int length = chunk.length;
    if (length > 0 && chunk[length - 1] == '\n') {
      length--;
    }
    TextWebSocketFrame frame = new TextWebSocketFrame(Unpooled.wrappedBuffer(chunk, 0, length));
    ChannelFuture done = handshake;
    if (done != null && done.isSuccess()) {
      return channel.writeAndFlush(frame); // thread-safe, and counted against the water marks at once
    }
    // Until the 101 is out the frame waits on the event loop, behind the handshake, in order.
    ChannelPromise written = channel.newPromise();
    channel.eventLoop().execute(() -> whenShakenHands(() -> channel.writeAndFlush(frame, written)));
    // A refused handshake never writes the frame: its waiter learns it when the connection closes.
    channel.closeFuture().addListener(f -> written.tryFailure(new java.nio.channels.ClosedChannelException()));
    return written;
  }

  @Override
  ChannelFuture writeChunks(List<byte[]> chunks) {
    ChannelFuture last = null;
    for (byte[] chunk : chunks) {
      last = writeChunk(chunk); // one frame per event, as the WebSocket watch protocol has it
    }
    return last;
  }

  @Override
  void writeEnd() {
    whenShakenHands(() -> handshaker.close(channel, new CloseWebSocketFrame(WebSocketCloseStatus.NORMAL_CLOSURE)));
  }

  /**
   * The handshaker swaps the HTTP codec for the WebSocket one only when the 101 answer has been written;
   * frames wait for that (listeners run in the order added, so frames keep their order).
   */
  private void whenShakenHands(Runnable write) {
    if (handshake == null) {
      return; // the handshake was refused and the connection is closing
    }
    if (handshake.isDone()) {
      if (handshake.isSuccess()) {
        write.run();
      }
    } else {
      handshake.addListener(f -> {
        if (f.isSuccess()) {
          write.run();
        }
      });
    }
  }

  /** Answers a close frame from the client and ends the stream. */
  void clientClosed(CloseWebSocketFrame frame) {
    if (handshaker != null) {
      handshaker.close(channel, frame.retain());
    } else {
      channel.close();
    }
  }
}
