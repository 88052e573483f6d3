/** JMH benchmarks of Skiff against the other Java Kubernetes clients. */
package dev.skiff.benchmarks;
