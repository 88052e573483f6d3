package dev.skiff.client.internal;

import dev.skiff.client.KubeClient;
import java.util.Objects;
import java.util.function.Function;

/**
 * Access to a client's {@link Transport} for Skiff's own modules (client-watch opens its watch streams with
 * it). Not public API: the signature may change in any release.
 */
public final class ClientInternals {
  private static volatile Function<KubeClient, Transport> accessor;

  private ClientInternals() {}

  /**
   * Called once by {@link KubeClient}'s class initialisation.
   *
   * @param access reads a client's transport
   */
  public static void register(Function<KubeClient, Transport> access) {
    if (accessor != null) {
      throw new IllegalStateException("already registered");
    }
    accessor = Objects.requireNonNull(access, "access");
  }

  /**
   * The transport of a client: its OkHttp client, base URL, codec, error decoder and stream opener.
   *
   * @param client the client
   * @return its transport, closed when the client is
   */
  public static Transport transport(KubeClient client) {
    // A KubeClient instance exists, so its class initialiser has registered the accessor.
    return accessor.apply(Objects.requireNonNull(client, "client"));
  }
}
