/**
 * Typed errors of the Kubernetes client. Every non-2xx answer becomes a {@link KubeApiException} subclass
 * carrying the server's decoded {@code Status}; answers that are not Kubernetes answers become
 * {@link UnexpectedResponseException}; I/O failures become {@link KubeConnectionException}. All extend
 * {@link KubeException}.
 */
package dev.skiff.client.error;
