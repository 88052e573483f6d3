/**
 * The cluster behind the API: the controllers a real cluster runs next to its API server (replication,
 * replica sets, deployments, endpoints, garbage collection), a scheduler, and a kubelet stand-in with nodes.
 *
 * <p>They are built as client-go controllers are: an informer (a watch of the store from its start, first
 * listing what exists) feeds keys into a work queue, and one reconcile per key reads the current state and
 * writes what is missing. Every write is an in-process request to the {@link dev.skiff.fake.api.ApiServer},
 * with the real component's User-Agent, so it goes through defaulting, validation and managedFields and
 * produces the watch events a real cluster would. All controllers of a cluster share one worker thread, which
 * makes their order deterministic and lets tests wait until everything has settled with
 * {@link dev.skiff.fake.controllers.ControllerManager#awaitQuiescent(java.time.Duration)}.
 */
package dev.skiff.fake.controllers;
