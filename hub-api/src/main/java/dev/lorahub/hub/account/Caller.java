package dev.lorahub.hub.account;

import dev.lorahub.hub.problem.ProblemException;

/**
 * The sender of a request and what it may do.
 *
 * @param userId the account, or null for an anonymous caller
 * @param means how the caller proved who they are
 * @param writeAllowed whether the caller may change things: a write token, or a web session whose request carries
 *     its CSRF token
 * @param tokenId the API token used, or null
 * @param sessionHash the stored hash of the web session used, or null
 * @param csrfToken the web session's CSRF token, which its pages put in their forms; null for other callers
 * @param address the client address, for rate limits and the audit
 * @param mustChangePassword set for a web session of an account whose password was generated: it may change the
 *     password and read, nothing else
 */
public record Caller(
        Long userId,
        String username,
        boolean admin,
        Means means,
        boolean writeAllowed,
        Long tokenId,
        String sessionHash,
        String csrfToken,
        String address,
        boolean mustChangePassword) {

    /** The means by which a caller authenticated. */
    public enum Means {
        ANONYMOUS,
        TOKEN,
        SESSION
    }

    public static Caller anonymous(String address) {
        return new Caller(null, null, false, Means.ANONYMOUS, false, null, null, null, address, false);
    }

    public boolean isAnonymous() {
        return userId == null;
    }

    /** Returns this caller allowed to write, once a web session's request has shown its CSRF token. */
    public Caller withCsrfChecked() {
        return new Caller(userId, username, admin, means, true, tokenId, sessionHash, csrfToken, address,
                mustChangePassword);
    }

    /** Refuses anonymous callers with 401 and a {@code WWW-Authenticate} challenge. */
    public Caller requireUser() {
        if (isAnonymous()) {
            throw new ProblemException(401, "authentication-required")
                    .withHeader("WWW-Authenticate", "Bearer realm=\"lorahub\"");
        }
        return this;
    }

    /** Refuses callers that may not change anything: anonymous ones (401), read tokens and CSRF-less forms (403). */
    public Caller requireWrite() {
        requireCsrf();
        if (!writeAllowed) {
            throw new ProblemException(403, "token-read-only");
        }
        if (mustChangePassword) {
            throw new ProblemException(403, "password-change-required");
        }
        return this;
    }

    /** Refuses anonymous callers (401) and web session requests without the session's CSRF token (403). */
    public Caller requireCsrf() {
        requireUser();
        if (means == Means.SESSION && !writeAllowed) {
            throw new ProblemException(403, "csrf-token-missing");
        }
        return this;
    }

    /** Refuses everyone but admins: 401 when anonymous, 403 otherwise. */
    public Caller requireAdmin() {
        requireUser();
        if (!admin) {
            throw new ProblemException(403, "admin-only");
        }
        return this;
    }

    /** Returns whether this caller is the given owner or an admin. */
    public boolean mayManage(Long ownerId) {
        return admin || (userId != null && userId.equals(ownerId));
    }
}
