package dev.lorahub.hub.problem;

/**
 * Parses number query parameters in the resource rather than in the REST layer. The REST layer responds to a
 * parameter it cannot convert with 404 Not Found, as if the path did not exist.
 */
public final class QueryParameters {

    private QueryParameters() {
    }

    /** Returns the number, null when the parameter is absent or empty, or 400 invalid-parameter when it is no number. */
    public static Long optionalLong(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Long.valueOf(value.strip());
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest("invalid-parameter", name, value);
        }
    }
}
