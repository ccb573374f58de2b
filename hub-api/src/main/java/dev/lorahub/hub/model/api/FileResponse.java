package dev.lorahub.hub.model.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.OffsetDateTime;
import java.util.Map;

/**
 * A file of a version in CivitAI's shape, plus Lorahub's {@code lora} facts and the file's own {@code __metadata__}
 * as {@code headerMetadata}.
 *
 * @param hashes hash kind to upper-case hex; kinds the file has no value for are left out
 * @param validation the validator's report, null for files it does not check (a PEFT adapter_config.json)
 */
public record FileResponse(
        long id,
        String name,
        String downloadName,
        @JsonProperty("sizeKB") double sizeKb,
        long sizeBytes,
        String type,
        boolean primary,
        FileMetadataResponse metadata,
        String pickleScanResult,
        String pickleScanMessage,
        OffsetDateTime scannedAt,
        Map<String, String> hashes,
        String downloadUrl,
        LoraResponse lora,
        ValidationResponse validation,
        Map<String, String> headerMetadata) {
}
