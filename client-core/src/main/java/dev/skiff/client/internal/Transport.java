package dev.skiff.client.internal;

import dev.skiff.client.GenericObject;
import dev.skiff.client.GenericObjectList;
import dev.skiff.client.error.KubeConnectionException;
import dev.skiff.client.error.KubeException;
import dev.skiff.model.codec.DecodeException;
import dev.skiff.model.codec.ModelCodec;
import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import retrofit2.Call;
import retrofit2.Retrofit;

/**
 * The HTTP layer of one client: executes the REST verbs through Retrofit, decodes answers with the
 * {@link ModelCodec}, turns failures into typed exceptions, and opens long-lived streams (log follow, watch)
 * with their own idle timeout. Owns the OkHttp client; {@link #close()} releases its threads, connections
 * and cache. Not public API: client-watch builds on {@link #openStream}.
 */
public final class Transport implements AutoCloseable {
  private final OkHttpClient http;
  private final HttpUrl server;
  private final ModelCodec codec;
  private final KubeApi api;
  private final ErrorDecoder errors;

  /**
   * Creates the transport.
   *
   * @param http the configured OkHttp client, owned from now on
   * @param server the API server's base URL; a path prefix is kept
   * @param codec the model codec
   */
  public Transport(OkHttpClient http, HttpUrl server, ModelCodec codec) {
    this.http = http;
    this.server = server.newBuilder().encodedPath(withTrailingSlash(server.encodedPath())).build();
    this.codec = codec;
    this.errors = new ErrorDecoder(codec);
    this.api = new Retrofit.Builder()
        .baseUrl(this.server)
        .callFactory(http)
        .addConverterFactory(new ModelConverterFactory(codec))
        .validateEagerly(true)
        .build()
        .create(KubeApi.class);
  }

  private static String withTrailingSlash(String path) {
    return path.endsWith("/") ? path : path + "/";
  }

  /** @return the OkHttp client every request goes through */
  public OkHttpClient http() {
    return http;
  }

  /** @return the base URL, ending with a slash */
  public HttpUrl server() {
    return server;
  }

  /** @return the codec */
  public ModelCodec codec() {
    return codec;
  }

  /** @return the decoder of error answers */
  public ErrorDecoder errors() {
    return errors;
  }

  /**
   * GET and decode.
   *
   * @param path absolute API path, e.g. {@code /api/v1/namespaces/demo/pods}
   * @param query query parameters
   * @param type the model class of the answer
   * @param <T> the type
   * @return the decoded answer
   */
  public <T> T get(String path, Map<String, String> query, Class<T> type) {
    return decode("GET", path, execute("GET", path, api.get(relative(path), query)), type);
  }

  /**
   * GET a text body, such as a pod's log.
   *
   * @param path absolute API path
   * @param query query parameters
   * @return the body as UTF-8 text
   */
  public String getText(String path, Map<String, String> query) {
    return new String(execute("GET", path, api.get(relative(path), query)).bytes,
        java.nio.charset.StandardCharsets.UTF_8);
  }

  /**
   * POST an object and decode the answer.
   *
   * @param path absolute API path
   * @param body the object
   * @param query query parameters
   * @param type the model class of the answer
   * @param <T> the type
   * @return the decoded answer
   */
  public <T> T post(String path, Object body, Map<String, String> query, Class<T> type) {
    return decode("POST", path, execute("POST", path, api.post(relative(path), body, query)), type);
  }

  /**
   * PUT an object and decode the answer.
   *
   * @param path absolute API path
   * @param body the object
   * @param query query parameters
   * @param type the model class of the answer
   * @param <T> the type
   * @return the decoded answer
   */
  public <T> T put(String path, Object body, Map<String, String> query, Class<T> type) {
    return decode("PUT", path, execute("PUT", path, api.put(relative(path), body, query)), type);
  }

  /**
   * PATCH and decode the answer.
   *
   * @param path absolute API path
   * @param patch the patch document
   * @param contentType the patch type's media type
   * @param query query parameters
   * @param type the model class of the answer
   * @param <T> the type
   * @return the decoded answer
   */
  public <T> T patch(String path, byte[] patch, String contentType, Map<String, String> query, Class<T> type) {
    RequestBody body = RequestBody.create(patch, MediaType.get(contentType));
    return decode("PATCH", path, execute("PATCH", path, api.patch(relative(path), body, query)), type);
  }

  /**
   * DELETE with a DeleteOptions body; the answer (the object, or a Status) is checked but not decoded.
   *
   * @param path absolute API path
   * @param body the DeleteOptions
   * @param query query parameters
   */
  public void delete(String path, Object body, Map<String, String> query) {
    execute("DELETE", path, api.delete(relative(path), body, query));
  }

  /**
   * Opens a long-lived GET stream. The read timeout is replaced by {@code idleTimeout}: OkHttp's read timeout
   * bounds the wait for each read, so it fails the stream when no byte arrives for that long, which is how a
   * dead peer shows on HTTP/1.1 (HTTP/2 connections also get OkHttp's pings when a ping interval is
   * configured). Error answers are turned into exceptions before returning.
   *
   * @param path absolute API path
   * @param query query parameters
   * @param idleTimeout how long the stream may stay silent; {@link Duration#ZERO} for no limit
   * @return the open response; the caller must close it
   * @throws KubeException when the request fails or the answer is an error
   */
  public Response openStream(String path, Map<String, String> query, Duration idleTimeout) {
    HttpUrl.Builder url = server.newBuilder().addEncodedPathSegments(relative(path));
    query.forEach(url::addQueryParameter);
    Request request = new Request.Builder().url(url.build()).get().build();
    OkHttpClient streaming = http.newBuilder().readTimeout(idleTimeout).callTimeout(Duration.ZERO).build();
    Response response;
    try {
      response = streaming.newCall(request).execute();
    } catch (IOException e) {
      throw new KubeConnectionException("GET " + path + " failed: " + e, e);
    }
    if (!response.isSuccessful()) {
      try (response) {
        byte[] bytes = response.body().bytes();
        throw errors.toException("GET " + path, response.code(), response.header("Content-Type"), bytes);
      } catch (IOException e) {
        throw new KubeConnectionException("GET " + path + " failed reading the error: " + e, e);
      }
    }
    return response;
  }

  /** Releases the dispatcher's threads, the pooled connections and the cache. */
  @Override
  public void close() {
    http.dispatcher().executorService().shutdown();
    http.dispatcher().cancelAll();
    http.connectionPool().evictAll();
    if (http.cache() != null) {
      try {
        http.cache().close();
      } catch (IOException ignored) {
        // Closing a cache only flushes its journal; a failure leaves nothing to release.
      }
    }
  }

  /** Model objects as they go on the wire: untyped objects as their maps. */
  static Object toWireForm(Object value) {
    return value instanceof GenericObject g ? g.toMap() : value;
  }

  private static String relative(String path) {
    return path.startsWith("/") ? path.substring(1) : path;
  }

  /** A successful answer's bytes and content type. */
  private record Answer(int code, String contentType, byte[] bytes) {}

  private Answer execute(String method, String path, Call<ResponseBody> call) {
    String what = method + " " + path;
    retrofit2.Response<ResponseBody> r;
    try {
      r = call.execute();
    } catch (IOException e) {
      throw new KubeConnectionException(what + " failed: " + e, e);
    }
    try {
      if (!r.isSuccessful()) {
        try (ResponseBody err = r.errorBody()) {
          byte[] bytes = err == null ? new byte[0] : err.bytes();
          throw errors.toException(what, r.code(), r.headers().get("Content-Type"), bytes);
        }
      }
      try (ResponseBody ok = r.body()) {
        return new Answer(r.code(), r.headers().get("Content-Type"), ok == null ? new byte[0] : ok.bytes());
      }
    } catch (IOException e) {
      throw new KubeConnectionException(what + " failed reading the answer: " + e, e);
    }
  }

  @SuppressWarnings("unchecked")
  private <T> T decode(String method, String path, Answer answer, Class<T> type) {
    String what = method + " " + path;
    String ct = answer.contentType == null ? "" : answer.contentType;
    if (!ct.toLowerCase(Locale.ROOT).contains("json")) {
      throw ErrorDecoder.unexpected(what, answer.code, ct, answer.bytes, "expected JSON", null);
    }
    try {
      if (type == GenericObject.class) {
        return (T) GenericObject.of(codec.readJson(answer.bytes, Map.class));
      }
      if (type == GenericObjectList.class) {
        return (T) GenericObjectList.of(codec.readJson(answer.bytes, Map.class));
      }
      return codec.readJson(answer.bytes, type);
    } catch (DecodeException | ClassCastException e) {
      throw ErrorDecoder.unexpected(what, answer.code, ct, answer.bytes,
          "could not decode it as " + type.getSimpleName() + " (" + e.getMessage() + ")", e);
    }
  }
}
