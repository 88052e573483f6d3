/**
 * The fake cluster's non-resource endpoints: {@code /version}, legacy and aggregated discovery, health, and
 * the routing of OpenAPI requests; {@link dev.skiff.fake.discovery.ServedResources} decides what is announced.
 */
package dev.skiff.fake.discovery;
