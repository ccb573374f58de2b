package dev.lorahub.hub.account;

import dev.lorahub.hub.problem.ProblemException;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Finds the caller of every request: an API token in {@code Authorization: Bearer} or, as CivitAI accepts, in the
 * {@code token} query parameter; else a web session cookie; else an anonymous caller. A token in the query works only
 * for GET and HEAD, because URLs end up in logs, shell histories and Referer headers: a leaked download link must not
 * be enough to change models or make more tokens.
 *
 * <p>A token that is unknown or revoked fails the request with 401, even where no login is needed, so a client learns
 * at once that its token stopped working. A stale session cookie only makes the caller anonymous: browsers keep
 * cookies after a logout elsewhere. A session may change things only when the request carries the session's CSRF
 * token, because browsers send cookies with requests that other sites start.
 */
public class CallerFilter {

    public static final String SESSION_COOKIE = "lorahub_session";
    public static final String CSRF_HEADER = "X-CSRF-Token";

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");
    private static final Set<String> READ_METHODS = Set.of("GET", "HEAD");

    @Inject
    Authenticator authenticator;

    @Inject
    CurrentCaller current;

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION)
    public void authenticate(ContainerRequestContext request, HttpServerRequest http) {
        String address = address(http.remoteAddress());
        String token = token(request);
        if (token != null) {
            current.set(authenticator.byToken(token, address).orElseThrow(() -> new ProblemException(401,
                    "invalid-token").withHeader("WWW-Authenticate", "Bearer realm=\"lorahub\", error=\"invalid_token\"")));
            return;
        }

        Cookie cookie = request.getCookies().get(SESSION_COOKIE);
        Optional<Caller> session = cookie == null || cookie.getValue().isEmpty()
                ? Optional.empty() : authenticator.bySession(cookie.getValue(), address);
        if (session.isEmpty()) {
            current.set(Caller.anonymous(address));
            return;
        }
        Caller caller = session.get();
        boolean csrfShown = Secrets.sameSecret(caller.csrfToken(), request.getHeaderString(CSRF_HEADER));
        current.set(csrfShown || SAFE_METHODS.contains(request.getMethod()) ? caller.withCsrfChecked() : caller);
    }

    private static String token(ContainerRequestContext request) {
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (authorization != null) {
            String[] parts = authorization.strip().split("\\s+", 2);
            if (parts.length != 2 || !parts[0].toLowerCase(Locale.ROOT).equals("bearer")) {
                throw new ProblemException(401, "unsupported-authorization")
                        .withHeader("WWW-Authenticate", "Bearer realm=\"lorahub\"");
            }
            return parts[1];
        }
        String query = request.getUriInfo().getQueryParameters().getFirst("token");
        if (query == null || query.isEmpty()) {
            return null;
        }
        if (!READ_METHODS.contains(request.getMethod())) {
            throw new ProblemException(401, "query-token-for-reads-only", request.getMethod())
                    .withHeader("WWW-Authenticate", "Bearer realm=\"lorahub\"");
        }
        return query;
    }

    private static String address(SocketAddress remote) {
        return remote == null ? null : remote.hostAddress();
    }
}
