package dev.lorahub.converter.safetensors;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;

/**
 * Producer of the data bytes of one output tensor, which {@link SafetensorsWriter} calls once, in file order.
 *
 * <p>A source writes exactly the tensor's byte length to the channel and never closes it, because the writer
 * owns the channel. The writer rejects a source that writes more or fewer bytes.
 */
@FunctionalInterface
public interface TensorSource {

    /** Writes the tensor's bytes to {@code output}, which the caller owns and keeps open. */
    void writeTo(WritableByteChannel output) throws IOException;

    /**
     * Returns a source that copies {@code length} bytes of {@code input} from {@code position}. The channel stays
     * open: the caller owns it and must keep it open until the writer returns.
     */
    static TensorSource region(FileChannel input, long position, long length) {
        return output -> {
            long copied = 0;
            while (copied < length) {
                long count = input.transferTo(position + copied, length - copied, output);
                if (count <= 0 && position + copied >= input.size()) {
                    throw new EOFException("input ended at byte " + (position + copied) + " while copying "
                            + length + " bytes from byte " + position);
                }
                copied += count;
            }
        };
    }

    /** Returns a source that writes a copy of these bytes, such as a small scalar built in memory. */
    static TensorSource bytes(byte[] data) {
        byte[] copy = data.clone();
        return output -> {
            ByteBuffer buffer = ByteBuffer.wrap(copy);
            while (buffer.hasRemaining()) {
                output.write(buffer);
            }
        };
    }
}
