/**
 * Patching and field ownership as the real kube-apiserver does them: JSON merge patch (RFC 7386), JSON patch
 * (RFC 6902), Kubernetes strategic merge patch ({@link dev.skiff.fake.patch.Patches}), and
 * {@code metadata.managedFields} with server-side apply ({@link dev.skiff.fake.patch.ManagedFieldsTracker}).
 *
 * <p>Objects are Jackson trees; the merge facts (patch strategies, merge keys, list and map types) come from
 * the schema of {@code src-gen}. Errors carry the server's HTTP status and message ({@link
 * dev.skiff.fake.patch.PatchException}, {@link dev.skiff.fake.patch.ApplyConflictException}).
 */
package dev.skiff.fake.patch;
