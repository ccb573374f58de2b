package dev.lorahub.hub.upload;

import dev.lorahub.hub.storage.TempFiles;
import java.util.List;

/** What a multipart upload carried: the {@code metadata} JSON (or null) and the {@code file} parts. */
public record UploadParts(String metadataJson, List<ReceivedFile> files) implements AutoCloseable {

    /** Deletes the temporary files of every part. */
    @Override
    public void close() {
        files.forEach(file -> TempFiles.deleteQuietly(file.temporaryFile()));
    }
}
