/**
 * Fault injection for the fake cluster: dropped watch connections, error answers, latency and expired watch
 * history, so that tests can show how a client recovers. Reach it with {@code FakeCluster.faults()}.
 */
package dev.skiff.fake.faults;
