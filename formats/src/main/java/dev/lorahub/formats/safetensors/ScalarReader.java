package dev.lorahub.formats.safetensors;

import java.io.IOException;
import java.nio.channels.SeekableByteChannel;

/**
 * Source of single-element tensor values, such as kohya {@code alpha} scalars, read on demand so that a
 * caller never loads the weights.
 */
@FunctionalInterface
public interface ScalarReader {

    /**
     * Reads the value of a tensor that {@link SafetensorsReader#isReadableScalar(TensorInfo)} accepts.
     *
     * @throws IOException if the file cannot be read
     */
    double read(TensorInfo tensor) throws IOException;

    /** Returns a reader over the file behind the channel. The channel stays open: the caller owns it. */
    static ScalarReader of(SeekableByteChannel channel, SafetensorsHeader header) {
        return tensor -> SafetensorsReader.readScalar(channel, header, tensor);
    }
}
