package dev.skiff.client.internal;

import java.util.Map;
import okhttp3.RequestBody;
import okhttp3.ResponseBody;
import retrofit2.Call;
import retrofit2.http.Body;
import retrofit2.http.GET;
import retrofit2.http.HTTP;
import retrofit2.http.POST;
import retrofit2.http.PUT;
import retrofit2.http.QueryMap;
import retrofit2.http.Streaming;
import retrofit2.http.Url;

/**
 * The Kubernetes REST verbs as a Retrofit interface. Paths are relative (no leading slash) so that a server
 * URL with a path prefix, as behind Rancher or a kubectl proxy, keeps its prefix. Answers are raw bodies:
 * the {@link Transport} decodes them with the resource's model class, which Retrofit cannot express for a
 * generic resource client, and keeps the bytes for error messages. Not public API.
 */
public interface KubeApi {
  /**
   * GET an object, a list or a subresource.
   *
   * @param path relative path
   * @param query query parameters
   * @return the call
   */
  @GET
  Call<ResponseBody> get(@Url String path, @QueryMap Map<String, String> query);

  /**
   * GET a long-lived stream (log follow, watch): the body is not buffered.
   *
   * @param path relative path
   * @param query query parameters
   * @return the call
   */
  @Streaming
  @GET
  Call<ResponseBody> stream(@Url String path, @QueryMap Map<String, String> query);

  /**
   * POST (create).
   *
   * @param path relative collection path
   * @param body the object, encoded by {@link ModelConverterFactory}
   * @param query query parameters
   * @return the call
   */
  @POST
  Call<ResponseBody> post(@Url String path, @Body Object body, @QueryMap Map<String, String> query);

  /**
   * PUT (replace).
   *
   * @param path relative object path
   * @param body the object, encoded by {@link ModelConverterFactory}
   * @param query query parameters
   * @return the call
   */
  @PUT
  Call<ResponseBody> put(@Url String path, @Body Object body, @QueryMap Map<String, String> query);

  /**
   * PATCH with a body whose content type names the patch type.
   *
   * @param path relative object path
   * @param body the patch with its content type
   * @param query query parameters
   * @return the call
   */
  @HTTP(method = "PATCH", hasBody = true)
  Call<ResponseBody> patch(@Url String path, @Body RequestBody body, @QueryMap Map<String, String> query);

  /**
   * DELETE an object or a collection, with a {@code DeleteOptions} body as kubectl sends it.
   *
   * @param path relative path
   * @param body the DeleteOptions, encoded by {@link ModelConverterFactory}
   * @param query query parameters
   * @return the call
   */
  @HTTP(method = "DELETE", hasBody = true)
  Call<ResponseBody> delete(@Url String path, @Body Object body, @QueryMap Map<String, String> query);
}
