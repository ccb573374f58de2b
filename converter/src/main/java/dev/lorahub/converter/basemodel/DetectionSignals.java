package dev.lorahub.converter.basemodel;

import dev.lorahub.formats.lora.LoraLayout;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The structural signals of a LoRA's base model, in the order in which {@link BaseModelDetector} applies
 * them: the block names, the input size of cross-attention {@code to_k}, the text encoder's width and
 * depth, and whether {@code proj_in} is a convolution.
 */
final class DetectionSignals {

    private static final Set<String> STABLE_DIFFUSION = Set.of("sd15", "sd2", "sdxl");
    private static final Set<String> LANGUAGE_MODELS = Set.of("distilbert-base", "gpt2", "llama3-8b", "qwen2.5-7b");
    private static final Pattern FIRST_TEXT_ENCODER = Pattern.compile("^(?:lora_te1?_|text_encoder\\.)");
    private static final Pattern TEXT_LAYER_INDEX =
            Pattern.compile("^(?:lora_te_|text_encoder\\.)text_model[._]encoder[._]layers[._](\\d+)[._]");

    private DetectionSignals() {}

    /** Returns the signals found in the modules, in order. */
    static List<Signal> of(List<ModuleFactors> modules) {
        return Stream.of(blockNames(modules), crossAttention(modules), textEncoderWidth(modules),
                        textEncoderDepth(modules), projectionIn(modules))
                .flatMap(Optional::stream)
                .toList();
    }

    /**
     * Returns the model family that the block names and component prefixes name. Flux.1 and SD3 are tested
     * before SDXL because SD3 LoRAs also have a {@code lora_te2_} text encoder.
     */
    static Optional<Signal> blockNames(List<ModuleFactors> modules) {
        if (anyName(modules, "double_blocks", "single_blocks", "single_transformer_blocks")) {
            return Optional.of(new Signal(Set.of("flux1-dev"), "double and single blocks ⇒ Flux.1"));
        }
        if (anyName(modules, "joint_blocks")) {
            return Optional.of(new Signal(Set.of("sd35-large"), "joint blocks ⇒ SD3, of which the catalogue has SD 3.5 Large"));
        }
        if (modules.stream().anyMatch(module -> isDiffusionTransformer(module.name()))) {
            return Optional.of(new Signal(Set.of("flux1-dev", "sd35-large"),
                    "diffusers transformer names ⇒ Flux.1 or SD3, which the layer shapes decide"));
        }
        if (anyName(modules, "input_blocks", "middle_block", "output_blocks", "lora_te2_", "text_encoder_2.")) {
            return Optional.of(new Signal(Set.of("sdxl"), "SGM block names or a second CLIP text encoder ⇒ SDXL"));
        }
        if (anyName(modules, "down_blocks", "mid_block", "up_blocks")) {
            return Optional.of(new Signal(STABLE_DIFFUSION, "diffusers UNet blocks ⇒ SD 1.x, SD 2.x or SDXL"));
        }
        boolean isPeft = modules.stream().allMatch(module -> module.layout() == LoraLayout.PEFT);
        Signal languageModel = new Signal(LANGUAGE_MODELS, "PEFT names without a UNet ⇒ a language model");
        return isPeft ? Optional.of(languageModel) : Optional.empty();
    }

    /** Returns the base models whose cross-attention context width is the input size of {@code attn2.to_k}. */
    static Optional<Signal> crossAttention(List<ModuleFactors> modules) {
        Predicate<String> isCrossAttentionKey = name -> name.contains("attn2_to_k") || name.contains("attn2.to_k")
                || name.contains("attn2.processor.to_k");
        return firstInput(modules, isCrossAttentionKey).map(width -> {
            Set<String> ids = switch (width.intValue()) {
                case 768 -> Set.of("sd15");
                case 1024 -> Set.of("sd2");
                case 2048 -> Set.of("sdxl");
                default -> Set.of();
            };
            return new Signal(ids, "attn2.to_k input " + width + " (SD 1.x 768, SD 2.x 1024, SDXL 2048)");
        });
    }

    /**
     * Returns the base models whose first text encoder has the input size of an attention projection or of
     * {@code mlp.fc1}, which is the encoder's hidden size.
     */
    static Optional<Signal> textEncoderWidth(List<ModuleFactors> modules) {
        Predicate<String> isHiddenInput = name -> FIRST_TEXT_ENCODER.matcher(name).find()
                && (name.contains("self_attn") || name.contains("fc1"));
        return firstInput(modules, isHiddenInput).map(width -> {
            Set<String> ids = switch (width.intValue()) {
                case 768 -> Set.of("sd15", "sdxl", "sd35-large", "flux1-dev");
                case 1024 -> Set.of("sd2");
                default -> Set.of();
            };
            return new Signal(ids, "text encoder width " + width + " (CLIP-L 768, OpenCLIP-H 1024)");
        });
    }

    /** Returns SD 2.x when the single text encoder has a layer beyond CLIP-L's 12, which OpenCLIP-H has 23 of. */
    static Optional<Signal> textEncoderDepth(List<ModuleFactors> modules) {
        int maxIndex = -1;
        for (ModuleFactors module : modules) {
            Matcher matcher = TEXT_LAYER_INDEX.matcher(module.name());
            if (matcher.find()) {
                maxIndex = Math.max(maxIndex, Integer.parseInt(matcher.group(1)));
            }
        }
        if (maxIndex < 12) {
            return Optional.empty();
        }
        Set<String> ids = maxIndex <= 22 ? Set.of("sd2") : Set.of();
        return Optional.of(new Signal(ids, "text encoder layer index " + maxIndex + ", beyond CLIP-L's 12 layers"));
    }

    /** Returns SD 1.x for a 4-D {@code proj_in} factor (1×1 convolution) and SD 2.x or SDXL for a 2-D one. */
    static Optional<Signal> projectionIn(List<ModuleFactors> modules) {
        Optional<ModuleFactors> projection =
                modules.stream().filter(module -> module.name().contains("proj_in")).findFirst();
        return projection.map(module -> module.down().ndim() == 4
                ? new Signal(Set.of("sd15"), "proj_in is a 1×1 convolution ⇒ SD 1.x")
                : new Signal(Set.of("sd2", "sdxl"), "proj_in is linear ⇒ SD 2.x or SDXL"));
    }

    /**
     * Returns whether the module has a diffusers or PEFT name of a Flux.1 or SD3 transformer module. Both models
     * name their blocks {@code transformer_blocks.N} there, with {@code attn.add_q_proj} for the text stream.
     */
    private static boolean isDiffusionTransformer(String name) {
        return name.startsWith("transformer.transformer_blocks.") || name.startsWith("base_model.model.transformer_blocks.")
                || name.contains("add_q_proj") || DiffusersNames.isTransformerModule(name);
    }

    private static boolean anyName(List<ModuleFactors> modules, String... parts) {
        return modules.stream().anyMatch(module -> List.of(parts).stream().anyMatch(module.name()::contains));
    }

    private static Optional<Long> firstInput(List<ModuleFactors> modules, Predicate<String> isName) {
        return modules.stream()
                .filter(module -> isName.test(module.name()))
                .findFirst()
                .map(module -> module.down().dimension(1));
    }
}
