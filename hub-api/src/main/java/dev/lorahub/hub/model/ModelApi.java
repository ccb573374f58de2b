package dev.lorahub.hub.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lorahub.hub.config.HubConfig;
import dev.lorahub.hub.model.api.CreatorResponse;
import dev.lorahub.hub.model.api.FileMetadataResponse;
import dev.lorahub.hub.model.api.FileResponse;
import dev.lorahub.hub.model.api.FindingResponse;
import dev.lorahub.hub.model.api.LoraResponse;
import dev.lorahub.hub.model.api.ModelResponse;
import dev.lorahub.hub.model.api.StatsResponse;
import dev.lorahub.hub.model.api.ValidationResponse;
import dev.lorahub.hub.model.api.VersionModelResponse;
import dev.lorahub.hub.model.api.VersionResponse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.UriInfo;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Maps entities to the CivitAI-shaped API records, with absolute URLs built from the hub's base URL. */
@ApplicationScoped
public class ModelApi {

    /** CivitAI's nsfwLevel bits: 1 is PG and 4 is R. The hub records only whether a model is marked NSFW. */
    static final int NSFW_LEVEL_SAFE = 1;
    static final int NSFW_LEVEL_MATURE = 4;
    static final String UNKNOWN_CREATOR = "lorahub";

    @Inject
    HubConfig config;

    @Inject
    ObjectMapper json;

    /** Returns the configured public URL, else the request's, always ending in a slash. */
    public String baseUrl(UriInfo uri) {
        String base = config.publicUrl().orElse(uri.getBaseUri().toString());
        return base.endsWith("/") ? base : base + "/";
    }

    public ModelResponse model(ModelEntity model, String baseUrl) {
        return new ModelResponse(
                model.id, model.name, model.description, model.type, model.poi, model.nsfw,
                model.nsfw ? NSFW_LEVEL_MATURE : NSFW_LEVEL_SAFE, model.allowNoCredit,
                split(model.allowCommercialUse), model.allowDerivatives, model.allowDifferentLicense,
                StatsResponse.downloads(model.downloadCount, model.thumbsUpCount),
                new CreatorResponse(model.owner == null ? UNKNOWN_CREATOR : model.owner.username, null),
                List.copyOf(model.tags), model.visibility,
                model.versions.stream().map(version -> version(version, baseUrl)).toList());
    }

    public VersionResponse version(ModelVersionEntity version, String baseUrl) {
        ModelEntity model = version.model;
        return new VersionResponse(
                version.id, model.id, version.name, version.baseModel, version.baseModelType,
                List.copyOf(version.trainedWords), version.description, "Published", version.createdAt,
                version.publishedAt, new VersionModelResponse(model.name, model.type, model.nsfw, model.poi),
                StatsResponse.downloads(version.downloadCount, 0),
                version.files.stream().map(file -> file(file, baseUrl)).toList(), List.of(),
                versionDownloadUrl(version.id, baseUrl));
    }

    public FileResponse file(ModelFileEntity file, String baseUrl) {
        String downloadUrl = file.primaryFile
                ? versionDownloadUrl(file.version.id, baseUrl)
                : versionDownloadUrl(file.version.id, baseUrl) + "?fileId=" + file.id;
        return new FileResponse(
                file.id, file.name, file.downloadName, file.sizeBytes / 1024.0, file.sizeBytes, file.fileType,
                file.primaryFile, new FileMetadataResponse(file.format, "full", file.fp),
                "Success", pickleScanMessage(file),
                file.createdAt, hashes(file), downloadUrl, lora(file), validation(file), headerMetadata(file));
    }

    private static String pickleScanMessage(ModelFileEntity file) {
        return "PickleTensor".equals(file.format)
                ? "Scanned without running it: it imports only the globals of a torch state dict"
                : "No Pickle imports: safetensors and JSON files contain no code";
    }

    static String versionDownloadUrl(long versionId, String baseUrl) {
        return baseUrl + "api/download/models/" + versionId;
    }

    private static Map<String, String> hashes(ModelFileEntity file) {
        Map<String, String> hashes = new LinkedHashMap<>();
        put(hashes, "AutoV1", file.autov1);
        put(hashes, "AutoV2", file.autov2);
        put(hashes, "SHA256", file.sha256);
        put(hashes, "CRC32", file.crc32);
        put(hashes, "BLAKE3", file.blake3);
        put(hashes, "AutoV3", file.autov3 == null ? null : file.autov3.substring(0, 12));
        return hashes;
    }

    private static void put(Map<String, String> hashes, String kind, String hex) {
        if (hex != null) {
            hashes.put(kind, hex.toUpperCase(Locale.ROOT));
        }
    }

    private static LoraResponse lora(ModelFileEntity file) {
        if (file.loraLayout == null) {
            return null;
        }
        List<Integer> ranks = Arrays.stream(file.loraRanks.split(",")).map(Integer::valueOf).toList();
        return new LoraResponse(file.loraLayout, file.loraNetworkType, file.loraRank, ranks, file.loraAlpha,
                file.loraModuleCount, file.loraDtype, split(file.loraTargets));
    }

    private ValidationResponse validation(ModelFileEntity file) {
        if (file.validationVerdict == null) {
            return null;
        }
        try {
            List<FindingResponse> findings = json.readValue(
                    file.validationFindings, new TypeReference<List<FindingResponse>>() { });
            return new ValidationResponse(file.validationVerdict, findings);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored findings of file " + file.id + " are not a JSON array", e);
        }
    }

    private Map<String, String> headerMetadata(ModelFileEntity file) {
        if (file.fileMetadata == null) {
            return null;
        }
        try {
            return json.readValue(file.fileMetadata, new TypeReference<LinkedHashMap<String, String>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored metadata of file " + file.id + " is not a JSON object", e);
        }
    }

    private static List<String> split(String joined) {
        return joined == null || joined.isEmpty() ? List.of() : List.of(joined.split(","));
    }
}
