package dev.lorahub.converter.safetensors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lorahub.formats.safetensors.DType;
import dev.lorahub.formats.safetensors.SafetensorsHeader;
import dev.lorahub.formats.safetensors.TensorInfo;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Conversions of tensors large enough for several chunks and threads, checked against the scalar conversion. */
class FloatTensorSourceTest {

    /** Values that take every branch of the narrowing: NaNs, infinities, subnormals, ties and overflows. */
    private static final int[] SPECIAL_F32 = {
        0x7FC00000, 0xFFC00000, 0x7F800001, 0x7FA12345, // NaNs, one with a payload
        0x7F800000, 0xFF800000, // ±infinity
        0x477FE000, 0x477FEFFF, 0x477FF000, 0xC788B800, 0x7F7FFFFF, // around and past the largest F16
        0x00000001, 0x807FFFFF, 0x322BCC77, 0x33000000, 0x33000001, 0x33C00000, // F32 subnormals, F16 underflow
        0x387FC000, 0x387FFFFF, 0x38800000, // around the smallest normal F16
        0x3F801000, 0x3F803000, 0x3F801001, 0x3F800FFF, // ties and near ties
        0x00000000, 0x80000000, // ±0
    };

    @TempDir
    Path folder;

    @Test
    void partsMatchScalarConversion() throws IOException {
        int[] f32 = valuesWithSpecials((int) (3 * FloatTensorSource.MIN_PART_ELEMENTS + 12_345));
        Path source = f32File(f32);

        short[] f16 = convertToF16(source, f32.length, 3, null);

        assertMatchesScalar(f32, f16);
    }

    @Test
    void oneThreadMatchesScalarConversion() throws IOException {
        int[] f32 = valuesWithSpecials((int) (2 * FloatTensorSource.MIN_PART_ELEMENTS + 7));
        Path source = f32File(f32);

        short[] f16 = convertToF16(source, f32.length, 1, null);

        assertMatchesScalar(f32, f16);
    }

    @Test
    void channelOtherThanFileIsWrittenInOrder() throws IOException {
        int[] f32 = valuesWithSpecials((int) (2 * FloatTensorSource.MIN_PART_ELEMENTS + 3));
        Path source = f32File(f32);
        ByteBuffer written = ByteBuffer.allocate(2 * f32.length).order(ByteOrder.LITTLE_ENDIAN);
        WritableByteChannel memory = new WritableByteChannel() {
            @Override
            public int write(ByteBuffer bytes) {
                int length = bytes.remaining();
                written.put(bytes);
                return length;
            }

            @Override
            public boolean isOpen() {
                return true;
            }

            @Override
            public void close() {}
        };

        convertToF16(source, f32.length, 4, memory);

        short[] f16 = new short[f32.length];
        written.flip().asShortBuffer().get(f16);
        assertMatchesScalar(f32, f16);
    }

    @Test
    void overflowsOfAllPartsAreCounted() throws IOException {
        int[] f32 = new int[(int) (4 * FloatTensorSource.MIN_PART_ELEMENTS)];
        for (int index = 0; index < f32.length; index += 1000) {
            f32[index] = 0x477FF000;
        }
        Path source = f32File(f32);

        long overflowCount;
        try (FileChannel input = open(source)) {
            FloatTensorSource conversion = FloatTensorSource.of(input, 0, f32.length, DType.F32, DType.F16, 1f, 4);
            SafetensorsWriter.write(folder.resolve("f16.safetensors"), Map.of(),
                    List.of(new OutputTensor("w", DType.F16, new long[] {f32.length}, conversion)));
            overflowCount = conversion.overflowCount();
        }

        assertThat(overflowCount).isEqualTo((f32.length + 999) / 1000);
    }

    @Test
    void truncatedInputFailsFromOtherPart() throws IOException {
        int[] f32 = new int[(int) FloatTensorSource.MIN_PART_ELEMENTS];
        Path source = f32File(f32);
        Path target = folder.resolve("truncated.safetensors");

        try (FileChannel input = open(source)) {
            long claimed = 2 * FloatTensorSource.MIN_PART_ELEMENTS;
            FloatTensorSource conversion = FloatTensorSource.of(input, 0, claimed, DType.F32, DType.F16, 1f, 2);
            List<OutputTensor> tensors = List.of(new OutputTensor("w", DType.F16, new long[] {claimed}, conversion));

            assertThatThrownBy(() -> SafetensorsWriter.write(target, Map.of(), tensors))
                    .isInstanceOf(EOFException.class)
                    .hasMessage("input ended at byte 1048576 while reading a F32 tensor at byte 0");
        }
        assertThat(target).doesNotExist();
    }

    /** Returns pseudo-random bits with the special values spread over them, some at chunk and part ends. */
    private static int[] valuesWithSpecials(int count) {
        Random random = new Random(11);
        int[] f32 = new int[count];
        for (int index = 0; index < count; index++) {
            f32[index] = random.nextInt(4) == 0 ? random.nextInt()
                    : Float.floatToRawIntBits((float) (random.nextGaussian() * 0.02));
        }
        for (int index = 0; index < count; index += 997) {
            f32[index] = SPECIAL_F32[(index / 997) % SPECIAL_F32.length];
        }
        for (int special = 0; special < SPECIAL_F32.length; special++) {
            f32[count - 1 - special] = SPECIAL_F32[special];
            f32[(int) FloatTensorSource.MIN_PART_ELEMENTS - 1 - special] = SPECIAL_F32[special];
        }
        return f32;
    }

    /** Writes the bits as raw little-endian F32 data with no header, so the tensor starts at byte 0. */
    private Path f32File(int[] f32) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(4 * f32.length).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asIntBuffer().put(f32);
        return Files.write(folder.resolve("f32.bin"), bytes.array());
    }

    private FileChannel open(Path file) throws IOException {
        return FileChannel.open(file, StandardOpenOption.READ);
    }

    /** Converts through {@code output}, or through a safetensors file when it is null, and returns the F16 bits. */
    private short[] convertToF16(Path source, int count, int maxParts, WritableByteChannel output)
            throws IOException {
        try (FileChannel input = open(source)) {
            FloatTensorSource conversion = FloatTensorSource.of(input, 0, count, DType.F32, DType.F16, 1f, maxParts);
            if (output != null) {
                conversion.writeTo(output);
                return null;
            }
            Path target = folder.resolve("f16.safetensors");
            SafetensorsHeader header = SafetensorsWriter.write(target, Map.of(),
                    List.of(new OutputTensor("w", DType.F16, new long[] {count}, conversion)));
            TensorInfo tensor = header.tensor("w").orElseThrow();
            short[] f16 = new short[count];
            TestTensors.bytes(target, header, tensor).asShortBuffer().get(f16);
            return f16;
        }
    }

    private static void assertMatchesScalar(int[] f32, short[] f16) {
        for (int index = 0; index < f32.length; index++) {
            short expected = FloatBits.f32ToF16(f32[index]);
            if (f16[index] != expected) {
                assertThat(f16[index] & 0xFFFF).as("F16 at %d of F32 0x%08X", index, f32[index])
                        .isEqualTo(expected & 0xFFFF);
            }
        }
    }
}
