package dev.lorahub.formats.hash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import dev.lorahub.formats.Fixtures;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hashes of known inputs. Expected values of the fixtures and of the generated file were computed with
 * sha256sum, b3sum and Python's hashlib and zlib, independently of this code.
 */
class HashingOutputStreamTest {

    private static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    private static final String THREAD_NAME = "lorahub-autov3-sha256";

    @TempDir
    Path folder;

    @Test
    void emptyInput() throws Exception {
        FileHashes hashes = hash(new byte[0]);

        assertThat(hashes.sha256()).isEqualTo(EMPTY_SHA256);
        assertThat(hashes.autoV2()).isEqualTo("e3b0c44298");
        assertThat(hashes.crc32()).isEqualTo("00000000");
        assertThat(hashes.autoV1()).isNull();
        assertThat(hashes.autoV3()).isNull();
        assertThat(hashes.blake3()).isNull();
    }

    @Test
    void checkValue123456789() throws Exception {
        FileHashes hashes = hash("123456789".getBytes(StandardCharsets.US_ASCII));

        assertThat(hashes.crc32()).isEqualTo("cbf43926");
        assertThat(hashes.sha256()).isEqualTo("15e2b0d3c33891ebb0f1ef609ec419420c20e320ce94c65fbc8c3312448eb225");
    }

    /** Bytes i * 31 mod 251: the first 8 bytes give a header length far beyond the file, so no AutoV3. */
    @Test
    void generatedThreeMebibytes() throws Exception {
        FileHashes hashes = hash(generated(3 * 1024 * 1024));

        assertThat(hashes.sha256()).isEqualTo("a588dc6a4320586d9363c40a5ed9dc085f2a9c4c54151e63d59c2887eb8cd19f");
        assertThat(hashes.autoV1()).isEqualTo("b23f3f2f");
        assertThat(hashes.autoV2()).isEqualTo("a588dc6a43");
        assertThat(hashes.autoV3()).isNull();
        assertThat(hashes.crc32()).isEqualTo("b70acb51");
    }

    @ParameterizedTest
    @CsvSource({
        "lora/sd15-kohya-nezha-rank4.safetensors, 72f0330222d54d14e97bfc02f789559dab4287564cfd57d3127a250637e21d11, "
                + "098b1144, 8aa4d09ae21bdb2d23725edb0a6cf9627b9b7878cfcb9ba8ac1f5ddb67b81684, a68aace7",
        "lora/sd15-kohya-locon-rank8.safetensors, 0f37b544a2d681df04573f916b2820893f569b6f0766ce3cd6eb1ef39f84a34c, "
                + "5aca74a2, 2d0ccb32be2909d726051d78f61255363a86769459604b4472ea21c44a47c11e, 3481b29e",
        "lora/sd15-cloneofsimo-svd-rank4.safetensors, 337293d2de4c0d7c0f155ccb4c1470d9a7da4cb2ed594432a5d11f474461df59, "
                + "dd744339, c1cb0e15d1f4fd29bec5086a3435cd06c9666c18c1cfe64d59ef15e306287b81, db238da2",
        "lora/sd2-diffusers-bf16.safetensors, 2aecf92c3ac37d80aa4fac5f1d8bc90e74207e69f4b8369715f169c3d810c224, "
                + ", 389cd82af557e86b2a4eb1bf91e01e1076500e11216357569fb03cb14c18309a, 1b278c53",
        "peft/distilbert-emotion/adapter_model.safetensors, bc77a4203f29356efecb1e0f4c30072145adfd8b959a4ce1c5cbac7c1e796011, "
                + "9ac1a406, 7bc7c577c9baf364950eb308cb052f444dcc26772230c35e626b7438e478109a, 2be257d7",
    })
    void fixtureHashes(String fixture, String sha256, String autoV1, String autoV3, String crc32) throws Exception {
        FileHashes hashes = HashingOutputStream.hash(Fixtures.root().resolve(fixture));

        assertThat(hashes.sha256()).isEqualTo(sha256);
        assertThat(hashes.autoV1()).isEqualTo(autoV1);
        assertThat(hashes.autoV2()).isEqualTo(sha256.substring(0, 10));
        assertThat(hashes.autoV3()).isEqualTo(autoV3);
        assertThat(hashes.autoV3Short()).isEqualTo(autoV3.substring(0, 12));
        assertThat(hashes.crc32()).isEqualTo(crc32);
    }

    @ParameterizedTest
    @ValueSource(ints = {7, 8, 4093, 65536, 1 << 20, 3 << 20})
    void sameHashesForAnyWriteSize(int writeSize) throws Exception {
        byte[] file = Files.readAllBytes(Fixtures.lora("sd15-kohya-nezha-rank4.safetensors"));
        FileHashes expected = HashingOutputStream.hash(Fixtures.lora("sd15-kohya-nezha-rank4.safetensors"));

        assertThat(hashInWrites(file, writeSize)).isEqualTo(expected);
    }

    @Test
    void sameHashesForSingleByteWrites() throws Exception {
        byte[] file = Files.readAllBytes(Fixtures.lora("sd2-diffusers-bf16.safetensors"));
        HashingOutputStream hashing = new HashingOutputStream(OutputStream.nullOutputStream());
        try (hashing) {
            for (byte b : file) {
                hashing.write(b);
            }
        }

        assertThat(hashing.finish()).isEqualTo(HashingOutputStream.hash(Fixtures.lora("sd2-diffusers-bf16.safetensors")));
    }

    @Test
    void passesBytesThrough() throws Exception {
        byte[] file = generated(100_000);
        ByteArrayOutputStream copy = new ByteArrayOutputStream();

        try (HashingOutputStream hashing = new HashingOutputStream(copy)) {
            hashing.write(file, 0, file.length);
        }

        assertThat(copy.toByteArray()).isEqualTo(file);
    }

    /** A header that ends exactly at the end of the file leaves no tensor data: AutoV3 is the empty SHA-256. */
    @Test
    void headerOnlySafetensors() throws Exception {
        FileHashes hashes = hash(Fixtures.safetensors("{}", new byte[0]));

        assertThat(hashes.autoV3()).isEqualTo(EMPTY_SHA256);
    }

    @Test
    void headerLongerThanFile() throws Exception {
        byte[] file = Fixtures.safetensors("{}", new byte[0]);
        file[0] = 3;

        assertThat(hash(file).autoV3()).isNull();
    }

    @Test
    void finishBeforeClose() throws Exception {
        HashingOutputStream hashing = new HashingOutputStream(OutputStream.nullOutputStream());
        hashing.write(new byte[10]);

        assertThatIllegalStateException().isThrownBy(hashing::finish).withMessageContaining("close");

        hashing.close();
    }

    @Test
    void writeAfterClose() throws Exception {
        HashingOutputStream hashing = new HashingOutputStream(OutputStream.nullOutputStream());
        hashing.close();
        hashing.close();

        assertThatIOException().isThrownBy(() -> hashing.write(1));
    }

    @Test
    void closeEndsThread() throws Exception {
        try (HashingOutputStream hashing = new HashingOutputStream(OutputStream.nullOutputStream())) {
            hashing.write(Fixtures.safetensors("{}", generated(5 << 20)));
            assertThat(threadAlive()).isTrue();
        }

        assertThat(threadAlive()).isFalse();
    }

    @Test
    void failedWriteEndsThread() throws Exception {
        HashingOutputStream hashing = new HashingOutputStream(new FailingStream(3 << 20));
        byte[] chunk = Fixtures.safetensors("{}", generated(1 << 20));

        assertThatIOException().isThrownBy(() -> {
            try (hashing) {
                for (int i = 0; i < 10; i++) {
                    hashing.write(chunk);
                }
            }
        }).withMessage("disk full");

        assertThat(threadAlive()).isFalse();
        assertThatIllegalStateException().isThrownBy(hashing::finish);
    }

    @Test
    void blake3OfEmptyFile() throws Exception {
        Path file = Fixtures.write(folder, "empty", new byte[0]);

        assertThat(HashingOutputStream.blake3(file))
                .isEqualTo("af1349b9f5f9a1a6a0404dea36dcc9499bcb25c9adc112b7cc9a93cae41f3262");
    }

    @Test
    void blake3OfAbc() throws Exception {
        Path file = Fixtures.write(folder, "abc", "abc".getBytes(StandardCharsets.US_ASCII));

        assertThat(HashingOutputStream.blake3(file))
                .isEqualTo("6437b3ac38465133ffb63b75273a8db548c558465d79db03fd359c6cd5bd9d85");
    }

    @Test
    void blake3OfLargerFiles() throws Exception {
        Path generated = Fixtures.write(folder, "generated", generated(3 * 1024 * 1024));

        assertThat(HashingOutputStream.blake3(generated))
                .isEqualTo("22e0bf433e5157236673139c4a1c2da4a34ab550a36a7618df1709bf58b0418b");
        assertThat(HashingOutputStream.blake3(Fixtures.lora("sd15-kohya-nezha-rank4.safetensors")))
                .isEqualTo("984928ed83e215c607a75e9d16b09eaebf2334ac05a12470b585ead2aae8c573");
    }

    private FileHashes hash(byte[] file) throws IOException {
        return HashingOutputStream.hash(Fixtures.write(folder, "input", file));
    }

    private static FileHashes hashInWrites(byte[] file, int writeSize) throws IOException {
        HashingOutputStream hashing = new HashingOutputStream(OutputStream.nullOutputStream());
        try (hashing) {
            for (int offset = 0; offset < file.length; offset += writeSize) {
                hashing.write(file, offset, Math.min(writeSize, file.length - offset));
            }
        }
        return hashing.finish();
    }

    /** Returns bytes i * 31 mod 251. */
    private static byte[] generated(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (i * 31L % 251);
        }
        return bytes;
    }

    private static boolean threadAlive() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(thread -> thread.getName().equals(THREAD_NAME) && thread.isAlive());
    }

    /** Stream that fails once more than {@code limit} bytes were written to it. */
    private static final class FailingStream extends OutputStream {
        private final long limit;
        private long written;

        FailingStream(long limit) {
            this.limit = limit;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            if (written + length > limit) {
                throw new IOException("disk full");
            }
            written += length;
        }
    }
}
