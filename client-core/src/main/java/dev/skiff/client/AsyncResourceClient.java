package dev.skiff.client;

import dev.skiff.model.KubernetesList;
import dev.skiff.model.KubernetesObject;
import dev.skiff.model.autoscaling.v1.Scale;
import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Maybe;
import io.reactivex.rxjava3.core.Single;
import io.reactivex.rxjava3.schedulers.Schedulers;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;

/**
 * The operations of a {@link ResourceClient} as RxJava 3 types. Every result is cold: nothing is sent until
 * subscription, and each subscription sends the request again. Requests run on {@link Schedulers#io()};
 * errors arrive as the same {@link dev.skiff.client.error.KubeException}s the blocking methods throw.
 *
 * <pre>{@code
 * client.pods("demo").async().get("web-1").subscribe(pod -> ..., error -> ...);
 * }</pre>
 *
 * @param <T> the model class of the objects
 */
public class AsyncResourceClient<T extends KubernetesObject> {
  private final ResourceClient<T> blocking;

  AsyncResourceClient(ResourceClient<T> blocking) {
    this.blocking = blocking;
  }

  /** @return the blocking client these operations run */
  public ResourceClient<T> blocking() {
    return blocking;
  }

  /**
   * Reads an object.
   *
   * @param name the object's name
   * @return the object, or a {@code NotFoundException}
   */
  public Single<T> get(String name) {
    return single(() -> blocking.get(name));
  }

  /**
   * Reads an object that may not exist.
   *
   * @param name the object's name
   * @return the object, or empty on 404
   */
  public Maybe<T> find(String name) {
    return Maybe.fromCallable(() -> blocking.find(name).orElse(null)).subscribeOn(Schedulers.io());
  }

  /**
   * Lists one page.
   *
   * @param options selectors, limit and continue token
   * @return the page
   */
  public Single<KubernetesList<T>> list(ListOptions options) {
    return blocking.listAsync(options);
  }

  /**
   * Every matching object, following continue tokens as the subscriber requests more.
   *
   * @param options selectors and page size
   * @return the objects
   */
  public Flowable<T> listAll(ListOptions options) {
    return blocking.streamAsync(options);
  }

  /**
   * Creates an object.
   *
   * @param object the object
   * @return the object as stored
   */
  public Single<T> create(T object) {
    return single(() -> blocking.create(object));
  }

  /**
   * Replaces an object.
   *
   * @param object the new state
   * @return the object as stored
   */
  public Single<T> update(T object) {
    return single(() -> blocking.update(object));
  }

  /**
   * Replaces an object's status.
   *
   * @param object the object with the new status
   * @return the object as stored
   */
  public Single<T> updateStatus(T object) {
    return single(() -> blocking.updateStatus(object));
  }

  /**
   * Patches an object.
   *
   * @param name the object's name
   * @param patchType the patch format
   * @param patch the patch document
   * @param options field manager, force, dry run
   * @return the patched object
   */
  public Single<T> patch(String name, PatchType patchType, String patch, PatchOptions options) {
    return single(() -> blocking.patch(name, patchType, patch, options));
  }

  /**
   * Server-side apply.
   *
   * @param object the desired state
   * @param options field manager and force
   * @return the object as stored
   */
  public Single<T> apply(T object, PatchOptions options) {
    return single(() -> blocking.apply(object, options));
  }

  /**
   * Read-modify-write with conflict retries, as {@link ResourceClient#edit}.
   *
   * @param name the object's name
   * @param change computes the new state
   * @return the object as stored
   */
  public Single<T> edit(String name, UnaryOperator<T> change) {
    return single(() -> blocking.edit(name, change));
  }

  /**
   * Deletes an object.
   *
   * @param name the object's name
   * @param options grace period, propagation, preconditions
   * @return completion
   */
  public Completable delete(String name, DeleteOptions options) {
    return Completable.fromAction(() -> blocking.delete(name, options)).subscribeOn(Schedulers.io());
  }

  /**
   * Deletes every selected object.
   *
   * @param options the selectors
   * @param deleteOptions grace period, propagation
   * @return completion
   */
  public Completable deleteCollection(ListOptions options, DeleteOptions deleteOptions) {
    return Completable.fromAction(() -> blocking.deleteCollection(options, deleteOptions))
        .subscribeOn(Schedulers.io());
  }

  /**
   * Reads the scale subresource.
   *
   * @param name the object's name
   * @return the scale
   */
  public Single<Scale> getScale(String name) {
    return single(() -> blocking.getScale(name));
  }

  /**
   * Sets the desired replicas.
   *
   * @param name the object's name
   * @param replicas the desired count
   * @return the scale after the change
   */
  public Single<Scale> scale(String name, int replicas) {
    return single(() -> blocking.scale(name, replicas));
  }

  static <R> Single<R> single(Callable<R> call) {
    return Single.fromCallable(call).subscribeOn(Schedulers.io());
  }
}
