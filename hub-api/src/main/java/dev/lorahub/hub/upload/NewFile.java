package dev.lorahub.hub.upload;

/**
 * A file to record in a new version: its inspection when it holds weights, or null for a config file.
 *
 * @param fileType CivitAI's file type, {@code Model} or {@code Config}
 */
public record NewFile(ReceivedFile received, InspectedFile inspection, String fileType, boolean primary) {
}
