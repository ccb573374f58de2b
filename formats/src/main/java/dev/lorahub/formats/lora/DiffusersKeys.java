package dev.lorahub.formats.lora;

import java.util.Map;
import java.util.Optional;

/**
 * Parser of diffusers tensor names: component-prefixed names such as
 * {@code unet.<path>.to_q.lora.down.weight} or {@code transformer.<path>.lora_A.weight}, and the older
 * attention-processor names such as {@code <path>.processor.to_q_lora.down.weight}.
 */
final class DiffusersKeys {

    private static final Map<String, TensorRole> SUFFIXES = Map.of(
            ".lora.down.weight", TensorRole.DOWN,
            ".lora.up.weight", TensorRole.UP,
            ".lora_linear_layer.down.weight", TensorRole.DOWN,
            ".lora_linear_layer.up.weight", TensorRole.UP,
            ".lora_A.weight", TensorRole.DOWN,
            ".lora_B.weight", TensorRole.UP,
            ".lora_magnitude_vector.weight", TensorRole.MAGNITUDE,
            ".lora_magnitude_vector", TensorRole.MAGNITUDE,
            ".alpha", TensorRole.ALPHA);

    private static final Map<String, ModelComponent> PREFIXES = Map.of(
            "unet.", ModelComponent.UNET,
            "text_encoder.", ModelComponent.TEXT_ENCODER,
            "text_encoder_2.", ModelComponent.TEXT_ENCODER_2,
            "text_encoder_3.", ModelComponent.TEXT_ENCODER_3,
            "transformer.", ModelComponent.TRANSFORMER);

    private static final String PROCESSOR = ".processor.";

    private DiffusersKeys() {}

    /** Returns the parsed name, or empty when it is not a diffusers tensor name. */
    static Optional<TensorKey> parse(String name) {
        Optional<TensorKey> processorKey = parseAttnProcessor(name);
        if (processorKey.isPresent()) {
            return processorKey;
        }
        for (Map.Entry<String, TensorRole> suffix : SUFFIXES.entrySet()) {
            if (name.endsWith(suffix.getKey())) {
                String module = name.substring(0, name.length() - suffix.getKey().length());
                return component(module).map(component ->
                        new TensorKey(LoraLayout.DIFFUSERS, module, suffix.getValue(), component));
            }
        }
        return Optional.empty();
    }

    /**
     * Parses {@code [unet.]<unet path>.processor.<to_q|to_k|to_v|to_out>_lora.<down|up>.weight}, the names of
     * diffusers' LoRA attention processors before diffusers moved to PEFT. These files adapt only the UNet.
     */
    private static Optional<TensorKey> parseAttnProcessor(String name) {
        String path = name.startsWith("unet.") ? name.substring("unet.".length()) : name;
        if (!path.contains(PROCESSOR) || !BlockNames.isUnetPath(path, '.')) {
            return Optional.empty();
        }
        if (name.endsWith("_lora.down.weight")) {
            return Optional.of(processorKey(name, ".down.weight", TensorRole.DOWN));
        }
        if (name.endsWith("_lora.up.weight")) {
            return Optional.of(processorKey(name, ".up.weight", TensorRole.UP));
        }
        return Optional.empty();
    }

    private static TensorKey processorKey(String name, String suffix, TensorRole role) {
        String module = name.substring(0, name.length() - suffix.length());
        return new TensorKey(LoraLayout.DIFFUSERS_ATTN_PROCESSOR, module, role, ModelComponent.UNET);
    }

    /** Returns the component of a prefixed module name; a UNet path must start with a UNet block. */
    private static Optional<ModelComponent> component(String module) {
        for (Map.Entry<String, ModelComponent> prefix : PREFIXES.entrySet()) {
            if (module.startsWith(prefix.getKey()) && module.length() > prefix.getKey().length()) {
                String path = module.substring(prefix.getKey().length());
                boolean isKnownPath = prefix.getValue() != ModelComponent.UNET || BlockNames.isUnetPath(path, '.');
                return isKnownPath ? Optional.of(prefix.getValue()) : Optional.empty();
            }
        }
        return Optional.empty();
    }
}
