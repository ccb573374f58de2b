package dev.lorahub.hub.upload;

import dev.lorahub.formats.lora.LoraFacts;
import dev.lorahub.formats.safetensors.SafetensorsHeader;
import dev.lorahub.validator.ValidationReport;
import java.util.List;
import java.util.Map;

/**
 * The facts the hub read from an uploaded model file before storing it.
 *
 * @param lora LoRA facts, or null when the file is not a LoRA of a known layout
 * @param headerMetadata the safetensors {@code __metadata__}, empty when the file has none
 * @param triggerWords trigger words the file declares or that its training tags suggest
 * @param baseModelHint a CivitAI base model name detected from the tensor shapes, else suggested by the file's
 *     metadata, or null
 * @param header the safetensors header, for the check against a declared base model
 * @param validation the validator's report, never rejected
 */
public record InspectedFile(
        ReceivedFile file,
        String fp,
        LoraFacts lora,
        Map<String, String> headerMetadata,
        List<String> triggerWords,
        String baseModelHint,
        SafetensorsHeader header,
        ValidationReport validation) {
}
