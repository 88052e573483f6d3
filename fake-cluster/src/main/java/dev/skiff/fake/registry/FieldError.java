package dev.skiff.fake.registry;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * One validation error, as Go's {@code field.Error}: its {@link #message()} and {@link #reason()} are the
 * server's {@code details.causes[]} entries.
 *
 * <p>SCAFFOLD: the agreed shape; the real implementation may extend it.
 *
 * @param type the error type, e.g. {@code FieldValueInvalid}, {@code FieldValueRequired}
 * @param field the field path, e.g. {@code metadata.name}
 * @param badValue the offending value, when the message shows it
 * @param detail the explanation
 */
public record FieldError(String type, String field, Optional<JsonNode> badValue, String detail) {}
