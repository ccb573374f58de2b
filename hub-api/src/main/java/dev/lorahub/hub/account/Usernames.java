package dev.lorahub.hub.account;

import dev.lorahub.hub.problem.ProblemException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Username rules: 2 to 39 letters, digits, dots, dashes or underscores, starting with a letter or digit. */
public final class Usernames {

    private static final int SHOWN_LENGTH = 50;

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{1,38}");

    /** Names that would mislead in URLs and listings. */
    private static final Set<String> RESERVED = Set.of("lorahub", "anonymous", "api", "root", "system");

    private Usernames() {
    }

    /** Returns the lower-case key of a valid, unreserved name; 400 otherwise. */
    public static String check(String username) {
        if (username == null || !VALID.matcher(username).matches()) {
            throw ProblemException.badRequest("invalid-username", abbreviated(String.valueOf(username)));
        }
        String key = key(username);
        if (RESERVED.contains(key)) {
            throw new ProblemException(409, "username-taken", username);
        }
        return key;
    }

    /** Shortens a rejected name for the error message, so that a megabyte of name is not sent back. */
    private static String abbreviated(String username) {
        return username.length() <= SHOWN_LENGTH ? username : username.substring(0, SHOWN_LENGTH) + "…";
    }

    public static String key(String username) {
        return username.toLowerCase(Locale.ROOT);
    }
}
