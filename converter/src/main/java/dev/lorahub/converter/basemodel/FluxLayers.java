package dev.lorahub.converter.basemodel;

/**
 * Generator of the adaptable layers of the Flux.1 transformer, under the module names of Black Forest Labs'
 * reference implementation ({@code double_blocks.N.img_attn.qkv}, {@code single_blocks.N.linear1}), which
 * kohya-ss sd-scripts uses for its {@code lora_unet_} names.
 *
 * <p>NOTE: diffusers' Flux names ({@code transformer_blocks.N.attn.to_q}, split q, k and v) are not in
 * this catalogue, and neither are the embedders ({@code img_in}, {@code txt_in}, {@code time_in}) and
 * {@code final_layer}, so a LoRA that adapts them reports those modules as unknown.
 */
final class FluxLayers {

    private FluxLayers() {}

    /**
     * Adds the double-stream and single-stream blocks.
     *
     * @param doubleBlocks the double-stream blocks, {@code num_layers} in the diffusers config
     * @param singleBlocks the single-stream blocks, {@code num_single_layers}
     * @param hidden the hidden size: attention heads × head dimension
     * @param mlp the MLP width: hidden × {@code mlp_ratio}
     */
    static void addTo(LayerList layers, int doubleBlocks, int singleBlocks, long hidden, long mlp) {
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
    }

    private static void add(LayerList layers, Layer relative) {
        Layer layer = Layer.linear("transformer." + relative.path(), relative.inFeatures(), relative.outFeatures());
        layers.add(layer, "lora_unet_" + relative.path().replace('.', '_'));
    }
}
