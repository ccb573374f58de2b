package dev.lorahub.validator.pickle;

import dev.lorahub.formats.safetensors.DType;

/**
 * Tensor of a checkpoint's state dict, as {@code _rebuild_tensor_v2} would view its storage: element
 * {@code (i0, i1, …)} is storage element {@code storageOffset + Σ i_k × stride[k]}.
 *
 * @param name the state dict key, with the keys of enclosing dicts joined by dots
 * @param storage the storage whose elements the tensor views
 * @param storageOffset the storage element of index {@code (0, 0, …)}
 * @param size the dimensions; empty for a 0-rank scalar
 * @param stride the elements between neighbours along each dimension
 */
public record CheckpointTensor(String name, TorchStorage storage, long storageOffset, long[] size, long[] stride) {

    /** Copies the arrays, so that the record stays immutable. */
    public CheckpointTensor {
        size = size.clone();
        stride = stride.clone();
    }

    @Override
    public long[] size() {
        return size.clone();
    }

    @Override
    public long[] stride() {
        return stride.clone();
    }

    public DType dtype() {
        return storage.dtype();
    }

    /** Returns the number of elements: the product of the size, 1 for a scalar. */
    public long elementCount() {
        long count = 1;
        for (long dimension : size) {
            count = Math.multiplyExact(count, dimension);
        }
        return count;
    }

    /**
     * Returns whether the elements lie in row-major order without gaps, so that they are one byte region of
     * the storage. Dimensions of size 1 may have any stride, as in torch's {@code is_contiguous}.
     */
    public boolean isContiguous() {
        long expected = 1;
        for (int i = size.length - 1; i >= 0; i--) {
            if (size[i] != 1 && stride[i] != expected) {
                return elementCount() == 0;
            }
            expected = Math.multiplyExact(expected, size[i]);
        }
        return true;
    }
}
