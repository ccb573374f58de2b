package dev.lorahub.hub.storage;

import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.RemoveObjectArgs;
import io.minio.StatObjectArgs;
import io.minio.UploadObjectArgs;
import io.minio.errors.ErrorResponseException;
import io.minio.errors.MinioException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Optional;
import org.jboss.logging.Logger;

/** Blobs as objects in an S3-compatible bucket, through the MinIO SDK. An object appears only when its upload completes. */
public class S3BlobStore implements BlobStore {

    private static final Logger LOG = Logger.getLogger(S3BlobStore.class);

    private final MinioClient client;
    private final String bucket;

    public S3BlobStore(MinioClient client, String bucket) throws IOException {
        this.client = client;
        this.bucket = bucket;
        createBucketIfMissing();
    }

    @Override
    public boolean put(String sha256, Path verifiedFile) throws IOException {
        if (exists(sha256)) {
            return false;
        }
        call(() -> client.uploadObject(UploadObjectArgs.builder()
                .bucket(bucket)
                .object(BlobStore.key(sha256))
                .filename(verifiedFile.toString())
                .contentType("application/octet-stream")
                .build()));
        LOG.debugf("Stored blob %s in bucket %s", sha256, bucket);
        return true;
    }

    @Override
    public boolean exists(String sha256) throws IOException {
        try {
            client.statObject(StatObjectArgs.builder().bucket(bucket).object(BlobStore.key(sha256)).build());
            return true;
        } catch (ErrorResponseException e) {
            if ("NoSuchKey".equals(e.errorResponse().code())) {
                return false;
            }
            throw new IOException("S3 stat of blob " + sha256 + " failed: " + e.getMessage(), e);
        } catch (MinioException | GeneralSecurityException e) {
            throw new IOException("S3 stat of blob " + sha256 + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void delete(String sha256) throws IOException {
        call(() -> {
            client.removeObject(RemoveObjectArgs.builder().bucket(bucket).object(BlobStore.key(sha256)).build());
            return null;
        });
    }

    @Override
    public Optional<Path> localFile(String sha256) {
        return Optional.empty();
    }

    @Override
    public InputStream open(String sha256) throws IOException {
        return call(() -> client.getObject(
                GetObjectArgs.builder().bucket(bucket).object(BlobStore.key(sha256)).build()));
    }

    @Override
    public InputStream open(String sha256, long offset, long length) throws IOException {
        return call(() -> client.getObject(GetObjectArgs.builder()
                .bucket(bucket)
                .object(BlobStore.key(sha256))
                .offset(offset)
                .length(length)
                .build()));
    }

    private void createBucketIfMissing() throws IOException {
        boolean exists = call(() -> client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build()));
        if (!exists) {
            call(() -> {
                client.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
                return null;
            });
            LOG.infof("Created S3 bucket %s for blobs", bucket);
        }
    }

    private <T> T call(S3Call<T> call) throws IOException {
        try {
            return call.run();
        } catch (MinioException | GeneralSecurityException e) {
            throw new IOException("S3 request to bucket " + bucket + " failed: " + e.getMessage(), e);
        }
    }

    @FunctionalInterface
    private interface S3Call<T> {
        T run() throws MinioException, GeneralSecurityException, IOException;
    }
}
