package dev.skiff.fake.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.ReferenceCountUtil;

/**
 * Netty's aggregator, except that an oversized body becomes an in-order {@link InboundRequest.Refused} for the
 * connection handler (so the 413 carries the real server's {@code Status} body and does not overtake the
 * answer to an earlier pipelined request) instead of Netty's empty 413.
 */
final class BodyLimitAggregator extends HttpObjectAggregator {

  private final int maxBodyBytes;

  BodyLimitAggregator(int maxBodyBytes) {
    super(maxBodyBytes);
    this.maxBodyBytes = maxBodyBytes;
  }

  @Override
  protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
    ctx.fireChannelRead(tooLarge());
  }

  @Override
  protected Object newContinueResponse(HttpMessage start, int maxContentLength, ChannelPipeline pipeline) {
    Object answer = super.newContinueResponse(start, maxContentLength, pipeline);
    if (answer instanceof FullHttpResponse r && r.status().equals(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE)) {
      // "Expect: 100-continue" with a body over the limit: no Netty 413; the aggregator then finds the
      // Content-Length too large and calls handleOversizedMessage, which refuses with our wording.
      ReferenceCountUtil.release(answer);
      return null;
    }
    return answer;
  }

  private InboundRequest.Refused tooLarge() {
    return new InboundRequest.Refused(413, StatusBodies.JSON, StatusBodies.requestEntityTooLarge(maxBodyBytes));
  }
}
