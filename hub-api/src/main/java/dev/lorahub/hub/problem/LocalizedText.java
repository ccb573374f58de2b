package dev.lorahub.hub.problem;

import java.util.List;

/**
 * A message argument that is itself rendered in the caller's language, such as the reason a file was rejected.
 *
 * @param key the message key in the problem bundles
 * @param arguments values for the key's placeholders, written as plain text
 * @param fallback the text to use when no bundle has the key
 */
public record LocalizedText(String key, List<Object> arguments, String fallback) {
}
