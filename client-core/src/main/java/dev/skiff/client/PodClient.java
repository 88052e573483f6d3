package dev.skiff.client;

import dev.skiff.client.internal.Transport;
import dev.skiff.model.ResourceTypes;
import dev.skiff.model.core.v1.Pod;
import java.util.Objects;
import okhttp3.Response;

/**
 * The operations on pods in one namespace: those of every resource, plus container logs.
 *
 * <pre>{@code
 * PodClient pods = client.pods("demo");
 * String last = pods.logs("web-1", LogOptions.builder().tailLines(20).build());
 * try (LogStream log = pods.followLogs("web-1", LogOptions.defaults())) {
 *   log.lines().forEach(System.out::println);
 * }
 * }</pre>
 */
public final class PodClient extends ResourceClient<Pod> {

  PodClient(Transport transport, ClientSettings settings, String namespace) {
    super(transport, settings, ResourceTypes.PODS, namespace);
  }

  /**
   * Pods in another namespace.
   *
   * @param namespace the namespace
   * @return a pod client for that namespace
   */
  @Override
  public PodClient inNamespace(String namespace) {
    return new PodClient(transport, settings, Objects.requireNonNull(namespace, "namespace"));
  }

  /**
   * The same operations as RxJava types.
   *
   * @return the asynchronous view
   */
  @Override
  public AsyncPodClient async() {
    return new AsyncPodClient(this);
  }

  /**
   * The whole log of the pod's only container.
   *
   * @param name the pod's name
   * @return the log text
   * @throws dev.skiff.client.error.BadRequestException when the pod has several containers (name one in
   *     {@link LogOptions}) or has not started
   */
  public String logs(String name) {
    return logs(name, LogOptions.defaults());
  }

  /**
   * A part of a container's log.
   *
   * @param name the pod's name
   * @param options container, tail lines, since seconds, timestamps, previous
   * @return the log text
   */
  public String logs(String name, LogOptions options) {
    return transport.getText(objectPath(name) + "/log", options.toQuery(false));
  }

  /**
   * Follows a container's log: the lines written so far (as the options select) and then new lines as they
   * are written, until the container stops or the stream is closed. The stream has no read timeout unless
   * {@link LogOptions#idleTimeout()} sets one.
   *
   * @param name the pod's name
   * @param options container, tail lines, since seconds, timestamps, previous, idle timeout
   * @return the open stream; close it
   */
  public LogStream followLogs(String name, LogOptions options) {
    String path = objectPath(name) + "/log";
    Response response = transport.openStream(path, options.toQuery(true), options.idleTimeout());
    return new LogStream(response, response.body().byteStream(), "GET " + path);
  }
}
