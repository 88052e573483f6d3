/** Small runnable programs that show how to use Skiff. */
package dev.skiff.examples;
