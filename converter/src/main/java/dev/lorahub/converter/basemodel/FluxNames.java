package dev.lorahub.converter.basemodel;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Translation between the Flux.1 transformer layers of the catalogue, named as in Black Forest Labs' reference
 * code ({@code transformer.double_blocks.N.img_attn.qkv}), and the diffusers modules of
 * {@code FluxTransformer2DModel} that adapt them ({@code transformer.transformer_blocks.N.attn.to_q}).
 *
 * <p>diffusers splits three fused layers into row blocks of the output: {@code img_attn.qkv} and
 * {@code txt_attn.qkv} into q, k and v of {@code hidden} rows each, and {@code single_blocks.N.linear1} into q,
 * k, v of {@code hidden} rows and {@code proj_mlp} of {@code 4 × hidden} rows, in that order. The other layers
 * map to one diffusers module each. {@code final_layer.adaLN_modulation.1} becomes {@code norm_out.linear} with
 * its two output halves swapped, because the reference code orders them (shift, scale) and diffusers'
 * {@code AdaLayerNormContinuous} (scale, shift). The names follow diffusers' conversion of kohya Flux LoRAs
 * in {@code src/diffusers/loaders/lora_conversion_utils.py}.
 */
final class FluxNames {

    /** The hidden size of Flux.1 dev and schnell. */
    static final long HIDDEN = 3072;
    /** The MLP width of Flux.1: 4 × {@link #HIDDEN}. */
    static final long MLP = 4 * HIDDEN;

    private static final String PREFIX = "transformer.";
    private static final Pattern DOUBLE = Pattern.compile("transformer\\.double_blocks\\.(\\d+)\\.(img|txt)_(.+)");
    private static final Pattern SINGLE = Pattern.compile("transformer\\.single_blocks\\.(\\d+)\\.(.+)");
    private static final Pattern DIFFUSERS_BLOCK =
            Pattern.compile("transformer\\.(transformer_blocks|single_transformer_blocks)\\.(\\d+)\\.(.+)");
    private static final String SWAPPED_LAYER = "final_layer.adaLN_modulation.1";

    /** diffusers module of a double block, relative to the block, by stream and reference layer. */
    private static final Map<String, List<String>> DOUBLE_PARTS = Map.of(
            "img_attn.qkv", List.of("attn.to_q", "attn.to_k", "attn.to_v"),
            "txt_attn.qkv", List.of("attn.add_q_proj", "attn.add_k_proj", "attn.add_v_proj"),
            "img_attn.proj", List.of("attn.to_out.0"),
            "txt_attn.proj", List.of("attn.to_add_out"),
            "img_mlp.0", List.of("ff.net.0.proj"),
            "img_mlp.2", List.of("ff.net.2"),
            "txt_mlp.0", List.of("ff_context.net.0.proj"),
            "txt_mlp.2", List.of("ff_context.net.2"),
            "img_mod.lin", List.of("norm1.linear"),
            "txt_mod.lin", List.of("norm1_context.linear"));

    private static final Map<String, List<String>> SINGLE_PARTS = Map.of(
            "linear1", List.of("attn.to_q", "attn.to_k", "attn.to_v", "proj_mlp"),
            "linear2", List.of("proj_out"),
            "modulation.lin", List.of("norm.linear"));

    /** diffusers module of each layer outside the blocks, both relative to the transformer. */
    private static final Map<String, String> OUTER_LAYERS = Map.of(
            "img_in", "x_embedder",
            "txt_in", "context_embedder",
            "time_in.in_layer", "time_text_embed.timestep_embedder.linear_1",
            "time_in.out_layer", "time_text_embed.timestep_embedder.linear_2",
            "vector_in.in_layer", "time_text_embed.text_embedder.linear_1",
            "vector_in.out_layer", "time_text_embed.text_embedder.linear_2",
            "guidance_in.in_layer", "time_text_embed.guidance_embedder.linear_1",
            "guidance_in.out_layer", "time_text_embed.guidance_embedder.linear_2",
            "final_layer.linear", "proj_out",
            SWAPPED_LAYER, "norm_out.linear");

    private FluxNames() {}

    /** Returns the diffusers parts of a Flux transformer layer, or empty when the path is not one. */
    static Optional<List<DiffusersPart>> parts(String layerPath) {
        Matcher doubleBlock = DOUBLE.matcher(layerPath);
        if (doubleBlock.matches()) {
            String layer = doubleBlock.group(2) + "_" + doubleBlock.group(3);
            return build("transformer_blocks." + doubleBlock.group(1) + ".", DOUBLE_PARTS.get(layer));
        }
        Matcher single = SINGLE.matcher(layerPath);
        if (single.matches()) {
            return build("single_transformer_blocks." + single.group(1) + ".", SINGLE_PARTS.get(single.group(2)));
        }
        if (!layerPath.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String relative = layerPath.substring(PREFIX.length());
        String module = OUTER_LAYERS.get(relative);
        if (module == null) {
            return Optional.empty();
        }
        return Optional.of(List.of(new DiffusersPart(PREFIX + module, 0, 0, 0, relative.equals(SWAPPED_LAYER))));
    }

    /** Returns the reference layer and part of a diffusers Flux module name, or empty when it names none. */
    static Optional<DiffusersPart.Reference> reference(String diffusersModule) {
        Matcher block = DIFFUSERS_BLOCK.matcher(diffusersModule);
        if (block.matches()) {
            return blockReference(block);
        }
        if (!diffusersModule.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String relative = diffusersModule.substring(PREFIX.length());
        return OUTER_LAYERS.entrySet().stream()
                .filter(entry -> entry.getValue().equals(relative))
                .findFirst()
                .map(entry -> reference(PREFIX + entry.getKey(), 0));
    }

    private static Optional<DiffusersPart.Reference> blockReference(Matcher block) {
        boolean isDouble = block.group(1).equals("transformer_blocks");
        Map<String, List<String>> partsByLayer = isDouble ? DOUBLE_PARTS : SINGLE_PARTS;
        for (Map.Entry<String, List<String>> entry : partsByLayer.entrySet()) {
            int index = entry.getValue().indexOf(block.group(3));
            if (index >= 0) {
                String layerPath = PREFIX + (isDouble ? "double_blocks." : "single_blocks.") + block.group(2) + "."
                        + entry.getKey();
                return Optional.of(reference(layerPath, index));
            }
        }
        return Optional.empty();
    }

    private static DiffusersPart.Reference reference(String layerPath, int index) {
        return new DiffusersPart.Reference(layerPath, parts(layerPath).orElseThrow().get(index));
    }

    private static Optional<List<DiffusersPart>> build(String blockPrefix, List<String> names) {
        if (names == null) {
            return Optional.empty();
        }
        if (names.size() == 1) {
            return Optional.of(List.of(new DiffusersPart(PREFIX + blockPrefix + names.get(0), 0, 0, 0, false)));
        }
        DiffusersPart[] parts = new DiffusersPart[names.size()];
        long offset = 0;
        for (int index = 0; index < names.size(); index++) {
            long rows = names.get(index).equals("proj_mlp") ? MLP : HIDDEN;
            parts[index] = new DiffusersPart(PREFIX + blockPrefix + names.get(index), index, offset, rows, false);
            offset += rows;
        }
        return Optional.of(List.of(parts));
    }
}
