package dev.skiff.fake.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * One client connection: takes whole requests from the aggregator, answers them one at a time and in order
 * (HTTP/1.1 pipelining), hands each to the {@link HttpHandler} on a worker thread, and checks the bearer
 * token first. Everything here runs on the connection's event loop except {@link Responder}'s entry points.
 *
 * <p>Header names are written in Go's canonical case ({@code Content-Type}), as the real server writes them;
 * HTTP says case does not matter, but transcripts and some clients compare them as text.
 */
final class ConnectionHandler extends ChannelInboundHandlerAdapter {

  /** How long a refused client may go on sending before we close (Go's server lingers similarly). */
  private static final long LINGER_MILLIS = 1_000;

  /**
   * Bodies above this size are copied and sent in pieces of it, so that copying the next piece overlaps sending
   * the last (a list of thousands of objects is megabytes).
   */
  private static final int PIECE_BYTES = 256 * 1024;

  /** Pipelined requests read ahead of their turn; beyond this the connection stops reading (back-pressure). */
  private static final int MAX_PIPELINED = 16;

  private final HttpHandler handler;
  private final Executor workers;
  private final Optional<byte[]> expectedAuthorization;

  private final ArrayDeque<InboundRequest> pending = new ArrayDeque<>();
  private ChannelHandlerContext ctx;
  private boolean busy; // a request is being answered
  private boolean streaming; // ... with a stream: keep reading, or a client that leaves goes unnoticed
  private boolean closing; // a final answer was written: read and drop whatever else comes
  private WebSocketEventStream webSocket; // set once the connection turned into a WebSocket

  ConnectionHandler(HttpHandler handler, Executor workers, Optional<String> bearerToken) {
    this.handler = handler;
    this.workers = workers;
    this.expectedAuthorization = bearerToken.map(t -> ("Bearer " + t).getBytes(StandardCharsets.UTF_8));
  }

  Channel channel() {
    return ctx.channel();
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    try {
      if (closing) {
        return;
      }
      if (msg instanceof FullHttpRequest request) {
        pending.add(InboundRequest.of(request));
      } else if (msg instanceof InboundRequest.Refused refused) {
        pending.add(refused);
      } else if (msg instanceof WebSocketFrame frame) {
        webSocketFrame(frame);
        return;
      } else {
        return;
      }
    } finally {
      ReferenceCountUtil.release(msg);
    }
    next();
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt instanceof ChannelInputShutdownEvent && closing) {
      ctx.close(); // the refused client finished sending: the linger is over
    }
    ctx.fireUserEventTriggered(evt);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    // I/O errors (reset by peer, TLS alerts) end the connection; streams on it see onClosed.
    ctx.close();
  }

  /**
   * Starts the next queued request when the previous one is answered. Reads more only when idle or while
   * streaming (to notice the client leaving), and never queues more than a few pipelined requests.
   */
  private void next() {
    while (!busy && !closing && !pending.isEmpty()) {
      busy = true;
      serve(pending.poll());
    }
    if (webSocket == null && !closing) {
      ctx.channel().config().setAutoRead((!busy || streaming) && pending.size() < MAX_PIPELINED);
    }
  }

  /** A stream's head went out: read on while it lasts, so a disconnect ends it. */
  void streamStarted() {
    streaming = true;
    next();
  }

  private void serve(InboundRequest inbound) {
    if (inbound instanceof InboundRequest.Refused refused) {
      writeFinal(refused.status(), refused.contentType(), refused.body());
      return;
    }
    InboundRequest.Valid valid = (InboundRequest.Valid) inbound;
    if (!authorized(valid.request())) {
      write(valid, 401, StatusBodies.JSON, Map.of(), Unpooled.wrappedBuffer(StatusBodies.unauthorized()));
      return;
    }
    Responder responder = new Responder(valid);
    workers.execute(() -> {
      try {
        handler.handle(valid.request(), responder);
      } catch (RuntimeException | Error e) {
        responder.failed(e);
      }
    });
  }

  /** Compares in constant time: the token is a secret even in a test. */
  private boolean authorized(HttpRequest request) {
    if (expectedAuthorization.isEmpty()) {
      return true;
    }
    Optional<String> given = request.header("authorization");
    return given.isPresent()
        && MessageDigest.isEqual(expectedAuthorization.get(), given.get().getBytes(StandardCharsets.UTF_8));
  }

  /** Writes a whole answer and moves on to the next request (or closes, without keep-alive); takes the body. */
  private void write(InboundRequest.Valid request, int status, String contentType, Map<String, String> headers,
      ByteBuf body) {
    FullHttpResponse response = response(status, contentType, body);
    headers.forEach(response.headers()::set);
    connectionHeader(request, response);
    ctx.writeAndFlush(response);
    answered(request.keepAlive());
  }

  /**
   * Writes an answer whose body is copied from heap pieces as it is sent: a first piece or two now, each next
   * one when one before it is out. Copying on the event loop, just ahead of the socket, keeps a large list's
   * copy from competing with its sending (and with the client reading it) for the cores.
   */
  private void writeInPieces(InboundRequest.Valid request, int status, String contentType, Map<String, String> headers,
      BodyPieces body) {
    HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status));
    head.headers().set("Content-Type", contentType).setInt("Content-Length", body.length());
    headers.forEach(head.headers()::set);
    connectionHeader(request, head);
    ctx.write(head);
    writeNextPiece(request, body);
    writeNextPiece(request, body); // two in flight: the socket never waits for a copy
  }

  private void writeNextPiece(InboundRequest.Valid request, BodyPieces body) {
    if (!body.hasNext() || !ctx.channel().isActive()) {
      return;
    }
    boolean last = body.nextIsLast();
    ByteBuf piece = body.next(ctx.alloc());
    if (last) {
      ctx.writeAndFlush(new DefaultLastHttpContent(piece));
      answered(request.keepAlive());
    } else {
      ctx.writeAndFlush(new DefaultHttpContent(piece)).addListener((ChannelFutureListener) written -> {
        if (written.isSuccess()) {
          writeNextPiece(request, body);
        }
      });
    }
  }

  private static void connectionHeader(InboundRequest.Valid request, HttpResponse response) {
    if (!request.keepAlive()) {
      response.headers().set("Connection", HttpHeaderValues.CLOSE);
    } else if (request.version().equals(HttpVersion.HTTP_1_0)) {
      response.headers().set("Connection", HttpHeaderValues.KEEP_ALIVE);
    }
  }

  /** Writes an answer after which the connection ends: the request could not be read to its end. */
  private void writeFinal(int status, String contentType, byte[] body) {
    FullHttpResponse response = response(status, contentType, Unpooled.wrappedBuffer(body));
    response.headers().set("Connection", HttpHeaderValues.CLOSE);
    closing = true;
    pending.clear();
    // Keep reading (and dropping) so the client can finish its send and read the answer instead of a reset.
    ctx.channel().config().setAutoRead(true);
    ctx.writeAndFlush(response).addListener((ChannelFutureListener) f -> {
      if (f.isSuccess() && f.channel() instanceof SocketChannel socket) {
        socket.shutdownOutput();
        f.channel().eventLoop().schedule(() -> f.channel().close(), LINGER_MILLIS, TimeUnit.MILLISECONDS);
      } else {
        f.channel().close();
      }
    });
  }

  private static FullHttpResponse response(int status, String contentType, ByteBuf body) {
    FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status),
        body);
    response.headers()
        .set("Content-Type", contentType)
        .setInt("Content-Length", body.readableBytes());
    return response;
  }

  /** The current request is fully answered; on the event loop. */
  void answered(boolean keepAlive) {
    busy = false;
    streaming = false;
    if (!keepAlive) {
      closing = true;
      ctx.channel().writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
      return;
    }
    next();
  }

  private void webSocketFrame(WebSocketFrame frame) {
    if (webSocket == null) {
      return;
    }
    if (frame instanceof CloseWebSocketFrame close) {
      webSocket.clientClosed(close);
    } else if (frame instanceof PingWebSocketFrame) {
      ctx.writeAndFlush(new PongWebSocketFrame(frame.content().retain()));
    }
    // Text and binary frames mean nothing on a watch; the real server ignores them too.
  }

  /**
   * The API layer's handle on one request. Its methods may be called from any thread, once in all; the
   * writes themselves happen on the event loop.
   */
  private final class Responder implements HttpResponder {
    private final InboundRequest.Valid request;
    private boolean answered; // guarded by this

    Responder(InboundRequest.Valid request) {
      this.request = request;
    }

    private synchronized void claim() {
      if (answered) {
        throw new IllegalStateException("this request was already answered");
      }
      answered = true;
    }

    @Override
    public void send(int status, String contentType, Map<String, String> headers, byte[] body) {
      claim();
      ByteBuf content = ctx.alloc().directBuffer(body.length, body.length);
      content.writeBytes(body);
      hand(status, contentType, headers, content);
    }

    @Override
    public void send(int status, String contentType, Map<String, String> headers, List<ByteBuffer> body) {
      BodyPieces pieces = new BodyPieces(List.copyOf(body), PIECE_BYTES);
      claim();
      if (pieces.length() <= PIECE_BYTES) {
        hand(status, contentType, headers, pieces.next(ctx.alloc()));
        return;
      }
      Map<String, String> headersCopy = Map.copyOf(headers);
      onEventLoop(() -> writeInPieces(request, status, contentType, headersCopy, pieces));
    }

    /**
     * Hands a body to the event loop. Sends copy on the caller's thread, straight into the direct buffer the
     * socket writes from: the one copy a heap body needs anyway, which also leaves the caller free to reuse its
     * arrays and keeps the event loops, shared by every server, to moving bytes.
     */
    private void hand(int status, String contentType, Map<String, String> headers, ByteBuf content) {
      Map<String, String> headersCopy = Map.copyOf(headers);
      if (!onEventLoop(() -> write(request, status, contentType, headersCopy, content))) {
        content.release();
      }
    }

    @Override
    public EventStream stream(int status, String contentType, Map<String, String> headers) {
      claim();
      Map<String, String> headersCopy = Map.copyOf(headers);
      AbstractEventStream stream;
      if (request.request().webSocket()) {
        WebSocketEventStream ws = new WebSocketEventStream(ConnectionHandler.this, request, workers, headersCopy);
        onEventLoop(() -> webSocket = ws);
        stream = ws;
      } else {
        stream = new ChunkedEventStream(ConnectionHandler.this, request, workers, status, contentType, headersCopy);
      }
      // Queued before any chunk the caller can send, since it gets the stream only when this returns.
      onEventLoop(stream::writeHead);
      return stream;
    }

    /** The handler threw: answer 500 unless it already answered (then the answer stands). */
    void failed(Throwable error) {
      synchronized (this) {
        if (answered) {
          return;
        }
        answered = true;
      }
      onEventLoop(() -> write(request, 500, StatusBodies.JSON, Map.of(),
          Unpooled.wrappedBuffer(StatusBodies.internalError(error))));
    }
  }

  /**
   * Runs on the event loop; once the server has shut its loops down there is no one left to answer.
   *
   * @return whether the task was taken (else what it would have written is the caller's to release)
   */
  private boolean onEventLoop(Runnable task) {
    try {
      ctx.executor().execute(task);
      return true;
    } catch (RejectedExecutionException e) {
      ctx.channel().close();
      return false;
    }
  }
}
