/**
 * An in-process Kubernetes API server for tests: {@link dev.skiff.fake.FakeCluster} starts one on a loopback
 * port (plain HTTP or HTTPS with its own CA, optionally with a bearer token) and writes kubeconfigs for it;
 * {@link dev.skiff.fake.FakeClusterExtension} and {@link dev.skiff.fake.WithFakeCluster} give JUnit 5 tests a
 * cluster per test or per class; {@link dev.skiff.fake.FakeClusterMain} runs one as a process for kubectl and
 * clients in other languages.
 */
package dev.skiff.fake;
