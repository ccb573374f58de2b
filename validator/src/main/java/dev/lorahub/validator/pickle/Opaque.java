package dev.lorahub.validator.pickle;

/**
 * Value whose content the scanner does not track: a list, dict, set, bytes value, float, buffer or None.
 *
 * @param kind what the value is, such as {@code list} or {@code bytes}
 */
record Opaque(String kind) {

    static final Opaque NONE = new Opaque("None");

    @Override
    public String toString() {
        return kind;
    }
}
