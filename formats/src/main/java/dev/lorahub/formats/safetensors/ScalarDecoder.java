package dev.lorahub.formats.safetensors;

import java.nio.ByteBuffer;
import java.util.EnumSet;
import java.util.Set;

/** Decoder of one little-endian element of the common numeric dtypes into a double. */
final class ScalarDecoder {

    private static final Set<DType> SUPPORTED = EnumSet.of(
            DType.F16, DType.BF16, DType.F32, DType.F64,
            DType.I8, DType.U8, DType.I16, DType.U16, DType.I32, DType.U32, DType.I64);

    private ScalarDecoder() {}

    static boolean supports(DType dtype) {
        return SUPPORTED.contains(dtype);
    }

    /** Decodes the element at the buffer's position, which must be in little-endian order. */
    static double decode(DType dtype, ByteBuffer buffer) {
        return switch (dtype) {
            case F16 -> halfToFloat(buffer.getShort());
            case BF16 -> Float.intBitsToFloat(buffer.getShort() << 16);
            case F32 -> buffer.getFloat();
            case F64 -> buffer.getDouble();
            case I8 -> buffer.get();
            case U8 -> Byte.toUnsignedInt(buffer.get());
            case I16 -> buffer.getShort();
            case U16 -> Short.toUnsignedInt(buffer.getShort());
            case I32 -> buffer.getInt();
            case U32 -> Integer.toUnsignedLong(buffer.getInt());
            case I64 -> buffer.getLong();
            default -> throw new IllegalArgumentException("cannot decode a scalar of dtype " + dtype);
        };
    }

    /** Converts IEEE 754 binary16 bits to a float, including subnormals, infinities and NaN. */
    static float halfToFloat(short bits) {
        int sign = bits < 0 ? -1 : 1;
        int exponent = (bits >>> 10) & 0x1f;
        int mantissa = bits & 0x3ff;
        if (exponent == 0x1f) {
            return mantissa == 0 ? sign * Float.POSITIVE_INFINITY : Float.NaN;
        }
        if (exponent == 0) {
            return sign * Math.scalb((float) mantissa, -24);
        }
        return sign * Math.scalb((float) (mantissa | 0x400), exponent - 25);
    }
}
