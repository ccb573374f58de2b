package dev.lorahub.converter.basemodel;

import static dev.lorahub.converter.basemodel.Sd3Modules.FIRST_BLOCK;
import static dev.lorahub.converter.basemodel.Sd3Modules.LAST_BLOCK;
import static dev.lorahub.converter.basemodel.Sd3Modules.addModule;
import static dev.lorahub.converter.basemodel.Sd3Modules.peftName;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Checks of SD3 LoRAs in diffusers and PEFT names against the SD 3.5 Large catalogue. */
class Sd3CompatibilityCheckTest {

    private static final Map<String, long[]> DIFFUSERS_SHAPES = Sd3Modules.diffusersShapes();

    @Test
    void diffusersNamesMapEveryModule() {
        CompatibilityReport report =
                CompatibilityCheck.check(Sd3Modules.header(DIFFUSERS_SHAPES, false).build(), BaseModels.SD35_LARGE);

        assertThat(report.unknown()).isEmpty();
        assertThat(report.mismatches()).isEmpty();
        assertThat(report.unreadable()).isEmpty();
        assertThat(DIFFUSERS_SHAPES).hasSize(25);
        assertThat(report.matched()).hasSize(25);
        assertThat(report.matched()).contains(
                Layer.linear(FIRST_BLOCK + "attn.to_q", 2432, 2432),
                Layer.linear(FIRST_BLOCK + "attn.add_v_proj", 2432, 2432),
                Layer.linear(FIRST_BLOCK + "attn.to_add_out", 2432, 2432),
                Layer.linear(FIRST_BLOCK + "ff_context.net.2", 9728, 2432),
                Layer.linear(FIRST_BLOCK + "norm1_context.linear", 2432, 14592),
                Layer.linear(LAST_BLOCK + "norm1.linear", 2432, 14592),
                Layer.linear(LAST_BLOCK + "norm1_context.linear", 2432, 4864));
        assertThat(report.isCompatible()).isTrue();
    }

    @Test
    void peftNamesMapEveryModule() {
        CompatibilityReport report =
                CompatibilityCheck.check(Sd3Modules.header(DIFFUSERS_SHAPES, true).build(), BaseModels.SD35_LARGE);

        assertThat(report.unknown()).isEmpty();
        assertThat(report.mismatches()).isEmpty();
        assertThat(report.matched()).hasSize(25);
        assertThat(report.matched()).contains(
                Layer.linear(FIRST_BLOCK + "attn.add_k_proj", 2432, 2432),
                Layer.linear(LAST_BLOCK + "ff.net.0.proj", 2432, 9728),
                Layer.linear(LAST_BLOCK + "norm1_context.linear", 2432, 4864));
        assertThat(report.isCompatible()).isTrue();
    }

    @Test
    void wrongPartShapeIsMismatch() {
        Fixtures.HeaderBuilder builder = new Fixtures.HeaderBuilder();
        addModule(builder, FIRST_BLOCK + "attn.to_v", 2432, 2432);
        addModule(builder, FIRST_BLOCK + "attn.to_k", 1536, 1536);
        addModule(builder, peftName(LAST_BLOCK + "norm1_context.linear"), 2432, 14592);

        CompatibilityReport report = CompatibilityCheck.check(builder.build(), BaseModels.SD35_LARGE);

        assertThat(report.matched()).containsExactly(Layer.linear(FIRST_BLOCK + "attn.to_v", 2432, 2432));
        String modulation = LAST_BLOCK + "norm1_context.linear";
        assertThat(report.mismatches()).containsExactly(
                new ShapeMismatch(FIRST_BLOCK + "attn.to_k", Layer.linear(FIRST_BLOCK + "attn.to_k", 2432, 2432),
                        Layer.linear(FIRST_BLOCK + "attn.to_k", 1536, 1536)),
                new ShapeMismatch(peftName(modulation), Layer.linear(modulation, 2432, 4864),
                        Layer.linear(modulation, 2432, 14592)));
        assertThat(report.mismatches()).extracting(ShapeMismatch::describe).containsExactly(
                FIRST_BLOCK + "attn.to_k: expected linear 2432→2432, found linear 1536→1536",
                modulation + ": expected linear 2432→4864, found linear 2432→14592");
        assertThat(report.unknown()).isEmpty();
        assertThat(report.isCompatible()).isFalse();
    }

    @Test
    void blockBeyondDepthIsUnknown() {
        Fixtures.HeaderBuilder builder = new Fixtures.HeaderBuilder();
        addModule(builder, "transformer.transformer_blocks.38.attn.to_q", 2432, 2432);
        addModule(builder, peftName("transformer.transformer_blocks.38.norm1.linear"), 2432, 14592);

        CompatibilityReport report = CompatibilityCheck.check(builder.build(), BaseModels.SD35_LARGE);

        assertThat(report.matched()).isEmpty();
        assertThat(report.unknown()).containsExactly(
                new UnknownModule("transformer.transformer_blocks.38.attn.to_q",
                        Optional.of("transformer.transformer_blocks.38.attn.to_q")),
                new UnknownModule("base_model.model.transformer_blocks.38.norm1.linear",
                        Optional.of("transformer.transformer_blocks.38.norm1.linear")));
    }

    @Test
    void preOnlyBlockLacksTextOutputAndMlp() {
        Fixtures.HeaderBuilder builder = new Fixtures.HeaderBuilder();
        addModule(builder, LAST_BLOCK + "attn.to_add_out", 2432, 2432);
        addModule(builder, LAST_BLOCK + "ff_context.net.0.proj", 2432, 9728);
        addModule(builder, LAST_BLOCK + "attn.to_z", 2432, 2432);

        CompatibilityReport report = CompatibilityCheck.check(builder.build(), BaseModels.SD35_LARGE);

        assertThat(report.matched()).isEmpty();
        assertThat(report.unknown()).extracting(UnknownModule::moduleName).containsExactly(
                LAST_BLOCK + "attn.to_add_out", LAST_BLOCK + "ff_context.net.0.proj", LAST_BLOCK + "attn.to_z");
    }

    @Test
    void sd3NamesUnknownToSdxl() {
        CompatibilityReport report =
                CompatibilityCheck.check(Sd3Modules.header(DIFFUSERS_SHAPES, false).build(), BaseModels.SDXL);

        assertThat(report.matched()).isEmpty();
        assertThat(report.unknown()).hasSize(25);
    }

    @Test
    void qkvSplitsIntoThirdsOfRows() {
        List<DiffusersPart> parts =
                DiffusersNames.parts("transformer.joint_blocks.5.context_block.attn.qkv", BaseModels.SD35_LARGE).orElseThrow();

        assertThat(parts).containsExactly(
                new DiffusersPart("transformer.transformer_blocks.5.attn.add_q_proj", 0, 0, 2432, false),
                new DiffusersPart("transformer.transformer_blocks.5.attn.add_k_proj", 1, 2432, 2432, false),
                new DiffusersPart("transformer.transformer_blocks.5.attn.add_v_proj", 2, 4864, 2432, false));
    }

    @Test
    void onlyPreOnlyModulationSwapsHalves() {
        assertThat(DiffusersNames.parts("transformer.joint_blocks.37.context_block.adaLN_modulation.1",
                BaseModels.SD35_LARGE)).hasValue(List.of(
                        new DiffusersPart(LAST_BLOCK + "norm1_context.linear", 0, 0, 0, true)));
        assertThat(DiffusersNames.parts("transformer.joint_blocks.36.context_block.adaLN_modulation.1",
                BaseModels.SD35_LARGE)).hasValue(List.of(
                        new DiffusersPart("transformer.transformer_blocks.36.norm1_context.linear", 0, 0, 0, false)));
        assertThat(DiffusersNames.parts("transformer.joint_blocks.37.x_block.adaLN_modulation.1",
                BaseModels.SD35_LARGE)).hasValue(List.of(new DiffusersPart(LAST_BLOCK + "norm1.linear", 0, 0, 0, false)));
    }

    @Test
    void sharedNameResolvesPerBaseModel() {
        String module = "transformer.transformer_blocks.3.attn.add_k_proj";

        assertThat(DiffusersNames.reference(module, BaseModels.SD35_LARGE)).hasValue(new DiffusersPart.Reference(
                "transformer.joint_blocks.3.context_block.attn.qkv", new DiffusersPart(module, 1, 2432, 2432, false)));
        assertThat(DiffusersNames.reference(module, BaseModels.FLUX1_DEV)).hasValue(new DiffusersPart.Reference(
                "transformer.double_blocks.3.txt_attn.qkv", new DiffusersPart(module, 1, 3072, 3072, false)));
        assertThat(DiffusersNames.reference(module, BaseModels.SD15)).isEmpty();
    }
}
