package dev.lorahub.converter.basemodel;

import java.util.List;

/**
 * The numbers of a diffusers {@code UNet2DConditionModel} that fix the shapes of its layers, with the
 * field names of the diffusers {@code unet/config.json} where one exists. Attention head counts are
 * left out because they split a projection without changing its shape.
 *
 * @param blockOutChannels {@code block_out_channels}, one per resolution level
 * @param transformerDepths the transformer blocks per attention module at each level, or 0 for a level
 *     without attention ({@code DownBlock2D} and {@code UpBlock2D})
 * @param midBlockDepth the transformer blocks of the mid block's attention module
 * @param crossAttentionDim {@code cross_attention_dim}: the input features of {@code attn2.to_k} and {@code to_v}
 * @param linearProjection {@code use_linear_projection}: {@code proj_in} and {@code proj_out} are linear
 *     layers instead of 1×1 convolutions
 * @param addEmbeddingInput {@code projection_class_embeddings_input_dim} of SDXL's {@code add_embedding}, or 0 when absent
 * @param sgmKohyaNames whether kohya names the layers after the original Stability AI (SGM) modules,
 *     such as {@code input_blocks_4_1}, as it does for SDXL, instead of after the diffusers modules
 */
record UnetArchitecture(
        List<Integer> blockOutChannels,
        List<Integer> transformerDepths,
        int midBlockDepth,
        int crossAttentionDim,
        boolean linearProjection,
        int addEmbeddingInput,
        boolean sgmKohyaNames) {

    UnetArchitecture {
        blockOutChannels = List.copyOf(blockOutChannels);
        transformerDepths = List.copyOf(transformerDepths);
        if (blockOutChannels.size() != transformerDepths.size()) {
            throw new IllegalArgumentException("Expected one transformer depth per level, got "
                    + transformerDepths.size() + " depths for " + blockOutChannels.size() + " levels");
        }
    }

    int levels() {
        return blockOutChannels.size();
    }

    int channels(int level) {
        return blockOutChannels.get(level);
    }

    int depth(int level) {
        return transformerDepths.get(level);
    }

    /** Returns the width of the time embedding: 4 × the first block's channels in every Stable Diffusion UNet. */
    int timeEmbeddingDim() {
        return 4 * channels(0);
    }
}
