package dev.lorahub.app;

import dev.lorahub.hub.config.HubConfig;
import dev.lorahub.hub.config.HubConfig.StorageKind;
import io.minio.ListObjectsArgs;
import io.minio.MinioClient;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.hibernate.Session;

/** Counts what an upload leaves behind: rows, blobs and temporary files, whichever store the profile uses. */
@ApplicationScoped
public class StoreCounts {

    @Inject
    Session session;

    @Inject
    HubConfig config;

    public record Snapshot(long models, long versions, long files, long blobs, long temporaryFiles) {
    }

    public Snapshot snapshot() {
        return QuarkusTransaction.requiringNew().call(() -> new Snapshot(
                count("ModelEntity"), count("ModelVersionEntity"), count("ModelFileEntity"), blobs(),
                files(config.dataDir().resolve("tmp"))));
    }

    private long count(String entity) {
        return session.createSelectionQuery("select count(e) from " + entity + " e", Long.class).getSingleResult();
    }

    private long blobs() {
        if (config.storage().kind() == StorageKind.folder) {
            return files(config.dataDir().resolve("blobs"));
        }
        var s3 = config.storage().s3();
        MinioClient client = MinioClient.builder()
                .endpoint(s3.endpoint().orElseThrow())
                .region(s3.region())
                .credentials(s3.accessKey().orElseThrow(), s3.secretKey().orElseThrow())
                .build();
        long count = 0;
        try {
            for (var item : client.listObjects(ListObjectsArgs.builder().bucket(s3.bucket()).recursive(true).build())) {
                // s3proxy's filesystem backend also lists the folders of the sha256/ab/cd layout as objects.
                if (!item.get().objectName().endsWith("/")) {
                    count++;
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("Listing the test bucket failed: " + e, e);
        }
        return count;
    }

    private static long files(Path folder) {
        if (!Files.exists(folder)) {
            return 0;
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
