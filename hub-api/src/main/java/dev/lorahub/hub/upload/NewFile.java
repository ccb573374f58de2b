package dev.lorahub.hub.upload;

import dev.lorahub.validator.ValidationReport;

/**
 * A file to record in a new version: its inspection when it contains weights, or null for a config file or a kept
 * pickle original.
 *
 * @param fileType CivitAI's file type, {@code Model} or {@code Config}
 * @param scan the validator's report of a file that is not inspected, such as the pickle scan of a kept original.
 *     Null for a config file.
 */
public record NewFile(
        ReceivedFile received, InspectedFile inspection, String fileType, boolean primary, ValidationReport scan) {

    /** Returns CivitAI's format: {@code SafeTensor} for inspected weights, {@code PickleTensor} for a kept original. */
    public String format() {
        if (inspection != null) {
            return "SafeTensor";
        }
        return "Config".equals(fileType) ? "Other" : "PickleTensor";
    }
}
