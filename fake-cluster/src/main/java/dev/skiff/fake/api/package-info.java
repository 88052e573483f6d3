/**
 * The API server's behaviour behind the transport: {@link dev.skiff.fake.api.ApiServer} routes resource
 * requests, applies the generic semantics of every verb (identity, resourceVersions, preconditions, finalizers,
 * namespaces, dry run, field validation, errors as {@code Status}), serves lists, tables and watches, and drives
 * the per-kind strategies of {@code dev.skiff.fake.registry} and the patches and managedFields of
 * {@code dev.skiff.fake.patch}.
 */
package dev.skiff.fake.api;
