package dev.lorahub.web;

import dev.lorahub.hub.account.Caller;

/**
 * The top of every page: the logged-in username with the logout form, or links to log in and sign up.
 *
 * @param username the account of the web session, or null when no one is logged in through the browser
 * @param csrf the session's CSRF token for the logout form, or null
 */
public record PageHeader(String username, String csrf) {

    /** Returns the header for a caller. Only a web session counts as logged in, because API tokens are for scripts. */
    public static PageHeader of(Caller caller) {
        if (caller.means() != Caller.Means.SESSION) {
            return new PageHeader(null, null);
        }
        return new PageHeader(caller.username(), caller.csrfToken());
    }
}
