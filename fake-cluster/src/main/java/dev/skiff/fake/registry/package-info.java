/**
 * What a real kube-apiserver does per kind on writes, for the fake cluster's API layer: the decoder's
 * defaults, the admission plugins of pod creation, status and generation rules, service IP and node port
 * allocation, and validation with the server's exact messages.
 *
 * <p>Start at {@link dev.skiff.fake.registry.Registry} (one per server; it documents the call order), get a
 * {@link dev.skiff.fake.registry.Strategy} per kind, and turn its {@link dev.skiff.fake.registry.FieldError}s
 * into a 422 with {@link dev.skiff.fake.registry.Strategy#invalidStatus} and an
 * {@link dev.skiff.fake.registry.AdmissionDeniedException} into a 403 with its
 * {@link dev.skiff.fake.registry.AdmissionDeniedException#status()}.
 */
package dev.skiff.fake.registry;
