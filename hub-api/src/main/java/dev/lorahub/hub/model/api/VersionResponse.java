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
}
