/**
 * OpenAPI v3 and Swagger 2.0 documents generated from Skiff's API schema, named and shaped as the real
 * kube-apiserver's so that kubectl ({@code explain}, {@code create}/{@code apply} validation, client-side
 * apply's strategic merge) can use them.
 */
package dev.skiff.fake.openapi;
