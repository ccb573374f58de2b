package dev.lorahub.hub.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import org.jboss.logging.Logger;

/** Blobs as files under a folder, laid out as {@code sha256/ab/cd/<hash>}. */
public class FolderBlobStore implements BlobStore {

    private static final Logger LOG = Logger.getLogger(FolderBlobStore.class);

    private final Path root;
    private final boolean fsync;

    /**
     * Opens the store, creating the folder when missing.
     *
     * @param fsync true to flush each blob to the disk before it is moved into place. A blob that a row points at then
     *     survives a power loss. False leaves the flush to the operating system.
     */
    public FolderBlobStore(Path root, boolean fsync) throws IOException {
        this.root = Files.createDirectories(root);
        this.fsync = fsync;
    }

    @Override
    public boolean put(String sha256, Path verifiedFile) throws IOException {
        Path target = path(sha256);
        if (Files.exists(target)) {
            return false;
        }
        Files.createDirectories(target.getParent());
        if (fsync) {
            try (FileChannel channel = FileChannel.open(verifiedFile, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
        }

        // A rename within one file system is atomic: readers see no blob or the whole blob. Two uploads of the same
        // bytes may both get here; the second rename replaces identical content, so both succeed.
        try {
            Files.move(verifiedFile, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException raced) {
            return false;
        }
        LOG.debugf("Stored blob %s", sha256);
        return true;
    }

    @Override
    public boolean exists(String sha256) {
        return Files.exists(path(sha256));
    }

    @Override
    public void delete(String sha256) throws IOException {
        Files.deleteIfExists(path(sha256));
    }

    @Override
    public Optional<Path> localFile(String sha256) {
        Path path = path(sha256);
        return Files.exists(path) ? Optional.of(path) : Optional.empty();
    }

    @Override
    public InputStream open(String sha256) throws IOException {
        return Files.newInputStream(path(sha256));
    }

    @Override
    public InputStream open(String sha256, long offset, long length) throws IOException {
        FileChannel channel = FileChannel.open(path(sha256), StandardOpenOption.READ);
        channel.position(offset);
        return new BoundedInputStream(Channels.newInputStream(channel), length);
    }

    private Path path(String sha256) {
        return root.resolve(BlobStore.key(sha256));
    }
}
