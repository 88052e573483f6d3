package dev.skiff.fake.api;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Where {@code GET pods/{name}/log} gets its text: on a real cluster, from the kubelet that runs the pod. */
@FunctionalInterface
public interface PodLogs {

  /** No kubelet: every log is empty. */
  PodLogs NONE = (pod, container) -> new Answer(200, "");

  /**
   * The answer for one pod's log.
   *
   * @param pod the stored pod
   * @param container the {@code container} query parameter, empty when not given
   * @return the text, or an error status with its message
   */
  Answer read(ObjectNode pod, String container);

  /**
   * A log answer.
   *
   * @param status 200, or 400 (container not started, unknown container) or 404
   * @param text the log text, or the error message
   */
  record Answer(int status, String text) {}
}
