package dev.lorahub.validator.lora;

import dev.lorahub.formats.lora.LoraLayout;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A LoRA tensor name split into its module and its part, so that {@code name = module + suffix}.
 *
 * <p>The recognised layouts are those of {@link dev.lorahub.formats.lora.LoraInspector}: kohya and
 * LyCORIS ({@code lora_unet_<block>…}, {@code lora_te[1-3]_…}), diffusers (component-prefixed and
 * attention-processor names), PEFT ({@code base_model.model.…}) and cloneofsimo ({@code unet:3:down}).
 * A kohya or diffusers UNet path must start with a known block, so {@code lora_unet_unet_…} is not a LoRA name.
 *
 * @param layout the naming convention
 * @param module the name that all tensors of one adapted layer share
 * @param part the tensor's role in the module
 * @param suffix the rest of the name after the module, such as {@code .lora_down.weight}
 */
record LoraTensorName(LoraLayout layout, String module, LoraPart part, String suffix) {

    private static final Map<String, LoraPart> KOHYA_SUFFIXES = kohyaSuffixes();

    private static final Map<String, LoraPart> DIFFUSERS_SUFFIXES = Map.of(
            ".lora.down.weight", LoraPart.DOWN, ".lora.up.weight", LoraPart.UP,
            ".lora_linear_layer.down.weight", LoraPart.DOWN, ".lora_linear_layer.up.weight", LoraPart.UP,
            ".lora_A.weight", LoraPart.DOWN, ".lora_B.weight", LoraPart.UP,
            ".lora_magnitude_vector.weight", LoraPart.MAGNITUDE, ".lora_magnitude_vector", LoraPart.MAGNITUDE,
            ".alpha", LoraPart.ALPHA);

    private static final Map<String, LoraPart> PEFT_SUFFIXES = Map.of(
            ".lora_A.weight", LoraPart.DOWN, ".lora_B.weight", LoraPart.UP,
            ".lora_embedding_A", LoraPart.DOWN, ".lora_embedding_B", LoraPart.UP,
            ".lora_magnitude_vector", LoraPart.MAGNITUDE, ".lora_magnitude_vector.weight", LoraPart.MAGNITUDE);

    private static final List<String> KOHYA_TEXT_ENCODERS = List.of("lora_te_", "lora_te1_", "lora_te2_", "lora_te3_");
    private static final List<String> DIFFUSERS_COMPONENTS =
            List.of("unet.", "text_encoder.", "text_encoder_2.", "text_encoder_3.", "transformer.");
    static final String PEFT_PREFIX = "base_model.model.";
    private static final Pattern CLONEOFSIMO = Pattern.compile("((?:unet|text_encoder):\\d+)(:down|:up)");

    /** Parses the name, or returns empty when it follows no known LoRA layout. */
    static Optional<LoraTensorName> parse(String name) {
        return kohya(name).or(() -> cloneofsimo(name)).or(() -> peft(name)).or(() -> diffusers(name));
    }

    private static Optional<LoraTensorName> kohya(String name) {
        int dot = name.indexOf('.');
        LoraPart part = dot < 0 ? null : KOHYA_SUFFIXES.get(name.substring(dot + 1));
        if (part == null || !isKohyaModule(name.substring(0, dot))) {
            return Optional.empty();
        }
        LoraLayout layout = part.isLoha() || part.isLokr() ? LoraLayout.LYCORIS : LoraLayout.KOHYA;
        return Optional.of(new LoraTensorName(layout, name.substring(0, dot), part, name.substring(dot)));
    }

    private static boolean isKohyaModule(String module) {
        if (module.startsWith("lora_unet_")) {
            return DenoiserBlocks.startsWithBlock(module.substring("lora_unet_".length()), '_');
        }
        return KOHYA_TEXT_ENCODERS.stream().anyMatch(prefix -> module.startsWith(prefix) && module.length() > prefix.length());
    }

    private static Optional<LoraTensorName> cloneofsimo(String name) {
        Matcher matcher = CLONEOFSIMO.matcher(name);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        LoraPart part = matcher.group(2).equals(":down") ? LoraPart.DOWN : LoraPart.UP;
        return Optional.of(new LoraTensorName(LoraLayout.CLONEOFSIMO, matcher.group(1), part, matcher.group(2)));
    }

    private static Optional<LoraTensorName> peft(String name) {
        if (!name.startsWith(PEFT_PREFIX)) {
            return Optional.empty();
        }
        return withSuffix(name, PEFT_SUFFIXES, LoraLayout.PEFT).filter(parsed -> parsed.module().length() > PEFT_PREFIX.length());
    }

    private static Optional<LoraTensorName> diffusers(String name) {
        String path = name.startsWith("unet.") ? name.substring("unet.".length()) : name;
        if (path.contains(".processor.") && DenoiserBlocks.isUnetPath(path, '.')) {
            return attnProcessor(name);
        }
        return withSuffix(name, DIFFUSERS_SUFFIXES, LoraLayout.DIFFUSERS).filter(parsed -> isDiffusersModule(parsed.module()));
    }

    /** Parses {@code <unet path>.processor.<to_q|to_k|to_v|to_out>_lora.<down|up>.weight}. */
    private static Optional<LoraTensorName> attnProcessor(String name) {
        Map<String, LoraPart> suffixes = Map.of(".down.weight", LoraPart.DOWN, ".up.weight", LoraPart.UP);
        return withSuffix(name, suffixes, LoraLayout.DIFFUSERS_ATTN_PROCESSOR)
                .filter(parsed -> parsed.module().endsWith("_lora"));
    }

    private static boolean isDiffusersModule(String module) {
        for (String prefix : DIFFUSERS_COMPONENTS) {
            if (module.startsWith(prefix) && module.length() > prefix.length()) {
                return !prefix.equals("unet.") || DenoiserBlocks.isUnetPath(module.substring(prefix.length()), '.');
            }
        }
        return false;
    }

    private static Optional<LoraTensorName> withSuffix(String name, Map<String, LoraPart> suffixes, LoraLayout layout) {
        for (Map.Entry<String, LoraPart> suffix : suffixes.entrySet()) {
            if (name.endsWith(suffix.getKey())) {
                String module = name.substring(0, name.length() - suffix.getKey().length());
                return Optional.of(new LoraTensorName(layout, module, suffix.getValue(), suffix.getKey()));
            }
        }
        return Optional.empty();
    }

    private static Map<String, LoraPart> kohyaSuffixes() {
        Map<String, LoraPart> suffixes = new HashMap<>();
        for (LoraPart part : LoraPart.values()) {
            if (part.lycorisSuffix() != null) {
                suffixes.put(part.lycorisSuffix(), part);
            }
        }
        suffixes.put("lora_down.weight", LoraPart.DOWN);
        suffixes.put("lora_up.weight", LoraPart.UP);
        suffixes.put("alpha", LoraPart.ALPHA);
        suffixes.put("dora_scale", LoraPart.MAGNITUDE);
        return Map.copyOf(suffixes);
    }
}
