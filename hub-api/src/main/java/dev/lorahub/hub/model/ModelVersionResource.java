package dev.lorahub.hub.model;

import dev.lorahub.hub.model.api.VersionResponse;
import dev.lorahub.hub.problem.ProblemException;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestPath;

/** CivitAI's version reads: by id, and by any file hash (one, or up to 100 in a POST). */
@Path("/api/v1/model-versions")
@Produces(MediaType.APPLICATION_JSON)
public class ModelVersionResource {

    static final int MAX_HASHES = 100;

    @Inject
    ModelReader reader;

    @Inject
    ModelApi api;

    @GET
    @Path("/{id}")
    @Operation(summary = "Get a model version")
    public VersionResponse get(@RestPath long id, UriInfo uri) {
        return reader.version(id, api.baseUrl(uri));
    }

    @GET
    @Path("/by-hash/{hash}")
    @Operation(summary = "Find the oldest version holding a file with this hash (SHA256, AutoV1-3, CRC32, BLAKE3)")
    public VersionResponse byHash(@RestPath String hash, UriInfo uri) {
        return reader.versionByHash(hash, api.baseUrl(uri))
                .orElseThrow(() -> ProblemException.notFound("hash-not-found", hash));
    }

    @POST
    @Path("/by-hash")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Find the versions of up to 100 hashes; unknown hashes are left out")
    public List<VersionResponse> byHashes(List<String> hashes, UriInfo uri) {
        if (hashes == null) {
            throw ProblemException.badRequest("invalid-hash-list", MAX_HASHES);
        }
        if (hashes.size() > MAX_HASHES) {
            throw ProblemException.badRequest("too-many-hashes", hashes.size(), MAX_HASHES);
        }
        String baseUrl = api.baseUrl(uri);
        Map<Long, VersionResponse> found = new LinkedHashMap<>();
        for (String hash : hashes) {
            Optional<VersionResponse> version = reader.versionByHash(String.valueOf(hash), baseUrl);
            version.ifPresent(match -> found.putIfAbsent(match.id(), match));
        }
        return List.copyOf(found.values());
    }
}
