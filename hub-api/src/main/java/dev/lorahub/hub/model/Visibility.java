package dev.lorahub.hub.model;

import java.util.Locale;

/**
 * The audience of a model. Public models are listed for everyone. Unlisted ones are served to anyone who has the link
 * or the file's hash, but listed only for their owner and admins. Private ones exist only for their owner and admins, and are a 404 to everyone
 * else.
 */
public enum Visibility {
    PUBLIC,
    UNLISTED,
    PRIVATE;

    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Returns the visibility with this API name, or null. */
    public static Visibility parse(String text) {
        for (Visibility visibility : values()) {
            if (visibility.apiName().equals(text)) {
                return visibility;
            }
        }
        return null;
    }
}
