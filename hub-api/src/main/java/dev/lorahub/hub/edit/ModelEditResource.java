package dev.lorahub.hub.edit;

import dev.lorahub.hub.account.Caller;
import dev.lorahub.hub.account.CurrentCaller;
import dev.lorahub.hub.audit.AuditLog;
import dev.lorahub.hub.model.ModelApi;
import dev.lorahub.hub.model.ModelReader;
import dev.lorahub.hub.model.api.ModelResponse;
import dev.lorahub.hub.storage.BlobStore;
import dev.lorahub.hub.upload.FileReferences;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestPath;

/**
 * Changes and deletes models and versions. Only the owner or an admin may; others get 403, or 404 for a private model
 * they cannot see.
 */
@Path("/api/v1")
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
    BlobStore blobs;

    @Inject
    FileReferences references;

    @PATCH
    @Path("/models/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change a model's name, description, tags, flags, licence or visibility")
    public ModelResponse change(@RestPath long id, ModelChanges changes, UriInfo uri) {
        Caller current = caller.get().requireWrite();
        ModelChanges given = changes == null ? new ModelChanges(null, null, null, null, null, null, null, null, null,
                null) : changes;
        editor.change(id, given, current);
        audit.record(current, "model-change", "model", id, given.visibility() == null ? null
                : "visibility " + given.visibility());
        return reader.model(id, api.baseUrl(uri));
    }

    @DELETE
    @Path("/models/{id}")
    @Operation(summary = "Delete a model with all its versions and files")
    public Response delete(@RestPath long id) {
        Caller current = caller.get().requireWrite();
        ModelEditor.Deleted deleted = editor.delete(id, current);
        audit.record(current, "model-delete", "model", id, deleted.name());
        removeUnreferenced(deleted.blobs());
        LOG.infof("User %s deleted model %d \"%s\"", current.username(), id, deleted.name());
        return Response.noContent().build();
    }

    @PATCH
    @Path("/model-versions/{id}")
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
    @Path("/model-versions/{id}")
    @Operation(summary = "Delete a version and its files; a model's only version goes with the model instead")
    public Response deleteVersion(@RestPath long id) {
        Caller current = caller.get().requireWrite();
        ModelEditor.Deleted deleted = editor.deleteVersion(id, current);
        audit.record(current, "version-delete", "version", id, deleted.name());
        removeUnreferenced(deleted.blobs());
        return Response.noContent().build();
    }

    /** Removes blobs that no file row uses any more; a blob that stays behind is only wasted space, so it is logged. */
    private void removeUnreferenced(List<String> sha256s) {
        for (String sha256 : sha256s) {
            try {
                if (!references.isReferenced(sha256)) {
                    blobs.delete(sha256);
                }
            } catch (IOException | RuntimeException e) {
                LOG.warnf("Could not remove blob %s that a deleted model used (%s); it takes space but does no harm",
                        sha256, e);
            }
        }
    }
}
