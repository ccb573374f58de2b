package dev.lorahub.formats.safetensors;

import dev.lorahub.formats.safetensors.SafetensorsException.Reason;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;

/** Check that a tensor's byte range is exactly as long as its shape and dtype need. */
final class TensorSize {

    private TensorSize() {}

    /**
     * Throws unless {@code end - begin} equals element count times {@code bits / 8}. Packed sub-byte
     * dtypes must fill whole bytes. The element count is overflow-checked, because a product that
     * wraps around to a small number would pass the comparison.
     */
    static void check(TensorInfo tensor) throws SafetensorsException {
        long elements = elementCount(tensor);
        long bits = bits(tensor, elements);
        if (bits % 8 != 0) {
            BigInteger totalBits = BigInteger.valueOf(elements).multiply(BigInteger.valueOf(tensor.dtype().bits()));
            throw new SafetensorsException(
                    Reason.MISALIGNED_SIZE, tensor.name(), tensorShape(tensor), tensor.dtype(), totalBits);
        }
        long needed = bits / 8;
        if (tensor.byteLength() != needed) {
            throw new SafetensorsException(Reason.SIZE_MISMATCH, tensor.name(), tensor.begin(),
                    tensor.end(), tensor.byteLength(), tensorShape(tensor), tensor.dtype(), needed);
        }
    }

    private static long elementCount(TensorInfo tensor) throws SafetensorsException {
        try {
            return tensor.elementCount();
        } catch (ArithmeticException e) {
            throw overflow(tensor);
        }
    }

    private static long bits(TensorInfo tensor, long elements) throws SafetensorsException {
        try {
            return Math.multiplyExact(elements, tensor.dtype().bits());
        } catch (ArithmeticException e) {
            throw overflow(tensor);
        }
    }

    private static SafetensorsException overflow(TensorInfo tensor) {
        return new SafetensorsException(
                Reason.SIZE_OVERFLOW, tensor.name(), tensorShape(tensor).toString(), tensor.dtype());
    }

    private static List<Long> tensorShape(TensorInfo tensor) {
        return Arrays.stream(tensor.shape()).boxed().toList();
    }
}
