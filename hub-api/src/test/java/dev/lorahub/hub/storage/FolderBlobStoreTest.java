package dev.lorahub.hub.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FolderBlobStoreTest {

    static final String SHA256 = "ab" + "cd" + "0".repeat(60);

    @TempDir
    Path folder;

    @Test
    void putMovesFileUnderHashPath() throws Exception {
        FolderBlobStore store = new FolderBlobStore(folder.resolve("blobs"), true);
        Path upload = Files.write(folder.resolve("upload.part"), new byte[] {1, 2, 3, 4, 5});

        assertThat(store.put(SHA256, upload)).isTrue();

        assertThat(upload).doesNotExist();
        assertThat(folder.resolve("blobs/sha256/ab/cd/" + SHA256)).hasBinaryContent(new byte[] {1, 2, 3, 4, 5});
        try (InputStream range = store.open(SHA256, 1, 3)) {
            assertThat(range.readAllBytes()).containsExactly(2, 3, 4);
        }
    }

    @Test
    void secondPutOfSameHashKeepsFirstBlob() throws Exception {
        FolderBlobStore store = new FolderBlobStore(folder.resolve("blobs"), false);
        store.put(SHA256, Files.write(folder.resolve("first.part"), new byte[] {7}));
        Path second = Files.write(folder.resolve("second.part"), new byte[] {7});

        assertThat(store.put(SHA256, second)).isFalse();

        assertThat(second).exists();
        assertThat(store.exists(SHA256)).isTrue();
    }
}
