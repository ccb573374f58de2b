package dev.lorahub.converter.basemodel;

/**
 * Generator of the adaptable layers of the SD3 MMDiT, under the module names of Stability AI's reference
 * implementation ({@code joint_blocks.N.x_block.attn.qkv}), which kohya-ss sd-scripts uses for its
 * {@code lora_unet_} names.
 *
 * <p>Each joint block has an image stream ({@code x_block}) and a text stream ({@code context_block}) with
 * the same linears. The last block's text stream is "pre-only": it computes q, k and v for the joint
 * attention but has no output projection and no MLP, and its adaLN modulation has 2 outputs per channel
 * instead of 6.
 *
 * <p>diffusers' SD3 names ({@code transformer_blocks.N.attn.to_q}, {@code add_q_proj}) are not layers of the
 * catalogue: {@link Sd3Names} maps each of them to the part of a catalogue layer that it adapts.
 *
 * <p>NOTE: the embedders, {@code final_layer} and SD 3.5 Medium's second attention ({@code x_block.attn2})
 * are not catalogued, so a LoRA that adapts them reports those modules as unknown.
 */
final class MmditLayers {

    private MmditLayers() {}

    /**
     * Adds the joint blocks.
     *
     * @param depth the number of joint blocks, which also fixes the hidden size: 64 × depth in every SD3 model
     * @param mlpRatio the MLP width over the hidden size
     */
    static void addTo(LayerList layers, int depth, int mlpRatio) {
        long hidden = 64L * depth;
        for (int index = 0; index < depth; index++) {
            String block = "joint_blocks." + index;
            addStream(layers, block + ".x_block", hidden, mlpRatio * hidden, false);
            addStream(layers, block + ".context_block", hidden, mlpRatio * hidden, index == depth - 1);
        }
    }

    private static void addStream(LayerList layers, String path, long hidden, long mlp, boolean preOnly) {
        add(layers, Layer.linear(path + ".attn.qkv", hidden, 3 * hidden));
        if (!preOnly) {
            add(layers, Layer.linear(path + ".attn.proj", hidden, hidden));
            add(layers, Layer.linear(path + ".mlp.fc1", hidden, mlp));
            add(layers, Layer.linear(path + ".mlp.fc2", mlp, hidden));
        }
        add(layers, Layer.linear(path + ".adaLN_modulation.1", hidden, (preOnly ? 2 : 6) * hidden));
    }

    private static void add(LayerList layers, Layer relative) {
        Layer layer = Layer.linear("transformer." + relative.path(), relative.inFeatures(), relative.outFeatures());
        layers.add(layer, "lora_unet_" + relative.path().replace('.', '_'));
    }
}
