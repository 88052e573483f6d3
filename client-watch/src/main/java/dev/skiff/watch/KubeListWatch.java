package dev.skiff.watch;

import dev.skiff.client.error.GoneException;
import dev.skiff.client.error.KubeApiException;
import dev.skiff.client.error.UnexpectedResponseException;
import dev.skiff.client.internal.Transport;
import dev.skiff.model.KubernetesList;
import dev.skiff.model.KubernetesObject;
import dev.skiff.model.ResourceType;
import io.reactivex.rxjava3.core.Emitter;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.functions.BiConsumer;
import io.reactivex.rxjava3.schedulers.Schedulers;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;

/**
 * The {@link ListWatch} of one resource type over a client's {@link Transport}: lists with the client's
 * REST call (and its retries), watches with a streamed GET of its own, decoded by {@link WatchDecoder}.
 *
 * <p>Watches are read without a read timeout: the server may stay silent for minutes between events, and
 * the watch stream's idle watchdog decides when silence means a dead peer.
 */
final class KubeListWatch<T extends KubernetesObject> implements ListWatch<T> {
  private final Transport transport;
  private final ResourceType<T> type;
  private final OkHttpClient streaming;

  KubeListWatch(Transport transport, ResourceType<T> type) {
    this.transport = Objects.requireNonNull(transport, "transport");
    this.type = Objects.requireNonNull(type, "type");
    // Shares the client's connection pool, dispatcher and interceptors; only the timeouts differ.
    this.streaming = transport.http().newBuilder().readTimeout(Duration.ZERO).callTimeout(Duration.ZERO).build();
  }

  @Override
  public ResourceType<T> resourceType() {
    return type;
  }

  @Override
  public Page<T> list(ListRequest request) {
    Map<String, String> query = scopeQuery(request.scope());
    query.put("limit", Integer.toString(request.limit()));
    if (!request.resourceVersion().isEmpty()) {
      query.put("resourceVersion", request.resourceVersion());
    }
    if (!request.continueToken().isEmpty()) {
      query.put("continue", request.continueToken());
    }
    KubernetesList<T> list;
    try {
      list = transport.get(path(request.scope()), query, type.listType());
    } catch (RuntimeException e) {
      throw translate(e);
    }
    String version = list.metadata() == null ? null : list.metadata().resourceVersion();
    String next = list.metadata() == null ? null : list.metadata().continueToken();
    return new Page<>(list.items(), version == null ? "" : version, next == null ? "" : next);
  }

  @Override
  public Flowable<ServerEvent<T>> watch(WatchRequest request) {
    return Flowable.defer(() -> {
      Map<String, String> query = scopeQuery(request.scope());
      query.put("watch", "1");
      if (!request.resourceVersion().isEmpty()) {
        query.put("resourceVersion", request.resourceVersion());
      }
      if (request.allowBookmarks()) {
        query.put("allowWatchBookmarks", "true");
      }
      query.put("timeoutSeconds", Long.toString(request.timeoutSeconds()));
      HttpUrl.Builder url = transport.server().newBuilder().addEncodedPathSegments(relative(path(request.scope())));
      query.forEach(url::addQueryParameter);
      HttpUrl target = url.build();
      Call call = streaming.newCall(new Request.Builder().url(target).get().build());
      WatchDecoder<T> decoder = new WatchDecoder<>(type, transport.codec(), transport.errors(),
          "GET " + target.encodedPath());
      BiConsumer<WatchDecoder.Connection<T>, Emitter<ServerEvent<T>>> read = WatchDecoder.Connection::next;
      return Flowable.generate(() -> decoder.open(call), read, WatchDecoder.Connection::close)
          // Opening and reading block: they run on an I/O thread, and each read happens on request only.
          .subscribeOn(Schedulers.io())
          // A read blocked on a silent connection only ends when the call is cancelled: closing the socket
          // from the cancelling thread is what makes cancellation prompt.
          .doOnCancel(call::cancel);
    });
  }

  private String path(Scope scope) {
    return type.collectionPath(type.namespaced() ? scope.namespace().orElse(null) : null);
  }

  private static Map<String, String> scopeQuery(Scope scope) {
    Map<String, String> query = new LinkedHashMap<>();
    if (!scope.labels().isEmpty()) {
      query.put("labelSelector", scope.labels().toString());
    }
    if (!scope.fields().isEmpty()) {
      query.put("fieldSelector", scope.fields());
    }
    return query;
  }

  private static String relative(String path) {
    return path.startsWith("/") ? path.substring(1) : path;
  }

  /**
   * The kit's view of a client error: 410 is an expired version, other answers carry their status, and
   * anything else (connection failures) passes through as a transient failure.
   */
  static RuntimeException translate(RuntimeException e) {
    if (e instanceof GoneException gone) {
      return new ResourceExpiredException(gone.status().message() == null ? gone.getMessage()
          : gone.status().message());
    }
    if (e instanceof KubeApiException api) {
      String message = api.status().message() == null ? api.getMessage() : api.status().message();
      return new ListWatchException(api.code(), api.reason(), message);
    }
    if (e instanceof UnexpectedResponseException unexpected && unexpected.code() >= 300) {
      return new ListWatchException(unexpected.code(), "", unexpected.getMessage());
    }
    return e;
  }
}
