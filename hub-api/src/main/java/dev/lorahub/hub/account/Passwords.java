package dev.lorahub.hub.account;

import dev.lorahub.hub.problem.ProblemException;
import io.quarkus.elytron.security.common.BcryptUtil;
import java.nio.charset.StandardCharsets;

/** Password rules and bcrypt hashing. */
public final class Passwords {

    static final int MIN_LENGTH = 8;

    /** bcrypt reads only the first 72 bytes, so a longer password would be silently cut. */
    static final int MAX_BYTES = 72;

    /** Hash compared against when a login names no account, so that unknown names take as long as wrong passwords. */
    private static final String DUMMY_HASH = BcryptUtil.bcryptHash(Secrets.newPassword());

    private Passwords() {
    }

    /** Refuses a password that is too short or longer than bcrypt reads, with 400. */
    public static void check(String password) {
        if (password == null || password.codePointCount(0, password.length()) < MIN_LENGTH) {
            throw ProblemException.badRequest("password-too-short", MIN_LENGTH);
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw ProblemException.badRequest("password-too-long", MAX_BYTES);
        }
    }

    public static String hash(String password) {
        return BcryptUtil.bcryptHash(password);
    }

    /** Returns whether the password matches the stored hash; a null hash (an OpenID Connect account) matches nothing. */
    public static boolean matches(String password, String storedHash) {
        if (password == null || storedHash == null) {
            BcryptUtil.matches(password == null ? "" : password, DUMMY_HASH);
            return false;
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            return false;
        }
        return BcryptUtil.matches(password, storedHash);
    }
}
