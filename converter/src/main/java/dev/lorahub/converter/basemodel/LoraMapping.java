package dev.lorahub.converter.basemodel;

import dev.lorahub.formats.lora.LoraLayout;
import java.util.List;
import java.util.Optional;

/**
 * Mapping of LoRA module names to the layer paths of the catalogue ({@link Layer#path()}).
 *
 * <ul>
 *   <li>kohya: the name is looked up among the kohya names of the base model, then of every catalogued
 *       model, so an SD 1.5 name such as {@code lora_unet_down_blocks_1_attentions_0_…_attn2_to_k} maps to
 *       {@code unet.down_blocks.1.attentions.0.…attn2.to_k} also when it is checked against SDXL.
 *   <li>diffusers: the module name is already the path, such as {@code unet.…attn1.to_k}. A diffusers Flux.1
 *       or SD3 name such as {@code transformer.transformer_blocks.0.attn.to_q} adapts a part of a catalogue
 *       layer, which {@link DiffusersNames#partLayer} returns for the base model.
 *   <li>diffusers attention processors: {@code [unet.]<path>.processor.to_k_lora} maps to
 *       {@code unet.<path>.to_k}, and {@code to_out_lora} to {@code to_out.0}.
 *   <li>PEFT: {@code base_model.model.<path>} maps to {@code <path>}, under {@code unet.} when it starts
 *       with a UNet block and under {@code transformer.} when it is a diffusers Flux.1 or SD3 module. It
 *       matches the layer whose path ends with it.
 *   <li>cloneofsimo: {@code unet:<index>} and {@code text_encoder:<index>} are positions in the tool's
 *       traversal of the base model's layers, which {@link CloneofsimoOrder} rebuilds from the catalogue.
 * </ul>
 */
public final class LoraMapping {

    private static final List<String> UNET_BLOCKS =
            List.of("down_blocks.", "mid_block.", "up_blocks.", "conv_in", "conv_out", "time_embedding.");
    private static final String PROCESSOR = ".processor.";

    private LoraMapping() {}

    /** Returns the layer path that the module adapts, or empty when its name cannot be translated. */
    public static Optional<String> layerPath(ModuleFactors module, BaseModel base) {
        String name = module.name();
        return switch (module.layout()) {
            case KOHYA, LYCORIS -> kohyaPath(name, base);
            case DIFFUSERS -> Optional.of(name);
            case DIFFUSERS_ATTN_PROCESSOR -> Optional.of(processorPath(name));
            case PEFT -> Optional.of(peftPath(name));
            case CLONEOFSIMO -> CloneofsimoOrder.layerPath(name, base);
        };
    }

    /** Returns the layer of the base model that the module adapts, or empty when the base has none. */
    public static Optional<Layer> layer(ModuleFactors module, BaseModel base) {
        Optional<String> path = layerPath(module, base);
        Optional<Layer> layer = module.layout() == LoraLayout.PEFT
                ? path.flatMap(base::layerEndingWith)
                : path.flatMap(base::layer);
        return layer.or(() -> path.flatMap(diffusersPath -> DiffusersNames.partLayer(diffusersPath, base)));
    }

    private static Optional<String> kohyaPath(String name, BaseModel base) {
        Optional<String> own = base.kohyaPath(name);
        if (own.isPresent()) {
            return own;
        }
        return BaseModels.all().stream().flatMap(model -> model.kohyaPath(name).stream()).findFirst();
    }

    /** Translates {@code down_blocks.0.….attn1.processor.to_out_lora} to {@code unet.down_blocks.0.….attn1.to_out.0}. */
    private static String processorPath(String name) {
        String path = name.startsWith("unet.") ? name : "unet." + name;
        int processor = path.lastIndexOf(PROCESSOR);
        String projection = path.substring(processor + PROCESSOR.length(), path.length() - "_lora".length());
        String layerName = projection.equals("to_out") ? "to_out.0" : projection;
        return path.substring(0, processor) + "." + layerName;
    }

    private static String peftPath(String name) {
        String path = name.substring("base_model.model.".length());
        if (UNET_BLOCKS.stream().anyMatch(path::startsWith)) {
            return "unet." + path;
        }
        String transformerPath = "transformer." + path;
        return DiffusersNames.isTransformerModule(transformerPath) ? transformerPath : path;
    }
}
