package dev.lorahub.hub.model;

import dev.lorahub.formats.hash.FileHashes;
import dev.lorahub.formats.lora.LoraFacts;
import dev.lorahub.validator.ValidationReport;
import java.util.Map;

/**
 * A file whose blob is in place, ready to be recorded.
 *
 * @param lora LoRA facts, or null
 * @param headerMetadata the safetensors {@code __metadata__}, or null for a file that has none
 * @param validation the validator's report, or null for a file the validator does not check (a JSON config)
 */
public record StoredFile(
        String uploadedName,
        String fileType,
        String format,
        String fp,
        long size,
        boolean primary,
        FileHashes hashes,
        LoraFacts lora,
        Map<String, String> headerMetadata,
        ValidationReport validation) {
}
