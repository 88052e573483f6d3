package dev.skiff.fake.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.channels.ServerSocketChannel;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The transport: an HTTP/1.1 server (optionally HTTPS, optionally with bearer-token authentication) on the
 * loopback interface that frames requests and answers for an {@link HttpHandler}.
 *
 * <p>Netty event loops only move bytes; the handler runs on a worker pool, so it may block and take locks. The
 * event loops and the pool are shared by every server of the JVM (see {@link SharedThreads}), so that starting
 * and closing a server costs a bind and a close of sockets, not the start and stop of threads.
 * Requests on one connection are answered in order, one at a time; bodies over the limit are refused with 413
 * before the handler sees them; unparsable requests get Go's plain-text 400 and the connection closes, the
 * server serving on. Nothing pooled outlives the read that produced it, so memory stays flat however many
 * requests pass.
 *
 * <pre>{@code
 * try (HttpServer server = HttpServer.start(HttpServerConfig.defaults(), handler)) {
 *   URI url = server.url(); // http://127.0.0.1:<free port>
 * }
 * }</pre>
 */
public final class HttpServer implements AutoCloseable {

  /**
   * Go's default limit on the request line plus headers (http.DefaultMaxHeaderBytes): long label selectors in
   * the query must pass, as they do on the real server.
   */
  private static final int MAX_HEADER_BYTES = 1 << 20;

  /**
   * A stream is "not writable" above 1 MiB of unsent bytes and writable again below 256 KiB: room for a
   * burst of events, little enough that a stuck watcher is noticed (the API layer then closes it).
   */
  private static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(256 * 1024, 1024 * 1024);

  /** The ports tried for any free port: the IANA dynamic range, which no service owns. */
  private static final int FIRST_PORT = 49152;
  private static final int PORT_COUNT = 65536 - FIRST_PORT;
  /** How many ports of the range to try before asking the system for one. */
  private static final int PORT_ATTEMPTS = 64;
  /**
   * The next port to try, less {@link #FIRST_PORT}, modulo {@link #PORT_COUNT}; from a random start, so that JVMs
   * side by side do not try the same ports in step.
   */
  private static final AtomicInteger nextPort = new AtomicInteger(ThreadLocalRandom.current().nextInt(PORT_COUNT));

  /** How many connections may wait to be accepted. */
  private static final int BACKLOG = 1024;

  /** How long close waits for in-flight work; tests want close to be prompt. */
  private static final long CLOSE_TIMEOUT_MILLIS = 2_000;

  private final ServerWorkers workers;
  private final ChannelGroup channels;
  private final Channel serverChannel;
  /** The JDK socket under {@link #serverChannel}, to see when it is really closed. */
  private final ServerSocketChannel listening;
  private final URI url;
  private final AtomicBoolean closed = new AtomicBoolean();

  private HttpServer(ServerWorkers workers, ChannelGroup channels, Channel serverChannel,
      ServerSocketChannel listening, URI url) {
    this.workers = workers;
    this.channels = channels;
    this.serverChannel = serverChannel;
    this.listening = listening;
    this.url = url;
  }

  /**
   * Binds {@code 127.0.0.1} and starts serving.
   *
   * @param config port, body limit, TLS and authentication
   * @param handler the API layer; called on worker threads
   * @return the running server
   * @throws UncheckedIOException when the port cannot be bound (for example because it is taken)
   */
  public static HttpServer start(HttpServerConfig config, HttpHandler handler) {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(handler, "handler");
    EventLoopGroup eventLoops = SharedThreads.eventLoops();
    ServerWorkers workers = new ServerWorkers(SharedThreads.workers());
    ChannelGroup channels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    ServerSocketChannel socket = null;
    try {
      socket = listen(config.port());
      ServerSocketChannel listening = socket;
      ServerBootstrap bootstrap = new ServerBootstrap()
          .group(eventLoops)
          .channelFactory(() -> new NioServerSocketChannel(listening))
          .childOption(ChannelOption.TCP_NODELAY, true)
          .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
          .childHandler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
              channels.add(ch);
              ChannelPipeline p = ch.pipeline();
              config.tls().ifPresent(tls -> p.addLast("tls", tls.sslContext().newHandler(ch.alloc())));
              p.addLast("http", new HttpServerCodec(new HttpDecoderConfig()
                  .setMaxInitialLineLength(MAX_HEADER_BYTES)
                  .setMaxHeaderSize(MAX_HEADER_BYTES)));
              p.addLast("body", new BodyLimitAggregator(config.maxBodyBytes()));
              p.addLast("api", new ConnectionHandler(handler, workers, config.bearerToken()));
            }
          });
      // The socket listens already: connections wait in its backlog until the event loop has registered it and
      // accepts them, so the start need not wait for the event loop.
      ChannelFuture registered = bootstrap.register();
      if (registered.cause() != null) {
        throw new IllegalStateException("cannot register the listening socket", registered.cause());
      }
      Channel serverChannel = registered.channel();
      registered.addListener(r -> {
        if (!r.isSuccess()) {
          serverChannel.close(); // connections are refused rather than left waiting
        }
      });
      channels.add(serverChannel);
      int port = ((InetSocketAddress) socket.getLocalAddress()).getPort();
      URI url = URI.create((config.tls().isPresent() ? "https" : "http") + "://127.0.0.1:" + port);
      return new HttpServer(workers, channels, serverChannel, listening, url);
    } catch (IOException | RuntimeException e) {
      channels.close();
      closeQuietly(socket);
      workers.shutdown(0);
      if (e instanceof IOException io) {
        throw new UncheckedIOException("cannot listen on 127.0.0.1:" + config.port() + ": " + io.getMessage(), io);
      }
      throw (RuntimeException) e;
    }
  }

  private static void closeQuietly(ServerSocketChannel socket) {
    if (socket != null) {
      try {
        socket.close();
      } catch (IOException e) {
        // nothing was served on it; the start's own failure is what the caller must see
      }
    }
  }

  /**
   * The address the server listens on.
   *
   * @return {@code 127.0.0.1} and the bound port
   */
  public InetSocketAddress address() {
    return (InetSocketAddress) serverChannel.localAddress();
  }

  /**
   * The base URL clients use.
   *
   * @return {@code http://127.0.0.1:<port>} or {@code https://...}, without a trailing slash
   */
  public URI url() {
    return url;
  }

  /**
   * Stops listening, closes every connection (open streams see their {@code onClosed} callbacks) and waits
   * for this server's handler calls still running (interrupting them after two seconds). The shared threads
   * go on serving other servers. Prompt and idempotent.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    // The listening socket first, on its own: once close() returns, the port refuses connections.
    serverChannel.close().awaitUninterruptibly(CLOSE_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
    awaitSocketReleased();
    channels.close().awaitUninterruptibly(CLOSE_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
    workers.shutdown(CLOSE_TIMEOUT_MILLIS);
  }

  /**
   * Waits (briefly, bounded) until the JDK has really closed the listening socket. A socket registered with a
   * selector is only closed when that selector next selects, after Netty's close has completed: without this
   * wait, a connection made right after {@link #close} returned was still accepted (and then reset) about
   * one time in ten.
   */
  private void awaitSocketReleased() {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CLOSE_TIMEOUT_MILLIS);
    while (listening.isRegistered() && System.nanoTime() < deadline) {
      Thread.onSpinWait(); // the event loop selects right after running the close: microseconds
    }
  }

  @Override
  public String toString() {
    return "HttpServer[" + url + (closed.get() ? ", closed]" : "]");
  }

  /**
   * Binds a listening socket on the calling thread, as Netty would on its event loop (with the same backlog and
   * address reuse), so that the port is known and taken when the start returns.
   *
   * <p>For any free port, the port is not left to the system (port 0): the server closes first, so every
   * answered connection leaves its port in TIME_WAIT for a minute, and the system's search for a free port slowed
   * down to milliseconds per bind after a few thousand starts in a minute (as a benchmark or a large suite
   * makes). A port with nothing but TIME_WAIT connections on it can be bound at once with address reuse, so
   * going round a range of ports costs one bind per start.
   */
  private static ServerSocketChannel listen(int port) throws IOException {
    if (port != 0) {
      return bind(port);
    }
    for (int attempt = 0; attempt < PORT_ATTEMPTS; attempt++) {
      try {
        return bind(FIRST_PORT + Math.floorMod(nextPort.getAndIncrement(), PORT_COUNT));
      } catch (BindException taken) {
        // in use by someone else: try the next one
      }
    }
    return bind(0); // a crowded range: the system finds one
  }

  private static ServerSocketChannel bind(int port) throws IOException {
    ServerSocketChannel socket = ServerSocketChannel.open(StandardProtocolFamily.INET);
    try {
      socket.setOption(StandardSocketOptions.SO_REUSEADDR, true);
      socket.bind(new InetSocketAddress(loopback(), port), BACKLOG);
      return socket;
    } catch (IOException | RuntimeException e) {
      socket.close();
      throw e;
    }
  }

  private static InetAddress loopback() {
    try {
      return InetAddress.getByAddress("127.0.0.1", new byte[] {127, 0, 0, 1});
    } catch (UnknownHostException e) {
      throw new AssertionError("a literal address is never unknown", e);
    }
  }
}
