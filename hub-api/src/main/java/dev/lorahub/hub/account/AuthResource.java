package dev.lorahub.hub.account;

import dev.lorahub.hub.audit.AuditLog;
import dev.lorahub.hub.config.HubConfig;
import dev.lorahub.hub.problem.ProblemException;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * Sign-up, login, logout and password change for web sessions. Scripts and the CLI use API tokens instead, made at
 * {@code /api/v1/tokens} or on the account page.
 */
@Path("/api/v1/auth")
@Produces(MediaType.APPLICATION_JSON)
public class AuthResource {

    @Inject
    HubConfig config;

    @Inject
    AccountService accounts;

    @Inject
    CurrentCaller caller;

    @Inject
    SessionCookies cookies;

    @Inject
    AuditLog audit;

    @POST
    @Path("/signup")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create an account and log in; 403 when the hub has sign-up switched off")
    @APIResponse(responseCode = "201", description = "The new account; the session cookie is set", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AccountResponse.class)))
    @APIResponse(responseCode = "409", description = "The name is taken", content = @Content(
            mediaType = "application/problem+json"))
    public Response signup(Credentials credentials, UriInfo uri) {
        if (!config.accounts().signup()) {
            throw new ProblemException(403, "signup-disabled");
        }
        Credentials given = Credentials.orEmpty(credentials);
        UserEntity user = accounts.create(given.username(), given.password(), Role.USER, false);
        audit.recordAs(user.id, user.username, caller.get().address(), "signup", "user", user.id, null);
        return loggedIn(user, uri, Response.Status.CREATED);
    }

    @POST
    @Path("/login")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Log in with a username and password; sets the session cookie")
    @APIResponse(responseCode = "200", description = "The account with the session's CSRF token", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AccountResponse.class)))
    @APIResponse(responseCode = "401", description = "Wrong name or password", content = @Content(
            mediaType = "application/problem+json"))
    @APIResponse(responseCode = "429", description = "Too many failed logins; Retry-After gives the wait",
            content = @Content(mediaType = "application/problem+json"))
    public Response login(Credentials credentials, UriInfo uri) {
        Credentials given = Credentials.orEmpty(credentials);
        UserEntity user = accounts.verify(given.username(), given.password(), caller.get().address()).orElse(null);
        if (user == null) {
            audit.record(caller.get(), "login-failed", "user", null, String.valueOf(given.username()));
            throw new ProblemException(401, "login-failed");
        }
        audit.recordAs(user.id, user.username, caller.get().address(), "login", "user", user.id, null);
        return loggedIn(user, uri, Response.Status.OK);
    }

    @POST
    @Path("/logout")
    @Operation(summary = "End the web session of this request")
    @APIResponse(responseCode = "204", description = "Logged out; the cookie is cleared")
    public Response logout(UriInfo uri) {
        Caller current = caller.get();
        if (current.sessionHash() != null) {
            accounts.endSession(current.sessionHash());
        }
        return Response.noContent().cookie(cookies.end(uri)).build();
    }

    @GET
    @Path("/me")
    @Operation(summary = "The account of the caller, with the CSRF token of a web session")
    public AccountResponse me() {
        Caller current = caller.get().requireUser();
        return AccountResponse.of(accounts.user(current.userId()), current.csrfToken());
    }

    @PUT
    @Path("/password")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change the password; ends the account's other web sessions")
    @APIResponse(responseCode = "204", description = "Changed")
    @APIResponse(responseCode = "403", description = "The current password is wrong", content = @Content(
            mediaType = "application/problem+json"))
    public Response changePassword(PasswordChange change) {
        Caller current = caller.get().requireCsrf();
        if (current.means() == Caller.Means.TOKEN && !current.writeAllowed()) {
            throw new ProblemException(403, "token-read-only");
        }
        PasswordChange given = change == null ? new PasswordChange(null, null) : change;
        accounts.changePassword(current.userId(), given.currentPassword(), given.newPassword(),
                current.sessionHash());
        audit.record(current, "password-change", "user", current.userId(), null);
        return Response.noContent().build();
    }

    private Response loggedIn(UserEntity user, UriInfo uri, Response.Status status) {
        AccountService.NewSession session = accounts.startSession(user.id);
        return Response.status(status)
                .cookie(cookies.start(session.sessionId(), uri))
                .entity(AccountResponse.of(user, session.csrfToken()))
                .build();
    }

    /** A username and password, from a sign-up or login. */
    public record Credentials(String username, String password) {

        static Credentials orEmpty(Credentials credentials) {
            return credentials == null ? new Credentials(null, null) : credentials;
        }
    }

    /** The current password and its replacement. */
    public record PasswordChange(String currentPassword, String newPassword) {
    }
}
