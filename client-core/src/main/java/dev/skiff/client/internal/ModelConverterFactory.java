package dev.skiff.client.internal;

import dev.skiff.model.codec.ModelCodec;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.Map;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import okhttp3.ResponseBody;
import retrofit2.Converter;
import retrofit2.Retrofit;

/**
 * Retrofit converters built on Skiff's streaming {@link ModelCodec}, so that jackson-databind stays off the
 * runtime classpath. Request bodies: any model object, or plain maps and lists, as JSON. Responses: model
 * classes and {@code Map}. Not public API.
 */
public final class ModelConverterFactory extends Converter.Factory {
  /** The media type of JSON request bodies. */
  public static final MediaType JSON = MediaType.get("application/json");

  private final ModelCodec codec;

  /**
   * Creates the factory.
   *
   * @param codec the codec to encode and decode with
   */
  public ModelConverterFactory(ModelCodec codec) {
    this.codec = codec;
  }

  @Override
  public Converter<?, RequestBody> requestBodyConverter(Type type, Annotation[] parameterAnnotations,
      Annotation[] methodAnnotations, Retrofit retrofit) {
    return value -> RequestBody.create(codec.writeJsonBytes(Transport.toWireForm(value)), JSON);
  }

  @Override
  public Converter<ResponseBody, ?> responseBodyConverter(Type type, Annotation[] annotations, Retrofit retrofit) {
    if (!(type instanceof Class<?> cls) || cls == ResponseBody.class) {
      return null;
    }
    Class<?> target = cls == Map.class ? Map.class : cls;
    return body -> {
      try (body) {
        return codec.readJson(body.bytes(), target);
      }
    };
  }
}
