package dev.lorahub.converter.basemodel;

import dev.lorahub.formats.lora.LoraLayout;
import dev.lorahub.formats.safetensors.TensorInfo;

/**
 * The two low-rank factors of one LoRA module: down (A, {@code [r, in]} or {@code [r, in, kh, kw]}) and up
 * (B, {@code [out, r]} or {@code [out, r, 1, 1]}), from which the shape of the adapted layer follows.
 *
 * @param name the module name in the file's spelling, such as {@code lora_unet_conv_in} or
 *     {@code base_model.model.distilbert.transformer.layer.0.attention.q_lin}
 * @param layout the naming convention of the tensors
 * @param down the down (A) factor, 2-D or 4-D
 * @param up the up (B) factor, 2-D or 4-D
 */
public record ModuleFactors(String name, LoraLayout layout, TensorInfo down, TensorInfo up) {

    /** @throws IllegalArgumentException if the factors are not {@linkplain #areValid valid} */
    public ModuleFactors {
        if (!areValid(down, up)) {
            throw new IllegalArgumentException("Invalid factors of LoRA module " + name + ": expected down [r, in] or"
                    + " [r, in, kh, kw] and up [out, r] or [out, r, 1, 1] with non-zero sizes, got " + down + " and " + up);
        }
    }

    /** Returns whether both factors exist, are 2-D or 4-D with non-zero sizes, and share the rank. */
    public static boolean areValid(TensorInfo down, TensorInfo up) {
        return isMatrixOrKernel(down) && isMatrixOrKernel(up) && up.dimension(1) == down.dimension(0);
    }

    /** Returns the rank: dimension 0 of the down factor. */
    public long rank() {
        return down.dimension(0);
    }

    /** Returns the shape of the layer that the factors fit, under the given layer path. */
    public Layer layerShape(String path) {
        long inFeatures = down.dimension(1);
        long outFeatures = up.dimension(0);
        if (down.ndim() == 2) {
            return Layer.linear(path, inFeatures, outFeatures);
        }
        // NOTE: only the height of the kernel is read, because every catalogued convolution is square.
        return Layer.conv(path, (int) down.dimension(2), inFeatures, outFeatures);
    }

    private static boolean isMatrixOrKernel(TensorInfo tensor) {
        if (tensor == null || (tensor.ndim() != 2 && tensor.ndim() != 4)) {
            return false;
        }
        return java.util.Arrays.stream(tensor.shape()).allMatch(size -> size > 0);
    }
}
