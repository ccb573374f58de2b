package dev.lorahub.converter.safetensors;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;

/** View of the writer's output channel for a {@link TensorSource}, whose {@code close} leaves the output open. */
final class UnclosableChannel implements WritableByteChannel {

    private final WritableByteChannel output;

    UnclosableChannel(WritableByteChannel output) {
        this.output = output;
    }

    @Override
    public int write(ByteBuffer source) throws IOException {
        return output.write(source);
    }

    @Override
    public boolean isOpen() {
        return output.isOpen();
    }

    @Override
    public void close() {
        // The writer owns the output channel and closes it after the last tensor.
    }
}
