package dev.lorahub.hub.storage;

import dev.lorahub.hub.config.HubConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Temporary files of uploads in progress, in {@code <data>/tmp}.
 *
 * <p>Each upload deletes its own files when it ends; files left by a crash are deleted at the next start, since no
 * upload survives a restart.
 */
@ApplicationScoped
public class TempFiles {

    private static final Logger LOG = Logger.getLogger(TempFiles.class);

    private final Path folder;

    @Inject
    TempFiles(HubConfig config) {
        this(config.dataDir());
    }

    /** Keeps temporary files in {@code <dataDir>/tmp}. */
    public TempFiles(Path dataDir) {
        this.folder = dataDir.resolve("tmp").toAbsolutePath();
    }

    void sweepOnStart(@Observes StartupEvent event) throws IOException {
        Files.createDirectories(folder);
        int removed = 0;
        try (Stream<Path> leftovers = Files.list(folder)) {
            for (Path file : (Iterable<Path>) leftovers::iterator) {
                Files.deleteIfExists(file);
                removed++;
            }
        }
        if (removed > 0) {
            LOG.infof("Removed %d temporary upload files left by an earlier run in %s", removed, folder);
        }
    }

    /** Creates an empty temporary file; the caller deletes it. */
    public Path create(String suffix) throws IOException {
        Files.createDirectories(folder);
        return Files.createTempFile(folder, "upload-", suffix);
    }

    public static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warnf("Could not delete temporary file %s (%s); it will be removed at the next start", file, e);
        }
    }
}
