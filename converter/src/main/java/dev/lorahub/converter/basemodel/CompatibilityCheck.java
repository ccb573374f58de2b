package dev.lorahub.converter.basemodel;

import dev.lorahub.formats.safetensors.SafetensorsHeader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Check of a LoRA's modules against the layers of a base model: each module must name a layer of the
 * base model, and its down and up factors must fit that layer's kind, kernel size, input and output size.
 * It reads only the header, so it needs no tensor data.
 */
public final class CompatibilityCheck {

    private CompatibilityCheck() {}

    /** Checks every LoRA module of the header against the base model. */
    public static CompatibilityReport check(SafetensorsHeader lora, BaseModel base) {
        return check(LoraModules.of(lora), base);
    }

    /** Checks already grouped modules against the base model. */
    public static CompatibilityReport check(LoraModules modules, BaseModel base) {
        List<Layer> matched = new ArrayList<>();
        List<UnknownModule> unknown = new ArrayList<>();
        List<ShapeMismatch> mismatches = new ArrayList<>();
        for (ModuleFactors module : modules.modules()) {
            Optional<Layer> layer = LoraMapping.layer(module, base);
            if (layer.isEmpty()) {
                unknown.add(new UnknownModule(module.name(), LoraMapping.layerPath(module, base)));
            } else {
                compare(module, layer.get(), matched, mismatches);
            }
        }
        return new CompatibilityReport(base, matched, unknown, mismatches, modules.unreadable());
    }

    /** Adds the layer to {@code matched} when the factors fit its kind, kernel size and sizes, else adds a mismatch. */
    private static void compare(ModuleFactors module, Layer layer, List<Layer> matched, List<ShapeMismatch> mismatches) {
        Layer actual = module.layerShape(layer.path());
        if (actual.equals(layer)) {
            matched.add(layer);
        } else {
            mismatches.add(new ShapeMismatch(module.name(), layer, actual));
        }
    }
}
