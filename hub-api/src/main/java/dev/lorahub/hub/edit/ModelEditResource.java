package dev.lorahub.hub.edit;

import dev.lorahub.hub.account.Caller;
import dev.lorahub.hub.account.CurrentCaller;
import dev.lorahub.hub.account.TokenResource;
import dev.lorahub.hub.audit.AuditLog;
import dev.lorahub.hub.model.ModelApi;
import dev.lorahub.hub.model.ModelReader;
import dev.lorahub.hub.model.api.ModelResponse;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestPath;

/**
 * Changes and deletes models. Only the owner or an admin may; others get 403, or 404 for a private model they cannot
 * see.
 */
@SecurityRequirement(name = TokenResource.API_TOKEN)
@Path("/api/v1/models")
@Produces(MediaType.APPLICATION_JSON)
public class ModelEditResource {

    private static final Logger LOG = Logger.getLogger(ModelEditResource.class);

    @Inject
    ModelEditor editor;

    @Inject
    ModelReader reader;

    @Inject
    ModelApi api;

    @Inject
    CurrentCaller caller;

    @Inject
    AuditLog audit;

    @Inject
    UnusedBlobs unusedBlobs;

    @PATCH
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change a model's name, description, tags, flags, licence or visibility")
    public ModelResponse change(@RestPath long id, ModelChanges changes, UriInfo uri) {
        Caller current = caller.get().requireWrite();
        ModelChanges given = changes == null ? new ModelChanges(null, null, null, null, null, null, null, null, null,
                null, null) : changes;
        editor.change(id, given, current);
        audit.record(current, "model-change", "model", id, given.visibility() == null ? null
                : "visibility " + given.visibility());
        return reader.model(id, api.baseUrl(uri));
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a model with all its versions and files")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "403", description = "Not the owner", content = @Content(
            mediaType = "application/problem+json"))
    @APIResponse(responseCode = "404", description = "No such model, or a private model of someone else",
            content = @Content(mediaType = "application/problem+json"))
    public Response delete(@RestPath long id) {
        Caller current = caller.get().requireWrite();
        ModelEditor.Deleted deleted = editor.delete(id, current);
        audit.record(current, "model-delete", "model", id, deleted.name());
        unusedBlobs.remove(deleted.blobs());
        LOG.infof("User %s deleted model %d \"%s\"", current.username(), id, deleted.name());
        return Response.noContent().build();
    }
}
