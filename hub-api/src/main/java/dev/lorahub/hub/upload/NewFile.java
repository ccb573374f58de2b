package dev.lorahub.hub.upload;

/**
 * A file to record in a new version: its inspection when it contains weights, or null for a config file.
 *
 * @param fileType CivitAI's file type, {@code Model} or {@code Config}
 */
public record NewFile(ReceivedFile received, InspectedFile inspection, String fileType, boolean primary) {

    /** Returns CivitAI's format: {@code SafeTensor} for inspected weights, {@code PickleTensor} for a kept original. */
    public String format() {
        if (inspection != null) {
            return "SafeTensor";
        }
        return "Config".equals(fileType) ? "Other" : "PickleTensor";
    }
}
