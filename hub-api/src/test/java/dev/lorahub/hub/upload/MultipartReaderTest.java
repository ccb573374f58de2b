package dev.lorahub.hub.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lorahub.hub.problem.ProblemException;
import dev.lorahub.hub.storage.TempFiles;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MultipartReaderTest {

    static final String BOUNDARY = "----lorahubBoundary7MA4YWxk";
    static final String CONTENT_TYPE = "multipart/form-data; boundary=" + BOUNDARY;

    @TempDir
    Path dataDir;

    @Test
    void fileSurvivesBoundaryLookalikesAndTinyReads() throws Exception {
        byte[] content = contentWithBoundaryFragments();
        byte[] body = body("{\"name\": \"哪吒\"}", "哪吒 v1.safetensors", content);

        try (UploadParts parts = readOrExplain(new TrickleStream(body))) {
            assertThat(parts.metadataJson()).isEqualTo("{\"name\": \"哪吒\"}");
            assertThat(parts.files()).hasSize(1);
            ReceivedFile file = parts.files().get(0);
            assertThat(file.fileName()).isEqualTo("哪吒 v1.safetensors");
            assertThat(file.size()).isEqualTo(content.length);
            assertThat(Files.readAllBytes(file.temporaryFile())).isEqualTo(content);
            assertThat(file.hashes().sha256()).isEqualTo(sha256(content));
        }
        assertThat(temporaryFiles()).isZero();
    }

    @Test
    void truncatedBodyRejectedWithoutLeftovers() throws Exception {
        byte[] body = body("{}", "x.safetensors", new byte[100_000]);
        byte[] truncated = java.util.Arrays.copyOf(body, body.length - 60);

        assertThatThrownBy(() -> reader(Long.MAX_VALUE).read(new ByteArrayInputStream(truncated), CONTENT_TYPE, -1))
                .isInstanceOf(ProblemException.class)
                .extracting(e -> ((ProblemException) e).code())
                .isEqualTo("malformed-multipart");
        assertThat(temporaryFiles()).isZero();
    }

    @Test
    void bodyOverLimitRejectedWhileStreaming() throws Exception {
        byte[] body = body("{}", "x.safetensors", new byte[3 << 20]);

        assertThatThrownBy(() -> reader(1 << 20).read(new ByteArrayInputStream(body), CONTENT_TYPE, -1))
                .isInstanceOf(ProblemException.class)
                .extracting(e -> ((ProblemException) e).status())
                .isEqualTo(413);
        assertThat(temporaryFiles()).isZero();
    }

    @Test
    void missingBoundaryRejected() {
        assertThatThrownBy(() -> reader(Long.MAX_VALUE).read(InputStream.nullInputStream(), "multipart/form-data", -1))
                .isInstanceOf(ProblemException.class)
                .extracting(e -> ((ProblemException) e).code())
                .isEqualTo("malformed-multipart");
    }

    private UploadParts readOrExplain(InputStream body) throws IOException {
        try {
            return reader(Long.MAX_VALUE).read(body, CONTENT_TYPE, -1);
        } catch (ProblemException e) {
            throw new AssertionError(e.code() + " " + java.util.Arrays.toString(e.arguments()), e);
        }
    }

    private MultipartReader reader(long maxSize) {
        return new MultipartReader(new TempFiles(dataDir), maxSize);
    }

    private long temporaryFiles() throws IOException {
        Path folder = dataDir.resolve("tmp");
        if (!Files.exists(folder)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.count();
        }
    }

    private static byte[] contentWithBoundaryFragments() {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        Random random = new Random(42);
        byte[] noise = new byte[997];
        for (int i = 0; i < 200; i++) {
            random.nextBytes(noise);
            content.writeBytes(noise);
            String fragment = "\r\n--" + BOUNDARY.substring(0, i % BOUNDARY.length());
            content.writeBytes(fragment.getBytes(StandardCharsets.US_ASCII));
        }
        return content.toByteArray();
    }

    private static byte[] body(String metadata, String fileName, byte[] content) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"metadata\"\r\n\r\n" + metadata
                + "\r\n--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return body.toByteArray();
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    /** Returns 1 to 7 bytes a read, so boundaries fall across every possible split. */
    private static final class TrickleStream extends ByteArrayInputStream {

        private final Random sizes = new Random(7);

        TrickleStream(byte[] bytes) {
            super(bytes);
        }

        @Override
        public synchronized int read(byte[] buffer, int offset, int length) {
            return super.read(buffer, offset, Math.min(length, 1 + sizes.nextInt(7)));
        }
    }
}
