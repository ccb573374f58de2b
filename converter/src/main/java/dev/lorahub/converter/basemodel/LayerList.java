package dev.lorahub.converter.basemodel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Accumulator of the layers of a catalogue entry and of the kohya module names that adapt them. */
final class LayerList {

    private final List<Layer> layers = new ArrayList<>();
    private final Map<String, String> kohyaNames = new LinkedHashMap<>();

    /** Adds a layer that kohya-ss sd-scripts does not name, such as a layer of a language model. */
    void add(Layer layer) {
        layers.add(layer);
    }

    /** Adds a layer with the module name that kohya-ss sd-scripts gives its LoRA, such as {@code lora_unet_conv_in}. */
    void add(Layer layer, String kohyaName) {
        layers.add(layer);
        kohyaNames.put(kohyaName, layer.path());
    }

    BaseModel build(String id, String civitaiName) {
        return new BaseModel(id, civitaiName, layers, kohyaNames);
    }
}
