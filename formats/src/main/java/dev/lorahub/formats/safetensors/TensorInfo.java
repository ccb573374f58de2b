package dev.lorahub.formats.safetensors;

import java.util.Arrays;

/**
 * One tensor entry of a safetensors header.
 *
 * <p>{@code begin} and {@code end} are the header's {@code data_offsets}: a half-open byte range
 * relative to the start of the data section, so the tensor's first byte in the file is at
 * {@link SafetensorsHeader#dataOffset()} + {@code begin}. The shape array is copied on the way in
 * and out, so a record never shares it with a caller.
 *
 * @param name the tensor's key in the header
 * @param dtype the element type
 * @param shape the dimensions, row-major; empty for a 0-rank scalar
 * @param begin the first byte, relative to the data section
 * @param end one past the last byte, relative to the data section
 */
public record TensorInfo(String name, DType dtype, long[] shape, long begin, long end) {

    public TensorInfo {
        shape = shape.clone();
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** Returns the number of dimensions ({@code ndim} in NumPy and PyTorch): 0 for a scalar. */
    public int ndim() {
        return shape.length;
    }

    /** Returns the size of dimension {@code index}. */
    public long dimension(int index) {
        return shape[index];
    }

    /**
     * Returns the product of the dimensions: 1 for a scalar, 0 when any dimension is 0.
     *
     * @throws ArithmeticException if the product overflows a {@code long}, which
     *     {@link SafetensorsReader} rejects before it creates a record
     */
    public long elementCount() {
        long count = 1;
        for (long dimension : shape) {
            count = Math.multiplyExact(count, dimension);
        }
        return count;
    }

    /** Returns the length of the byte range, {@code end - begin}. */
    public long byteLength() {
        return end - begin;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TensorInfo that
                && name.equals(that.name)
                && dtype == that.dtype
                && Arrays.equals(shape, that.shape)
                && begin == that.begin
                && end == that.end;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * name.hashCode() + dtype.hashCode()) + Arrays.hashCode(shape) + Long.hashCode(begin ^ end);
    }

    @Override
    public String toString() {
        return name + " " + dtype + " " + Arrays.toString(shape) + " [" + begin + ", " + end + ")";
    }
}
