/**
 * The transport under the fake cluster's API layer: a Netty HTTP/1.1 server ({@link dev.skiff.fake.http.HttpServer})
 * and the seam it calls through ({@link dev.skiff.fake.http.HttpHandler}, {@link dev.skiff.fake.http.HttpRequest},
 * {@link dev.skiff.fake.http.HttpResponder}, {@link dev.skiff.fake.http.EventStream}). Most users never touch this
 * package: {@link dev.skiff.fake.FakeCluster} assembles it.
 */
package dev.skiff.fake.http;
