package dev.lorahub.hub.problem;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Problems for JSON a client sent that does not parse or has a field of the wrong type, described in JSON's own terms
 * (field path, JSON type, line and column) rather than with the Java types the parser reports.
 */
public final class JsonProblems {

    private JsonProblems() {
    }

    /**
     * Describes a parse failure of one JSON document.
     *
     * @param document what the client sent, such as {@code metadata}, or a {@link LocalizedText} naming it
     */
    public static ProblemException of(Object document, JsonProcessingException e) {
        StreamConstraintsException limit = limitExceeded(e);
        if (limit != null) {
            // Jackson's limits on a document's sizes and nesting; such a failure has no location to report.
            return ProblemException.badRequest("json-too-large", document, limit.getOriginalMessage());
        }
        if (e instanceof UnrecognizedPropertyException unknown) {
            List<String> known = unknown.getKnownPropertyIds() == null ? List.of()
                    : unknown.getKnownPropertyIds().stream().map(String::valueOf).sorted().toList();
            return ProblemException.badRequest("unknown-field", document, unknown.getPropertyName(),
                    String.join(", ", known));
        }
        if (e instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
            return ProblemException.badRequest("invalid-json-field", document, path(mismatch),
                    jsonType(mismatch.getTargetType()));
        }
        if (e instanceof MismatchedInputException mismatch) {
            return ProblemException.badRequest("invalid-json-type", document, jsonType(mismatch.getTargetType()));
        }
        JsonLocation location = e.getLocation();
        long line = location == null ? 0 : location.getLineNr();
        long column = location == null ? 0 : location.getColumnNr();
        return ProblemException.badRequest("invalid-json", document, line, column);
    }

    /** Returns the exceeded-limit failure in the cause chain, where the binding layer may have wrapped it, or null. */
    private static StreamConstraintsException limitExceeded(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof StreamConstraintsException limit) {
                return limit;
            }
        }
        return null;
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(reference -> reference.getFieldName() != null
                        ? reference.getFieldName()
                        : "[" + reference.getIndex() + "]")
                .collect(Collectors.joining("."));
    }

    /** Returns the JSON type a Java target type is read from. */
    static String jsonType(Class<?> type) {
        if (type == null) {
            return "value";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "array";
        }
        if (CharSequence.class.isAssignableFrom(type) || type.isEnum()) {
            return "string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "boolean";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "number";
        }
        return Map.class.isAssignableFrom(type) || !type.getName().startsWith("java.") ? "object" : "value";
    }
}
