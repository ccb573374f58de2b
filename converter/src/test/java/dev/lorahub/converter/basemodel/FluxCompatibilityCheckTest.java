package dev.lorahub.converter.basemodel;

import static dev.lorahub.converter.basemodel.Fixtures.shape;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lorahub.formats.safetensors.SafetensorsHeader;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Checks of Flux.1 LoRAs in kohya, diffusers and PEFT names against the Flux.1 catalogue. */
class FluxCompatibilityCheckTest {

    private static final int RANK = 4;
    private static final String DOUBLE = "transformer.transformer_blocks.0.";
    private static final String SINGLE = "transformer.single_transformer_blocks.37.";
    /** Input and output size of every diffusers module of double block 0, single block 37 and the outer layers. */
    private static final Map<String, long[]> DIFFUSERS_SHAPES = diffusersShapes();

    @Test
    void diffusersNamesMapEveryModule() {
        Fixtures.HeaderBuilder builder = new Fixtures.HeaderBuilder();
        DIFFUSERS_SHAPES.forEach((module, sizes) -> addModule(builder, module, sizes[0], sizes[1]));

        CompatibilityReport report = CompatibilityCheck.check(builder.build(), BaseModels.FLUX1_DEV);

        assertThat(report.unknown()).isEmpty();
        assertThat(report.mismatches()).isEmpty();
        assertThat(report.unreadable()).isEmpty();
        assertThat(report.matched()).hasSize(DIFFUSERS_SHAPES.size());
        assertThat(report.matched()).contains(
                Layer.linear(DOUBLE + "attn.to_q", 3072, 3072),
                Layer.linear(SINGLE + "proj_mlp", 3072, 12288),
                Layer.linear("transformer.norm_out.linear", 3072, 6144),
                Layer.linear("transformer.x_embedder", 64, 3072));
        assertThat(report.isCompatible()).isTrue();
    }

    @Test
    void peftNamesMapEveryModule() {
        Fixtures.HeaderBuilder builder = new Fixtures.HeaderBuilder();
        DIFFUSERS_SHAPES.forEach((module, sizes) -> addModule(builder, peftName(module), sizes[0], sizes[1]));

        CompatibilityReport report = CompatibilityCheck.check(builder.build(), BaseModels.FLUX1_DEV);

        assertThat(report.unknown()).isEmpty();
        assertThat(report.mismatches()).isEmpty();
        assertThat(report.matched()).hasSize(DIFFUSERS_SHAPES.size());
        assertThat(report.matched()).contains(Layer.linear(DOUBLE + "attn.add_v_proj", 3072, 3072),
                Layer.linear("transformer.proj_out", 3072, 64));
        assertThat(report.isCompatible()).isTrue();
    }

    @Test
    void wrongPartShapeIsMismatch() {
        String proj = SINGLE + "proj_mlp";
        Fixtures.HeaderBuilder builder = new Fixtures.HeaderBuilder();
        addModule(builder, DOUBLE + "attn.to_k", 3072, 3072);
        addModule(builder, proj, 3072, 3072);
        addModule(builder, peftName(DOUBLE + "norm1.linear"), 4096, 18432);

        CompatibilityReport report = CompatibilityCheck.check(builder.build(), BaseModels.FLUX1_DEV);

        assertThat(report.matched()).containsExactly(Layer.linear(DOUBLE + "attn.to_k", 3072, 3072));
        assertThat(report.mismatches()).containsExactly(
                new ShapeMismatch(proj, Layer.linear(proj, 3072, 12288), Layer.linear(proj, 3072, 3072)),
                new ShapeMismatch(peftName(DOUBLE + "norm1.linear"), Layer.linear(DOUBLE + "norm1.linear", 3072, 18432),
                        Layer.linear(DOUBLE + "norm1.linear", 4096, 18432)));
        assertThat(report.isCompatible()).isFalse();
    }

    @Test
    void unknownDiffusersNamesListed() {
        Fixtures.HeaderBuilder builder = new Fixtures.HeaderBuilder();
        addModule(builder, "transformer.transformer_blocks.19.attn.to_q", 3072, 3072);
        addModule(builder, DOUBLE + "attn.to_z", 3072, 3072);

        CompatibilityReport report = CompatibilityCheck.check(builder.build(), BaseModels.FLUX1_DEV);

        assertThat(report.matched()).isEmpty();
        assertThat(report.unknown()).containsExactly(
                new UnknownModule("transformer.transformer_blocks.19.attn.to_q",
                        Optional.of("transformer.transformer_blocks.19.attn.to_q")),
                new UnknownModule(DOUBLE + "attn.to_z", Optional.of(DOUBLE + "attn.to_z")));
    }

    @Test
    void diffusersFluxNamesUnknownToSd15() {
        Fixtures.HeaderBuilder builder = new Fixtures.HeaderBuilder();
        addModule(builder, DOUBLE + "attn.to_q", 3072, 3072);

        CompatibilityReport report = CompatibilityCheck.check(builder.build(), BaseModels.SD15);

        assertThat(report.matched()).isEmpty();
        assertThat(report.unknown()).extracting(UnknownModule::moduleName).containsExactly(DOUBLE + "attn.to_q");
    }

    @Test
    void kohyaOuterAndT5LayersMatch() {
        SafetensorsHeader header = new Fixtures.HeaderBuilder()
                .kohya("lora_unet_img_in", shape(RANK, 64), shape(3072, RANK))
                .kohya("lora_unet_vector_in_in_layer", shape(RANK, 768), shape(3072, RANK))
                .kohya("lora_unet_final_layer_adaLN_modulation_1", shape(RANK, 3072), shape(6144, RANK))
                .kohya("lora_unet_txt_in", shape(RANK, 768), shape(3072, RANK))
                .kohya("lora_te3_encoder_block_5_layer_1_DenseReluDense_wi_0", shape(RANK, 4096), shape(10240, RANK))
                .build();

        CompatibilityReport report = CompatibilityCheck.check(header, BaseModels.FLUX1_DEV);

        assertThat(report.matched()).containsExactly(
                Layer.linear("transformer.img_in", 64, 3072),
                Layer.linear("transformer.vector_in.in_layer", 768, 3072),
                Layer.linear("transformer.final_layer.adaLN_modulation.1", 3072, 6144),
                Layer.linear("text_encoder_2.encoder.block.5.layer.1.DenseReluDense.wi_0", 4096, 10240));
        assertThat(report.mismatches()).extracting(ShapeMismatch::describe)
                .containsExactly("transformer.txt_in: expected linear 4096→3072, found linear 768→3072");
    }

    private static void addModule(Fixtures.HeaderBuilder builder, String module, long in, long out) {
        builder.module(module, ".lora_A.weight", ".lora_B.weight", shape(RANK, in), shape(out, RANK));
    }

    private static String peftName(String diffusersModule) {
        return "base_model.model." + diffusersModule.substring("transformer.".length());
    }

    private static Map<String, long[]> diffusersShapes() {
        Map<String, long[]> shapes = new LinkedHashMap<>();
        for (String part : new String[] {"attn.to_q", "attn.to_k", "attn.to_v", "attn.add_q_proj", "attn.add_k_proj",
                "attn.add_v_proj", "attn.to_out.0", "attn.to_add_out"}) {
            shapes.put(DOUBLE + part, new long[] {3072, 3072});
        }
        shapes.put(DOUBLE + "ff.net.0.proj", new long[] {3072, 12288});
        shapes.put(DOUBLE + "ff.net.2", new long[] {12288, 3072});
        shapes.put(DOUBLE + "ff_context.net.0.proj", new long[] {3072, 12288});
        shapes.put(DOUBLE + "ff_context.net.2", new long[] {12288, 3072});
        shapes.put(DOUBLE + "norm1.linear", new long[] {3072, 18432});
        shapes.put(DOUBLE + "norm1_context.linear", new long[] {3072, 18432});
        for (String part : new String[] {"attn.to_q", "attn.to_k", "attn.to_v"}) {
            shapes.put(SINGLE + part, new long[] {3072, 3072});
        }
        shapes.put(SINGLE + "proj_mlp", new long[] {3072, 12288});
        shapes.put(SINGLE + "proj_out", new long[] {15360, 3072});
        shapes.put(SINGLE + "norm.linear", new long[] {3072, 9216});
        shapes.put("transformer.x_embedder", new long[] {64, 3072});
        shapes.put("transformer.context_embedder", new long[] {4096, 3072});
        shapes.put("transformer.time_text_embed.timestep_embedder.linear_1", new long[] {256, 3072});
        shapes.put("transformer.time_text_embed.timestep_embedder.linear_2", new long[] {3072, 3072});
        shapes.put("transformer.time_text_embed.text_embedder.linear_1", new long[] {768, 3072});
        shapes.put("transformer.time_text_embed.text_embedder.linear_2", new long[] {3072, 3072});
        shapes.put("transformer.time_text_embed.guidance_embedder.linear_1", new long[] {256, 3072});
        shapes.put("transformer.time_text_embed.guidance_embedder.linear_2", new long[] {3072, 3072});
        shapes.put("transformer.proj_out", new long[] {3072, 64});
        shapes.put("transformer.norm_out.linear", new long[] {3072, 6144});
        return shapes;
    }
}
