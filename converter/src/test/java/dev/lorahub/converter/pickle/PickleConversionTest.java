package dev.lorahub.converter.pickle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lorahub.converter.safetensors.DtypeConversion;
import dev.lorahub.converter.safetensors.FloatBits;
import dev.lorahub.formats.safetensors.DType;
import dev.lorahub.formats.safetensors.SafetensorsException;
import dev.lorahub.formats.safetensors.SafetensorsHeader;
import dev.lorahub.formats.safetensors.SafetensorsReader;
import dev.lorahub.formats.safetensors.TensorInfo;
import dev.lorahub.validator.pickle.CheckpointException;
import dev.lorahub.validator.pickle.CheckpointTensor;
import dev.lorahub.validator.pickle.TorchCheckpoint;
import dev.lorahub.validator.pickle.TorchStorage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Conversions of real and generated torch checkpoints to safetensors, compared tensor by tensor. */
class PickleConversionTest {

    @TempDir
    Path folder;

    @Test
    void diffusersBinMatchesExpected() throws IOException, CheckpointException, SafetensorsException {
        Path target = folder.resolve("attnproc.safetensors");

        PickleConversionResult result = PickleConversion.convert(lora("sd15-diffusers-attnproc.bin"), target);

        assertThat(result.format()).isEqualTo(TorchCheckpoint.Format.ZIP);
        assertThat(result.tensorCount()).isEqualTo(256);
        assertThat(result.skipped()).isEmpty();
        assertSameTensors(target, lora("sd15-diffusers-attnproc.bin.expected.safetensors"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sd15-kohya-nezha-rank4.pt", "sd15-kohya-nezha-rank4-legacy.ckpt",
            "sd15-kohya-nezha-rank4-wrapped.ckpt"})
    void nezhaCheckpointMatchesSafetensors(String fileName)
            throws IOException, CheckpointException, SafetensorsException {
        Path target = folder.resolve("nezha.safetensors");

        PickleConversionResult result = PickleConversion.convert(lora(fileName), target);

        assertThat(result.tensorCount()).isEqualTo(792);
        assertThat(SafetensorsReader.read(target).metadata()).isEqualTo(PickleConversion.METADATA);
        assertSameTensors(target, lora("sd15-kohya-nezha-rank4.safetensors"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"F16", "BF16"})
    void diffusersBinNarrowedInOnePass(DType dtype) throws IOException, CheckpointException, SafetensorsException {
        Path target = folder.resolve("attnproc-one-pass.safetensors");
        Path twoSteps = folder.resolve("attnproc-two-steps.safetensors");

        PickleConversionResult result = PickleConversion.convert(lora("sd15-diffusers-attnproc.bin"), target, dtype);
        DtypeConversion.convert(lora("sd15-diffusers-attnproc.bin.expected.safetensors"), twoSteps, dtype);

        assertThat(result.tensorCount()).isEqualTo(256);
        assertThat(result.overflowCounts()).isEmpty();
        assertThat(SafetensorsReader.read(target).tensors()).allSatisfy(
                tensor -> assertThat(tensor.dtype()).as(tensor.name()).isEqualTo(dtype));
        assertSameTensors(target, twoSteps);
    }

    @Test
    void nezhaF16KeptAndWidenedInOnePass() throws IOException, CheckpointException, SafetensorsException {
        Path kept = folder.resolve("nezha-f16.safetensors");
        Path widened = folder.resolve("nezha-f32.safetensors");
        Path expectedWide = folder.resolve("nezha-expected-f32.safetensors");

        PickleConversion.convert(lora("sd15-kohya-nezha-rank4.pt"), kept, DType.F16);
        PickleConversion.convert(lora("sd15-kohya-nezha-rank4.pt"), widened, DType.F32);
        DtypeConversion.convert(lora("sd15-kohya-nezha-rank4.safetensors"), expectedWide, DType.F32);

        assertSameTensors(kept, lora("sd15-kohya-nezha-rank4.safetensors"));
        assertSameTensors(widened, expectedWide);
    }

    @Test
    void specialValuesNarrowedToF16() throws IOException, CheckpointException {
        int[] bits = SPECIAL_F32;

        ConvertedView converted = convertOneToF16(bits, 0, new long[] {bits.length}, new long[] {1});

        for (int index = 0; index < bits.length; index++) {
            assertThat(converted.f16()[index] & 0xFFFF).as("F16 of F32 0x%08X", bits[index])
                    .isEqualTo(FloatBits.f32ToF16(bits[index]) & 0xFFFF);
        }
        assertThat(converted.result().overflowCounts()).containsExactlyEntriesOf(Map.of("w", 3L));
    }

    @Test
    void transposedViewNarrowedToF16() throws IOException, CheckpointException {
        int[] storage = {0x3F800000, 0x477FF000, 0x33C00000, 0x7FC00000, 0x3F801000, 0xC788B800};

        ConvertedView converted = convertOneToF16(storage, 0, new long[] {3, 2}, new long[] {1, 3});

        assertThat(converted.f16()).containsExactly((short) 0x3C00, (short) 0x7E00, (short) 0x7C00, (short) 0x3C00,
                (short) 0x0002, (short) 0xFC00);
        assertThat(converted.result().overflowCounts()).containsExactlyEntriesOf(Map.of("w", 2L));
    }

    @Test
    void nonFloatTargetDtypeRejected() {
        Path target = folder.resolve("int.safetensors");

        assertThatThrownBy(() -> PickleConversion.convert(lora("sd15-kohya-nezha-rank4.pt"), target, DType.I8))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid target dtype I8: expected F32, F16 or BF16");
        assertThat(target).doesNotExist();
    }

    static Stream<String> maliciousFiles() throws IOException {
        try (Stream<Path> files = Files.list(fixtures().resolve("pickle"))) {
            return files.map(file -> file.getFileName().toString())
                    .filter(name -> name.startsWith("malicious"))
                    .sorted()
                    .toList()
                    .stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("maliciousFiles")
    void maliciousFileIsRejected(String fileName) {
        Path target = folder.resolve("out.safetensors");

        assertThatThrownBy(() -> PickleConversion.convert(fixtures().resolve("pickle").resolve(fileName), target))
                .isInstanceOfSatisfying(CheckpointException.class,
                        e -> assertThat(e.isRejectedByScanner()).isTrue());
        assertThat(target).doesNotExist();
    }

    /**
     * Checks hashes that Python's {@code pickle} module gave for these files, with {@code find_class} limited
     * to the torch globals and each view gathered in row-major order, so that no file code ran.
     */
    @Test
    void legacyDistilbertConverts() throws IOException, CheckpointException, SafetensorsException {
        Path target = folder.resolve("distilbert.safetensors");

        Path checkpoint = fixtures().resolve("pickle/pytorch_model.bin");

        PickleConversionResult result = PickleConversion.convert(checkpoint, target);

        assertThat(result.format()).isEqualTo(TorchCheckpoint.Format.LEGACY);
        assertThat(result.tensorCount()).isEqualTo(38);
        SafetensorsHeader header = SafetensorsReader.read(target);
        assertTensor(target, header, "distilbert.embeddings.word_embeddings.weight", DType.F32,
                new long[] {28996, 2}, "ce2bde62efce8bb8");
        assertTensor(target, header, "distilbert.embeddings.position_embeddings.weight", DType.F32,
                new long[] {512, 2}, "67662f1aeccbe724");
        assertTensor(target, header, "qa_outputs.weight", DType.F32, new long[] {2, 2}, "025df1c3023020c7");
        assertTensor(target, header, "qa_outputs.bias", DType.F32, new long[] {2}, "af5570f5a1810b7a");
    }

    /** Checks a hash found as for {@link #legacyDistilbertConverts()}. */
    @Test
    void loneTensorConverts() throws IOException, CheckpointException, SafetensorsException {
        Path target = folder.resolve("tensor.safetensors");

        Path checkpoint = fixtures().resolve("pickle/new_pytorch_model.bin");

        PickleConversionResult result = PickleConversion.convert(checkpoint, target);

        assertThat(result.tensorCount()).isEqualTo(1);
        SafetensorsHeader header = SafetensorsReader.read(target);
        assertTensor(target, header, "tensor", DType.F32, new long[] {3, 4}, "89840d5f02d083cc");
    }

    @Test
    void transposedViewIsGathered() throws IOException, CheckpointException {
        float[] matrix = {0, 1, 2, 3, 4, 5};

        float[] converted = convertOne(matrix, 0, new long[] {3, 2}, new long[] {1, 3});

        assertThat(converted).containsExactly(0, 3, 1, 4, 2, 5);
    }

    @Test
    void submatrixViewIsGathered() throws IOException, CheckpointException {
        float[] matrix = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};

        float[] converted = convertOne(matrix, 5, new long[] {2, 2}, new long[] {4, 1});

        assertThat(converted).containsExactly(5, 6, 9, 10);
    }

    @Test
    void permutedViewIsGathered() throws IOException, CheckpointException {
        float[] storage = new float[24];
        for (int i = 0; i < storage.length; i++) {
            storage[i] = i;
        }
        float[] expected = new float[24];
        int next = 0;
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 2; j++) {
                for (int k = 0; k < 3; k++) {
                    expected[next++] = i + 12 * j + 4 * k;
                }
            }
        }

        float[] converted = convertOne(storage, 0, new long[] {4, 2, 3}, new long[] {1, 12, 4});

        assertThat(converted).containsExactly(expected);
    }

    @Test
    void contiguousViewWithOffset() throws IOException, CheckpointException {
        float[] storage = {0, 1, 2, 3, 4, 5};

        float[] converted = convertOne(storage, 2, new long[] {2, 2}, new long[] {2, 1});

        assertThat(converted).containsExactly(2, 3, 4, 5);
    }

    @Test
    void viewOutsideStorageIsRejected() throws IOException {
        Path checkpoint = Files.write(folder.resolve("outside.pt"),
                TorchZip.oneTensor("w", new float[6], 1, new long[] {3, 2}, new long[] {1, 3}));
        Path target = folder.resolve("outside.safetensors");

        assertThatThrownBy(() -> PickleConversion.convert(checkpoint, target)).isInstanceOf(CheckpointException.class);
        assertThat(target).doesNotExist();
    }

    @Test
    void boundsCheckNamesTheView() {
        TorchStorage storage = new TorchStorage("0", DType.F32, 6, "tiny/data/0", 64);
        CheckpointTensor tensor = new CheckpointTensor("w", storage, 1, new long[] {3, 2}, new long[] {1, 3});

        assertThatThrownBy(() -> PickleConversion.checkBounds(tensor))
                .isInstanceOf(CheckpointException.class)
                .hasMessage("Tensor w with offset 1, size [3, 2] and stride [1, 3] needs 7 elements of storage 0, "
                        + "but the storage has 6");
    }

    /** NaN, infinities, F16 overflows (65520, -70000, the largest F32), subnormals, ties and ordinary values. */
    private static final int[] SPECIAL_F32 = {0x7FC00000, 0xFFC00000, 0x7FC12345, 0x7F800000, 0xFF800000,
        0x477FE000, 0x477FF000, 0xC788B800, 0x7F7FFFFF, 0x00000001, 0x33000000, 0x33C00000, 0x387FC000,
        0x3F801000, 0x3F803000, 0x3DCCCCCD, 0x80000000};

    private record ConvertedView(PickleConversionResult result, short[] f16) {}

    private ConvertedView convertOneToF16(int[] storageBits, long offset, long[] size, long[] stride)
            throws IOException, CheckpointException {
        float[] storage = new float[storageBits.length];
        for (int index = 0; index < storage.length; index++) {
            storage[index] = Float.intBitsToFloat(storageBits[index]);
        }
        Path checkpoint = Files.write(folder.resolve("view.pt"), TorchZip.oneTensor("w", storage, offset, size, stride));
        Path target = folder.resolve("view-f16.safetensors");

        PickleConversionResult result = PickleConversion.convert(checkpoint, target, DType.F16);

        SafetensorsHeader header = read(target);
        TensorInfo tensor = header.tensor("w").orElseThrow();
        assertThat(tensor.dtype()).isEqualTo(DType.F16);
        assertThat(tensor.shape()).containsExactly(size);
        short[] f16 = new short[Math.toIntExact(tensor.elementCount())];
        ByteBuffer.wrap(bytes(target, header, tensor)).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(f16);
        return new ConvertedView(result, f16);
    }

    private float[] convertOne(float[] storage, long offset, long[] size, long[] stride)
            throws IOException, CheckpointException {
        byte[] archive = TorchZip.oneTensor("w", storage, offset, size, stride);
        Path checkpoint = Files.write(folder.resolve("view.pt"), archive);
        Path target = folder.resolve("view.safetensors");

        PickleConversion.convert(checkpoint, target);

        SafetensorsHeader header = read(target);
        TensorInfo tensor = header.tensor("w").orElseThrow();
        assertThat(tensor.shape()).containsExactly(size);
        ByteBuffer data = ByteBuffer.wrap(bytes(target, header, tensor)).order(ByteOrder.LITTLE_ENDIAN);
        float[] values = new float[data.remaining() / 4];
        data.asFloatBuffer().get(values);
        return values;
    }

    private static void assertSameTensors(Path actual, Path expected) throws IOException, SafetensorsException {
        SafetensorsHeader actualHeader = SafetensorsReader.read(actual);
        SafetensorsHeader expectedHeader = SafetensorsReader.read(expected);
        List<String> expectedNames = expectedHeader.tensors().stream().map(TensorInfo::name).toList();
        assertThat(actualHeader.tensors()).extracting(TensorInfo::name)
                .containsExactlyInAnyOrderElementsOf(expectedNames);
        for (TensorInfo want : expectedHeader.tensors()) {
            TensorInfo got = actualHeader.tensor(want.name()).orElseThrow();
            assertThat(got.dtype()).as("dtype of %s", want.name()).isEqualTo(want.dtype());
            assertThat(got.shape()).as("shape of %s", want.name()).containsExactly(want.shape());
            assertThat(bytes(actual, actualHeader, got)).as("bytes of %s", want.name())
                    .isEqualTo(bytes(expected, expectedHeader, want));
        }
    }

    /** Checks a tensor's dtype, shape and the first 16 hex digits of the SHA-256 of its bytes. */
    private static void assertTensor(Path file, SafetensorsHeader header, String name, DType dtype, long[] shape,
            String sha256Prefix) throws IOException {
        TensorInfo tensor = header.tensor(name).orElseThrow();
        assertThat(tensor.dtype()).as("dtype of %s", name).isEqualTo(dtype);
        assertThat(tensor.shape()).as("shape of %s", name).containsExactly(shape);
        assertThat(sha256(bytes(file, header, tensor))).as("SHA-256 of %s", name).startsWith(sha256Prefix);
    }

    private static byte[] bytes(Path file, SafetensorsHeader header, TensorInfo tensor) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(Math.toIntExact(tensor.byteLength()));
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            while (buffer.hasRemaining()) {
                if (channel.read(buffer, header.dataOffset() + tensor.begin() + buffer.position()) < 0) {
                    throw new IOException("File " + file + " ends inside tensor " + tensor.name());
                }
            }
        }
        return buffer.array();
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static SafetensorsHeader read(Path file) throws IOException {
        try {
            return SafetensorsReader.read(file);
        } catch (SafetensorsException e) {
            throw new IOException("File " + file + " is not valid safetensors: " + e.getMessage(), e);
        }
    }

    private static Path lora(String fileName) {
        return fixtures().resolve("lora").resolve(fileName);
    }

    /**
     * Returns the fixtures folder: the system property {@code fixtures.dir}, which Surefire sets, or
     * {@code ../../shared/fixtures} relative to the module folder when a test runs without it.
     */
    private static Path fixtures() {
        String property = System.getProperty("fixtures.dir");
        return Path.of(property != null ? property : "../../shared/fixtures");
    }
}
