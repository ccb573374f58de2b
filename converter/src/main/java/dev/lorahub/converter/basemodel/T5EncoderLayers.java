package dev.lorahub.converter.basemodel;

/**
 * Generator of the adaptable layers of a Hugging Face {@code T5EncoderModel} with a gated feed-forward (T5 v1.1):
 * per block the attention projections {@code layer.0.SelfAttention.{q,k,v,o}} and the feed-forward
 * {@code layer.1.DenseReluDense.{wi_0,wi_1,wo}}. These are the linear layers of the {@code T5Attention} and
 * {@code T5DenseGatedActDense} modules, which kohya-ss sd-scripts adapts when it trains T5-XXL for Flux.1.
 */
final class T5EncoderLayers {

    private static final String[] ATTENTION_PROJECTIONS = {"q", "k", "v"};

    private T5EncoderLayers() {}

    /**
     * Adds the encoder blocks.
     *
     * @param component the pipeline component, such as {@code text_encoder_2} in the diffusers Flux.1 pipeline
     * @param kohyaPrefix the kohya prefix of the component, such as {@code lora_te3_}
     * @param blockCount {@code num_layers} of the T5 config
     * @param modelSize {@code d_model}
     * @param attentionSize {@code num_heads} × {@code d_kv}
     * @param feedForwardSize {@code d_ff}
     */
    static void addTo(LayerList layers, String component, String kohyaPrefix, int blockCount, long modelSize,
            long attentionSize, long feedForwardSize) {
        for (int index = 0; index < blockCount; index++) {
            String attention = "encoder.block." + index + ".layer.0.SelfAttention.";
            for (String projection : ATTENTION_PROJECTIONS) {
                add(layers, component, kohyaPrefix, Layer.linear(attention + projection, modelSize, attentionSize));
            }
            add(layers, component, kohyaPrefix, Layer.linear(attention + "o", attentionSize, modelSize));
            String feedForward = "encoder.block." + index + ".layer.1.DenseReluDense.";
            add(layers, component, kohyaPrefix, Layer.linear(feedForward + "wi_0", modelSize, feedForwardSize));
            add(layers, component, kohyaPrefix, Layer.linear(feedForward + "wi_1", modelSize, feedForwardSize));
            add(layers, component, kohyaPrefix, Layer.linear(feedForward + "wo", feedForwardSize, modelSize));
        }
    }

    private static void add(LayerList layers, String component, String kohyaPrefix, Layer relative) {
        Layer layer = Layer.linear(component + "." + relative.path(), relative.inFeatures(), relative.outFeatures());
        layers.add(layer, kohyaPrefix + relative.path().replace('.', '_'));
    }
}
