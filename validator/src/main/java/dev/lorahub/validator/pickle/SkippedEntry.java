package dev.lorahub.validator.pickle;

/**
 * Entry of a checkpoint's dict that is not a tensor, such as {@code epoch} or {@code global_step}.
 *
 * @param name the dotted name of the entry, as a tensor in its place would be named
 * @param value a short description of the value, such as {@code the integer 3} or {@code list}
 */
public record SkippedEntry(String name, String value) {}
