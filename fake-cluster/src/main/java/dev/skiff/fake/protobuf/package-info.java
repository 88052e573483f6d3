/**
 * Reading Kubernetes protobuf request bodies ({@code application/vnd.kubernetes.protobuf}) into the
 * JSON tree the rest of the fake cluster works on, driven by the field numbers in the API schema.
 * kubectl sends its typed {@code create} commands this way and does not retry with JSON.
 */
package dev.skiff.fake.protobuf;
