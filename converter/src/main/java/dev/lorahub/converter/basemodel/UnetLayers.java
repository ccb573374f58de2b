package dev.lorahub.converter.basemodel;

/**
 * Generator of the adaptable layers of a Stable Diffusion UNet from its {@link UnetArchitecture}: the
 * convolutions and time-embedding projections of the resnets, the projections of the attention
 * transformers, the downsamplers and upsamplers, {@code conv_in} and {@code conv_out}. Each layer gets its
 * diffusers path and the kohya name, which follows the SGM module path when {@link UnetArchitecture#sgmKohyaNames()} is set.
 * The block layout is the one of diffusers {@code UNet2DConditionModel}: 2 resnets per down block, 3 per up
 * block, a mid block of resnet, attention, resnet.
 */
final class UnetLayers {

    private static final int LAYERS_PER_BLOCK = 2;
    private static final int LATENT_CHANNELS = 4;

    private final UnetArchitecture architecture;
    private final LayerList layers;

    private UnetLayers(UnetArchitecture architecture, LayerList layers) {
        this.architecture = architecture;
        this.layers = layers;
    }

    /** Adds the UNet layers, with paths under {@code unet.} and kohya names under {@code lora_unet_}. */
    static void addTo(LayerList layers, UnetArchitecture architecture) {
        UnetLayers unet = new UnetLayers(architecture, layers);
        unet.addEmbeddings();
        unet.addDownBlocks();
        unet.addMidBlock();
        unet.addUpBlocks();
        unet.conv("conv_out", "out.2", 3, architecture.channels(0), LATENT_CHANNELS);
    }

    private void addEmbeddings() {
        int timeDim = architecture.timeEmbeddingDim();
        conv("conv_in", "input_blocks.0.0", 3, LATENT_CHANNELS, architecture.channels(0));
        linear("time_embedding.linear_1", "time_embed.0", architecture.channels(0), timeDim);
        linear("time_embedding.linear_2", "time_embed.2", timeDim, timeDim);
        if (architecture.addEmbeddingInput() > 0) {
            linear("add_embedding.linear_1", "label_emb.0.0", architecture.addEmbeddingInput(), timeDim);
            linear("add_embedding.linear_2", "label_emb.0.2", timeDim, timeDim);
        }
    }

    private void addDownBlocks() {
        int inChannels = architecture.channels(0);
        for (int level = 0; level < architecture.levels(); level++) {
            addDownBlock(level, inChannels);
            inChannels = architecture.channels(level);
        }
    }

    /** Adds down block {@code level}, whose SGM modules are {@code input_blocks} 3·level+1 to 3·level+3. */
    private void addDownBlock(int level, int inChannels) {
        int channels = architecture.channels(level);
        String block = "down_blocks." + level;
        for (int index = 0; index < LAYERS_PER_BLOCK; index++) {
            String sgmBlock = "input_blocks." + (level * (LAYERS_PER_BLOCK + 1) + index + 1);
            resnet(block + ".resnets." + index, sgmBlock + ".0", index == 0 ? inChannels : channels, channels);
            transformer(block + ".attentions." + index, sgmBlock + ".1", channels, architecture.depth(level));
        }
        if (level < architecture.levels() - 1) {
            String sgmBlock = "input_blocks." + ((level + 1) * (LAYERS_PER_BLOCK + 1));
            conv(block + ".downsamplers.0.conv", sgmBlock + ".0.op", 3, channels, channels);
        }
    }

    private void addMidBlock() {
        int last = architecture.levels() - 1;
        int channels = architecture.channels(last);
        resnet("mid_block.resnets.0", "middle_block.0", channels, channels);
        transformer("mid_block.attentions.0", "middle_block.1", channels, architecture.midBlockDepth());
        resnet("mid_block.resnets.1", "middle_block.2", channels, channels);
    }

    /** Adds the up blocks, which mirror the down blocks from the deepest level up. */
    private void addUpBlocks() {
        int last = architecture.levels() - 1;
        int previousChannels = architecture.channels(last);
        for (int upLevel = 0; upLevel <= last; upLevel++) {
            addUpBlock(upLevel, previousChannels);
            previousChannels = architecture.channels(last - upLevel);
        }
    }

    /**
     * Adds up block {@code upLevel}, whose SGM modules are {@code output_blocks} 3·upLevel to 3·upLevel+2.
     * Each resnet also takes the skip connection of a down-block output, so its input is the previous
     * output plus the skipped channels, and the last resnet skips from the level below.
     */
    private void addUpBlock(int upLevel, int previousChannels) {
        int last = architecture.levels() - 1;
        int channels = architecture.channels(last - upLevel);
        int skipChannels = architecture.channels(Math.max(last - upLevel - 1, 0));
        int depth = architecture.depth(last - upLevel);
        String block = "up_blocks." + upLevel;
        for (int index = 0; index <= LAYERS_PER_BLOCK; index++) {
            int resnetInput = (index == 0 ? previousChannels : channels) + (index == LAYERS_PER_BLOCK ? skipChannels : channels);
            String sgmBlock = "output_blocks." + (upLevel * (LAYERS_PER_BLOCK + 1) + index);
            resnet(block + ".resnets." + index, sgmBlock + ".0", resnetInput, channels);
            transformer(block + ".attentions." + index, sgmBlock + ".1", channels, depth);
        }
        if (upLevel < last) {
            String sgmBlock = "output_blocks." + (upLevel * (LAYERS_PER_BLOCK + 1) + LAYERS_PER_BLOCK);
            String sgmConv = sgmBlock + (depth > 0 ? ".2.conv" : ".1.conv");
            conv(block + ".upsamplers.0.conv", sgmConv, 3, channels, channels);
        }
    }

    private void resnet(String path, String sgmPath, int inChannels, int outChannels) {
        conv(path + ".conv1", sgmPath + ".in_layers.2", 3, inChannels, outChannels);
        linear(path + ".time_emb_proj", sgmPath + ".emb_layers.1", architecture.timeEmbeddingDim(), outChannels);
        conv(path + ".conv2", sgmPath + ".out_layers.3", 3, outChannels, outChannels);
        if (inChannels != outChannels) {
            conv(path + ".conv_shortcut", sgmPath + ".skip_connection", 1, inChannels, outChannels);
        }
    }

    /**
     * Adds a {@code Transformer2DModel} of {@code depth} blocks, or nothing for depth 0. The feed-forward
     * is GEGLU with an inner width of 4 × channels, so {@code ff.net.0.proj} outputs twice that.
     */
    private void transformer(String path, String sgmPath, int channels, int depth) {
        if (depth == 0) {
            return;
        }
        projection(path + ".proj_in", sgmPath + ".proj_in", channels);
        for (int index = 0; index < depth; index++) {
            String block = ".transformer_blocks." + index;
            attention(path + block + ".attn1", sgmPath + block + ".attn1", channels, channels);
            attention(path + block + ".attn2", sgmPath + block + ".attn2", channels, architecture.crossAttentionDim());
            linear(path + block + ".ff.net.0.proj", sgmPath + block + ".ff.net.0.proj", channels, 8L * channels);
            linear(path + block + ".ff.net.2", sgmPath + block + ".ff.net.2", 4L * channels, channels);
        }
        projection(path + ".proj_out", sgmPath + ".proj_out", channels);
    }

    private void attention(String path, String sgmPath, int channels, int keyValueInput) {
        linear(path + ".to_q", sgmPath + ".to_q", channels, channels);
        linear(path + ".to_k", sgmPath + ".to_k", keyValueInput, channels);
        linear(path + ".to_v", sgmPath + ".to_v", keyValueInput, channels);
        linear(path + ".to_out.0", sgmPath + ".to_out.0", channels, channels);
    }

    private void projection(String path, String sgmPath, int channels) {
        if (architecture.linearProjection()) {
            linear(path, sgmPath, channels, channels);
        } else {
            conv(path, sgmPath, 1, channels, channels);
        }
    }

    private void linear(String path, String sgmPath, long inFeatures, long outFeatures) {
        layers.add(Layer.linear("unet." + path, inFeatures, outFeatures), kohyaName(path, sgmPath));
    }

    private void conv(String path, String sgmPath, int kernelSize, long inChannels, long outChannels) {
        layers.add(Layer.conv("unet." + path, kernelSize, inChannels, outChannels), kohyaName(path, sgmPath));
    }

    private String kohyaName(String path, String sgmPath) {
        String modulePath = architecture.sgmKohyaNames() ? sgmPath : path;
        return "lora_unet_" + modulePath.replace('.', '_');
    }
}
