package dev.lorahub.hub.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/** Random tokens, session ids and passwords, and the SHA-256 under which tokens and session ids are stored. */
public final class Secrets {

    /** Prefix of every API token, so secret scanners and people can recognise a leaked one. */
    public static final String TOKEN_PREFIX = "lh_";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int SECRET_BYTES = 32;
    private static final int PASSWORD_BYTES = 15;

    private Secrets() {
    }

    /** Returns a new API token: {@code lh_} and 43 URL-safe characters carrying 256 random bits. */
    public static String newToken() {
        return TOKEN_PREFIX + randomText(SECRET_BYTES);
    }

    /** Returns a new session id or CSRF token of 256 random bits. */
    public static String newSessionSecret() {
        return randomText(SECRET_BYTES);
    }

    /** Returns a new password of 20 URL-safe characters (120 random bits), for the first admin. */
    public static String newPassword() {
        return randomText(PASSWORD_BYTES);
    }

    /**
     * Hex SHA-256 of a token or session id. These carry 256 random bits, so a fast hash is enough; bcrypt is for
     * passwords, which people choose.
     */
    public static String sha256(String secret) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }

    /** Compares two secrets in time that does not depend on where they differ. */
    public static boolean sameSecret(String expected, String given) {
        if (expected == null || given == null) {
            return false;
        }
        return MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }

    private static String randomText(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }
}
