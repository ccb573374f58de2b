package dev.lorahub.hub.edit;

import dev.lorahub.hub.storage.BlobStore;
import dev.lorahub.hub.upload.FileReferences;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.List;
import org.jboss.logging.Logger;

/** Removes the blobs of deleted files once no file row uses them any more; identical files share one blob. */
@ApplicationScoped
public class UnusedBlobs {

    private static final Logger LOG = Logger.getLogger(UnusedBlobs.class);

    @Inject
    BlobStore blobs;

    @Inject
    FileReferences references;

    /** Removes each blob no row points at. One that stays behind only takes space, so a failure is logged, not raised. */
    public void remove(List<String> sha256s) {
        for (String sha256 : sha256s) {
            try {
                if (!references.isReferenced(sha256)) {
                    blobs.delete(sha256);
                    LOG.debugf("Removed blob %s, which no file uses any more", sha256);
                }
            } catch (IOException | RuntimeException e) {
                LOG.warnf("Could not remove blob %s that a deleted file used (%s); it takes space but does no harm",
                        sha256, e);
            }
        }
    }
}
