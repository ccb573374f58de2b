package dev.lorahub.hub.download;

import dev.lorahub.hub.account.CurrentCaller;
import dev.lorahub.hub.audit.AuditLog;
import dev.lorahub.hub.download.ByteRange.Partial;
import dev.lorahub.hub.download.ByteRange.Unsatisfiable;
import dev.lorahub.hub.limit.RateLimits;
import dev.lorahub.hub.problem.ProblemException;
import dev.lorahub.hub.problem.QueryParameters;
import dev.lorahub.hub.storage.BlobStore;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.PathPart;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * CivitAI's download endpoint with what download clients rely on: an exact {@code Content-Length}, single byte ranges,
 * a strong ETag (the SHA-256) with {@code If-None-Match} and {@code If-Range}, and a {@code Content-Disposition} they
 * can parse. Files in a folder store are sent by the operating system without passing through the JVM heap.
 */
@Path("/api/download/models/{versionId}")
public class DownloadResource {

    private static final Logger LOG = Logger.getLogger(DownloadResource.class);
    private static final int COPY_BUFFER_BYTES = 1 << 16;

    @Inject
    DownloadFiles files;

    @Inject
    BlobStore blobs;

    @Inject
    DownloadCounter counter;

    @Inject
    CurrentCaller caller;

    @Inject
    AuditLog audit;

    @Inject
    RateLimits limits;

    @GET
    @Operation(summary = "Download the primary file of a version, or the file given by fileId or type")
    @APIResponse(responseCode = "200", description = "The whole file", content = @Content(
            mediaType = "application/octet-stream"))
    @APIResponse(responseCode = "206", description = "The requested byte range", content = @Content(
            mediaType = "application/octet-stream"))
    @APIResponse(responseCode = "304", description = "The client already has this version (If-None-Match)")
    @APIResponse(responseCode = "404", description = "No such version or file", content = @Content(
            mediaType = "application/problem+json"))
    @APIResponse(responseCode = "416", description = "The range lies outside the file", content = @Content(
            mediaType = "application/problem+json"))
    @APIResponse(responseCode = "429", description = "Over lorahub.limits.downloads; Retry-After gives the wait",
            content = @Content(mediaType = "application/problem+json"))
    public Response download(
            @RestPath long versionId, @RestQuery String fileId, @RestQuery String type,
            @HeaderParam("Range") String range, @HeaderParam("If-Range") String ifRange,
            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        limits.acquireDownload(caller.get());
        return respond(versionId, QueryParameters.optionalLong("fileId", fileId), type, range, ifRange, ifNoneMatch,
                true);
    }

    @HEAD
    public Response head(
            @RestPath long versionId, @RestQuery String fileId, @RestQuery String type,
            @HeaderParam("Range") String range, @HeaderParam("If-Range") String ifRange,
            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        return respond(versionId, QueryParameters.optionalLong("fileId", fileId), type, range, ifRange, ifNoneMatch,
                false);
    }

    private Response respond(long versionId, Long fileId, String type, String rangeHeader, String ifRange,
            String ifNoneMatch, boolean withBody) {
        DownloadTarget target = files.resolve(versionId, fileId, type);
        if (matches(ifNoneMatch, target)) {
            return Response.notModified().header(HttpHeaders.ETAG, target.etag()).build();
        }
        boolean rangeApplies = ifRange == null || ifRange.strip().equals(target.etag());
        ByteRange.Parsed parsed = rangeApplies ? ByteRange.parse(rangeHeader, target.size())
                : new ByteRange.Whole();
        if (parsed instanceof Unsatisfiable) {
            throw new ProblemException(416, "range-not-satisfiable", target.size())
                    .withHeader("Content-Range", "bytes */" + target.size());
        }
        ByteRange range = parsed instanceof Partial partial ? partial.range() : new ByteRange(0, target.size());

        Response.ResponseBuilder response = Response.status(parsed instanceof Partial ? 206 : 200)
                .type("application/octet-stream")
                .header(HttpHeaders.ETAG, target.etag())
                .header("Accept-Ranges", "bytes")
                .header("Content-Disposition", ContentDisposition.attachment(target.downloadName()))
                .header(HttpHeaders.CONTENT_LENGTH, range.length());
        if (parsed instanceof Partial) {
            response.header("Content-Range", "bytes " + range.start() + "-" + range.end() + "/" + target.size());
        }
        if (!withBody) {
            return response.build();
        }
        if (range.start() == 0 && range.length() > 1) {
            counter.count(target.versionId(), target.modelId());
            audit.record(caller.get(), "download", "version", target.versionId(), target.downloadName());
        }
        return response.entity(body(target, range)).build();
    }

    private Object body(DownloadTarget target, ByteRange range) {
        Optional<java.nio.file.Path> local = blobs.localFile(target.sha256());
        if (local.isPresent() && Files.isReadable(local.get())) {
            return new PathPart(local.get(), range.start(), range.length());
        }
        return (StreamingOutput) output -> copyToClient(target, range, output);
    }

    /**
     * Copies a blob range from the store to the client. A failed write means the client closed the connection, which
     * download clients do on purpose, so it ends the copy quietly. A failed read from the store still raises.
     */
    private void copyToClient(DownloadTarget target, ByteRange range, OutputStream output) throws IOException {
        byte[] buffer = new byte[COPY_BUFFER_BYTES];
        try (InputStream in = blobs.open(target.sha256(), range.start(), range.length())) {
            for (int count = in.read(buffer); count >= 0; count = in.read(buffer)) {
                try {
                    output.write(buffer, 0, count);
                } catch (IOException clientGone) {
                    LOG.debugf("Client closed the download of version %d early: %s", target.versionId(), clientGone);
                    return;
                }
            }
        }
    }

    private static boolean matches(String ifNoneMatch, DownloadTarget target) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String tag : ifNoneMatch.split(",")) {
            String candidate = tag.strip();
            if (candidate.equals("*") || candidate.equals(target.etag()) || candidate.equals("W/" + target.etag())) {
                return true;
            }
        }
        return false;
    }
}
