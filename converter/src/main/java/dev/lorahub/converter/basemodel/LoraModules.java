package dev.lorahub.converter.basemodel;

import dev.lorahub.formats.lora.LoraLayout;
import dev.lorahub.formats.safetensors.SafetensorsHeader;
import dev.lorahub.formats.safetensors.TensorInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The LoRA modules of a safetensors header, grouped from the down and up tensors of each module.
 *
 * <p>Tensors of other roles (alpha, LoCon's {@code lora_mid}, DoRA magnitudes, LoHa and LoKr factors) and
 * tensors that match no layout, such as the full layers of PEFT's {@code modules_to_save}, are skipped.
 * NOTE: a LoCon module with a {@code lora_mid} (Tucker) tensor has a 1×1 down factor, so its kernel
 * size reads as 1.
 *
 * @param modules the modules with both factors, in header order of their first tensor
 * @param unreadable the names of modules whose layer shape cannot be read: one factor is missing, a factor
 *     is not 2-D or 4-D, or the up factor's rank differs from the down factor's
 */
public record LoraModules(List<ModuleFactors> modules, List<String> unreadable) {

    /** Tensor name suffixes of down and up factors. The first match wins, so kohya names are tried first. */
    private static final List<Suffix> SUFFIXES = List.of(
            new Suffix(".lora_down.weight", ".lora_up.weight", LoraLayout.KOHYA),
            new Suffix("_lora.down.weight", "_lora.up.weight", LoraLayout.DIFFUSERS_ATTN_PROCESSOR),
            new Suffix(".lora_A.weight", ".lora_B.weight", LoraLayout.DIFFUSERS),
            new Suffix(".lora.down.weight", ".lora.up.weight", LoraLayout.DIFFUSERS),
            new Suffix(".lora_linear_layer.down.weight", ".lora_linear_layer.up.weight", LoraLayout.DIFFUSERS));

    private static final Pattern CLONEOFSIMO = Pattern.compile("((?:unet|text_encoder):\\d+):(down|up)");
    private static final String PEFT_PREFIX = "base_model.model.";

    public LoraModules {
        modules = List.copyOf(modules);
        unreadable = List.copyOf(unreadable);
    }

    /** Groups the down and up tensors of the header by module. */
    public static LoraModules of(SafetensorsHeader header) {
        Map<String, TensorInfo[]> factors = new LinkedHashMap<>();
        Map<String, LoraLayout> layouts = new LinkedHashMap<>();
        for (TensorInfo tensor : header.tensors()) {
            factor(tensor.name()).ifPresent(factor -> {
                factors.computeIfAbsent(factor.module(), module -> new TensorInfo[2])[factor.upIndex()] = tensor;
                layouts.put(factor.module(), factor.layout());
            });
        }
        return pair(factors, layouts);
    }

    private static LoraModules pair(Map<String, TensorInfo[]> factors, Map<String, LoraLayout> layouts) {
        List<ModuleFactors> modules = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        factors.forEach((module, downAndUp) -> {
            if (ModuleFactors.areValid(downAndUp[0], downAndUp[1])) {
                modules.add(new ModuleFactors(module, layouts.get(module), downAndUp[0], downAndUp[1]));
            } else {
                unreadable.add(module);
            }
        });
        return new LoraModules(modules, unreadable);
    }

    /** Returns the module, layout and role of a factor tensor name, or empty for any other tensor. */
    private static Optional<Factor> factor(String name) {
        Matcher cloneofsimo = CLONEOFSIMO.matcher(name);
        if (cloneofsimo.matches()) {
            return Optional.of(new Factor(cloneofsimo.group(1), LoraLayout.CLONEOFSIMO, cloneofsimo.group(2).equals("up") ? 1 : 0));
        }
        for (Suffix suffix : SUFFIXES) {
            Optional<Factor> factor = suffix.match(name);
            if (factor.isPresent()) {
                return factor;
            }
        }
        return Optional.empty();
    }

    private record Factor(String module, LoraLayout layout, int upIndex) {}

    /** A pair of down and up suffixes. A {@code base_model.model.} name is PEFT whatever its suffix. */
    private record Suffix(String down, String up, LoraLayout layout) {

        Optional<Factor> match(String name) {
            boolean isUp = name.endsWith(up);
            if (!isUp && !name.endsWith(down)) {
                return Optional.empty();
            }
            String module = name.substring(0, name.length() - (isUp ? up : down).length());
            boolean isProcessor = layout != LoraLayout.DIFFUSERS_ATTN_PROCESSOR || module.contains(".processor.");
            if (module.isEmpty() || !isProcessor) {
                return Optional.empty();
            }
            LoraLayout actual = module.startsWith(PEFT_PREFIX) ? LoraLayout.PEFT : layout;
            String moduleName = layout == LoraLayout.DIFFUSERS_ATTN_PROCESSOR ? module + "_lora" : module;
            return Optional.of(new Factor(moduleName, actual, isUp ? 1 : 0));
        }
    }
}
