package dev.lorahub.validator.safetensors;

import dev.lorahub.formats.safetensors.DType;
import dev.lorahub.formats.safetensors.SafetensorsHeader;
import dev.lorahub.formats.safetensors.TensorInfo;
import dev.lorahub.validator.Finding;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Full scan of the tensor data for NaN and infinite values, which spread into every weight that a
 * LoRA is merged into.
 *
 * <p>It reads each F16, BF16, F32 and F64 tensor through a {@link FileChannel} in chunks of at most
 * {@link #CHUNK_BYTES}, so memory use does not grow with the file. It skips the F8 dtypes, whose NaN
 * encodings differ per variant, and all integer, boolean, complex and sub-byte dtypes.
 */
public final class NumericScan {

    /** Size of the read buffer in bytes. It is a multiple of 8, so no element spans two chunks. */
    public static final int CHUNK_BYTES = 1 << 20;

    private static final Set<DType> SCANNED = Set.of(DType.F16, DType.BF16, DType.F32, DType.F64);

    private NumericScan() {}

    /**
     * Scans every floating-point tensor of the file, opening and closing it, and returns one
     * {@code nan-values} and one {@code inf-values} finding per tensor that has such values.
     *
     * @param header the header that {@link dev.lorahub.formats.safetensors.SafetensorsReader} read from this file
     * @throws IOException if the file cannot be read or is shorter than the header says
     */
    public static List<Finding> scan(Path file, SafetensorsHeader header) throws IOException {
        List<Finding> findings = new ArrayList<>();
        ByteBuffer buffer = ByteBuffer.allocate(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            for (TensorInfo tensor : header.tensors()) {
                if (SCANNED.contains(tensor.dtype())) {
                    NonFiniteCount count = scanTensor(channel, header.dataOffset() + tensor.begin(), tensor, buffer);
                    findings.addAll(findings(tensor, count));
                }
            }
        }
        return findings;
    }

    private static NonFiniteCount scanTensor(FileChannel channel, long start, TensorInfo tensor, ByteBuffer buffer)
            throws IOException {
        NonFiniteCount count = new NonFiniteCount(tensor.dtype());
        long position = start;
        long end = start + tensor.byteLength();
        while (position < end) {
            buffer.clear().limit((int) Math.min(CHUNK_BYTES, end - position));
            readFully(channel, buffer, position);
            position += buffer.position();
            count.add(buffer.flip());
        }
        return count;
    }

    private static void readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new EOFException("file ended at byte " + (position + buffer.position())
                        + " while reading tensor data that the header places before byte " + (position + buffer.limit()));
            }
        }
    }

    private static List<Finding> findings(TensorInfo tensor, NonFiniteCount count) {
        List<Finding> findings = new ArrayList<>();
        long elements = tensor.elementCount();
        if (count.nan() > 0) {
            findings.add(SafetensorsRule.NAN_VALUES.finding(tensor.name(), tensor.name(), count.nan(), elements));
        }
        if (count.infinite() > 0) {
            findings.add(SafetensorsRule.INF_VALUES.finding(tensor.name(), tensor.name(), count.infinite(), elements));
        }
        return findings;
    }
}
