package dev.lorahub.converter.basemodel;

import dev.lorahub.formats.safetensors.DType;
import dev.lorahub.formats.safetensors.SafetensorsException;
import dev.lorahub.formats.safetensors.SafetensorsHeader;
import dev.lorahub.formats.safetensors.SafetensorsReader;
import dev.lorahub.formats.safetensors.TensorInfo;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Headers of the shared fixture files, and a builder of LoRA headers for tests. */
final class Fixtures {

    private Fixtures() {}

    /**
     * Returns the fixtures folder: the system property {@code fixtures.dir}, which Surefire sets, or
     * {@code ../../shared/fixtures} relative to the module folder when a test runs without it.
     */
    static Path root() {
        String property = System.getProperty("fixtures.dir");
        return Path.of(property != null ? property : "../../shared/fixtures");
    }

    /** Reads the header of a file under {@code fixtures/lora}. */
    static SafetensorsHeader lora(String fileName) {
        return read(root().resolve("lora").resolve(fileName));
    }

    /** Reads the header of the PEFT DistilBERT adapter. */
    static SafetensorsHeader peftDistilbert() {
        return read(root().resolve("peft/distilbert-emotion/adapter_model.safetensors"));
    }

    private static SafetensorsHeader read(Path file) {
        try {
            return SafetensorsReader.read(file);
        } catch (SafetensorsException | IOException e) {
            throw new IllegalStateException("Failed to read fixture " + file + ": " + e.getMessage(), e);
        }
    }

    /** Builder of a LoRA header from module names and factor shapes. The tensors have byte ranges but no data. */
    static final class HeaderBuilder {

        private final List<TensorInfo> tensors = new ArrayList<>();
        private long offset;

        /** Adds the down and up factors of a module, named with the given suffixes. */
        HeaderBuilder module(String module, String downSuffix, String upSuffix, long[] down, long[] up) {
            tensor(module + downSuffix, down);
            tensor(module + upSuffix, up);
            return this;
        }

        /** Adds a kohya module: {@code <name>.lora_down.weight} and {@code <name>.lora_up.weight}. */
        HeaderBuilder kohya(String module, long[] down, long[] up) {
            return module(module, ".lora_down.weight", ".lora_up.weight", down, up);
        }

        HeaderBuilder tensor(String name, long[] shape) {
            long length = 2;
            for (long dimension : shape) {
                length *= dimension;
            }
            tensors.add(new TensorInfo(name, DType.F16, shape, offset, offset + length));
            offset += length;
            return this;
        }

        SafetensorsHeader build(Map<String, String> metadata) {
            return new SafetensorsHeader(8, metadata, tensors, offset);
        }

        SafetensorsHeader build() {
            return build(Map.of());
        }
    }

    static long[] shape(long... dimensions) {
        return dimensions;
    }
}
