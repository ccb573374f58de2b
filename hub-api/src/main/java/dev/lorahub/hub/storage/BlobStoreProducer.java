package dev.lorahub.hub.storage;

import dev.lorahub.hub.config.HubConfig;
import dev.lorahub.hub.config.HubConfig.S3;
import dev.lorahub.hub.config.HubConfig.StorageKind;
import io.minio.MinioClient;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.jboss.logging.Logger;

/** Creates the blob store that {@code lorahub.storage.kind} selects. */
@ApplicationScoped
public class BlobStoreProducer {

    private static final Logger LOG = Logger.getLogger(BlobStoreProducer.class);
    private static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    /** Opens the store at start, so a wrong folder or S3 setting stops the hub at once rather than at the first upload. */
    void openAtStart(@Observes StartupEvent event, BlobStore blobs) {
        blobs.localFile(EMPTY_SHA256);
    }

    @Produces
    @ApplicationScoped
    BlobStore blobStore(HubConfig config) {
        try {
            if (config.storage().kind() == StorageKind.s3) {
                return s3(config.storage().s3());
            }
            var root = config.dataDir().resolve("blobs").toAbsolutePath();
            LOG.infof("Blobs are stored in the folder %s", root);
            return new FolderBlobStore(root, config.storage().fsync());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the blob store: " + e.getMessage(), e);
        }
    }

    private static BlobStore s3(S3 s3) throws IOException {
        String endpoint = s3.endpoint().orElseThrow(() -> new IllegalStateException(
                "lorahub.storage.kind is s3 but lorahub.storage.s3.endpoint (LORAHUB_STORAGE_S3_ENDPOINT) is not set"));
        MinioClient client = MinioClient.builder()
                .endpoint(endpoint)
                .region(s3.region())
                .credentials(s3.accessKey().orElse(""), s3.secretKey().orElse(""))
                .build();
        LOG.infof("Blobs are stored in S3 bucket %s at %s", s3.bucket(), endpoint);
        return new S3BlobStore(client, s3.bucket());
    }
}
