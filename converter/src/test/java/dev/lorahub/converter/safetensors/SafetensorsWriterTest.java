package dev.lorahub.converter.safetensors;

import static dev.lorahub.converter.safetensors.TestTensors.f32Bytes;
import static dev.lorahub.converter.safetensors.TestTensors.shortBytes;
import static dev.lorahub.converter.safetensors.TestTensors.tensor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lorahub.formats.safetensors.DType;
import dev.lorahub.formats.safetensors.SafetensorsHeader;
import dev.lorahub.formats.safetensors.SafetensorsReader;
import dev.lorahub.formats.safetensors.TensorInfo;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsWriterTest {

    @TempDir
    Path folder;

    private List<OutputTensor> sampleTensors() {
        return List.of(
                tensor("b.i8", DType.I8, new long[] {3}, new byte[] {1, 2, 3}),
                tensor("z.alpha", DType.F16, new long[0], shortBytes(0x4000)),
                tensor("a.weight", DType.F16, new long[] {2}, shortBytes(0x3C00, 0xC000)),
                tensor("m.weight", DType.F32, new long[] {1, 2}, f32Bytes(0x3F800000, 0x40000000)));
    }

    @Test
    void writtenFileReadsBack() throws Exception {
        Path target = folder.resolve("out.safetensors");

        SafetensorsHeader written = SafetensorsWriter.write(target, Map.of("format", "pt"), sampleTensors());

        SafetensorsHeader reread = SafetensorsReader.read(target);
        assertThat(reread.tensors()).isEqualTo(written.tensors());
        assertThat(reread.metadata()).containsExactlyEntriesOf(Map.of("format", "pt"));
        assertThat(reread.fileLength()).isEqualTo(Files.size(target));
    }

    @Test
    void headerStartsWithBraceQuoteAndIsPadded() throws Exception {
        Path target = folder.resolve("out.safetensors");

        SafetensorsHeader header = SafetensorsWriter.write(target, Map.of(), sampleTensors());

        byte[] file = Files.readAllBytes(target);
        assertThat(new String(file, 8, 2, StandardCharsets.UTF_8)).isEqualTo("{\"");
        assertThat(header.headerLength() % 8).isZero();
        String json = new String(file, 8, (int) header.headerLength(), StandardCharsets.UTF_8);
        assertThat(json.stripTrailing()).endsWith("}");
        assertThat(json.substring(json.stripTrailing().length())).matches(" *");
    }

    @Test
    void tensorsOrderedByAlignmentThenName() throws Exception {
        Path target = folder.resolve("out.safetensors");

        SafetensorsHeader header = SafetensorsWriter.write(target, Map.of(), sampleTensors());

        assertThat(header.tensors()).extracting(TensorInfo::name)
                .containsExactly("m.weight", "a.weight", "z.alpha", "b.i8");
        assertThat(header.tensors()).extracting(TensorInfo::begin).containsExactly(0L, 8L, 12L, 14L);
    }

    @Test
    void tensorBytesWrittenUnchanged() throws Exception {
        Path target = folder.resolve("out.safetensors");

        SafetensorsHeader header = SafetensorsWriter.write(target, Map.of(), sampleTensors());

        ByteBuffer weight = TestTensors.bytes(target, header, header.tensor("a.weight").orElseThrow());
        assertThat(weight.array()).containsExactly(shortBytes(0x3C00, 0xC000));
        ByteBuffer integers = TestTensors.bytes(target, header, header.tensor("b.i8").orElseThrow());
        assertThat(integers.array()).containsExactly(1, 2, 3);
    }

    @Test
    void failedSourceLeavesNoFile() throws IOException {
        Path target = folder.resolve("out.safetensors");
        OutputTensor failing = new OutputTensor("x", DType.F32, new long[] {4}, output -> {
            output.write(ByteBuffer.wrap(new byte[8]));
            throw new IOException("simulated read failure");
        });

        assertThatThrownBy(() -> SafetensorsWriter.write(target, Map.of(), List.of(failing)))
                .isInstanceOf(IOException.class).hasMessage("simulated read failure");

        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void failedWriteKeepsExistingTarget() throws IOException {
        Path target = folder.resolve("out.safetensors");
        Files.writeString(target, "previous");
        OutputTensor tooShort = tensor("x", DType.F32, new long[] {2}, new byte[4]);

        assertThatThrownBy(() -> SafetensorsWriter.write(target, Map.of(), List.of(tooShort)))
                .isInstanceOf(IOException.class).hasMessageContaining("wrote 4 bytes, expected 8");

        assertThat(Files.readString(target)).isEqualTo("previous");
        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files).containsExactly(target);
        }
    }

    @Test
    void existingTargetReplaced() throws Exception {
        Path target = folder.resolve("out.safetensors");
        Files.writeString(target, "previous");

        SafetensorsWriter.write(target, Map.of(), sampleTensors());

        assertThat(SafetensorsReader.read(target).tensors()).hasSize(4);
        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files).containsExactly(target);
        }
    }

    @Test
    void fileRegionCopiedFromInput() throws Exception {
        Path input = folder.resolve("input.bin");
        Files.write(input, new byte[] {9, 9, 1, 2, 3, 4, 9});
        Path target = folder.resolve("out.safetensors");

        SafetensorsHeader header;
        try (FileChannel channel = FileChannel.open(input, StandardOpenOption.READ)) {
            OutputTensor region = new OutputTensor("r", DType.U8, new long[] {4}, TensorSource.region(channel, 2, 4));
            header = SafetensorsWriter.write(target, Map.of(), List.of(region));
        }

        assertThat(TestTensors.bytes(target, header, header.tensors().get(0)).array()).containsExactly(1, 2, 3, 4);
    }

    @Test
    void duplicateNamesRejected() {
        List<OutputTensor> tensors = List.of(
                tensor("x", DType.I8, new long[] {1}, new byte[1]),
                tensor("x", DType.I8, new long[] {1}, new byte[1]));

        assertThatThrownBy(() -> SafetensorsWriter.write(folder.resolve("out.safetensors"), Map.of(), tensors))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Duplicate tensor name x");
    }

    @Test
    void emptyFileHasEmptyHeader() throws Exception {
        Path target = folder.resolve("empty.safetensors");

        SafetensorsHeader header = SafetensorsWriter.write(target, Map.of(), List.of());

        assertThat(header.tensors()).isEmpty();
        assertThat(Files.size(target)).isEqualTo(16);
    }
}
