package dev.skiff.client;

import dev.skiff.model.core.v1.Pod;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Single;
import io.reactivex.rxjava3.schedulers.Schedulers;

/** The operations of a {@link PodClient} as RxJava 3 types, logs included. */
public final class AsyncPodClient extends AsyncResourceClient<Pod> {
  private final PodClient pods;

  AsyncPodClient(PodClient pods) {
    super(pods);
    this.pods = pods;
  }

  /**
   * A part of a container's log.
   *
   * @param name the pod's name
   * @param options container, tail lines, since seconds, timestamps, previous
   * @return the log text
   */
  public Single<String> logs(String name, LogOptions options) {
    return single(() -> pods.logs(name, options));
  }

  /**
   * Follows a container's log. Cancelling the subscription closes the HTTP stream.
   *
   * @param name the pod's name
   * @param options container, tail lines, since seconds, timestamps, previous, idle timeout
   * @return the lines as they are written; completes when the container stops
   */
  public Flowable<String> followLogs(String name, LogOptions options) {
    return Flowable.using(() -> pods.followLogs(name, options),
            log -> Flowable.fromStream(log.lines()), LogStream::close)
        .subscribeOn(Schedulers.io());
  }
}
