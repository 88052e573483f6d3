/**
 * The typed Kubernetes client: {@code KubeClient}, its configuration and typed errors.
 */
package dev.skiff.client;
