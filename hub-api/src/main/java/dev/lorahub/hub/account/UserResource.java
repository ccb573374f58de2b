package dev.lorahub.hub.account;

import dev.lorahub.hub.audit.AuditLog;
import dev.lorahub.hub.problem.ProblemException;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/** Accounts as an admin manages them; this works whether sign-up is on or off. */
@SecurityRequirement(name = TokenResource.API_TOKEN)
@Path("/api/v1/users")
@Produces(MediaType.APPLICATION_JSON)
public class UserResource {

    @Inject
    AccountService accounts;

    @Inject
    CurrentCaller caller;

    @Inject
    AuditLog audit;

    @GET
    @Operation(summary = "List every account (admins only)")
    public List<AccountResponse> list() {
        caller.get().requireAdmin();
        return accounts.users().stream().map(user -> AccountResponse.of(user, null)).toList();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create an account with role user or admin (admins only)")
    @APIResponse(responseCode = "201", description = "The new account", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AccountResponse.class)))
    @APIResponse(responseCode = "409", description = "The name is taken", content = @Content(
            mediaType = "application/problem+json"))
    public Response create(NewUser request) {
        Caller current = caller.get().requireWrite().requireAdmin();
        NewUser given = request == null ? new NewUser(null, null, null) : request;
        Role role = given.role() == null ? Role.USER : role(given.role());
        UserEntity user = accounts.create(given.username(), given.password(), role, false);
        audit.record(current, "user-create", "user", user.id, user.username + " (" + role.apiName() + ")");
        return Response.status(Response.Status.CREATED).entity(AccountResponse.of(user, null)).build();
    }

    private static Role role(String name) {
        for (Role role : Role.values()) {
            if (role.apiName().equals(name)) {
                return role;
            }
        }
        throw ProblemException.badRequest("invalid-role", name);
    }

    /** An account an admin creates. */
    public record NewUser(String username, String password, String role) {
    }
}
