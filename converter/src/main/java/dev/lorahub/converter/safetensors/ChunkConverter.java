package dev.lorahub.converter.safetensors;

import dev.lorahub.formats.safetensors.DType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Converter of chunks of little-endian F32, F16 or BF16 elements into another of those dtypes, with its own
 * buffers, so that each thread of a conversion needs one of its own.
 *
 * <p>Each element is widened exactly to F32, multiplied in F32 when the scale is not 1, then narrowed with
 * {@link FloatBits} (round to nearest, ties to even). F32 to F16 without a scale, the common case of a
 * checkpoint saved in F32, goes through {@link FloatBits#f32ToF16(int[], short[], int)} with the same results.
 */
final class ChunkConverter {

    private final DType from;
    private final DType to;
    private final float scale;
    private final ByteBuffer in;
    private final ByteBuffer out;
    private final int[] f32;
    private final short[] f16;

    ChunkConverter(DType from, DType to, float scale, int chunkElements) {
        this.from = from;
        this.to = to;
        this.scale = scale;
        // Direct buffers spare the file channel a copy through a temporary direct buffer of its own.
        this.in = ByteBuffer.allocateDirect(chunkElements * from.bits() / 8).order(ByteOrder.LITTLE_ENDIAN);
        this.out = ByteBuffer.allocateDirect(chunkElements * to.bits() / 8).order(ByteOrder.LITTLE_ENDIAN);
        boolean bulk = from == DType.F32 && to == DType.F16 && scale == 1f;
        this.f32 = bulk ? new int[chunkElements] : null;
        this.f16 = bulk ? new short[chunkElements] : null;
    }

    /** Returns the maximum number of elements of a chunk. */
    int chunkElements() {
        return in.capacity() / (from.bits() / 8);
    }

    /** Returns the input buffer, cleared and limited to {@code count} elements, for the caller to fill. */
    ByteBuffer input(int count) {
        return in.clear().limit(count * from.bits() / 8);
    }

    /**
     * Converts the {@code count} elements that the caller read into {@link #input}, and returns the number of
     * finite elements that became infinite. The result is in {@link #output}.
     */
    long convert(int count) {
        in.flip();
        out.clear().limit(count * to.bits() / 8);
        if (f32 != null) {
            in.asIntBuffer().get(f32, 0, count);
            long overflows = FloatBits.f32ToF16(f32, f16, count);
            out.asShortBuffer().put(f16, 0, count);
            return overflows;
        }
        long overflows = 0;
        for (int index = 0; index < count; index++) {
            int bits = readF32(in, from);
            boolean finite = Float.isFinite(Float.intBitsToFloat(bits));
            if (finite && scale != 1f) {
                bits = Float.floatToRawIntBits(Float.intBitsToFloat(bits) * scale);
            }
            if (writeElement(out, bits, to) && finite) {
                overflows++;
            }
        }
        out.flip();
        return overflows;
    }

    /** Returns the converted bytes of the last {@link #convert}, positioned for writing to a channel. */
    ByteBuffer output() {
        return out;
    }

    /** Reads one element of dtype {@code from} and returns it widened exactly to F32 bits. */
    static int readF32(ByteBuffer in, DType from) {
        return switch (from) {
            case F32 -> in.getInt();
            case F16 -> FloatBits.f16ToF32(in.getShort());
            default -> FloatBits.bf16ToF32(in.getShort());
        };
    }

    /** Writes the element as dtype {@code to} and returns whether the written value is infinite. */
    static boolean writeElement(ByteBuffer out, int f32, DType to) {
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
