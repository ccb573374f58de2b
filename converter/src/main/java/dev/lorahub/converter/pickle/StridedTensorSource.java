package dev.lorahub.converter.pickle;

import dev.lorahub.converter.safetensors.ConvertingChannel;
import dev.lorahub.converter.safetensors.TensorSource;
import dev.lorahub.formats.safetensors.DType;
import dev.lorahub.validator.pickle.CheckpointTensor;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;

/**
 * Source that gathers the elements of a non-contiguous tensor view in row-major order. Each read is one
 * run of elements that are adjacent in the storage: a whole last dimension when its stride is 1, else a
 * single element. The caller must have checked that the view stays inside its storage. When the output dtype
 * differs from the tensor's, the gathered elements pass through a {@link ConvertingChannel}.
 *
 * <p>NOTE: a view whose last stride is not 1, such as a transposed matrix, costs one positional read per
 * element, which is slow for tensors of millions of elements.
 */
final class StridedTensorSource implements TensorSource {

    private static final int BUFFER_BYTES = 1 << 16;

    private final FileChannel input;
    private final CheckpointTensor tensor;
    private final DType outputDtype;
    private long overflowCount;

    /**
     * Creates the source over {@code input}, which the caller owns and keeps open until the writer returns.
     *
     * @param outputDtype the tensor's own dtype, or another of F32, F16 and BF16 when the tensor is one of them
     */
    StridedTensorSource(FileChannel input, CheckpointTensor tensor, DType outputDtype) {
        this.input = input;
        this.tensor = tensor;
        this.outputDtype = outputDtype;
    }

    /** Returns the number of finite elements that became infinite in the last {@link #writeTo}. */
    long overflowCount() {
        return overflowCount;
    }

    @Override
    public void writeTo(WritableByteChannel output) throws IOException {
        overflowCount = 0;
        if (outputDtype == tensor.dtype()) {
            gather(output);
            return;
        }
        ConvertingChannel converting = new ConvertingChannel(output, tensor.dtype(), outputDtype);
        gather(converting);
        overflowCount = converting.overflowCount();
    }

    private void gather(WritableByteChannel output) throws IOException {
        long[] size = tensor.size();
        long[] stride = tensor.stride();
        int last = size.length - 1;
        long itemBytes = tensor.dtype().bits() / 8;
        long run = stride[last] == 1 ? size[last] : 1;
        long[] index = new long[size.length];
        ByteBuffer buffer = ByteBuffer.allocate(BUFFER_BYTES);

        for (long done = 0; done < tensor.elementCount(); done += run) {
            long element = tensor.storageOffset();
            for (int i = 0; i <= last; i++) {
                element += index[i] * stride[i];
            }
            long position = tensor.storage().dataOffset() + element * itemBytes;
            copy(position, run * itemBytes, buffer, output);
            advance(index, size, run);
        }
        flush(buffer, output);
    }

    /** Moves the index forward by {@code run} elements along the last dimension, carrying into earlier ones. */
    private static void advance(long[] index, long[] size, long run) {
        int i = index.length - 1;
        index[i] += run;
        while (i > 0 && index[i] >= size[i]) {
            index[i] = 0;
            i--;
            index[i]++;
        }
    }

    private void copy(long position, long length, ByteBuffer buffer, WritableByteChannel output) throws IOException {
        while (length > 0) {
            if (!buffer.hasRemaining()) {
                flush(buffer, output);
            }
            int chunk = (int) Math.min(buffer.remaining(), length);
            buffer.limit(buffer.position() + chunk);
            while (buffer.hasRemaining()) {
                if (input.read(buffer, position + chunk - buffer.remaining()) < 0) {
                    throw new EOFException("Checkpoint ended at byte " + input.size() + " while reading tensor "
                            + tensor.name());
                }
            }
            buffer.limit(buffer.capacity());
            position += chunk;
            length -= chunk;
        }
    }

    private static void flush(ByteBuffer buffer, WritableByteChannel output) throws IOException {
        buffer.flip();
        while (buffer.hasRemaining()) {
            output.write(buffer);
        }
        buffer.clear();
    }
}
