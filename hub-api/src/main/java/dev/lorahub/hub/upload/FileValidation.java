package dev.lorahub.hub.upload;

import dev.lorahub.formats.safetensors.SafetensorsHeader;
import dev.lorahub.formats.safetensors.ScalarReader;
import dev.lorahub.hub.model.api.FindingResponse;
import dev.lorahub.hub.problem.LocalizedReason;
import dev.lorahub.hub.problem.ProblemException;
import dev.lorahub.validator.Finding;
import dev.lorahub.validator.ModelValidator;
import dev.lorahub.validator.ValidationReport;
import dev.lorahub.validator.Verdict;
import dev.lorahub.validator.lora.LoraConsistency;
import dev.lorahub.validator.safetensors.SafetensorsValidator;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Runs the validator's header and LoRA checks on an uploaded safetensors file and rejects it when they do. The full
 * NaN/Inf scan is left to {@code POST /api/v1/validate}, because it reads every tensor.
 */
public final class FileValidation {

    /** Model types whose files must be LoRAs of a known layout. */
    static final Set<String> LORA_TYPES = Set.of("LORA", "LoCon", "DoRA", "LoHa", "LoKr", "PEFT");

    static final String NOT_A_LORA = "not-a-lora";

    private FileValidation() {
    }

    /**
     * Validates the file and returns the report of a file that may be stored.
     *
     * @param declaredType the model type the uploader gave, or null. A file that matches no LoRA layout is rejected
     *     when this is a LoRA type, or when no type is given and its tensor names show it was meant as a LoRA.
     */
    public static ValidationReport check(ReceivedFile file, SafetensorsHeader header, String declaredType)
            throws IOException {
        List<Finding> findings = new ArrayList<>(SafetensorsValidator.validate(file.temporaryFile()).findings());
        try (FileChannel channel = FileChannel.open(file.temporaryFile(), StandardOpenOption.READ)) {
            for (Finding finding : LoraConsistency.check(header, ScalarReader.of(channel, header))) {
                if (!NOT_A_LORA.equals(finding.code()) || expectsLora(declaredType, header)) {
                    findings.add(finding);
                }
            }
        }
        ValidationReport report = ValidationReport.of(findings);
        if (report.verdict() == Verdict.REJECTED) {
            throw rejection(file, report);
        }
        return report;
    }

    private static boolean expectsLora(String declaredType, SafetensorsHeader header) {
        if (declaredType != null && !declaredType.isBlank()) {
            return LORA_TYPES.stream().anyMatch(type -> type.equalsIgnoreCase(declaredType.strip()));
        }
        return header.tensors().stream()
                .map(tensor -> tensor.name().toLowerCase(Locale.ROOT))
                .anyMatch(name -> name.contains("lora") || name.contains("lokr") || name.contains("hada"));
    }

    /**
     * Returns the validator's report on a file that is not valid safetensors, when it read the file as a pickle
     * instead: protocol 0 and 1 pickles have no leading byte to recognise them by, and the report names the globals
     * they import. Empty when the file is no pickle either.
     */
    public static Optional<ValidationReport> asPickle(ReceivedFile file, String safetensorsCode) throws IOException {
        ValidationReport report = ModelValidator.validate(file.temporaryFile(), false);
        return report.codes().contains(safetensorsCode) ? Optional.empty() : Optional.of(report);
    }

    /** Returns the 422 problem for a file the validator rejected, with every finding as a reason. */
    public static ProblemException rejection(ReceivedFile file, ValidationReport report) {
        List<Object> reasons = new ArrayList<>();
        for (Finding finding : report.findings()) {
            reasons.add((LocalizedReason) (messages, locale) -> FindingResponse.of(finding, messages, locale));
        }
        // The caller passes a rejected report; a report of warnings only is explained by its first warning.
        Finding first = report.findings().stream().filter(f -> f.level() == Verdict.REJECTED).findFirst()
                .orElse(report.findings().get(0));
        return new ProblemException(422, "file-rejected", reasons, file.fileName(), FindingResponse.localized(first));
    }
}
