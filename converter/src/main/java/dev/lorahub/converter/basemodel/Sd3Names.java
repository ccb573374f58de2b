package dev.lorahub.converter.basemodel;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Translation between the SD3 MMDiT layers of the catalogue, named as in Stability AI's reference code
 * ({@code transformer.joint_blocks.N.x_block.attn.qkv}), and the diffusers modules of
 * {@code SD3Transformer2DModel} that adapt them ({@code transformer.transformer_blocks.N.attn.to_q}).
 *
 * <p>diffusers splits {@code attn.qkv} of both streams into q, k and v of {@code hidden} rows each, in that
 * order: {@code attn.to_q}, {@code to_k}, {@code to_v} for the image stream ({@code x_block}) and
 * {@code attn.add_q_proj}, {@code add_k_proj}, {@code add_v_proj} for the text stream ({@code context_block}).
 * The other layers map to one diffusers module each. The last block's text stream is pre-only: its
 * {@code adaLN_modulation.1} has 2 × hidden outputs and becomes {@code norm1_context.linear} of diffusers'
 * {@code AdaLayerNormContinuous}, whose two output halves are swapped, because the reference code orders them
 * (shift, scale) and diffusers (scale, shift). The names follow diffusers' conversion of SD3 checkpoints and of
 * kohya SD3 LoRAs. The row counts come from the base model's layers, so one table serves every SD3 depth.
 */
final class Sd3Names {

    private static final String PREFIX = "transformer.";
    private static final Pattern JOINT =
            Pattern.compile("transformer\\.joint_blocks\\.(\\d+)\\.(x_block|context_block)\\.(.+)");
    private static final Pattern DIFFUSERS_BLOCK = Pattern.compile("transformer\\.transformer_blocks\\.(\\d+)\\.(.+)");
    private static final String X_BLOCK = "x_block";
    private static final String CONTEXT_BLOCK = "context_block";
    private static final String MODULATION = "adaLN_modulation.1";

    /** diffusers modules of the image stream, relative to the block, by reference layer. */
    private static final Map<String, List<String>> X_BLOCK_PARTS = Map.of(
            "attn.qkv", List.of("attn.to_q", "attn.to_k", "attn.to_v"),
            "attn.proj", List.of("attn.to_out.0"),
            "mlp.fc1", List.of("ff.net.0.proj"),
            "mlp.fc2", List.of("ff.net.2"),
            MODULATION, List.of("norm1.linear"));

    /** diffusers modules of the text stream, relative to the block, by reference layer. */
    private static final Map<String, List<String>> CONTEXT_BLOCK_PARTS = Map.of(
            "attn.qkv", List.of("attn.add_q_proj", "attn.add_k_proj", "attn.add_v_proj"),
            "attn.proj", List.of("attn.to_add_out"),
            "mlp.fc1", List.of("ff_context.net.0.proj"),
            "mlp.fc2", List.of("ff_context.net.2"),
            MODULATION, List.of("norm1_context.linear"));

    private Sd3Names() {}

    /** Returns the diffusers parts of an SD3 joint-block layer of the base model, or empty when it is not one. */
    static Optional<List<DiffusersPart>> parts(String layerPath, BaseModel base) {
        Matcher joint = JOINT.matcher(layerPath);
        Optional<Layer> layer = base.layer(layerPath);
        if (!joint.matches() || layer.isEmpty()) {
            return Optional.empty();
        }
        boolean isContext = joint.group(2).equals(CONTEXT_BLOCK);
        List<String> names = (isContext ? CONTEXT_BLOCK_PARTS : X_BLOCK_PARTS).get(joint.group(3));
        if (names == null) {
            return Optional.empty();
        }
        String blockPrefix = PREFIX + "transformer_blocks." + joint.group(1) + ".";
        if (names.size() == 1) {
            boolean isPreOnlyModulation = isContext && joint.group(3).equals(MODULATION)
                    && layer.get().outFeatures() == 2 * layer.get().inFeatures();
            return Optional.of(List.of(new DiffusersPart(blockPrefix + names.get(0), 0, 0, 0, isPreOnlyModulation)));
        }
        long rows = layer.get().outFeatures() / names.size();
        DiffusersPart[] parts = new DiffusersPart[names.size()];
        for (int index = 0; index < names.size(); index++) {
            parts[index] = new DiffusersPart(blockPrefix + names.get(index), index, index * rows, rows, false);
        }
        return Optional.of(List.of(parts));
    }

    /**
     * Returns the reference layer and part of a diffusers SD3 module name, or empty when the name is not one or
     * the base model lacks the layer. The base model lacks it for a block beyond its depth, and for the output
     * projection and MLP of the last block's text stream.
     */
    static Optional<DiffusersPart.Reference> reference(String diffusersModule, BaseModel base) {
        return layerPath(diffusersModule).flatMap(path -> parts(path, base).map(parts -> parts.stream()
                .filter(part -> part.module().equals(diffusersModule))
                .findFirst()
                .map(part -> new DiffusersPart.Reference(path, part))
                .orElseThrow()));
    }

    /** Returns whether the name is a diffusers SD3 transformer module, whatever the block index. */
    static boolean isModule(String diffusersModule) {
        return layerPath(diffusersModule).isPresent();
    }

    private static Optional<String> layerPath(String diffusersModule) {
        Matcher block = DIFFUSERS_BLOCK.matcher(diffusersModule);
        if (!block.matches()) {
            return Optional.empty();
        }
        String blockPath = PREFIX + "joint_blocks." + block.group(1) + ".";
        for (String stream : List.of(X_BLOCK, CONTEXT_BLOCK)) {
            Map<String, List<String>> partsByLayer = stream.equals(X_BLOCK) ? X_BLOCK_PARTS : CONTEXT_BLOCK_PARTS;
            for (Map.Entry<String, List<String>> entry : partsByLayer.entrySet()) {
                if (entry.getValue().contains(block.group(2))) {
                    return Optional.of(blockPath + stream + "." + entry.getKey());
                }
            }
        }
        return Optional.empty();
    }
}
