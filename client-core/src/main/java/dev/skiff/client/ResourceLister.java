package dev.skiff.client;

import dev.skiff.client.internal.Transport;
import dev.skiff.model.KubernetesList;
import dev.skiff.model.KubernetesObject;
import dev.skiff.model.Nullable;
import dev.skiff.model.ResourceType;
import dev.skiff.model.meta.v1.LabelSelector;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Single;
import io.reactivex.rxjava3.schedulers.Schedulers;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Lists objects of one resource in one namespace, across all namespaces, or of a cluster-scoped resource.
 * {@link ResourceClient} adds the operations on single objects; {@link ResourceClient#inAllNamespaces()}
 * returns a bare lister, because only listing works across namespaces.
 *
 * <p>{@link #list} returns one page as the server sends it; {@link #listAll} and {@link #stream} follow the
 * {@code continue} tokens and return every object. If the server drops a continue token (410 Gone) midway,
 * a {@link dev.skiff.client.error.GoneException} is thrown: list again from the start.
 *
 * @param <T> the model class of the objects
 */
public class ResourceLister<T extends KubernetesObject> {
  /** The page size of {@link #listAll} and {@link #stream} when the options set none. */
  public static final long DEFAULT_PAGE_SIZE = 500;

  final Transport transport;
  final ResourceType<T> type;
  final String namespace;

  ResourceLister(Transport transport, ResourceType<T> type, @Nullable String namespace) {
    this.transport = Objects.requireNonNull(transport, "transport");
    this.type = Objects.requireNonNull(type, "type");
    this.namespace = type.namespaced() ? namespace : null;
  }

  /** @return the resource this client works on */
  public ResourceType<T> type() {
    return type;
  }

  /** @return the namespace, or null for all namespaces or a cluster-scoped resource */
  public @Nullable String namespace() {
    return namespace;
  }

  /**
   * Lists every object, in one page.
   *
   * @return the list
   * @throws dev.skiff.client.error.KubeException when the request fails
   */
  public KubernetesList<T> list() {
    return list(ListOptions.all());
  }

  /**
   * Lists objects whose labels match a selector.
   *
   * @param labelSelector e.g. {@code app=web,tier in (fe,be)}
   * @return the list
   * @throws dev.skiff.model.InvalidSelectorException when the selector does not parse
   * @throws dev.skiff.client.error.KubeException when the request fails
   */
  public KubernetesList<T> list(String labelSelector) {
    return list(ListOptions.labelSelector(labelSelector));
  }

  /**
   * Lists objects whose labels match a {@code LabelSelector}, such as a ReplicaSet's {@code spec.selector}.
   *
   * @param labelSelector the selector
   * @return the list
   * @throws dev.skiff.client.error.KubeException when the request fails
   */
  public KubernetesList<T> list(LabelSelector labelSelector) {
    return list(ListOptions.builder().labelSelector(labelSelector).build());
  }

  /**
   * Lists one page.
   *
   * @param options selectors, limit and continue token
   * @return the page; its {@code metadata().continueToken()} names the next one
   * @throws dev.skiff.client.error.KubeException when the request fails
   */
  public KubernetesList<T> list(ListOptions options) {
    return transport.get(type.collectionPath(namespace), options.toQuery(), type.listType());
  }

  /**
   * Lists every matching object, following continue tokens page by page.
   *
   * @param options selectors and page size ({@value #DEFAULT_PAGE_SIZE} when not set)
   * @return all matching objects
   * @throws dev.skiff.client.error.KubeException when a request fails
   */
  public List<T> listAll(ListOptions options) {
    List<T> all = new ArrayList<>();
    pages(options).forEachRemaining(page -> all.addAll(page.items()));
    return all;
  }

  /**
   * Lists every object, following continue tokens page by page.
   *
   * @return all objects
   * @throws dev.skiff.client.error.KubeException when a request fails
   */
  public List<T> listAll() {
    return listAll(ListOptions.all());
  }

  /**
   * Every matching object as a lazy stream: the next page is requested when the stream reaches it, so a
   * large collection never sits in memory at once.
   *
   * @param options selectors and page size ({@value #DEFAULT_PAGE_SIZE} when not set)
   * @return the objects
   * @throws dev.skiff.client.error.KubeException (from the stream's operations) when a request fails
   */
  public Stream<T> stream(ListOptions options) {
    Iterator<KubernetesList<T>> pages = pages(options);
    return StreamSupport.stream(Spliterators.spliteratorUnknownSize(pages, Spliterator.ORDERED), false)
        .flatMap(page -> page.items().stream());
  }

  /**
   * Lists every matching object asynchronously.
   *
   * @param options selectors, limit and continue token
   * @return a cold {@code Single} that sends the request on subscription, on the I/O scheduler
   */
  public Single<KubernetesList<T>> listAsync(ListOptions options) {
    return Single.fromCallable(() -> list(options)).subscribeOn(Schedulers.io());
  }

  /**
   * Every matching object as a {@code Flowable}, page by page as the subscriber requests them.
   *
   * @param options selectors and page size
   * @return a cold {@code Flowable} that lists on subscription, on the I/O scheduler
   */
  public Flowable<T> streamAsync(ListOptions options) {
    return Flowable.fromIterable(() -> pages(options)).concatMapIterable(KubernetesList::items)
        .subscribeOn(Schedulers.io());
  }

  /** The pages of a list, each requested when the previous one has been taken. */
  Iterator<KubernetesList<T>> pages(ListOptions options) {
    ListOptions first = options.limit() > 0 ? options : options.toBuilder().limit(DEFAULT_PAGE_SIZE).build();
    return new Iterator<>() {
      private ListOptions next = first;

      @Override
      public boolean hasNext() {
        return next != null;
      }

      @Override
      public KubernetesList<T> next() {
        if (next == null) {
          throw new NoSuchElementException();
        }
        KubernetesList<T> page = list(next);
        String token = page.metadata() == null ? null : page.metadata().continueToken();
        next = token == null || token.isEmpty() ? null : next.withContinueToken(token);
        return page;
      }
    };
  }
}
