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
import org.jboss.resteasy.reactive.RestPath;

/** Changes and deletes versions, under the same rules as their model. */
@SecurityRequirement(name = TokenResource.API_TOKEN)
@Path("/api/v1/model-versions")
@Produces(MediaType.APPLICATION_JSON)
public class VersionEditResource {

    @Inject
    ModelEditor editor;

    @Inject
    UnusedBlobs unusedBlobs;

    @Inject
    ModelReader reader;

    @Inject
    ModelApi api;

    @Inject
    CurrentCaller caller;

    @Inject
    AuditLog audit;

    @PATCH
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change a version's name, base model, trigger words or description")
    public ModelResponse changeVersion(@RestPath long id, VersionChanges changes, UriInfo uri) {
        Caller current = caller.get().requireWrite();
        VersionChanges given = changes == null ? new VersionChanges(null, null, null, null) : changes;
        long modelId = editor.changeVersion(id, given, current);
        audit.record(current, "version-change", "version", id, null);
        return reader.model(modelId, api.baseUrl(uri));
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete a version and its files; a model's only version goes with the model instead")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "409", description = "The model's only version", content = @Content(
            mediaType = "application/problem+json"))
    public Response deleteVersion(@RestPath long id) {
        Caller current = caller.get().requireWrite();
        ModelEditor.Deleted deleted = editor.deleteVersion(id, current);
        audit.record(current, "version-delete", "version", id, deleted.name());
        unusedBlobs.remove(deleted.blobs());
        return Response.noContent().build();
    }
}
