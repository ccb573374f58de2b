package dev.lorahub.hub.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Content-addressed storage of file bytes, keyed by lower-case SHA-256 hex.
 *
 * <p>A blob becomes visible only once complete: {@link #put} takes a file whose hash the caller has already verified
 * and moves or uploads it into place in one step.
 */
public interface BlobStore {

    /**
     * Stores a verified file under its SHA-256 unless a blob with that hash exists.
     *
     * @return true when this call created the blob, false when it was already stored
     */
    boolean put(String sha256, Path verifiedFile) throws IOException;

    boolean exists(String sha256) throws IOException;

    /** Removes a blob; removing a missing blob is not an error. */
    void delete(String sha256) throws IOException;

    /** Returns the blob as a local file when the store keeps one, so downloads can be sent without copying. */
    Optional<Path> localFile(String sha256);

    /** Opens the whole blob; the caller closes the stream. */
    InputStream open(String sha256) throws IOException;

    /** Opens {@code length} bytes from {@code offset}; the caller closes the stream. */
    InputStream open(String sha256, long offset, long length) throws IOException;

    /** Returns the key a blob is stored under: {@code sha256/ab/cd/<hash>}. */
    static String key(String sha256) {
        return "sha256/" + sha256.substring(0, 2) + "/" + sha256.substring(2, 4) + "/" + sha256;
    }
}
