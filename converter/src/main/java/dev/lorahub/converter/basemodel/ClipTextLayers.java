package dev.lorahub.converter.basemodel;

/**
 * Generator of the adaptable layers of a Hugging Face {@code CLIPTextModel} encoder: per layer the
 * attention projections {@code self_attn.{q,k,v,out}_proj} and the MLP {@code mlp.fc1} and {@code mlp.fc2}.
 * These are the layers that kohya-ss sd-scripts and diffusers adapt in a text encoder.
 */
final class ClipTextLayers {

    private static final String[] ATTENTION_PROJECTIONS = {"q_proj", "k_proj", "v_proj", "out_proj"};

    private ClipTextLayers() {}

    /**
     * Adds the encoder layers.
     *
     * @param component the pipeline component, {@code text_encoder} or {@code text_encoder_2}
     * @param kohyaPrefix the kohya prefix of the component, such as {@code lora_te_} or {@code lora_te2_}
     * @param layerCount {@code num_hidden_layers} of the text encoder config
     * @param hiddenSize {@code hidden_size}
     * @param mlpSize {@code intermediate_size}
     */
    static void addTo(LayerList layers, String component, String kohyaPrefix, int layerCount, int hiddenSize, int mlpSize) {
        for (int index = 0; index < layerCount; index++) {
            String path = "text_model.encoder.layers." + index;
            for (String projection : ATTENTION_PROJECTIONS) {
                add(layers, component, kohyaPrefix, Layer.linear(path + ".self_attn." + projection, hiddenSize, hiddenSize));
            }
            add(layers, component, kohyaPrefix, Layer.linear(path + ".mlp.fc1", hiddenSize, mlpSize));
            add(layers, component, kohyaPrefix, Layer.linear(path + ".mlp.fc2", mlpSize, hiddenSize));
        }
    }

    private static void add(LayerList layers, String component, String kohyaPrefix, Layer relative) {
        Layer layer = new Layer(component + "." + relative.path(), relative.kind(), relative.kernelSize(),
                relative.inFeatures(), relative.outFeatures());
        layers.add(layer, kohyaPrefix + relative.path().replace('.', '_'));
    }
}
