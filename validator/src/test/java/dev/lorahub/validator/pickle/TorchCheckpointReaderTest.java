package dev.lorahub.validator.pickle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lorahub.formats.safetensors.DType;
import dev.lorahub.validator.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Reads of the tensors of torch checkpoints: real fixtures, generated files and the malicious corpus. */
class TorchCheckpointReaderTest {

    private final TorchCheckpointReader reader = new TorchCheckpointReader();

    @TempDir
    Path folder;

    static Stream<String> maliciousFiles() throws IOException {
        try (Stream<Path> files = Files.list(Fixtures.root().resolve("pickle"))) {
            return files.map(file -> file.getFileName().toString())
                    .filter(name -> name.startsWith("malicious"))
                    .sorted()
                    .toList()
                    .stream();
        }
    }

    @Test
    void corpusHasMaliciousFiles() throws IOException {
        assertThat(maliciousFiles()).hasSizeGreaterThanOrEqualTo(20);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("maliciousFiles")
    void maliciousFileIsRejected(String fileName) {
        assertThatThrownBy(() -> reader.read(Fixtures.pickle(fileName)))
                .isInstanceOfSatisfying(CheckpointException.class, e -> {
                    assertThat(e.isRejectedByScanner()).isTrue();
                    assertThat(e.getMessage()).startsWith("The pickle scanner rejects " + fileName);
                });
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"benign0_v0.pkl", "benign0_v3.pkl", "benign0_v4.pkl"})
    void plainPickleIsNotCheckpoint(String fileName) {
        assertThatThrownBy(() -> reader.read(Fixtures.pickle(fileName)))
                .isInstanceOfSatisfying(CheckpointException.class, e -> {
                    assertThat(e.isRejectedByScanner()).isFalse();
                    assertThat(e.getMessage()).startsWith("Not a torch checkpoint");
                });
    }

    @Test
    void zipStorageLocation() throws IOException, CheckpointException {
        byte[] storage = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};
        Path file = write("model.pt", zip(TorchFiles.stateDict(2, 8), storage));

        TorchCheckpoint checkpoint = reader.read(file);

        assertThat(checkpoint.format()).isEqualTo(TorchCheckpoint.Format.ZIP);
        assertThat(checkpoint.skipped()).isEmpty();
        assertThat(checkpoint.tensors()).hasSize(1);
        CheckpointTensor tensor = checkpoint.tensors().get(0);
        assertThat(tensor.name()).isEqualTo(TorchFiles.TENSOR);
        assertThat(tensor.dtype()).isEqualTo(DType.F16);
        assertThat(tensor.size()).containsExactly(2, 4);
        assertThat(tensor.stride()).containsExactly(4, 1);
        assertThat(tensor.storageOffset()).isZero();
        assertThat(tensor.isContiguous()).isTrue();
        assertThat(tensor.storage().entryName()).isEqualTo("model/data/0");
        assertThat(tensor.storage().elements()).isEqualTo(8);
        assertThat(bytesAt(file, tensor.storage().dataOffset(), 16)).isEqualTo(storage);
    }

    @Test
    void legacyStorageLocation() throws IOException, CheckpointException {
        byte[] bytes = TorchFiles.legacy(TorchFiles.stateDict(2, 8));
        Path file = write("model.ckpt", bytes);

        TorchCheckpoint checkpoint = reader.read(file);

        assertThat(checkpoint.format()).isEqualTo(TorchCheckpoint.Format.LEGACY);
        TorchStorage storage = checkpoint.tensors().get(0).storage();
        assertThat(storage.entryName()).isNull();
        assertThat(storage.elements()).isEqualTo(8);
        assertThat(storage.dataOffset()).isEqualTo(bytes.length - 16);
    }

    @Test
    void wrapperIsUnwrapped() throws IOException, CheckpointException {
        PickleWriter pickle = new PickleWriter().proto(2).op('}').op('(').string("state_dict", 2)
                .raw(body(TorchFiles.stateDict(2, 8)))
                .string("epoch", 2).binint1(3)
                .string("name", 2).string("nezha", 2)
                .op('u').stop();
        Path file = write("wrapped.ckpt", zip(pickle.toBytes(), new byte[16]));

        TorchCheckpoint checkpoint = reader.read(file);

        assertThat(checkpoint.tensors()).extracting(CheckpointTensor::name).containsExactly(TorchFiles.TENSOR);
        assertThat(checkpoint.skipped()).containsExactly(
                new SkippedEntry("epoch", "the integer 3"), new SkippedEntry("name", "the string 'nezha'"));
    }

    @Test
    void nestedDictsAreFlattened() throws IOException, CheckpointException {
        PickleWriter pickle = new PickleWriter().proto(2).op('}').op('(')
                .string("unet", 2).raw(body(TorchFiles.stateDict(2, 8)))
                .string("steps", 2).op(']').binint1(1).op('a')
                .op('u').stop();
        Path file = write("nested.pt", zip(pickle.toBytes(), new byte[16]));

        TorchCheckpoint checkpoint = reader.read(file);

        assertThat(checkpoint.tensors()).extracting(CheckpointTensor::name)
                .containsExactly("unet." + TorchFiles.TENSOR);
        assertThat(checkpoint.skipped()).containsExactly(new SkippedEntry("steps", "list"));
    }

    @Test
    void dictContainingItselfIsSkipped() throws IOException, CheckpointException {
        PickleWriter pickle = new PickleWriter().proto(2).op('}').binput(0)
                .string("self", 2).binget(0).op('s').stop();
        Path file = write("cycle.pt", zip(pickle.toBytes(), new byte[16]));

        TorchCheckpoint checkpoint = reader.read(file);

        assertThat(checkpoint.tensors()).isEmpty();
        assertThat(checkpoint.skipped()).containsExactly(
                new SkippedEntry("self", "a dict that appears earlier in the checkpoint"));
    }

    @Test
    void deepNestingFails() throws IOException {
        PickleWriter pickle = new PickleWriter().proto(2);
        int levels = StateDictEntries.MAX_DEPTH + 2;
        for (int level = 0; level < levels; level++) {
            pickle.op('}').string("a", 2);
        }
        pickle.op('}');
        for (int level = 0; level < levels; level++) {
            pickle.op('s');
        }
        Path file = write("deep.pt", zip(pickle.stop().toBytes(), new byte[16]));

        assertThatThrownBy(() -> reader.read(file))
                .isInstanceOf(CheckpointException.class)
                .hasMessageStartingWith("Dicts are nested more than " + StateDictEntries.MAX_DEPTH + " levels deep");
    }

    @Test
    void tupleKeyIsSkipped() throws IOException, CheckpointException {
        PickleWriter pickle = new PickleWriter().proto(2).op('}').binint1(1);
        for (int level = 0; level < 100_000; level++) {
            pickle.op(0x85);
        }
        pickle.binint1(3).op('s').stop();
        Path file = write("tuple-key.pt", zip(pickle.toBytes(), new byte[16]));

        TorchCheckpoint checkpoint = reader.read(file);

        assertThat(checkpoint.tensors()).isEmpty();
        assertThat(checkpoint.skipped()).containsExactly(
                new SkippedEntry("tuple of 1", "an entry whose key is tuple of 1"));
    }

    @Test
    void missingStorageEntryFails() throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("model/data.pkl", TorchFiles.stateDict(2, 8));
        Path file = write("missing.pt", TorchFiles.zip(entries, false));

        assertThatThrownBy(() -> reader.read(file))
                .isInstanceOf(CheckpointException.class)
                .hasMessage("Storage 0 has no data/0 entry in the archive");
    }

    @Test
    void shortStorageEntryFails() throws IOException {
        Path file = write("short.pt", zip(TorchFiles.stateDict(2, 8), new byte[10]));

        assertThatThrownBy(() -> reader.read(file))
                .isInstanceOf(CheckpointException.class)
                .hasMessageContaining("has 10 bytes, but its persistent id declares 8 elements of F16 (16 bytes)");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sd15-kohya-nezha-rank4.pt", "sd15-kohya-nezha-rank4-legacy.ckpt",
            "sd15-kohya-nezha-rank4-wrapped.ckpt"})
    void nezhaCheckpointTensors(String fileName) throws IOException, CheckpointException {
        TorchCheckpoint checkpoint = reader.read(Fixtures.lora(fileName));

        assertThat(checkpoint.tensors()).hasSize(792);
        assertThat(checkpoint.tensors()).allSatisfy(tensor -> assertThat(tensor.dtype()).isEqualTo(DType.F16));
        CheckpointTensor first = checkpoint.tensors().get(0);
        assertThat(first.name()).isEqualTo("lora_unet_down_blocks_0_attentions_0_proj_in.lora_down.weight");
        assertThat(first.size()).containsExactly(4, 320, 1, 1);
        CheckpointTensor alpha = checkpoint.tensors().get(2);
        assertThat(alpha.name()).isEqualTo("lora_unet_down_blocks_0_attentions_0_proj_in.alpha");
        assertThat(alpha.size()).isEmpty();
    }

    @Test
    void wrappedFixtureSkipsTrainingState() throws IOException, CheckpointException {
        TorchCheckpoint checkpoint = reader.read(Fixtures.lora("sd15-kohya-nezha-rank4-wrapped.ckpt"));

        assertThat(checkpoint.skipped()).containsExactly(
                new SkippedEntry("epoch", "the integer 3"), new SkippedEntry("global_step", "the integer 1200"));
    }

    @Test
    void loneTensorIsNamedTensor() throws IOException, CheckpointException {
        TorchCheckpoint checkpoint = reader.read(Fixtures.pickle("new_pytorch_model.bin"));

        assertThat(checkpoint.tensors()).hasSize(1);
        CheckpointTensor tensor = checkpoint.tensors().get(0);
        assertThat(tensor.name()).isEqualTo(TorchCheckpointReader.SINGLE_TENSOR_NAME);
        assertThat(tensor.dtype()).isEqualTo(DType.F32);
        assertThat(tensor.size()).containsExactly(3, 4);
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(folder.resolve(name), bytes);
    }

    private static byte[] zip(byte[] dataPkl, byte[] storage) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("model/data.pkl", dataPkl);
        entries.put("model/data/0", storage);
        return TorchFiles.zip(entries, false);
    }

    /** Returns the opcodes of a protocol 2 pickle between its PROTO and its STOP, to nest its value in another. */
    private static byte[] body(byte[] pickle) {
        return Arrays.copyOfRange(pickle, 2, pickle.length - 1);
    }

    private static byte[] bytesAt(Path file, long offset, int length) throws IOException {
        byte[] all = Files.readAllBytes(file);
        return Arrays.copyOfRange(all, (int) offset, (int) offset + length);
    }
}
