package dev.lorahub.formats.lora;

import java.util.Map;
import java.util.Optional;

/**
 * Parser of PEFT tensor names: {@code base_model.model.<path>.lora_A.weight} and {@code .lora_B.weight},
 * {@code .lora_embedding_A} and {@code _B} for embeddings, and the DoRA {@code .lora_magnitude_vector}.
 * Other tensors of a PEFT file, such as the layers listed in {@code modules_to_save}, are full weights
 * and not LoRA modules.
 */
final class PeftKeys {

    private static final String PREFIX = "base_model.model.";

    private static final Map<String, TensorRole> SUFFIXES = Map.of(
            ".lora_A.weight", TensorRole.DOWN,
            ".lora_B.weight", TensorRole.UP,
            ".lora_embedding_A", TensorRole.DOWN,
            ".lora_embedding_B", TensorRole.UP,
            ".lora_magnitude_vector", TensorRole.MAGNITUDE,
            ".lora_magnitude_vector.weight", TensorRole.MAGNITUDE);

    private PeftKeys() {}

    /**
     * Returns the parsed name, or empty when it is not a PEFT LoRA tensor name. The component is the UNet
     * when the path starts with a UNet block, and null otherwise, because a language model adapter does
     * not adapt a diffusers pipeline component.
     */
    static Optional<TensorKey> parse(String name) {
        if (!name.startsWith(PREFIX)) {
            return Optional.empty();
        }
        for (Map.Entry<String, TensorRole> suffix : SUFFIXES.entrySet()) {
            if (name.endsWith(suffix.getKey()) && name.length() > PREFIX.length() + suffix.getKey().length()) {
                String module = name.substring(0, name.length() - suffix.getKey().length());
                String path = module.substring(PREFIX.length());
                ModelComponent component = BlockNames.isUnetPath(path, '.') ? ModelComponent.UNET : null;
                return Optional.of(new TensorKey(LoraLayout.PEFT, module, suffix.getValue(), component));
            }
        }
        return Optional.empty();
    }
}
