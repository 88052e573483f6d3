/**
 * Not public API: may change in any release. Turns a {@link dev.skiff.client.ClientConfig} into an OkHttp
 * client ({@link dev.skiff.client.internal.HttpClients}) and reads kubeconfig files
 * ({@link dev.skiff.client.internal.Kubeconfig}) and PEM material ({@link dev.skiff.client.internal.Pem}).
 */
package dev.skiff.client.internal;
