/**
 * Leader election on a {@code coordination.k8s.io/v1} Lease, as client-go's {@code tools/leaderelection}:
 * {@link dev.skiff.watch.leader.LeaderElector} over a small {@link dev.skiff.watch.leader.LeaseStore}.
 */
package dev.skiff.watch.leader;
