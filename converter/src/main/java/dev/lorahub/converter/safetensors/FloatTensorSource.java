package dev.lorahub.converter.safetensors;

import dev.lorahub.formats.safetensors.DType;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.util.Set;

/**
 * Source of a floating-point tensor read from a file region, converted element by element to another
 * floating dtype and optionally multiplied by a scale, in chunks of {@value #CHUNK_ELEMENTS} elements.
 *
 * <p>Each element is widened exactly to F32, multiplied in F32 when the scale is not 1, then narrowed with
 * {@link FloatBits} (round to nearest, ties to even). A finite element that becomes infinite counts as an
 * overflow. The input channel stays open: its owner closes it after the writer returns.
 */
public final class FloatTensorSource implements TensorSource {

    /** The dtypes this source reads and writes. */
    public static final Set<DType> FLOAT_DTYPES = Set.of(DType.F32, DType.F16, DType.BF16);

    private static final int CHUNK_ELEMENTS = 16384;

    private final FileChannel input;
    private final long position;
    private final long elementCount;
    private final DType from;
    private final DType to;
    private final float scale;
    private long overflowCount;

    private FloatTensorSource(FileChannel input, long position, long elementCount, DType from, DType to, float scale) {
        this.input = input;
        this.position = position;
        this.elementCount = elementCount;
        this.from = from;
        this.to = to;
        this.scale = scale;
    }

    /**
     * Returns a source of {@code elementCount} elements of dtype {@code from} at byte {@code position} of
     * {@code input}, written as {@code to} after multiplication by {@code scale}.
     *
     * @throws IllegalArgumentException if either dtype is not F32, F16 or BF16
     */
    public static FloatTensorSource of(FileChannel input, long position, long elementCount, DType from, DType to,
            float scale) {
        if (!FLOAT_DTYPES.contains(from) || !FLOAT_DTYPES.contains(to)) {
            throw new IllegalArgumentException("Invalid dtype conversion " + from + " → " + to + ": expected F32, F16 or BF16");
        }
        return new FloatTensorSource(input, position, elementCount, from, to, scale);
    }

    /** Returns the number of finite elements that became infinite in the last {@link #writeTo}. */
    public long overflowCount() {
        return overflowCount;
    }

    @Override
    public void writeTo(WritableByteChannel output) throws IOException {
        overflowCount = 0;
        int inSize = from.bits() / 8;
        int outSize = to.bits() / 8;
        ByteBuffer in = ByteBuffer.allocate(CHUNK_ELEMENTS * inSize).order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer out = ByteBuffer.allocate(CHUNK_ELEMENTS * outSize).order(ByteOrder.LITTLE_ENDIAN);
        for (long done = 0; done < elementCount; ) {
            int count = (int) Math.min(CHUNK_ELEMENTS, elementCount - done);
            readChunk(in, position + done * inSize, count * inSize);
            convertChunk(in, out, count);
            while (out.hasRemaining()) {
                output.write(out);
            }
            done += count;
        }
    }

    private void readChunk(ByteBuffer in, long chunkPosition, int length) throws IOException {
        in.clear().limit(length);
        while (in.hasRemaining()) {
            if (input.read(in, chunkPosition + in.position()) < 0) {
                throw new EOFException("input ended at byte " + (chunkPosition + in.position()) + " while reading a "
                        + from + " tensor at byte " + position);
            }
        }
        in.flip();
    }

    private void convertChunk(ByteBuffer in, ByteBuffer out, int count) {
        out.clear();
        for (int index = 0; index < count; index++) {
            int f32 = readF32(in);
            boolean finite = Float.isFinite(Float.intBitsToFloat(f32));
            if (finite && scale != 1f) {
                f32 = Float.floatToRawIntBits(Float.intBitsToFloat(f32) * scale);
            }
            boolean infinite = writeElement(out, f32);
            if (finite && infinite) {
                overflowCount++;
            }
        }
        out.flip();
    }

    private int readF32(ByteBuffer in) {
        return switch (from) {
            case F32 -> in.getInt();
            case F16 -> FloatBits.f16ToF32(in.getShort());
            default -> FloatBits.bf16ToF32(in.getShort());
        };
    }

    /** Writes the element in the target dtype and returns whether the written value is infinite. */
    private boolean writeElement(ByteBuffer out, int f32) {
        switch (to) {
            case F32 -> {
                out.putInt(f32);
                return Float.isInfinite(Float.intBitsToFloat(f32));
            }
            case F16 -> {
                short f16 = FloatBits.f32ToF16(f32);
                out.putShort(f16);
                return FloatBits.isF16Infinite(f16);
            }
            default -> {
                short bf16 = FloatBits.f32ToBf16(f32);
                out.putShort(bf16);
                return FloatBits.isBf16Infinite(bf16);
            }
        }
    }
}
