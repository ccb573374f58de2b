package dev.lorahub.validator.lora;

import dev.lorahub.formats.lora.LoraLayout;
import dev.lorahub.formats.safetensors.TensorInfo;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * The tensors of one LoRA module, by part, with the suffix each one has in the file. A second tensor for
 * a part that the module already has, such as both {@code .lora.down.weight} and
 * {@code .lora_linear_layer.down.weight}, is left out.
 */
final class ModuleTensors {

    /** Spellings of the down and up parts that belong together, in both directions. */
    private static final Map<String, String> COUNTERPARTS = counterparts(
            ".lora_down.weight", ".lora_up.weight",
            ".lora.down.weight", ".lora.up.weight",
            ".lora_linear_layer.down.weight", ".lora_linear_layer.up.weight",
            ".lora_A.weight", ".lora_B.weight",
            ".lora_embedding_A", ".lora_embedding_B",
            ".down.weight", ".up.weight",
            ":down", ":up");

    private final String name;
    private final LoraLayout layout;
    private final Map<LoraPart, TensorInfo> tensors = new EnumMap<>(LoraPart.class);
    private final Map<LoraPart, String> suffixes = new EnumMap<>(LoraPart.class);

    ModuleTensors(String name, LoraLayout layout) {
        this.name = name;
        this.layout = layout;
    }

    void add(LoraTensorName parsed, TensorInfo tensor) {
        tensors.putIfAbsent(parsed.part(), tensor);
        suffixes.putIfAbsent(parsed.part(), parsed.suffix());
    }

    String name() {
        return name;
    }

    LoraLayout layout() {
        return layout;
    }

    TensorInfo get(LoraPart part) {
        return tensors.get(part);
    }

    boolean has(LoraPart part) {
        return tensors.containsKey(part);
    }

    Map<LoraPart, TensorInfo> tensors() {
        return tensors;
    }

    /** Returns whether the module has a tensor other than alpha and the DoRA magnitude. */
    boolean hasWeights() {
        return tensors.keySet().stream().anyMatch(LoraPart.WEIGHTS::contains);
    }

    /** Returns the full name that a missing part would have in this module's spelling. */
    String expectedName(LoraPart missing) {
        if (missing.lycorisSuffix() != null) {
            return name + "." + missing.lycorisSuffix();
        }
        LoraPart counterpart = missing == LoraPart.DOWN ? LoraPart.UP : LoraPart.DOWN;
        String present = suffixes.get(counterpart);
        if (present != null && COUNTERPARTS.containsKey(present)) {
            return name + COUNTERPARTS.get(present);
        }
        boolean kohyaStyle = layout == LoraLayout.KOHYA || layout == LoraLayout.LYCORIS;
        String down = kohyaStyle ? ".lora_down.weight" : ".lora_A.weight";
        String up = kohyaStyle ? ".lora_up.weight" : ".lora_B.weight";
        return name + (missing == LoraPart.DOWN ? down : up);
    }

    private static Map<String, String> counterparts(String... pairs) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
            map.put(pairs[i + 1], pairs[i]);
        }
        return Map.copyOf(map);
    }
}
