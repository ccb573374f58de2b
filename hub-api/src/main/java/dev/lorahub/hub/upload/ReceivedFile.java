package dev.lorahub.hub.upload;

import dev.lorahub.formats.hash.FileHashes;
import java.nio.file.Path;

/** A file part of an upload, written to a temporary file and hashed on the way. */
public record ReceivedFile(String fileName, Path temporaryFile, long size, FileHashes hashes) {

    public boolean isJson() {
        return fileName.toLowerCase(java.util.Locale.ROOT).endsWith(".json");
    }
}
