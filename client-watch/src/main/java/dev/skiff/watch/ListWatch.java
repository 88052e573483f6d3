package dev.skiff.watch;

import dev.skiff.model.KubernetesObject;
import dev.skiff.model.ResourceType;
import io.reactivex.rxjava3.core.Flowable;

/**
 * What watch streams and informers need from the API server for one resource type: list a page, open a
 * watch. The HTTP client implements it; tests implement it in memory. It is the counterpart of client-go's
 * {@code ListerWatcher}, with the scope (namespace and selectors) in every request so that one instance
 * serves a resource type for any scope.
 *
 * <p>Errors are signalled with {@link ListWatchException}: {@link ResourceExpiredException} for 410 Gone (an
 * expired resource version or continue token, from a list, from opening a watch, or as an {@code ERROR} event
 * in the watch), a {@link ListWatchException} with the HTTP status for other answers. Any other exception
 * (I/O failures, timeouts) counts as a transient failure.
 *
 * @param <T> the model class of the resource type
 */
public interface ListWatch<T extends KubernetesObject> {

  /**
   * The resource type served.
   *
   * @return the resource type
   */
  ResourceType<T> resourceType();

  /**
   * Lists one page. Blocking.
   *
   * @param request scope, resource version, continue token and page size
   * @return the page
   * @throws ListWatchException when the server answers with an error status
   */
  Page<T> list(ListRequest request);

  /**
   * A watch connection, opened on subscription. The flowable must honour backpressure by reading from the
   * connection only as far as requested (a slow subscriber slows the reading, nothing is buffered without
   * bound), close the connection promptly when the subscription is cancelled, complete when the server
   * ends the watch, and fail with a {@link ListWatchException} for an error status or {@code ERROR} event.
   *
   * @param request scope, starting resource version, bookmarks and server-side timeout
   * @return the events of one connection
   */
  Flowable<ServerEvent<T>> watch(WatchRequest request);
}
