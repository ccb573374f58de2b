package dev.lorahub.formats.safetensors;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lorahub.formats.safetensors.SafetensorsException.Reason;
import java.io.EOFException;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Validating reader of safetensors headers.
 *
 * <p>It reads the 8-byte length and the JSON header, never the tensor data. It checks the rules of the
 * Rust reader in huggingface/safetensors ({@code safetensors/src/tensor.rs}), and also rejects duplicate
 * keys. The order is: file length, header length limit, header within the file, UTF-8, JSON, top-level
 * object, duplicate keys, {@code __metadata__} of strings, then each entry (fields, dtype, shape, offsets,
 * size), then the layout of all tensors in the data section. The Rust reader checks each tensor's
 * offsets before its size, so a file with both faults gets a different first error there.
 *
 * <p>Methods that take a channel leave it open, because the caller owns it. Methods that take a path
 * open and close their own channel.
 */
public final class SafetensorsReader {

    /** Largest header length that the reference reader accepts, in bytes. */
    public static final long MAX_HEADER_LENGTH = 100_000_000L;

    private SafetensorsReader() {}

    /** Reads and validates the header of the file. */
    public static SafetensorsHeader read(Path file) throws SafetensorsException, IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return read(channel);
        }
    }

    /** Reads and validates the header of the file behind the channel, from position 0 whatever its position. */
    public static SafetensorsHeader read(SeekableByteChannel channel) throws SafetensorsException, IOException {
        long fileLength = channel.size();
        long headerLength = readHeaderLength(channel, fileLength);
        ObjectNode root = HeaderJson.parse(readFully(channel, 8, (int) headerLength).array());

        Map<String, String> metadata = HeaderEntries.metadata(root);
        long dataOffset = 8 + headerLength;
        List<TensorInfo> tensors = HeaderEntries.tensors(root, Long.MAX_VALUE - dataOffset);
        List<TensorInfo> sorted = DataLayout.check(tensors, fileLength - dataOffset);
        return new SafetensorsHeader(headerLength, metadata, sorted, fileLength - dataOffset);
    }

    /**
     * Reads the single element of a tensor, such as a kohya {@code alpha} of shape {@code []}.
     *
     * @throws IllegalArgumentException if the tensor has more or fewer than one element, or a dtype
     *     other than F16, BF16, F32, F64, I8, U8, I16, U16, I32, U32 and I64
     */
    public static double readScalar(SeekableByteChannel channel, SafetensorsHeader header, TensorInfo tensor)
            throws IOException {
        if (!isReadableScalar(tensor)) {
            throw new IllegalArgumentException("tensor " + tensor.name() + " must hold one element of a numeric dtype,"
                    + " but has shape " + Arrays.toString(tensor.shape()) + " of " + tensor.dtype());
        }
        ByteBuffer bytes = readFully(channel, header.dataOffset() + tensor.begin(), (int) tensor.byteLength());
        return ScalarDecoder.decode(tensor.dtype(), bytes);
    }

    /** Reads the single element of a tensor, opening and closing the file. */
    public static double readScalar(Path file, SafetensorsHeader header, TensorInfo tensor) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return readScalar(channel, header, tensor);
        }
    }

    /** Returns whether {@link #readScalar} can read the tensor: one element of a supported dtype. */
    public static boolean isReadableScalar(TensorInfo tensor) {
        return ScalarDecoder.supports(tensor.dtype()) && tensor.elementCount() == 1;
    }

    private static long readHeaderLength(SeekableByteChannel channel, long fileLength)
            throws SafetensorsException, IOException {
        if (fileLength < 8) {
            throw new SafetensorsException(Reason.HEADER_TOO_SMALL, null, fileLength);
        }
        long headerLength = readFully(channel, 0, 8).getLong();
        if (Long.compareUnsigned(headerLength, MAX_HEADER_LENGTH) > 0) {
            Object unsignedLength = headerLength >= 0 ? headerLength : new BigInteger(Long.toUnsignedString(headerLength));
            throw new SafetensorsException(Reason.HEADER_TOO_LARGE, null, unsignedLength, MAX_HEADER_LENGTH);
        }
        if (8 + headerLength > fileLength) {
            throw new SafetensorsException(Reason.INVALID_HEADER_LENGTH, null, headerLength, 8 + headerLength, fileLength);
        }
        return headerLength;
    }

    /** Reads {@code length} bytes at {@code position} into a little-endian buffer positioned at 0. */
    private static ByteBuffer readFully(SeekableByteChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        channel.position(position);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer) < 0) {
                throw new EOFException("file ended at byte " + channel.position() + " while reading "
                        + length + " bytes at " + position);
            }
        }
        return buffer.flip();
    }
}
