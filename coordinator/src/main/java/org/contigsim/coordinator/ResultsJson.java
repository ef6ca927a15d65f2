package org.contigsim.coordinator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.UncheckedIOException;

/**
 * How the result records become JSON files (results.json, comparison.json): with Jackson,
 * indented, each record's components in declaration order under their snake-case names
 * ({@code waitSeconds}: {@code wait_seconds}), numbers as Java prints them.
 */
final class ResultsJson {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

    private ResultsJson() {
    }

    /** {@code value} as a JSON document, ending with a line break. */
    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
