package dev.lorahub.formats.lora;

import java.util.Map;
import java.util.Optional;

/**
 * Parser of kohya-ss and LyCORIS tensor names: {@code <module>.<suffix>}, where the module is a
 * component prefix such as {@code lora_unet_} followed by the layer path with {@code _} for {@code .}.
 */
final class KohyaKeys {

    private static final Map<String, TensorRole> SUFFIXES = Map.ofEntries(
            Map.entry("lora_down.weight", TensorRole.DOWN),
            Map.entry("lora_up.weight", TensorRole.UP),
            Map.entry("lora_mid.weight", TensorRole.MID),
            Map.entry("alpha", TensorRole.ALPHA),
            Map.entry("dora_scale", TensorRole.MAGNITUDE),
            Map.entry("hada_w1_a", TensorRole.HADA_W1_A),
            Map.entry("hada_w1_b", TensorRole.HADA_W1_B),
            Map.entry("hada_w2_a", TensorRole.HADA_W2_A),
            Map.entry("hada_w2_b", TensorRole.HADA_W2_B),
            Map.entry("hada_t1", TensorRole.HADA_T1),
            Map.entry("hada_t2", TensorRole.HADA_T2),
            Map.entry("lokr_w1", TensorRole.LOKR_W1),
            Map.entry("lokr_w1_a", TensorRole.LOKR_W1_A),
            Map.entry("lokr_w1_b", TensorRole.LOKR_W1_B),
            Map.entry("lokr_w2", TensorRole.LOKR_W2),
            Map.entry("lokr_w2_a", TensorRole.LOKR_W2_A),
            Map.entry("lokr_w2_b", TensorRole.LOKR_W2_B),
            Map.entry("lokr_t2", TensorRole.LOKR_T2));

    /** Text encoder prefixes: {@code lora_te_} in SD 1.x/2.x, {@code lora_te1_} to {@code lora_te3_} in SDXL, SD3 and Flux.1. */
    private static final Map<String, ModelComponent> TEXT_ENCODERS = Map.of(
            "lora_te_", ModelComponent.TEXT_ENCODER,
            "lora_te1_", ModelComponent.TEXT_ENCODER,
            "lora_te2_", ModelComponent.TEXT_ENCODER_2,
            "lora_te3_", ModelComponent.TEXT_ENCODER_3);

    private static final String UNET_PREFIX = "lora_unet_";

    private KohyaKeys() {}

    /** Returns the parsed name, or empty when it is not a kohya or LyCORIS tensor name. */
    static Optional<TensorKey> parse(String name) {
        int dot = name.indexOf('.');
        if (dot < 0) {
            return Optional.empty();
        }
        String module = name.substring(0, dot);
        TensorRole role = SUFFIXES.get(name.substring(dot + 1));
        Optional<ModelComponent> component = component(module);
        if (role == null || component.isEmpty()) {
            return Optional.empty();
        }
        LoraLayout layout = role.isLoha() || role.isLokr() ? LoraLayout.LYCORIS : LoraLayout.KOHYA;
        return Optional.of(new TensorKey(layout, module, role, component.get()));
    }

    /**
     * Returns the component of a module name. A {@code lora_unet_} path must start with a block of a
     * known denoiser, because the rest of the name must map to a layer of the base model. Flux.1 and SD3
     * blocks map to the transformer, although kohya names them {@code lora_unet_} too.
     */
    private static Optional<ModelComponent> component(String module) {
        if (module.startsWith(UNET_PREFIX)) {
            return BlockNames.denoiser(module.substring(UNET_PREFIX.length()), '_');
        }
        for (Map.Entry<String, ModelComponent> prefix : TEXT_ENCODERS.entrySet()) {
            if (module.startsWith(prefix.getKey()) && module.length() > prefix.getKey().length()) {
                return Optional.of(prefix.getValue());
            }
        }
        return Optional.empty();
    }
}
