/**
 * The typed client facade for real Kubernetes clusters (in progress: see the project's issues).
 */
package dev.skiff.core;
