package dev.lorahub.hub.upload;

import dev.lorahub.hub.storage.TempFiles;
import java.util.List;
import java.util.Map;

/**
 * The parts of a multipart upload: its text fields by name (such as the {@code metadata} JSON) and the
 * {@code file} parts.
 */
public record UploadParts(Map<String, String> fields, List<ReceivedFile> files) implements AutoCloseable {

    /** Returns the {@code metadata} field, or null when the upload has none. */
    public String metadataJson() {
        return fields.get("metadata");
    }

    /** Deletes the temporary files of every part. */
    @Override
    public void close() {
        files.forEach(file -> TempFiles.deleteQuietly(file.temporaryFile()));
    }
}
