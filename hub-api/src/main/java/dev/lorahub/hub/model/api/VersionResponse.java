package dev.lorahub.hub.model.api;

import java.time.OffsetDateTime;
import java.util.List;

/** A model version in CivitAI's shape; {@code downloadUrl} equals the primary file's {@code downloadUrl}. */
public record VersionResponse(
        long id,
        long modelId,
        String name,
        String baseModel,
        String baseModelType,
        List<String> trainedWords,
        String description,
        String status,
        OffsetDateTime createdAt,
        OffsetDateTime publishedAt,
        VersionModelResponse model,
        StatsResponse stats,
        List<FileResponse> files,
        List<Object> images,
        String downloadUrl) {

    /** Returns a copy that lists only the primary file. */
    public VersionResponse withPrimaryFileOnly() {
        List<FileResponse> primary = files.stream().filter(FileResponse::primary).toList();
        return new VersionResponse(id, modelId, name, baseModel, baseModelType, trainedWords, description, status,
                createdAt, publishedAt, model, stats, primary, images, downloadUrl);
    }
}
