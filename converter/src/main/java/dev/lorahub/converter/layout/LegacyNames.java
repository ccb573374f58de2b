package dev.lorahub.converter.layout;

import dev.lorahub.converter.basemodel.BaseModel;
import dev.lorahub.converter.basemodel.BaseModels;
import dev.lorahub.converter.basemodel.Layer;
import dev.lorahub.converter.basemodel.LoraMapping;
import dev.lorahub.converter.basemodel.ModuleFactors;
import dev.lorahub.formats.lora.LoraLayout;
import dev.lorahub.formats.safetensors.TensorInfo;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names of the layouts that {@link LayoutConversion} reads but does not write: diffusers attention processors
 * ({@code down_blocks.0.….attn1.processor.to_q_lora.down.weight}) and cloneofsimo/lora positions
 * ({@code unet:<index>:down}, {@code text_encoder:<index>:up}). {@link LoraMapping} translates both to layer paths.
 */
final class LegacyNames {

    private static final Pattern CLONEOFSIMO = Pattern.compile("((?:unet|text_encoder):\\d+):(down|up)");
    private static final Pattern CLONEOFSIMO_METADATA = Pattern.compile("(?:unet|text_encoder)(?::\\d+:rank)?");
    private static final Pattern QUOTED = Pattern.compile("\"([^\"]*)\"");
    private static final String PROCESSOR = ".processor.";
    private static final String PROCESSOR_DOWN = "_lora.down.weight";
    private static final String PROCESSOR_UP = "_lora.up.weight";

    /** The default target classes of cloneofsimo/lora, the only ones whose positions {@link LoraMapping} maps. */
    private static final Map<String, Set<String>> DEFAULT_TARGETS = Map.of(
            "unet", Set.of("CrossAttention", "Attention", "GEGLU"),
            "text_encoder", Set.of("CLIPAttention"));

    private LegacyNames() {}

    /** A down or up factor of a module, named as {@link LoraMapping} expects. */
    record Factor(String module, FactorRole role, KeyLayout layout) {}

    /** Returns the module and role of a tensor name of one of these layouts, or empty for any other name. */
    static Optional<Factor> factor(String tensorName) {
        Matcher cloneofsimo = CLONEOFSIMO.matcher(tensorName);
        if (cloneofsimo.matches()) {
            FactorRole role = cloneofsimo.group(2).equals("up") ? FactorRole.UP : FactorRole.DOWN;
            return Optional.of(new Factor(cloneofsimo.group(1), role, KeyLayout.CLONEOFSIMO));
        }
        if (!tensorName.contains(PROCESSOR)) {
            return Optional.empty();
        }
        if (tensorName.endsWith(PROCESSOR_DOWN)) {
            return Optional.of(processorFactor(tensorName, PROCESSOR_DOWN, FactorRole.DOWN));
        }
        if (tensorName.endsWith(PROCESSOR_UP)) {
            return Optional.of(processorFactor(tensorName, PROCESSOR_UP, FactorRole.UP));
        }
        return Optional.empty();
    }

    /** Returns whether a metadata key is one of cloneofsimo/lora's target-class or per-position rank entries. */
    static boolean isCloneofsimoMetadata(String key) {
        return CLONEOFSIMO_METADATA.matcher(key).matches();
    }

    /**
     * Checks the target classes that a cloneofsimo/lora file lists in its metadata under {@code unet} and
     * {@code text_encoder}. A file without those entries passes, and the shape check of each module remains.
     *
     * @throws IllegalArgumentException if a list differs from the default targets, because other classes
     *     number the layers differently
     */
    static void requireDefaultTargets(Map<String, String> metadata) {
        DEFAULT_TARGETS.forEach((component, expected) -> {
            String listed = metadata.get(component);
            if (listed == null) {
                return;
            }
            Set<String> classes = new LinkedHashSet<>();
            QUOTED.matcher(listed).results().forEach(match -> classes.add(match.group(1)));
            if (!classes.equals(expected)) {
                throw new IllegalArgumentException("Cloneofsimo target classes " + listed + " of " + component
                        + " are not supported: positions are mapped only for the default targets " + expected);
            }
        });
    }

    /**
     * Returns the catalogue path of the layer that the module adapts.
     *
     * @throws IllegalArgumentException if the base model has no such layer, or for a cloneofsimo module, if the
     *     base model is not SD 1.x or the factors do not fit the layer at the module's position
     */
    static String layerPath(String module, TensorInfo down, TensorInfo up, KeyLayout layout, BaseModel base) {
        LoraLayout loraLayout = layout == KeyLayout.CLONEOFSIMO ? LoraLayout.CLONEOFSIMO : LoraLayout.DIFFUSERS_ATTN_PROCESSOR;
        if (loraLayout == LoraLayout.CLONEOFSIMO && base != BaseModels.SD15) {
            throw new IllegalArgumentException("Cloneofsimo module " + module + " cannot be converted for base model "
                    + base.id() + ": cloneofsimo/lora positions are mapped only for SD 1.x (" + BaseModels.SD15.id() + ")");
        }
        ModuleFactors factors = new ModuleFactors(module, loraLayout, down, up);
        String path = LoraMapping.layerPath(factors, base).filter(candidate -> base.layer(candidate).isPresent())
                .orElseThrow(() -> new IllegalArgumentException("Module " + module + " adapts no layer of base model "
                        + base.id() + (loraLayout == LoraLayout.CLONEOFSIMO ? ": its index is beyond the positions of"
                        + " the default targets" : "")));
        if (loraLayout == LoraLayout.CLONEOFSIMO) {
            requireFit(factors, base.layer(path).orElseThrow(), base);
        }
        return path;
    }

    /** Positions carry no layer name, so factors that do not fit the layer mean another base model or other targets. */
    private static void requireFit(ModuleFactors factors, Layer layer, BaseModel base) {
        Layer actual = factors.layerShape(layer.path());
        if (!actual.equals(layer)) {
            throw new IllegalArgumentException("Cloneofsimo module " + factors.name() + " has factors for "
                    + actual.describeShape() + ", but its position is layer " + layer.path() + " ("
                    + layer.describeShape() + ") of base model " + base.id()
                    + ": the file adapts another base model or other target classes");
        }
    }

    private static Factor processorFactor(String tensorName, String suffix, FactorRole role) {
        String module = tensorName.substring(0, tensorName.length() - suffix.length()) + "_lora";
        return new Factor(module, role, KeyLayout.DIFFUSERS_ATTN_PROCESSOR);
    }
}
