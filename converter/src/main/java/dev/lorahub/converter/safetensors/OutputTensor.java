package dev.lorahub.converter.safetensors;

import dev.lorahub.formats.safetensors.DType;
import java.util.Arrays;

/**
 * A tensor to write: its header entry and the source of its bytes.
 *
 * @param name the key in the header, other than the reserved {@code __metadata__}
 * @param dtype the element type
 * @param shape the dimensions, row-major, or empty for a 0-rank scalar such as a kohya {@code alpha}
 * @param source the producer of the {@link #byteLength()} data bytes
 */
public record OutputTensor(String name, DType dtype, long[] shape, TensorSource source) {

    /** @throws IllegalArgumentException if the name is empty or reserved, a dimension is negative, or the size overflows */
    public OutputTensor {
        if (name == null || name.isEmpty() || name.equals("__metadata__")) {
            throw new IllegalArgumentException("Invalid tensor name '" + name + "': expected a non-empty name other than __metadata__");
        }
        shape = shape.clone();
        if (Arrays.stream(shape).anyMatch(dimension -> dimension < 0)) {
            throw new IllegalArgumentException("Invalid shape " + Arrays.toString(shape) + " of tensor " + name);
        }
        byteLength(dtype, shape, name);
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** Returns the number of data bytes: element count × dtype bits / 8. */
    public long byteLength() {
        return byteLength(dtype, shape, name);
    }

    /** Returns the alignment used to order tensors: the element size in bytes, and 1 for sub-byte dtypes. */
    public int alignment() {
        return Math.max(1, dtype.bits() / 8);
    }

    private static long byteLength(DType dtype, long[] shape, String name) {
        long bits = dtype.bits();
        for (long dimension : shape) {
            bits = Math.multiplyExact(bits, dimension);
        }
        if (bits % 8 != 0) {
            throw new IllegalArgumentException("Tensor " + name + " of " + dtype + " " + Arrays.toString(shape)
                    + " does not fill whole bytes: element count × " + dtype.bits() + " bits must be a multiple of 8");
        }
        return bits / 8;
    }
}
