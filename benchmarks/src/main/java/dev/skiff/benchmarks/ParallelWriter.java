package dev.skiff.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * Sends many requests with a fixed number in flight: each of its threads has its own kept-alive
 * {@link WireClient} connection and takes every n-th item, so both servers see exactly the same load.
 */
final class ParallelWriter implements AutoCloseable {
  private final String baseUrl;
  private final int threads;
  private final ExecutorService pool;
  private final ThreadLocal<WireClient> client = new ThreadLocal<>();
  private final ConcurrentLinkedQueue<WireClient> opened = new ConcurrentLinkedQueue<>();

  /**
   * A writer for one server.
   *
   * @param baseUrl {@code http://host:port}
   * @param threads requests in flight
   */
  ParallelWriter(String baseUrl, int threads) {
    this.baseUrl = baseUrl;
    this.threads = threads;
    this.pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "bench-writer");
      t.setDaemon(true);
      return t;
    });
  }

  /** Runs one request per item and returns when all have been answered; the first failure is thrown. */
  <I> void run(List<I> items, BiConsumer<WireClient, I> request, Duration timeout) throws Exception {
    List<Future<?>> running = new ArrayList<>(threads);
    for (int w = 0; w < threads; w++) {
      int first = w;
      running.add(pool.submit(() -> {
        WireClient wire = client.get();
        if (wire == null) {
          wire = new WireClient(baseUrl);
          client.set(wire);
          opened.add(wire);
        }
        for (int i = first; i < items.size(); i += threads) {
          request.accept(wire, items.get(i));
        }
        return null;
      }));
    }
    for (Future<?> f : running) {
      f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  @Override
  public void close() {
    pool.shutdownNow();
    opened.forEach(WireClient::close);
  }
}
