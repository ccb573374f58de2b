package dev.lorahub.hub.account;

import java.util.Locale;

/**
 * The rights of an API token: {@code read} reads what its user can read, and {@code write} may also upload, edit and
 * delete.
 */
public enum TokenScope {
    READ,
    WRITE;

    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Returns the scope with this API name, or null. */
    public static TokenScope parse(String text) {
        for (TokenScope scope : values()) {
            if (scope.apiName().equals(text)) {
                return scope;
            }
        }
        return null;
    }
}
