package dev.lorahub.validator;

import java.util.List;
import java.util.Objects;

/**
 * One problem that a validator found in a file.
 *
 * <p>The message is English. To render it in another language, look up a template by {@code code} and
 * fill it with {@code arguments}, which the rule behind each code documents.
 *
 * @param code stable lower-case code for APIs, such as {@code unsafe-global}
 * @param level the verdict that this finding alone gives the file
 * @param location where the problem is: a tensor name, an archive entry, a byte offset as text, or
 *     several of them, such as {@code archive/data.pkl, byte 42}; empty when it concerns the whole file
 * @param message English sentence that states the problem and its values
 * @param arguments the values in the message, in the order of the code's template
 */
public record Finding(String code, Verdict level, String location, String message, List<Object> arguments) {

    /** Checks that no component is null and copies the arguments into an unmodifiable list. */
    public Finding {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(message, "message");
        arguments = List.copyOf(arguments);
    }
}
