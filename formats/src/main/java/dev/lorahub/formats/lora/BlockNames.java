package dev.lorahub.formats.lora;

import java.util.List;
import java.util.Optional;

/**
 * Top-level block names of the denoisers of the supported base models, used to distinguish a real module
 * path from a name that only looks like one.
 */
final class BlockNames {

    /** Blocks of the diffusers UNet (SD 1.x, SD 2.x, SDXL) and of the original SGM UNet that SDXL kohya names use. */
    private static final List<String> UNET = List.of(
            "down_blocks", "mid_block", "up_blocks", "conv_in", "conv_out", "conv_norm_out",
            "time_embedding", "add_embedding", "input_blocks", "middle_block", "output_blocks",
            "time_embed", "label_emb", "out");

    /** Blocks of the Flux.1 and SD3 transformers, in the original and the diffusers spelling. */
    private static final List<String> TRANSFORMER = List.of(
            "double_blocks", "single_blocks", "joint_blocks", "img_in", "txt_in", "time_in", "vector_in",
            "guidance_in", "final_layer", "x_embedder", "context_embedder", "t_embedder", "y_embedder",
            "transformer_blocks", "single_transformer_blocks", "time_text_embed", "norm_out", "proj_out");

    private BlockNames() {}

    /**
     * Returns the denoiser component whose block the path starts with, or empty.
     *
     * @param path the module path after the component prefix, such as {@code down_blocks_0_attentions_0_…}
     * @param separator the character between path segments: {@code _} in kohya names, {@code .} in diffusers names
     */
    static Optional<ModelComponent> denoiser(String path, char separator) {
        if (startsWithBlock(path, UNET, separator)) {
            return Optional.of(ModelComponent.UNET);
        }
        if (startsWithBlock(path, TRANSFORMER, separator)) {
            return Optional.of(ModelComponent.TRANSFORMER);
        }
        return Optional.empty();
    }

    /** Returns whether the path starts with a UNet block. */
    static boolean isUnetPath(String path, char separator) {
        return startsWithBlock(path, UNET, separator);
    }

    private static boolean startsWithBlock(String path, List<String> blocks, char separator) {
        for (String block : blocks) {
            boolean isPrefix = path.length() > block.length() && path.charAt(block.length()) == separator;
            if (path.startsWith(block) && (isPrefix || path.length() == block.length())) {
                return true;
            }
        }
        return false;
    }
}
