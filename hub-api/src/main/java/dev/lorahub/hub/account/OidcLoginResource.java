package dev.lorahub.hub.account;

import dev.lorahub.hub.audit.AuditLog;
import dev.lorahub.hub.config.HubConfig;
import dev.lorahub.hub.problem.ProblemException;
import io.quarkus.oidc.IdToken;
import io.quarkus.oidc.OidcSession;
import jakarta.inject.Inject;
import jakarta.json.JsonString;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.Collection;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Login through an OpenID Connect provider. Quarkus OIDC runs the authorization code flow on this path alone (the
 * {@code oidc-login} HTTP permission in application.properties): an anonymous request is redirected to the provider,
 * and the provider redirects back here with a code that Quarkus exchanges for an ID token. This method then runs with
 * that ID token, links it to a local account, starts the hub's own web session and drops the Quarkus OIDC session
 * cookie, so the hub's session cookie is the only login left in the browser.
 */
@Path("/login/oidc")
public class OidcLoginResource {

    @Inject
    HubConfig config;

    @Inject
    OidcAccounts oidcAccounts;

    @Inject
    AccountService accounts;

    @Inject
    SessionCookies cookies;

    @Inject
    CurrentCaller caller;

    @Inject
    AuditLog audit;

    @Inject
    @IdToken
    JsonWebToken idToken;

    @Inject
    OidcSession oidcSession;

    @GET
    @Operation(hidden = true)
    public Response login(UriInfo uri) {
        if (!config.oidc().enabled()) {
            throw ProblemException.notFound("oidc-disabled");
        }
        if (idToken.getRawToken() == null) {
            // Only reached when the HTTP permission for this path was removed from the configuration.
            throw new ProblemException(401, "oidc-subject-missing");
        }

        OidcAccounts.OidcIdentity identity = new OidcAccounts.OidcIdentity(idToken.getSubject(),
                idToken.getClaim("preferred_username"), idToken.getClaim("email"));
        Optional<Boolean> admin = config.oidc().adminGroup()
                .map(group -> claimContains(idToken.getClaim(config.oidc().groupsClaim()), group));
        OidcAccounts.LinkedAccount linked = link(identity, admin);
        UserEntity user = linked.user();

        Caller current = caller.get();
        if (current.sessionHash() != null) {
            accounts.endSession(current.sessionHash());
        }
        AccountService.NewSession session = accounts.startSession(user.id);
        if (linked.created()) {
            audit.recordAs(user.id, user.username, current.address(), "signup", "user", user.id, "oidc");
        }
        audit.recordAs(user.id, user.username, current.address(), "login-oidc", "user", user.id, null);
        oidcSession.logout().await().indefinitely();
        return Response.seeOther(URI.create("/"))
                .cookie(cookies.start(session.sessionId(), uri))
                .build();
    }

    private OidcAccounts.LinkedAccount link(OidcAccounts.OidcIdentity identity, Optional<Boolean> admin) {
        try {
            return oidcAccounts.findOrCreate(identity, admin);
        } catch (OidcAccounts.LinkConflict e) {
            // The other login committed, so a new transaction finds its account or picks the next free name.
            return oidcAccounts.findOrCreate(identity, admin);
        }
    }

    /** Checks whether a claim equals the value or, as a list of strings, contains it. */
    static boolean claimContains(Object claim, String value) {
        if (claim instanceof Collection<?> values) {
            return values.stream().anyMatch(element -> value.equals(text(element)));
        }
        return claim != null && value.equals(text(claim));
    }

    private static String text(Object claimValue) {
        return claimValue instanceof JsonString string ? string.getString() : String.valueOf(claimValue);
    }
}
