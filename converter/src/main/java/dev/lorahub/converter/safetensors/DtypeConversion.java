package dev.lorahub.converter.safetensors;

import dev.lorahub.formats.safetensors.DType;
import dev.lorahub.formats.safetensors.SafetensorsException;
import dev.lorahub.formats.safetensors.SafetensorsHeader;
import dev.lorahub.formats.safetensors.SafetensorsReader;
import dev.lorahub.formats.safetensors.TensorInfo;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Conversion of the floating tensors of a safetensors file between F32, F16 and BF16.
 *
 * <p>Every F32, F16 and BF16 tensor is converted to the target dtype, including 0-rank scalars such as kohya
 * {@code alpha}, because alpha is read as a number whatever its floating dtype, so a single dtype costs nothing. An alpha that
 * F16 or BF16 cannot hold exactly, such as 0.1, is rounded like any other value. Tensors of every other dtype
 * (integers, BOOL, F64, the F8 types) are copied byte for byte, because converting them is not a precision
 * change. The {@code __metadata__} entries are copied unchanged.
 *
 * <p>Narrowing rounds to nearest, ties to even. Converting to F16, a finite value of magnitude 65520 or more
 * becomes an infinity of the same sign and is counted in the result, while 65504 &lt; |x| &lt; 65520 rounds to
 * ±65504. NaN stays NaN. Tensors are streamed in chunks, so memory use does not grow with the file.
 */
public final class DtypeConversion {

    private DtypeConversion() {}

    /**
     * Summary of a conversion.
     *
     * @param header the header of the written file
     * @param convertedTensors the names of the tensors whose dtype changed
     * @param overflowCounts per converted tensor with at least one overflow, the number of finite values that
     *     became infinite, or empty when none overflowed
     */
    public record Result(SafetensorsHeader header, List<String> convertedTensors, Map<String, Long> overflowCounts) {

        public Result {
            convertedTensors = List.copyOf(convertedTensors);
            overflowCounts = Collections.unmodifiableMap(new LinkedHashMap<>(overflowCounts));
        }

        /** Returns the total number of overflowed values over all tensors. */
        public long totalOverflowCount() {
            return overflowCounts.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /**
     * Converts {@code source} into {@code target} with {@link SafetensorsWriter}. Opens and closes its own channel
     * on the source file. {@code target} must not be {@code source}.
     *
     * @param targetDtype F32, F16 or BF16
     * @throws IllegalArgumentException if the target dtype is not F32, F16 or BF16, or target is the source
     * @throws SafetensorsException if the source is not a valid safetensors file
     * @throws IOException if reading or writing fails, in which case the target is left as it was
     */
    public static Result convert(Path source, Path target, DType targetDtype) throws SafetensorsException, IOException {
        if (!FloatTensorSource.FLOAT_DTYPES.contains(targetDtype)) {
            throw new IllegalArgumentException("Invalid target dtype " + targetDtype + ": expected F32, F16 or BF16");
        }
        if (source.toAbsolutePath().normalize().equals(target.toAbsolutePath().normalize())) {
            throw new IllegalArgumentException("Target " + target + " is the source file: choose another target path");
        }
        try (FileChannel input = FileChannel.open(source, StandardOpenOption.READ)) {
            SafetensorsHeader header = SafetensorsReader.read(input);
            Map<String, FloatTensorSource> converted = new LinkedHashMap<>();
            List<OutputTensor> tensors = new ArrayList<>();
            for (TensorInfo tensor : header.tensors()) {
                tensors.add(outputTensor(input, header, tensor, targetDtype, converted));
            }
            SafetensorsHeader written = SafetensorsWriter.write(target, header.metadata(), tensors);
            return new Result(written, List.copyOf(converted.keySet()), overflowCounts(converted));
        }
    }

    private static OutputTensor outputTensor(FileChannel input, SafetensorsHeader header, TensorInfo tensor,
            DType targetDtype, Map<String, FloatTensorSource> converted) {
        long position = header.dataOffset() + tensor.begin();
        if (!FloatTensorSource.FLOAT_DTYPES.contains(tensor.dtype()) || tensor.dtype() == targetDtype) {
            TensorSource copy = TensorSource.region(input, position, tensor.byteLength());
            return new OutputTensor(tensor.name(), tensor.dtype(), tensor.shape(), copy);
        }
        FloatTensorSource conversion =
                FloatTensorSource.of(input, position, tensor.elementCount(), tensor.dtype(), targetDtype, 1f);
        converted.put(tensor.name(), conversion);
        return new OutputTensor(tensor.name(), targetDtype, tensor.shape(), conversion);
    }

    private static Map<String, Long> overflowCounts(Map<String, FloatTensorSource> converted) {
        Map<String, Long> counts = new LinkedHashMap<>();
        converted.forEach((name, conversion) -> {
            if (conversion.overflowCount() > 0) {
                counts.put(name, conversion.overflowCount());
            }
        });
        return counts;
    }
}
