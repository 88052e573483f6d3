package dev.skiff.fake.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * A streamed answer in HTTP/1.1 chunked encoding, one chunk per {@link #send}, flushed at once so that a
 * watcher sees each event when it happens. After the last chunk the keep-alive connection serves the next
 * request.
 */
final class ChunkedEventStream extends AbstractEventStream {

  private final ConnectionHandler connection;
  private final InboundRequest.Valid request;
  private final HttpResponse head;

  ChunkedEventStream(ConnectionHandler connection, InboundRequest.Valid request, Executor callbackExecutor,
      int status, String contentType, Map<String, String> headers) {
    super(connection.channel(), callbackExecutor);
    this.connection = connection;
    this.request = request;
    this.head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status));
    headers.forEach(head.headers()::set);
    head.headers().set("Content-Type", contentType);
    if (chunked()) {
      head.headers().set("Transfer-Encoding", HttpHeaderValues.CHUNKED);
    } else {
      // HTTP/1.0 has no chunks: the body runs until the server closes the connection.
      head.headers().set("Connection", HttpHeaderValues.CLOSE);
    }
  }

  private boolean chunked() {
    return request.version().equals(HttpVersion.HTTP_1_1);
  }

  @Override
  void writeHead() {
    channel.writeAndFlush(head);
    connection.streamStarted();
  }

  @Override
  ChannelFuture writeChunk(byte[] chunk) {
    return channel.writeAndFlush(new DefaultHttpContent(Unpooled.wrappedBuffer(chunk)));
  }

  @Override
  ChannelFuture writeChunks(List<byte[]> chunks) {
    // One HTTP chunk may carry several event lines: clients read lines, not chunks.
    return channel.writeAndFlush(new DefaultHttpContent(Unpooled.wrappedBuffer(chunks.toArray(new byte[0][]))));
  }

  @Override
  void writeEnd() {
    channel.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
    connection.answered(chunked() && request.keepAlive());
  }
}
