package dev.lorahub.validator.lora;

import java.util.List;

/**
 * Top-level block names of the denoisers of the supported base models. A LoRA module path must start with
 * one of them, so that a name which only resembles a LoRA name is not taken for one.
 */
final class DenoiserBlocks {

    /** Blocks of the diffusers UNet (SD 1.x, SD 2.x, SDXL) and of the SGM UNet that SDXL kohya names use. */
    private static final List<String> UNET = List.of(
            "down_blocks", "mid_block", "up_blocks", "conv_in", "conv_out", "conv_norm_out", "time_embedding",
            "add_embedding", "input_blocks", "middle_block", "output_blocks", "time_embed", "label_emb", "out");

    /** Blocks of the Flux.1 and SD3 transformers, which kohya also names {@code lora_unet_…}. */
    private static final List<String> TRANSFORMER = List.of(
            "double_blocks", "single_blocks", "joint_blocks", "img_in", "txt_in", "time_in", "vector_in",
            "guidance_in", "final_layer", "x_embedder", "context_embedder", "t_embedder", "y_embedder",
            "transformer_blocks", "single_transformer_blocks", "time_text_embed", "norm_out", "proj_out");

    private DenoiserBlocks() {}

    /** Returns whether the path starts with a UNet or transformer block followed by the separator or the end. */
    static boolean startsWithBlock(String path, char separator) {
        return startsWithAny(path, UNET, separator) || startsWithAny(path, TRANSFORMER, separator);
    }

    /** Returns whether the path starts with a UNet block followed by the separator or the end. */
    static boolean isUnetPath(String path, char separator) {
        return startsWithAny(path, UNET, separator);
    }

    private static boolean startsWithAny(String path, List<String> blocks, char separator) {
        for (String block : blocks) {
            if (!path.startsWith(block)) {
                continue;
            }
            if (path.length() == block.length() || path.charAt(block.length()) == separator) {
                return true;
            }
        }
        return false;
    }
}
