package dev.lorahub.hub.account;

import dev.lorahub.hub.audit.AuditLog;
import dev.lorahub.hub.problem.ProblemException;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.jboss.resteasy.reactive.RestPath;

/** The caller's API tokens: list, make (the text is in that one response only) and revoke. */
@SecurityScheme(securitySchemeName = TokenResource.API_TOKEN, type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "An API token (lh_...) made at /api/v1/tokens or on the account page. Web sessions use the"
                + " lorahub_session cookie and send X-CSRF-Token with changes instead. Reads and downloads also take the"
                + " token as ?token=.")
@SecurityRequirement(name = TokenResource.API_TOKEN)
@Path("/api/v1/tokens")
@Produces(MediaType.APPLICATION_JSON)
public class TokenResource {

    /** Name of the API token scheme in the OpenAPI document. */
    public static final String API_TOKEN = "apiToken";

    @Inject
    TokenService tokens;

    @Inject
    CurrentCaller caller;

    @Inject
    AuditLog audit;

    @GET
    @Operation(summary = "List the caller's tokens, revoked ones included, without their text")
    public List<TokenResponse> list() {
        Caller current = caller.get().requireUser();
        return tokens.list(current.userId()).stream().map(TokenResponse::of).toList();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Make a token with scope read or write; its text is shown in this response only")
    @APIResponse(responseCode = "201", description = "The token, with its text in token", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TokenResponse.class)))
    @APIResponse(responseCode = "403", description = "A read token, or a web session without its CSRF token",
            content = @Content(mediaType = "application/problem+json"))
    public Response create(NewToken request) {
        Caller current = caller.get().requireWrite();
        NewToken given = request == null ? new NewToken(null, null) : request;
        TokenScope scope = TokenScope.parse(given.scope() == null ? TokenScope.READ.apiName() : given.scope());
        if (scope == null) {
            throw ProblemException.badRequest("invalid-token-scope", given.scope());
        }
        TokenService.CreatedToken created = tokens.create(current.userId(), given.name(), scope);
        audit.record(current, "token-create", "token", created.token().id, created.token().name + " (" + scope.apiName() + ")");
        return Response.status(Response.Status.CREATED)
                .entity(TokenResponse.of(created.token(), created.text()))
                .build();
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Revoke a token; the next request that sends it gets 401")
    public TokenResponse revoke(@RestPath long id) {
        Caller current = caller.get().requireWrite();
        TokenResponse revoked = TokenResponse.of(tokens.revoke(id, current));
        audit.record(current, "token-revoke", "token", id, revoked.name());
        return revoked;
    }

    /** The name and scope of a new token; the scope defaults to read. */
    public record NewToken(String name, String scope) {
    }
}
