package dev.lorahub.validator.pickle;

/** Pickle bytes that do not parse, or that break a resource limit, at a byte offset of the stream. */
class PickleFormatException extends Exception {

    private static final long serialVersionUID = 1L;

    private final long offset;
    private final transient PickleRule limit;
    private final transient Object[] limitArguments;

    PickleFormatException(String message, long offset) {
        this(message, offset, null);
    }

    private PickleFormatException(String message, long offset, PickleRule limit, Object... limitArguments) {
        super(message);
        this.offset = offset;
        this.limit = limit;
        this.limitArguments = limitArguments;
    }

    /** Creates the exception for a resource limit that the pickle breaks. */
    static PickleFormatException limit(PickleRule rule, long offset, Object... arguments) {
        return new PickleFormatException(rule.code(), offset, rule, arguments);
    }

    long offset() {
        return offset;
    }

    /** Returns the limit rule that the pickle breaks, or null when it is a parse error. */
    PickleRule limit() {
        return limit;
    }

    Object[] limitArguments() {
        return limitArguments;
    }
}
