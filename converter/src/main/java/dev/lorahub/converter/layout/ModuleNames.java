package dev.lorahub.converter.layout;

import dev.lorahub.converter.basemodel.BaseModel;
import dev.lorahub.converter.basemodel.DiffusersNames;
import dev.lorahub.converter.basemodel.DiffusersPart;
import dev.lorahub.formats.safetensors.SafetensorsHeader;
import dev.lorahub.formats.safetensors.TensorInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Translation between module names of each {@link KeyLayout} and the layer paths of a base model's catalogue.
 * kohya names replace every dot of the path with an underscore, which is ambiguous in general
 * ({@code transformer_blocks}, {@code to_out_0}), so they are resolved only through the catalogue's kohya names.
 */
final class ModuleNames {

    private final BaseModel base;
    private final Map<String, String> kohyaNameByPath = new HashMap<>();

    ModuleNames(BaseModel base) {
        this.base = base;
        base.kohyaNames().forEach((kohyaName, path) -> kohyaNameByPath.put(path, kohyaName));
    }

    /** The modules of a source file and the layout of their factor names. */
    record Parsed(KeyLayout layout, List<SourceModule> modules) {}

    /**
     * Groups the tensors of the header into modules.
     *
     * @throws IllegalArgumentException if a tensor is not a LoRA factor or alpha, the factor names mix layouts,
     *     a module lacks a factor, a module adapts no layer of the base model, or a cloneofsimo file does not
     *     fit the positions that {@link LegacyNames#layerPath} checks
     */
    Parsed parse(SafetensorsHeader header) {
        Map<String, TensorInfo[]> byModule = new LinkedHashMap<>();
        Map<String, KeyLayout> layouts = new LinkedHashMap<>();
        for (TensorInfo tensor : header.tensors()) {
            addTensor(tensor, byModule, layouts);
        }
        List<KeyLayout> distinct = layouts.values().stream().distinct().toList();
        if (distinct.size() != 1) {
            throw new IllegalArgumentException("Expected the LoRA factors of one layout, found " + distinct);
        }
        if (distinct.get(0) == KeyLayout.CLONEOFSIMO) {
            LegacyNames.requireDefaultTargets(header.metadata());
        }
        List<SourceModule> modules = new ArrayList<>();
        byModule.forEach((module, parts) -> modules.add(sourceModule(module, parts, distinct.get(0))));
        return new Parsed(distinct.get(0), modules);
    }

    /**
     * Returns the module name of the layer in the layout.
     *
     * @throws IllegalArgumentException if the layout cannot name the layer
     */
    String moduleName(String layerPath, KeyLayout layout) {
        return switch (layout) {
            case KOHYA -> Optional.ofNullable(kohyaNameByPath.get(layerPath)).orElseThrow(() ->
                    new IllegalArgumentException("Base model " + base.id() + " has no kohya name for layer " + layerPath));
            case DIFFUSERS, DIFFUSERS_LEGACY -> requireComponent(layerPath, "unet.", "text_encoder.", "text_encoder_2.");
            case PEFT -> KeyLayout.PEFT_PREFIX + stripComponent(requireComponent(layerPath, "unet.", "text_encoder."));
            case DIFFUSERS_ATTN_PROCESSOR, CLONEOFSIMO -> throw new IllegalArgumentException(
                    "Layout " + layout + " is read only: choose " + KeyLayout.WRITABLE);
        };
    }

    private static void addTensor(TensorInfo tensor, Map<String, TensorInfo[]> byModule, Map<String, KeyLayout> layouts) {
        Optional<LegacyNames.Factor> legacy = LegacyNames.factor(tensor.name());
        if (legacy.isPresent()) {
            String module = legacy.get().module();
            byModule.computeIfAbsent(module, key -> new TensorInfo[FactorRole.values().length])[legacy.get().role().ordinal()] = tensor;
            layouts.put(module, legacy.get().layout());
            return;
        }
        for (FactorRole role : FactorRole.values()) {
            Optional<String> suffix = FactorRole.suffixOf(tensor.name(), role);
            if (suffix.isPresent()) {
                String module = tensor.name().substring(0, tensor.name().length() - suffix.get().length());
                byModule.computeIfAbsent(module, key -> new TensorInfo[FactorRole.values().length])[role.ordinal()] = tensor;
                if (role != FactorRole.ALPHA) {
                    layouts.put(module, layoutOf(module, suffix.get()));
                }
                return;
            }
        }
        throw new IllegalArgumentException("Tensor " + tensor.name() + " is not a LoRA down, up or alpha tensor"
                + " of the kohya, diffusers, PEFT, diffusers attention-processor or cloneofsimo layout");
    }

    private static KeyLayout layoutOf(String module, String suffix) {
        if (suffix.equals(FactorRole.DOWN.kohyaSuffix()) || suffix.equals(FactorRole.UP.kohyaSuffix())) {
            return KeyLayout.KOHYA;
        }
        if (suffix.equals(FactorRole.DOWN.peftSuffix()) || suffix.equals(FactorRole.UP.peftSuffix())) {
            return module.startsWith(KeyLayout.PEFT_PREFIX) ? KeyLayout.PEFT : KeyLayout.DIFFUSERS;
        }
        return KeyLayout.DIFFUSERS_LEGACY;
    }

    private SourceModule sourceModule(String module, TensorInfo[] parts, KeyLayout layout) {
        TensorInfo down = parts[FactorRole.DOWN.ordinal()];
        TensorInfo up = parts[FactorRole.UP.ordinal()];
        if (down == null || up == null) {
            throw new IllegalArgumentException("Module " + module + " lacks its " + (down == null ? "down" : "up") + " factor");
        }
        TensorInfo alpha = parts[FactorRole.ALPHA.ordinal()];
        if (!layout.isWritable()) {
            return new SourceModule(LegacyNames.layerPath(module, down, up, layout, base), down, up, alpha);
        }
        Optional<String> path = layerPath(module, layout);
        if (path.isPresent()) {
            return new SourceModule(path.get(), down, up, alpha);
        }
        DiffusersPart.Reference reference = partReference(module, layout).orElseThrow(() -> new IllegalArgumentException(
                "Module " + module + " adapts no layer of base model " + base.id()));
        return new SourceModule(reference.layerPath(), down, up, alpha, reference.part());
    }

    /** Returns the transformer layer part that a diffusers or PEFT module adapts, when the base model has that layer. */
    private Optional<DiffusersPart.Reference> partReference(String module, KeyLayout layout) {
        String diffusersName = switch (layout) {
            case KOHYA, DIFFUSERS_ATTN_PROCESSOR, CLONEOFSIMO -> null;
            case DIFFUSERS, DIFFUSERS_LEGACY -> module;
            case PEFT -> "transformer." + module.substring(KeyLayout.PEFT_PREFIX.length());
        };
        return Optional.ofNullable(diffusersName)
                .flatMap(diffusersModule -> DiffusersNames.reference(diffusersModule, base));
    }

    private Optional<String> layerPath(String module, KeyLayout layout) {
        return switch (layout) {
            case KOHYA -> base.kohyaPath(module);
            case DIFFUSERS, DIFFUSERS_LEGACY -> base.layer(module).map(layer -> module);
            case PEFT -> peftLayerPath(module.substring(KeyLayout.PEFT_PREFIX.length()));
            case DIFFUSERS_ATTN_PROCESSOR, CLONEOFSIMO -> Optional.empty();
        };
    }

    /** PEFT names are relative to the wrapped component, which the first path segment identifies. */
    private Optional<String> peftLayerPath(String relativePath) {
        String component = relativePath.startsWith("text_model.") ? "text_encoder." : "unet.";
        return base.layer(component + relativePath).map(layer -> component + relativePath);
    }

    private static String requireComponent(String layerPath, String... components) {
        for (String component : components) {
            if (layerPath.startsWith(component)) {
                return layerPath;
            }
        }
        throw new IllegalArgumentException("Layer " + layerPath + " cannot be named in this layout: expected a path"
                + " under " + String.join(", ", components));
    }

    private static String stripComponent(String layerPath) {
        return layerPath.substring(layerPath.indexOf('.') + 1);
    }
}
