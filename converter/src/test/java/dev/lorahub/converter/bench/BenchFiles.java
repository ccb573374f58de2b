package dev.lorahub.converter.bench;

import dev.lorahub.converter.safetensors.OutputTensor;
import dev.lorahub.converter.safetensors.SafetensorsWriter;
import dev.lorahub.converter.safetensors.TensorSource;
import dev.lorahub.formats.safetensors.DType;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Generators of the benchmark's input files: a torch zip checkpoint of F32 matrices that
 * {@code TorchCheckpointReader} reads, and a kohya LoRA safetensors file of F16 factors with alpha scalars.
 *
 * <p>Values are pseudo-random from a fixed seed and always finite. To keep generation fast, each file
 * cycles through {@link #DISTINCT_BUFFERS} distinct data buffers, so consecutive tensors differ.
 */
final class BenchFiles {

    /** Number of distinct tensor data buffers that a generated file cycles through. */
    static final int DISTINCT_BUFFERS = 8;

    private static final String ARCHIVE_FOLDER = "archive";
    private static final String[] ATTENTION_PROJECTIONS = {"to_q", "to_k", "to_v", "to_out.0"};

    private BenchFiles() {}

    /**
     * Writes a torch zip checkpoint of {@code tensorCount} F32 tensors of shape {@code [side, side]}, each in
     * its own storage, with attention-weight names of an SD UNet such as
     * {@code model.diffusion_model.output_blocks.0.1.transformer_blocks.0.attn1.to_q.weight}.
     *
     * @return the tensor names in pickle order
     */
    static List<String> writeTorchCheckpoint(Path file, int tensorCount, int side) throws IOException {
        List<String> names = new ArrayList<>();
        for (int index = 0; index < tensorCount; index++) {
            int block = index / ATTENTION_PROJECTIONS.length;
            names.add("model.diffusion_model.output_blocks." + block / 8 + ".1.transformer_blocks." + block % 8
                    + ".attn1." + ATTENTION_PROJECTIONS[index % ATTENTION_PROJECTIONS.length] + ".weight");
        }

        long elements = (long) side * side;
        byte[][] buffers = new byte[DISTINCT_BUFFERS][];
        Random random = new Random(1);
        for (int b = 0; b < DISTINCT_BUFFERS; b++) {
            ByteBuffer data = ByteBuffer.allocate(Math.toIntExact(elements * 4)).order(ByteOrder.LITTLE_ENDIAN);
            while (data.hasRemaining()) {
                data.putFloat((float) (random.nextGaussian() * 0.02));
            }
            buffers[b] = data.array();
        }

        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20);
                ZipOutputStream zip = new ZipOutputStream(out)) {
            putStored(zip, ARCHIVE_FOLDER + "/data.pkl", dataPickle(names, side));
            for (int index = 0; index < tensorCount; index++) {
                putStored(zip, ARCHIVE_FOLDER + "/data/" + index, buffers[index % DISTINCT_BUFFERS]);
            }
            putStored(zip, ARCHIVE_FOLDER + "/version", "3\n".getBytes(StandardCharsets.US_ASCII));
        }
        return names;
    }

    /**
     * Returns a protocol 2 pickle of {@code OrderedDict([(name, tensor), ...])}, without the memo opcodes that
     * {@code torch.save} adds. Tensor {@code i} is {@code _rebuild_tensor_v2} over storage key {@code "i"} on
     * {@code cpu}, offset 0, size {@code (side, side)}, stride {@code (side, 1)}, not requiring grad, with empty
     * backward hooks.
     */
    private static byte[] dataPickle(List<String> names, int side) {
        PickleBytes pickle = new PickleBytes();
        pickle.proto2();
        pickle.global("collections", "OrderedDict");
        pickle.op(')').op('R');
        pickle.op('(');
        for (int index = 0; index < names.size(); index++) {
            pickle.string(names.get(index));
            pickle.global("torch._utils", "_rebuild_tensor_v2");
            pickle.op('(');

            pickle.op('(');
            pickle.string("storage");
            pickle.global("torch", "FloatStorage");
            pickle.string(Integer.toString(index));
            pickle.string("cpu");
            pickle.integer((long) side * side);
            pickle.op('t').op('Q');

            pickle.integer(0);
            pickle.op('(').integer(side).integer(side).op('t');
            pickle.op('(').integer(side).integer(1).op('t');
            pickle.op(0x89);
            pickle.global("collections", "OrderedDict");
            pickle.op(')').op('R');
            pickle.op('t').op('R');
        }
        pickle.op('u').op('.');
        return pickle.toByteArray();
    }

    /**
     * Writes a kohya LoRA safetensors file of {@code moduleCount} modules, each with an F16
     * {@code lora_down.weight} of shape {@code [rank, features]}, an F16 {@code lora_up.weight} of shape
     * {@code [features, rank]} and an F32 scalar {@code alpha} equal to the rank.
     */
    static void writeKohyaLora(Path file, int moduleCount, int rank, int features) throws IOException {
        long elements = (long) rank * features;
        byte[][] buffers = new byte[DISTINCT_BUFFERS][];
        Random random = new Random(2);
        for (int b = 0; b < DISTINCT_BUFFERS; b++) {
            buffers[b] = randomHalfFloats(random, elements);
        }

        List<OutputTensor> tensors = new ArrayList<>();
        for (int index = 0; index < moduleCount; index++) {
            String module = "lora_unet_output_blocks_" + index / 16 + "_1_transformer_blocks_" + index % 16
                    + "_attn1_to_q";
            byte[] down = buffers[(2 * index) % DISTINCT_BUFFERS];
            byte[] up = buffers[(2 * index + 1) % DISTINCT_BUFFERS];
            byte[] alpha = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(rank).array();
            tensors.add(new OutputTensor(module + ".lora_down.weight", DType.F16, new long[] {rank, features},
                    shared(down)));
            tensors.add(new OutputTensor(module + ".lora_up.weight", DType.F16, new long[] {features, rank},
                    shared(up)));
            tensors.add(new OutputTensor(module + ".alpha", DType.F32, new long[0],
                    shared(alpha)));
        }
        SafetensorsWriter.write(file, Map.of("ss_network_module", "networks.lora"), tensors);
    }

    /** Returns a source that writes {@code data} without copying it, unlike {@link TensorSource#bytes}. */
    private static TensorSource shared(byte[] data) {
        return output -> {
            ByteBuffer buffer = ByteBuffer.wrap(data);
            while (buffer.hasRemaining()) {
                output.write(buffer);
            }
        };
    }

    /** Returns little-endian F16 values with random sign and mantissa and magnitudes from 2^-10 to below 2. */
    private static byte[] randomHalfFloats(Random random, long elements) {
        ByteBuffer data = ByteBuffer.allocate(Math.toIntExact(elements * 2)).order(ByteOrder.LITTLE_ENDIAN);
        while (data.hasRemaining()) {
            int sign = random.nextInt(2) << 15;
            int exponent = 5 + random.nextInt(11);
            int mantissa = random.nextInt(1 << 10);
            data.putShort((short) (sign | exponent << 10 | mantissa));
        }
        return data.array();
    }

    private static void putStored(ZipOutputStream zip, String name, byte[] data) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        CRC32 crc = new CRC32();
        crc.update(data);
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(data.length);
        entry.setCompressedSize(data.length);
        entry.setCrc(crc.getValue());
        zip.putNextEntry(entry);
        zip.write(data);
        zip.closeEntry();
    }

    /** Writer of the pickle opcodes that the generated {@code data.pkl} uses. */
    private static final class PickleBytes {

        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        void proto2() {
            out.write(0x80);
            out.write(2);
        }

        PickleBytes op(int opcode) {
            out.write(opcode);
            return this;
        }

        /** Writes GLOBAL, which names {@code module.name} on two newline-terminated lines. */
        void global(String module, String name) {
            out.write('c');
            out.writeBytes((module + "\n" + name + "\n").getBytes(StandardCharsets.UTF_8));
        }

        /** Writes BINUNICODE, a UTF-8 string after its 4-byte little-endian length. */
        void string(String text) {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            out.write('X');
            out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(bytes.length).array());
            out.writeBytes(bytes);
        }

        /** Writes BININT, a signed 4-byte little-endian integer. */
        PickleBytes integer(long value) {
            out.write('J');
            int bits = Math.toIntExact(value);
            out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(bits).array());
            return this;
        }

        byte[] toByteArray() {
            return out.toByteArray();
        }
    }
}
