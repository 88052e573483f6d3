/** {@code meta.k8s.io/v1 Table} answers for {@code kubectl get}, with the real server's columns per kind. */
package dev.skiff.fake.table;
