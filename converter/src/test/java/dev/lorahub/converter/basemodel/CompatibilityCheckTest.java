package dev.lorahub.converter.basemodel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lorahub.formats.safetensors.SafetensorsHeader;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class CompatibilityCheckTest {

    private static final String NEZHA = "sd15-kohya-nezha-rank4.safetensors";
    private static final String CROSS_ATTENTION_KEY = "lora_unet_down_blocks_1_attentions_0_transformer_blocks_0_attn2_to_k";

    @ParameterizedTest
    @CsvSource({
        "sd15-kohya-nezha-rank4.safetensors, sd15, 264",
        "sd15-kohya-locon-rank8.safetensors, sd15, 280",
        "sd15-diffusers-attnproc.safetensors, sd15, 128",
        "sd15-diffusers-attnproc.bin.expected.safetensors, sd15, 128",
        "sd15-diffusers-unet.safetensors, sd15, 128",
        "sd2-diffusers-bf16.safetensors, sd2, 128",
        "sd15-cloneofsimo-svd-rank4.safetensors, sd15, 192"
    })
    void fixtureChecksCleanAgainstOwnBase(String fileName, String baseId, int moduleCount) {
        CompatibilityReport report = CompatibilityCheck.check(Fixtures.lora(fileName), BaseModels.byId(baseId).orElseThrow());

        assertThat(report.mismatches()).isEmpty();
        assertThat(report.unknown()).isEmpty();
        assertThat(report.unreadable()).isEmpty();
        assertThat(report.matched()).hasSize(moduleCount);
        assertThat(report.isCompatible()).isTrue();
    }

    @Test
    void locon3x3ConvsMatchResnets() {
        CompatibilityReport report = CompatibilityCheck.check(Fixtures.lora("sd15-kohya-locon-rank8.safetensors"), BaseModels.SD15);

        assertThat(report.matched()).contains(Layer.conv("unet.down_blocks.1.resnets.0.conv1", 3, 320, 640));
    }

    @Test
    void nezhaAgainstSd2ReportsContextWidth() {
        CompatibilityReport report = CompatibilityCheck.check(Fixtures.lora(NEZHA), BaseModels.SD2);
        String path = "unet.down_blocks.1.attentions.0.transformer_blocks.0.attn2.to_k";

        assertThat(report.mismatches()).contains(new ShapeMismatch(
                CROSS_ATTENTION_KEY, Layer.linear(path, 1024, 640), Layer.linear(path, 768, 640)));
        assertThat(report.unknown()).isEmpty();
        assertThat(report.isCompatible()).isFalse();
    }

    @Test
    void nezhaAgainstSd2CountsMismatches() {
        CompatibilityReport report = CompatibilityCheck.check(Fixtures.lora(NEZHA), BaseModels.SD2);

        long crossAttention = report.mismatches().stream().filter(mismatch -> mismatch.moduleName().matches(".*attn2_to_[kv]")).count();
        long projections = report.mismatches().stream().filter(mismatch -> mismatch.moduleName().matches(".*proj_(in|out)")).count();
        long textEncoder = report.mismatches().stream().filter(mismatch -> mismatch.moduleName().startsWith("lora_te_")).count();
        assertThat(crossAttention).isEqualTo(32);
        assertThat(projections).isEqualTo(32);
        assertThat(textEncoder).isEqualTo(72);
        assertThat(report.mismatches()).hasSize(136);
        assertThat(report.matched()).hasSize(128);
    }

    @Test
    void nezhaAgainstSd2DescribesConvVersusLinear() {
        CompatibilityReport report = CompatibilityCheck.check(Fixtures.lora(NEZHA), BaseModels.SD2);
        ShapeMismatch projIn = report.mismatches().stream()
                .filter(mismatch -> mismatch.moduleName().equals("lora_unet_mid_block_attentions_0_proj_in"))
                .findFirst()
                .orElseThrow();

        assertThat(projIn.describe()).isEqualTo("unet.mid_block.attentions.0.proj_in: expected linear 1280→1280, found conv 1×1 1280→1280");
    }

    @Test
    void nezhaAgainstSdxlReportsMismatchesAndUnknowns() {
        CompatibilityReport report = CompatibilityCheck.check(Fixtures.lora(NEZHA), BaseModels.SDXL);
        String path = "unet.down_blocks.1.attentions.0.transformer_blocks.0.attn2.to_k";

        assertThat(report.mismatches()).contains(new ShapeMismatch(
                CROSS_ATTENTION_KEY, Layer.linear(path, 2048, 640), Layer.linear(path, 768, 640)));
        assertThat(report.unknown()).contains(new UnknownModule(
                "lora_unet_down_blocks_0_attentions_0_proj_in", java.util.Optional.of("unet.down_blocks.0.attentions.0.proj_in")));
        assertThat(report.matched()).contains(BaseModels.SDXL.layer("text_encoder.text_model.encoder.layers.11.mlp.fc2").orElseThrow());
    }

    @Test
    void distilbertAdapterChecksClean() {
        CompatibilityReport report = CompatibilityCheck.check(Fixtures.peftDistilbert(), BaseModels.DISTILBERT_BASE);

        assertThat(report.matched()).hasSize(12);
        assertThat(report.mismatches()).isEmpty();
        assertThat(report.unknown()).isEmpty();
    }

    @Test
    void distilbertAdapterAgainstGpt2FindsNoLayers() {
        CompatibilityReport report = CompatibilityCheck.check(Fixtures.peftDistilbert(), BaseModels.GPT2);

        assertThat(report.matched()).isEmpty();
        assertThat(report.unknown()).hasSize(12);
        assertThat(report.unknown()).contains(new UnknownModule("base_model.model.distilbert.transformer.layer.0.attention.q_lin",
                java.util.Optional.of("distilbert.transformer.layer.0.attention.q_lin")));
        assertThat(report.isCompatible()).isFalse();
    }

    @Test
    void gpt2AdapterAgainstGpt2ReportsWrongWidth() {
        SafetensorsHeader header = new Fixtures.HeaderBuilder()
                .module("base_model.model.transformer.h.0.attn.c_attn", ".lora_A.weight", ".lora_B.weight",
                        Fixtures.shape(8, 768), Fixtures.shape(2304, 8))
                .module("base_model.model.transformer.h.0.mlp.c_fc", ".lora_A.weight", ".lora_B.weight",
                        Fixtures.shape(8, 1024), Fixtures.shape(4096, 8))
                .build();

        CompatibilityReport report = CompatibilityCheck.check(header, BaseModels.GPT2);

        assertThat(report.matched()).containsExactly(Layer.linear("transformer.h.0.attn.c_attn", 768, 2304));
        assertThat(report.mismatches()).extracting(ShapeMismatch::describe)
                .containsExactly("transformer.h.0.mlp.c_fc: expected linear 768→3072, found linear 1024→4096");
    }

    @Test
    void brokenNamesHaveNoModules() {
        CompatibilityReport report = CompatibilityCheck.check(Fixtures.lora("sd15-broken-names.safetensors"), BaseModels.SD15);

        assertThat(report.moduleCount()).isZero();
        assertThat(report.isCompatible()).isFalse();
    }

    @Test
    void rankDisagreementIsUnreadable() {
        SafetensorsHeader header = new Fixtures.HeaderBuilder()
                .kohya("lora_unet_conv_in", Fixtures.shape(4, 4, 3, 3), Fixtures.shape(320, 8, 1, 1))
                .build();

        CompatibilityReport report = CompatibilityCheck.check(header, BaseModels.SD15);

        assertThat(report.unreadable()).containsExactly("lora_unet_conv_in");
        assertThat(report.matched()).isEmpty();
    }

    @Test
    void halfModuleIsUnreadable() {
        SafetensorsHeader header = new Fixtures.HeaderBuilder()
                .tensor("lora_unet_conv_in.lora_down.weight", Fixtures.shape(4, 4, 3, 3))
                .build();

        CompatibilityReport report = CompatibilityCheck.check(header, BaseModels.SD15);

        assertThat(report.unreadable()).containsExactly("lora_unet_conv_in");
        assertThat(report.isCompatible()).isFalse();
    }
}
