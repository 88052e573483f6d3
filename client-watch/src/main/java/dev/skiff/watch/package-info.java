/**
 * Watch streams, informers and a controller kit (in progress: see the project's issues).
 */
package dev.skiff.watch;
