package dev.lorahub.hub.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TempFilesTest {

    @TempDir
    Path dataDir;

    @Test
    void startRemovesLeftoversOfCrashedUploads() throws Exception {
        TempFiles tempFiles = new TempFiles(dataDir);
        Path leftover = tempFiles.create(".part");
        Files.write(leftover, new byte[] {1, 2, 3});

        tempFiles.sweepOnStart(null);

        assertThat(leftover).doesNotExist();
        assertThat(dataDir.resolve("tmp")).isEmptyDirectory();
    }
}
