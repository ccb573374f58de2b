package dev.lorahub.converter.layout;

import dev.lorahub.converter.basemodel.DiffusersPart;
import dev.lorahub.formats.safetensors.TensorInfo;

/**
 * One LoRA module of the source file.
 *
 * @param layerPath the catalogue path of the adapted layer, such as {@code unet.mid_block.attentions.0.proj_in}
 * @param down the down (A) factor, {@code [r, in]} or {@code [r, in, kh, kw]}
 * @param up the up (B) factor
 * @param alpha the stored alpha scalar, or null when the file stores none (scale 1)
 * @param diffusersPart the part of the layer that a diffusers Flux.1 or SD3 module adapts, such as the row block
 *     {@code attn.to_k} of {@code img_attn.qkv}, or null when the module is named as the catalogue names the layer
 */
record SourceModule(String layerPath, TensorInfo down, TensorInfo up, TensorInfo alpha, DiffusersPart diffusersPart) {

    SourceModule(String layerPath, TensorInfo down, TensorInfo up, TensorInfo alpha) {
        this(layerPath, down, up, alpha, null);
    }

    /** Returns the rank r: dimension 0 of the down factor. */
    long rank() {
        return down.dimension(0);
    }
}
