package dev.lorahub.converter.safetensors;

import dev.lorahub.formats.safetensors.DType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.WritableByteChannel;

/**
 * Channel that converts the little-endian F32, F16 or BF16 elements written to it into another of those
 * dtypes and writes them to a target channel, with the rounding and overflow rules of {@link FloatTensorSource}.
 *
 * <p>It is meant for sources that produce a tensor's bytes in pieces, such as a gathered view. The bytes of an
 * element split across two writes are kept until the element is complete. Closing this channel does nothing:
 * the target's owner closes the target.
 */
public final class ConvertingChannel implements WritableByteChannel {

    private static final int BUFFER_ELEMENTS = 16384;

    private final WritableByteChannel target;
    private final DType from;
    private final DType to;
    private final ByteBuffer partial;
    private final ByteBuffer converted;
    private long overflowCount;

    /** @throws IllegalArgumentException if either dtype is not F32, F16 or BF16 */
    public ConvertingChannel(WritableByteChannel target, DType from, DType to) {
        if (!FloatTensorSource.FLOAT_DTYPES.contains(from) || !FloatTensorSource.FLOAT_DTYPES.contains(to)) {
            throw new IllegalArgumentException("Invalid dtype conversion " + from + " → " + to + ": expected F32, F16 or BF16");
        }
        this.target = target;
        this.from = from;
        this.to = to;
        this.partial = ByteBuffer.allocate(from.bits() / 8).order(ByteOrder.LITTLE_ENDIAN);
        this.converted = ByteBuffer.allocate(BUFFER_ELEMENTS * to.bits() / 8).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Returns the number of finite elements written so far that became infinite. */
    public long overflowCount() {
        return overflowCount;
    }

    /** Returns whether bytes of an incomplete element are waiting for the rest of it. */
    public boolean hasPartialElement() {
        return partial.position() > 0;
    }

    /** Converts and forwards every complete element, keeping the bytes of a trailing partial one. */
    @Override
    public int write(ByteBuffer source) throws IOException {
        int length = source.remaining();
        ByteBuffer in = source.slice().order(ByteOrder.LITTLE_ENDIAN);
        source.position(source.limit());
        while (in.hasRemaining()) {
            if (partial.position() > 0 || in.remaining() < partial.capacity()) {
                completePartial(in);
            } else {
                convertElement(in);
            }
            if (!converted.hasRemaining()) {
                flush();
            }
        }
        flush();
        return length;
    }

    private void completePartial(ByteBuffer in) {
        while (partial.hasRemaining() && in.hasRemaining()) {
            partial.put(in.get());
        }
        if (!partial.hasRemaining()) {
            convertElement(partial.flip());
            partial.clear();
        }
    }

    private void convertElement(ByteBuffer in) {
        int f32 = ChunkConverter.readF32(in, from);
        boolean finite = Float.isFinite(Float.intBitsToFloat(f32));
        if (ChunkConverter.writeElement(converted, f32, to) && finite) {
            overflowCount++;
        }
    }

    private void flush() throws IOException {
        converted.flip();
        while (converted.hasRemaining()) {
            target.write(converted);
        }
        converted.clear();
    }

    @Override
    public boolean isOpen() {
        return target.isOpen();
    }

    @Override
    public void close() {}
}
