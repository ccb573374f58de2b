package dev.lorahub.validator.safetensors;

import dev.lorahub.formats.safetensors.DType;
import java.nio.ByteBuffer;

/**
 * Counter of NaN and infinite elements of one floating-point dtype, read from their bit patterns: an
 * element is not finite when all exponent bits are set, and it is NaN when its mantissa is also non-zero.
 */
final class NonFiniteCount {

    private final DType dtype;
    private long nan;
    private long infinite;

    NonFiniteCount(DType dtype) {
        this.dtype = dtype;
    }

    long nan() {
        return nan;
    }

    long infinite() {
        return infinite;
    }

    /** Counts the whole elements between the buffer's position and limit. The buffer must be little-endian. */
    void add(ByteBuffer elements) {
        switch (dtype) {
            case F16 -> {
                while (elements.remaining() >= Short.BYTES) {
                    count(elements.getShort(), 0x7c00, 0x03ff);
                }
            }
            case BF16 -> {
                while (elements.remaining() >= Short.BYTES) {
                    count(elements.getShort(), 0x7f80, 0x007f);
                }
            }
            case F32 -> {
                while (elements.remaining() >= Float.BYTES) {
                    count(elements.getInt(), 0x7f80_0000L, 0x007f_ffffL);
                }
            }
            case F64 -> {
                while (elements.remaining() >= Double.BYTES) {
                    count(elements.getLong(), 0x7ff0_0000_0000_0000L, 0x000f_ffff_ffff_ffffL);
                }
            }
            default -> throw new IllegalStateException("dtype " + dtype + " is not an IEEE 754 binary format");
        }
    }

    private void count(long bits, long exponentMask, long mantissaMask) {
        if ((bits & exponentMask) != exponentMask) {
            return;
        }
        if ((bits & mantissaMask) != 0) {
            nan++;
        } else {
            infinite++;
        }
    }
}
