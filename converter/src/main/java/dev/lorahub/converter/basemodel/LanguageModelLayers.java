package dev.lorahub.converter.basemodel;

import java.util.List;

/**
 * Generator of the linear layers of a Hugging Face Transformers language model: the same linear layers,
 * given relative to one transformer layer, repeated for each layer.
 */
final class LanguageModelLayers {

    private LanguageModelLayers() {}

    /**
     * Adds {@code layerCount} copies of the per-layer linears.
     *
     * @param layerPath the path of one transformer layer with {@code %d} for its index, such as
     *     {@code model.layers.%d}
     * @param perLayer the linears of one layer, with paths relative to it
     */
    static void addTo(LayerList layers, String layerPath, int layerCount, List<Layer> perLayer) {
        for (int index = 0; index < layerCount; index++) {
            String prefix = String.format(layerPath, index) + ".";
            for (Layer relative : perLayer) {
                layers.add(new Layer(prefix + relative.path(), relative.kind(), relative.kernelSize(),
                        relative.inFeatures(), relative.outFeatures()));
            }
        }
    }

    /**
     * Returns the linears of a Llama-style decoder layer with grouped-query attention: q and o are
     * hidden × hidden, k and v project to {@code keyValueHeads × headDim}, and the gated MLP has
     * {@code gate_proj}, {@code up_proj} and {@code down_proj}.
     */
    static List<Layer> llamaLayer(long hidden, long keyValueHeads, long headDim, long mlp) {
        long keyValue = keyValueHeads * headDim;
        return List.of(
                Layer.linear("self_attn.q_proj", hidden, hidden),
                Layer.linear("self_attn.k_proj", hidden, keyValue),
                Layer.linear("self_attn.v_proj", hidden, keyValue),
                Layer.linear("self_attn.o_proj", hidden, hidden),
                Layer.linear("mlp.gate_proj", hidden, mlp),
                Layer.linear("mlp.up_proj", hidden, mlp),
                Layer.linear("mlp.down_proj", mlp, hidden));
    }
}
