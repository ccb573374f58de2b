package dev.lorahub.converter.safetensors;

import static dev.lorahub.converter.safetensors.TestTensors.f32Bytes;
import static dev.lorahub.converter.safetensors.TestTensors.tensor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lorahub.formats.safetensors.DType;
import dev.lorahub.formats.safetensors.SafetensorsHeader;
import dev.lorahub.formats.safetensors.SafetensorsReader;
import dev.lorahub.formats.safetensors.TensorInfo;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DtypeConversionTest {

    @TempDir
    Path folder;

    private Path generatedF32File() throws Exception {
        int[] bits = new int[TestTensors.F32_TO_F16.length];
        for (int index = 0; index < bits.length; index++) {
            bits[index] = TestTensors.F32_TO_F16[index][0];
        }
        Path file = folder.resolve("generated-f32.safetensors");
        SafetensorsWriter.write(file, Map.of("ss_output_name", "generated"), List.of(
                tensor("values.weight", DType.F32, new long[] {bits.length}, f32Bytes(bits)),
                tensor("layer.alpha", DType.F32, new long[0], f32Bytes(Float.floatToIntBits(2f))),
                tensor("steps", DType.I64, new long[] {1}, new byte[] {7, 0, 0, 0, 0, 0, 0, 0})));
        return file;
    }

    @Test
    void f32ToF16MatchesPythonTable() throws Exception {
        Path target = folder.resolve("f16.safetensors");

        DtypeConversion.Result result = DtypeConversion.convert(generatedF32File(), target, DType.F16);

        TensorInfo values = result.header().tensor("values.weight").orElseThrow();
        assertThat(values.dtype()).isEqualTo(DType.F16);
        ByteBuffer bytes = TestTensors.bytes(target, result.header(), values);
        for (int[] row : TestTensors.F32_TO_F16) {
            assertThat(bytes.getShort() & 0xFFFF).as("F16 of F32 0x%08X", row[0]).isEqualTo(row[1]);
        }
    }

    @Test
    void overflowCountedPerTensor() throws Exception {
        DtypeConversion.Result result =
                DtypeConversion.convert(generatedF32File(), folder.resolve("f16.safetensors"), DType.F16);

        assertThat(result.overflowCounts()).containsExactlyEntriesOf(Map.of("values.weight", 2L));
        assertThat(result.totalOverflowCount()).isEqualTo(2);
    }

    @Test
    void alphaConvertedAndIntegersCopied() throws Exception {
        Path target = folder.resolve("bf16.safetensors");

        DtypeConversion.Result result = DtypeConversion.convert(generatedF32File(), target, DType.BF16);

        assertThat(result.convertedTensors()).containsExactlyInAnyOrder("values.weight", "layer.alpha");
        TensorInfo alpha = result.header().tensor("layer.alpha").orElseThrow();
        assertThat(alpha.dtype()).isEqualTo(DType.BF16);
        assertThat(SafetensorsReader.readScalar(target, result.header(), alpha)).isEqualTo(2.0);
        TensorInfo steps = result.header().tensor("steps").orElseThrow();
        assertThat(steps.dtype()).isEqualTo(DType.I64);
        assertThat(TestTensors.bytes(target, result.header(), steps).getLong()).isEqualTo(7);
        assertThat(result.header().metadata()).containsEntry("ss_output_name", "generated");
    }

    @Test
    void allF16PatternsSurviveF32RoundTrip() throws Exception {
        ByteBuffer patterns = ByteBuffer.allocate(2 * 65536).order(ByteOrder.LITTLE_ENDIAN);
        for (int bits = 0; bits <= 0xFFFF; bits++) {
            patterns.putShort((short) bits);
        }
        Path source = folder.resolve("all-f16.safetensors");
        SafetensorsWriter.write(source, Map.of(), List.of(tensor("all", DType.F16, new long[] {65536}, patterns.array())));
        Path wide = folder.resolve("all-f32.safetensors");
        Path back = folder.resolve("all-f16-again.safetensors");

        DtypeConversion.convert(source, wide, DType.F32);
        DtypeConversion.Result result = DtypeConversion.convert(wide, back, DType.F16);

        TensorInfo all = result.header().tensor("all").orElseThrow();
        assertThat(TestTensors.bytes(back, result.header(), all).array()).isEqualTo(patterns.array());
        assertThat(result.overflowCounts()).isEmpty();
    }

    @Test
    void nezhaFixtureSurvivesF32RoundTrip() throws Exception {
        Path source = TestTensors.fixtures().resolve("lora/sd15-kohya-nezha-rank4.safetensors");
        Path wide = folder.resolve("nezha-f32.safetensors");
        Path back = folder.resolve("nezha-f16.safetensors");

        DtypeConversion.Result widened = DtypeConversion.convert(source, wide, DType.F32);
        DtypeConversion.Result narrowed = DtypeConversion.convert(wide, back, DType.F16);

        SafetensorsHeader original = SafetensorsReader.read(source);
        assertThat(widened.header().tensors()).allSatisfy(tensor -> assertThat(tensor.dtype()).isEqualTo(DType.F32));
        assertThat(widened.convertedTensors()).hasSize(original.tensors().size());
        assertThat(narrowed.header().metadata()).isEqualTo(original.metadata());
        assertThat(narrowed.header().tensors()).hasSameSizeAs(original.tensors());
        for (TensorInfo tensor : original.tensors()) {
            TensorInfo converted = narrowed.header().tensor(tensor.name()).orElseThrow();
            assertThat(converted.dtype()).as(tensor.name()).isEqualTo(DType.F16);
            assertThat(converted.shape()).as(tensor.name()).isEqualTo(tensor.shape());
            assertThat(TestTensors.bytes(back, narrowed.header(), converted).array()).as(tensor.name())
                    .isEqualTo(TestTensors.bytes(source, original, tensor).array());
        }
    }

    @Test
    void nonFloatTargetRejected() {
        assertThatThrownBy(() -> DtypeConversion.convert(folder.resolve("a"), folder.resolve("b"), DType.I8))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Invalid target dtype I8");
    }
}
