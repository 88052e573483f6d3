/**
 * An in-process Kubernetes API server for tests (in progress: see the project's issues).
 */
package dev.skiff.fake;
