package dev.lorahub.hub.account;

import dev.lorahub.hub.config.HubConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.UriInfo;

/**
 * The session cookie: {@code HttpOnly} so page scripts cannot read it, {@code SameSite=Lax} so other sites' forms do
 * not carry it, and {@code Secure} whenever the hub is reached over HTTPS.
 */
@ApplicationScoped
public class SessionCookies {

    @Inject
    HubConfig config;

    public NewCookie start(String sessionId, UriInfo uri) {
        return cookie(sessionId, (int) config.accounts().sessionLifetime().toSeconds(), uri);
    }

    /** Returns a cookie that makes the browser drop the session cookie. */
    public NewCookie end(UriInfo uri) {
        return cookie("", 0, uri);
    }

    private NewCookie cookie(String value, int maxAgeSeconds, UriInfo uri) {
        return new NewCookie.Builder(CallerFilter.SESSION_COOKIE)
                .value(value)
                .path("/")
                .maxAge(maxAgeSeconds)
                .httpOnly(true)
                .secure(secure(uri))
                .sameSite(NewCookie.SameSite.LAX)
                .build();
    }

    /** Returns whether cookies carry {@code Secure}: as configured, else when the hub is reached over HTTPS. */
    public boolean secure(UriInfo uri) {
        return config.accounts().secureCookies().orElseGet(() -> "https".equals(uri.getBaseUri().getScheme())
                || config.publicUrl().map(url -> url.startsWith("https:")).orElse(false));
    }
}
