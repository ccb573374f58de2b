package dev.lorahub.web;

import dev.lorahub.hub.account.Secrets;
import dev.lorahub.hub.account.SessionCookies;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.UriInfo;

/**
 * CSRF protection for the login and sign-up forms, which are sent before a session exists: a double-submit cookie.
 *
 * <p>Showing a form sets the cookie {@value #COOKIE} to a random value and puts the same value in the form's hidden
 * {@code csrf} field. Another site can make a browser post the form but can neither read nor set this cookie, so its
 * post cannot carry a matching field. The cookie is {@code HttpOnly} and {@code SameSite=Strict}, and {@code Secure}
 * under the same rule as the session cookie.
 */
@ApplicationScoped
public class PreSessionCsrf {

    public static final String COOKIE = "lorahub_csrf";

    @Inject
    SessionCookies sessionCookies;

    /** Returns the value of the request's cookie when it has one, so that two open forms stay valid, else a new one. */
    public String valueFor(HttpHeaders headers) {
        String current = current(headers);
        return current == null ? Secrets.newSessionSecret() : current;
    }

    /** Returns whether the form's field matches the request's cookie. */
    public boolean accepts(HttpHeaders headers, String fieldValue) {
        return Secrets.sameSecret(current(headers), fieldValue);
    }

    /** Returns a browser-session cookie with the value; it has no {@code Max-Age}, so the browser drops it on exit. */
    public NewCookie cookie(String value, UriInfo uri) {
        return builder(value, uri).build();
    }

    /** Returns a cookie that makes the browser drop the pre-session cookie, once the login has made a session. */
    public NewCookie clear(UriInfo uri) {
        return builder("", uri).maxAge(0).build();
    }

    private NewCookie.Builder builder(String value, UriInfo uri) {
        return new NewCookie.Builder(COOKIE)
                .value(value)
                .path("/")
                .httpOnly(true)
                .secure(sessionCookies.secure(uri))
                .sameSite(NewCookie.SameSite.STRICT);
    }

    private static String current(HttpHeaders headers) {
        Cookie cookie = headers.getCookies().get(COOKIE);
        return cookie == null || cookie.getValue().isEmpty() ? null : cookie.getValue();
    }
}
