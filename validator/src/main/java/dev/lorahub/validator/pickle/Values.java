package dev.lorahub.validator.pickle;

/** Descriptions of stack values for finding messages. */
final class Values {

    private static final int MAX_SHOWN = 80;

    private Values() {}

    /** Describes a value in a few words, such as {@code the string 'os'} or {@code builtins.eval}. */
    static String describe(Object value) {
        if (value instanceof String text) {
            String excerpt = text.length() > MAX_SHOWN ? text.substring(0, MAX_SHOWN) + "…" : text;
            return "the string '" + excerpt + "'";
        }
        if (value instanceof Long || value instanceof java.math.BigInteger) {
            return "the integer " + value;
        }
        return String.valueOf(value);
    }
}
