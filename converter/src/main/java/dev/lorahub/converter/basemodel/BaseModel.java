package dev.lorahub.converter.basemodel;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A base model that LoRA files adapt, with the catalogue of its adaptable layers. Instances are immutable, and
 * {@link BaseModels} builds them.
 */
public final class BaseModel {

    private final String id;
    private final String civitaiName;
    private final List<Layer> layers;
    private final Map<String, Layer> layersByPath;
    private final Map<String, String> kohyaNames;

    /**
     * Creates a base model.
     *
     * @param id the short identifier used in the API, such as {@code sd15} or {@code sdxl}
     * @param civitaiName the base model name that CivitAI uses, such as {@code SD 1.5} or {@code SDXL 1.0}
     * @param layers the adaptable layers in the order of the model's modules, with distinct paths
     * @param kohyaNames the layer path of each kohya module name, such as
     *     {@code lora_unet_input_blocks_4_1_proj_in} → {@code unet.down_blocks.1.attentions.0.proj_in}
     */
    public BaseModel(String id, String civitaiName, List<Layer> layers, Map<String, String> kohyaNames) {
        this.id = id;
        this.civitaiName = civitaiName;
        this.layers = List.copyOf(layers);
        this.layersByPath = this.layers.stream()
                .collect(Collectors.toUnmodifiableMap(Layer::path, Function.identity()));
        this.kohyaNames = Collections.unmodifiableMap(new LinkedHashMap<>(kohyaNames));
    }

    public String id() {
        return id;
    }

    public String civitaiName() {
        return civitaiName;
    }

    public List<Layer> layers() {
        return layers;
    }

    public Map<String, String> kohyaNames() {
        return kohyaNames;
    }

    /** Returns the layer with exactly this path, or empty. */
    public Optional<Layer> layer(String path) {
        return Optional.ofNullable(layersByPath.get(path));
    }

    /**
     * Returns the layer with this path, or else the first layer whose path ends with {@code "." + path}.
     * A PEFT adapter names layers relative to the model class it wrapped, so an adapter of
     * {@code DistilBertModel} names {@code transformer.layer.0…} where the catalogue, written for
     * {@code DistilBertForSequenceClassification}, has {@code distilbert.transformer.layer.0…}.
     */
    public Optional<Layer> layerEndingWith(String path) {
        Optional<Layer> exact = layer(path);
        if (exact.isPresent()) {
            return exact;
        }
        String suffix = "." + path;
        return layers.stream().filter(layer -> layer.path().endsWith(suffix)).findFirst();
    }

    /** Returns the layer path of a kohya module name such as {@code lora_te_text_model_encoder_layers_0_mlp_fc1}, or empty. */
    public Optional<String> kohyaPath(String kohyaName) {
        return Optional.ofNullable(kohyaNames.get(kohyaName));
    }

    @Override
    public String toString() {
        return id + " (" + civitaiName + ", " + layers.size() + " layers)";
    }
}
