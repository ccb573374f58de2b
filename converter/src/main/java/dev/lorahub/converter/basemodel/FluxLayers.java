package dev.lorahub.converter.basemodel;

/**
 * Generator of the adaptable layers of the Flux.1 transformer, under the module names of Black Forest Labs'
 * reference implementation ({@code double_blocks.N.img_attn.qkv}, {@code single_blocks.N.linear1}), which
 * kohya-ss sd-scripts uses for its {@code lora_unet_} names.
 *
 * <p>diffusers' Flux names ({@code transformer_blocks.N.attn.to_q}, with q, k and v split) are not layers of
 * the catalogue: {@link FluxNames} maps each of them to the part of a catalogue layer that it adapts.
 */
final class FluxLayers {

    /** Channels of a packed latent token: 16 latent channels × a 2 × 2 patch. */
    private static final long PACKED_CHANNELS = 64;

    private FluxLayers() {}

    /**
     * Adds the embedders, the double-stream and single-stream blocks and the final layer.
     *
     * @param doubleBlocks the double-stream blocks, {@code num_layers} in the diffusers config
     * @param singleBlocks the single-stream blocks, {@code num_single_layers}
     * @param hidden the hidden size: attention heads × head dimension
     * @param mlp the MLP width: hidden × {@code mlp_ratio}
     */
    static void addTo(LayerList layers, int doubleBlocks, int singleBlocks, long hidden, long mlp) {
        addEmbedders(layers, hidden);
        for (int index = 0; index < doubleBlocks; index++) {
            for (String stream : new String[] {"img", "txt"}) {
                String prefix = "double_blocks." + index + "." + stream;
                add(layers, Layer.linear(prefix + "_attn.qkv", hidden, 3 * hidden));
                add(layers, Layer.linear(prefix + "_attn.proj", hidden, hidden));
                add(layers, Layer.linear(prefix + "_mlp.0", hidden, mlp));
                add(layers, Layer.linear(prefix + "_mlp.2", mlp, hidden));
                add(layers, Layer.linear(prefix + "_mod.lin", hidden, 6 * hidden));
            }
        }
        for (int index = 0; index < singleBlocks; index++) {
            String prefix = "single_blocks." + index;
            add(layers, Layer.linear(prefix + ".linear1", hidden, 3 * hidden + mlp));
            add(layers, Layer.linear(prefix + ".linear2", hidden + mlp, hidden));
            add(layers, Layer.linear(prefix + ".modulation.lin", hidden, 3 * hidden));
        }
        add(layers, Layer.linear("final_layer.linear", hidden, PACKED_CHANNELS));
        add(layers, Layer.linear("final_layer.adaLN_modulation.1", hidden, 2 * hidden));
    }

    /**
     * Adds the input projections: packed latents ({@code in_channels} 64), T5 tokens ({@code context_in_dim}
     * 4096), and the two-layer MLPs of the timestep and the guidance (256-wide sinusoidal embeddings) and of the
     * pooled CLIP-L vector ({@code vec_in_dim} 768).
     */
    private static void addEmbedders(LayerList layers, long hidden) {
        add(layers, Layer.linear("img_in", PACKED_CHANNELS, hidden));
        add(layers, Layer.linear("txt_in", 4096, hidden));
        for (String embedder : new String[] {"time_in", "vector_in", "guidance_in"}) {
            long inFeatures = embedder.equals("vector_in") ? 768 : 256;
            add(layers, Layer.linear(embedder + ".in_layer", inFeatures, hidden));
            add(layers, Layer.linear(embedder + ".out_layer", hidden, hidden));
        }
    }

    private static void add(LayerList layers, Layer relative) {
        Layer layer = Layer.linear("transformer." + relative.path(), relative.inFeatures(), relative.outFeatures());
        layers.add(layer, "lora_unet_" + relative.path().replace('.', '_'));
    }
}
