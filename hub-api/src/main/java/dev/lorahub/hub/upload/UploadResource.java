package dev.lorahub.hub.upload;

import dev.lorahub.hub.account.Caller;
import dev.lorahub.hub.account.CurrentCaller;
import dev.lorahub.hub.account.TokenResource;
import dev.lorahub.hub.audit.AuditLog;
import dev.lorahub.hub.config.HubConfig;
import dev.lorahub.hub.limit.RateLimits;
import dev.lorahub.hub.model.ModelApi;
import dev.lorahub.hub.model.ModelReader;
import dev.lorahub.hub.model.ModelWriter;
import dev.lorahub.hub.model.api.ModelResponse;
import dev.lorahub.hub.storage.TempFiles;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.jboss.resteasy.reactive.RestPath;

/**
 * Uploads: {@code multipart/form-data} with a {@code metadata} part (JSON) and a {@code file} part, plus a second
 * {@code file} part holding adapter_config.json for a PEFT adapter. The body is read as a stream.
 */
@Path("/api/v1/models")
public class UploadResource {

    @Inject
    HubConfig config;

    @Inject
    TempFiles tempFiles;

    @Inject
    UploadService uploads;

    @Inject
    ModelReader reader;

    @Inject
    ModelApi api;

    @Inject
    ModelWriter writer;

    @Inject
    CurrentCaller caller;

    @Inject
    AuditLog audit;

    @Inject
    RateLimits limits;

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Upload a new model with its first version")
    @SecurityRequirement(name = TokenResource.API_TOKEN)
    @APIResponse(responseCode = "201", description = "The new model", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ModelResponse.class)))
    @APIResponse(responseCode = "400", description = "Malformed request", content = @Content(
            mediaType = "application/problem+json"))
    @APIResponse(responseCode = "401", description = "No API token or login", content = @Content(
            mediaType = "application/problem+json"))
    @APIResponse(responseCode = "403", description = "A read-only token, or a web form without its CSRF token",
            content = @Content(mediaType = "application/problem+json"))
    @APIResponse(responseCode = "413", description = "Upload over lorahub.upload.max-size", content = @Content(
            mediaType = "application/problem+json"))
    @APIResponse(responseCode = "422", description = "File rejected, with the reasons", content = @Content(
            mediaType = "application/problem+json"))
    @APIResponse(responseCode = "429", description = "Over lorahub.limits.uploads; Retry-After gives the wait",
            content = @Content(mediaType = "application/problem+json"))
    @RequestBody(content = @Content(mediaType = MediaType.MULTIPART_FORM_DATA, schema = @Schema(
            implementation = UploadForm.class)))
    public Response createModel(
            HttpServerRequest request,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @HeaderParam(HttpHeaders.CONTENT_LENGTH) Long contentLength,
            UriInfo uri) throws IOException {
        Caller uploader = caller.get().requireWrite();
        limits.acquireUpload(uploader);
        return store(request, contentType, contentLength, uri, uploader, "model-upload",
                parts -> uploads.createModel(parts, uploader));
    }

    @POST
    @Path("/{id}/versions")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Upload a new version of a model")
    @SecurityRequirement(name = TokenResource.API_TOKEN)
    @APIResponse(responseCode = "201", description = "The model with the new version first", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ModelResponse.class)))
    @APIResponse(responseCode = "403", description = "The caller does not own the model", content = @Content(
            mediaType = "application/problem+json"))
    @APIResponse(responseCode = "404", description = "No such model, or a private model of someone else",
            content = @Content(mediaType = "application/problem+json"))
    @RequestBody(content = @Content(mediaType = MediaType.MULTIPART_FORM_DATA, schema = @Schema(
            implementation = UploadForm.class)))
    public Response createVersion(
            @RestPath long id,
            HttpServerRequest request,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @HeaderParam(HttpHeaders.CONTENT_LENGTH) Long contentLength,
            UriInfo uri) throws IOException {
        Caller uploader = caller.get().requireWrite();
        writer.checkNewVersion(id, uploader);
        limits.acquireUpload(uploader);
        return store(request, contentType, contentLength, uri, uploader, "version-upload",
                parts -> uploads.createVersion(id, parts, uploader));
    }

    /** Reads the parts, stores them and returns 201 with the model. The temporary files are deleted in every case. */
    private Response store(HttpServerRequest request, String contentType, Long contentLength, UriInfo uri,
            Caller uploader, String action, VersionStore store) throws IOException {
        long length = contentLength == null ? -1 : contentLength;
        long versionId;
        try (UploadParts parts = reader().read(new RequestBodyStream(request), contentType, length)) {
            versionId = store.store(parts);
        }
        audit.record(uploader, action, "version", versionId, null);
        return created(versionId, uri);
    }

    private MultipartReader reader() {
        return new MultipartReader(tempFiles, config.upload().maxSize().asLongValue());
    }

    private Response created(long versionId, UriInfo uri) {
        ModelResponse model = reader.modelOfVersion(versionId, api.baseUrl(uri));
        return Response.created(URI.create(api.baseUrl(uri) + "api/v1/models/" + model.id())).entity(model).build();
    }

    @FunctionalInterface
    private interface VersionStore {
        long store(UploadParts parts) throws IOException;
    }

    /** The parts of an upload, for the OpenAPI document. */
    @Schema(name = "UploadForm")
    public static class UploadForm {

        @Schema(description = "JSON: name, type, baseModel, trainedWords, tags, description, versionName,"
                + " versionDescription, nsfw, poi, allowNoCredit, allowCommercialUse, allowDerivatives,"
                + " allowDifferentLicense, keepOriginal, visibility (public, unlisted or private)")
        public String metadata;

        @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING, format = "binary",
                description = "The model file (.safetensors); for a PEFT adapter a second part with adapter_config.json")
        public String file;
    }
}
