package dev.lorahub.formats;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Paths of the shared fixture files, and a builder of small safetensors files for tests. */
public final class Fixtures {

    private Fixtures() {}

    /**
     * Returns the fixtures folder: the system property {@code fixtures.dir}, which Surefire sets, or
     * {@code ../../shared/fixtures} relative to the module folder when a test runs without it.
     */
    public static Path root() {
        String property = System.getProperty("fixtures.dir");
        return Path.of(property != null ? property : "../../shared/fixtures");
    }

    /** Returns a file under {@code fixtures/lora}. */
    public static Path lora(String fileName) {
        return root().resolve("lora").resolve(fileName);
    }

    /** Returns a file of the PEFT adapter under {@code fixtures/peft/distilbert-emotion}. */
    public static Path peft(String fileName) {
        return root().resolve("peft/distilbert-emotion").resolve(fileName);
    }

    /** Returns the bytes of a safetensors file: the header length, the header and the data bytes. */
    public static byte[] safetensors(String header, byte[] data) {
        return safetensors(header.getBytes(StandardCharsets.UTF_8), data);
    }

    /** Returns the bytes of a safetensors file with raw header bytes, which need not be UTF-8. */
    public static byte[] safetensors(byte[] header, byte[] data) {
        return ByteBuffer.allocate(8 + header.length + data.length)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putLong(header.length)
                .put(header)
                .put(data)
                .array();
    }

    /** Writes the bytes to {@code name} in the folder and returns its path. */
    public static Path write(Path folder, String name, byte[] bytes) throws IOException {
        return Files.write(folder.resolve(name), bytes);
    }
}
