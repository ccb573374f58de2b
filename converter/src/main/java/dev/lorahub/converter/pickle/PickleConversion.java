package dev.lorahub.converter.pickle;

import dev.lorahub.converter.safetensors.FloatTensorSource;
import dev.lorahub.converter.safetensors.OutputTensor;
import dev.lorahub.converter.safetensors.SafetensorsWriter;
import dev.lorahub.converter.safetensors.TensorSource;
import dev.lorahub.formats.safetensors.DType;
import dev.lorahub.validator.pickle.CheckpointException;
import dev.lorahub.validator.pickle.CheckpointTensor;
import dev.lorahub.validator.pickle.TorchCheckpoint;
import dev.lorahub.validator.pickle.TorchCheckpointReader;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Conversion of a torch checkpoint to a safetensors file with the same tensor names, dtypes and shapes.
 *
 * <p>{@link TorchCheckpointReader} reads the checkpoint without running its pickle and rejects what the
 * pickle scanner rejects. Each tensor's elements are written in row-major order: a contiguous view is
 * copied as one byte region of its storage, and any other view is gathered element run by element run.
 * Storage location labels such as {@code cuda:0} are ignored. Given a target floating dtype, every F32, F16 and
 * BF16 tensor is converted to it on the way, with the rules of
 * {@link dev.lorahub.converter.safetensors.DtypeConversion}, so that no intermediate file is written; tensors of
 * other dtypes keep theirs. The output's {@code __metadata__} is
 * {@code {"format": "pt"}}, because pickles carry no metadata. The file is written by
 * {@link SafetensorsWriter}: to a temporary file, verified, then moved over {@code target}.
 */
public final class PickleConversion {

    /** The {@code __metadata__} of every converted file, as safetensors' own torch converter writes it. */
    public static final Map<String, String> METADATA = Map.of("format", "pt");

    private PickleConversion() {}

    /** Converts the checkpoint with a {@link TorchCheckpointReader} of the default scan limits, keeping dtypes. */
    public static PickleConversionResult convert(Path checkpoint, Path target)
            throws IOException, CheckpointException {
        return convert(checkpoint, target, new TorchCheckpointReader());
    }

    /**
     * Converts the checkpoint with a {@link TorchCheckpointReader} of the default scan limits, writing every
     * floating tensor as {@code floatDtype}.
     *
     * @param floatDtype F32, F16 or BF16
     * @throws IllegalArgumentException if {@code floatDtype} is not F32, F16 or BF16
     */
    public static PickleConversionResult convert(Path checkpoint, Path target, DType floatDtype)
            throws IOException, CheckpointException {
        if (!FloatTensorSource.FLOAT_DTYPES.contains(floatDtype)) {
            throw new IllegalArgumentException("Invalid target dtype " + floatDtype + ": expected F32, F16 or BF16");
        }
        return convert(checkpoint, target, new TorchCheckpointReader(), floatDtype);
    }

    /**
     * Converts the checkpoint to {@code target} with the tensors' own dtypes, opening and closing the checkpoint
     * file itself.
     *
     * @throws CheckpointException if the reader rejects the checkpoint, it contains no tensors, or a tensor
     *     view reaches past the end of its storage
     * @throws IOException if a file cannot be read or written
     */
    public static PickleConversionResult convert(Path checkpoint, Path target, TorchCheckpointReader reader)
            throws IOException, CheckpointException {
        return convert(checkpoint, target, reader, null);
    }

    private static PickleConversionResult convert(Path checkpoint, Path target, TorchCheckpointReader reader,
            DType floatDtype) throws IOException, CheckpointException {
        TorchCheckpoint read = reader.read(checkpoint);
        if (read.tensors().isEmpty()) {
            throw new CheckpointException("Checkpoint " + checkpoint.getFileName() + " contains no tensors to convert");
        }
        for (CheckpointTensor tensor : read.tensors()) {
            checkBounds(tensor);
        }

        Map<String, LongSupplier> overflowCounters = new LinkedHashMap<>();
        try (FileChannel input = FileChannel.open(checkpoint, StandardOpenOption.READ)) {
            List<OutputTensor> outputs = new ArrayList<>();
            for (CheckpointTensor tensor : read.tensors()) {
                DType dtype = outputDtype(tensor.dtype(), floatDtype);
                TensorSource source = source(input, tensor, dtype, overflowCounters);
                outputs.add(new OutputTensor(tensor.name(), dtype, tensor.size(), source));
            }
            SafetensorsWriter.write(target, METADATA, outputs);
        }
        return new PickleConversionResult(read.format(), read.tensors().size(), read.skipped(),
                overflowCounts(overflowCounters));
    }

    private static DType outputDtype(DType dtype, DType floatDtype) {
        boolean converted = floatDtype != null && FloatTensorSource.FLOAT_DTYPES.contains(dtype);
        return converted ? floatDtype : dtype;
    }

    /** Returns the tensor's source, registering an overflow counter in {@code overflowCounters} if it converts. */
    private static TensorSource source(FileChannel input, CheckpointTensor tensor, DType dtype,
            Map<String, LongSupplier> overflowCounters) {
        long itemBytes = tensor.dtype().bits() / 8;
        if (tensor.elementCount() == 0) {
            return TensorSource.bytes(new byte[0]);
        }
        if (!tensor.isContiguous()) {
            StridedTensorSource strided = new StridedTensorSource(input, tensor, dtype);
            overflowCounters.put(tensor.name(), strided::overflowCount);
            return strided;
        }
        long start = tensor.storage().dataOffset() + tensor.storageOffset() * itemBytes;
        if (dtype == tensor.dtype()) {
            return TensorSource.region(input, start, tensor.elementCount() * itemBytes);
        }
        FloatTensorSource converted =
                FloatTensorSource.of(input, start, tensor.elementCount(), tensor.dtype(), dtype, 1f);
        overflowCounters.put(tensor.name(), converted::overflowCount);
        return converted;
    }

    private static Map<String, Long> overflowCounts(Map<String, LongSupplier> overflowCounters) {
        Map<String, Long> counts = new LinkedHashMap<>();
        overflowCounters.forEach((name, counter) -> {
            if (counter.getAsLong() > 0) {
                counts.put(name, counter.getAsLong());
            }
        });
        return counts;
    }

    /**
     * Checks that the view's elements lie inside its storage: offset + Σ (size_k − 1) × stride_k + 1 elements,
     * with no negative offset, size or stride.
     */
    static void checkBounds(CheckpointTensor tensor) throws CheckpointException {
        long[] size = tensor.size();
        long[] stride = tensor.stride();
        boolean negative = tensor.storageOffset() < 0 || Arrays.stream(size).anyMatch(value -> value < 0)
                || Arrays.stream(stride).anyMatch(value -> value < 0);
        if (size.length != stride.length || negative) {
            throw new CheckpointException("Tensor " + tensor.name() + " has an invalid view: offset "
                    + tensor.storageOffset() + ", size " + Arrays.toString(size) + ", stride "
                    + Arrays.toString(stride));
        }
        try {
            if (tensor.elementCount() == 0) {
                return;
            }
            long needed = tensor.storageOffset() + 1;
            for (int i = 0; i < size.length; i++) {
                needed = Math.addExact(needed, Math.multiplyExact(size[i] - 1, stride[i]));
            }
            if (needed > tensor.storage().elements()) {
                throw new CheckpointException(outOfBounds(tensor, Long.toString(needed)));
            }
        } catch (ArithmeticException e) {
            throw new CheckpointException(outOfBounds(tensor, "more than 2^63"));
        }
    }

    private static String outOfBounds(CheckpointTensor tensor, String needed) {
        return "Tensor " + tensor.name() + " with offset " + tensor.storageOffset() + ", size "
                + Arrays.toString(tensor.size()) + " and stride " + Arrays.toString(tensor.stride()) + " needs "
                + needed + " elements of storage " + tensor.storage().key() + ", but the storage has "
                + tensor.storage().elements();
    }
}
