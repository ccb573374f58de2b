package dev.lorahub.converter.basemodel;

import static dev.lorahub.converter.basemodel.Fixtures.shape;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lorahub.formats.safetensors.SafetensorsHeader;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BaseModelDetectorTest {

    @ParameterizedTest
    @CsvSource({
        "sd15-kohya-nezha-rank4.safetensors, sd15",
        "sd15-kohya-locon-rank8.safetensors, sd15",
        "sd15-diffusers-attnproc.safetensors, sd15",
        "sd15-diffusers-attnproc.bin.expected.safetensors, sd15",
        "sd15-diffusers-unet.safetensors, sd15",
        "sd2-diffusers-bf16.safetensors, sd2",
        "sd15-cloneofsimo-svd-rank4.safetensors, sd15"
    })
    void fixtureIsDetected(String fileName, String baseId) {
        Detection detection = BaseModelDetector.detect(Fixtures.lora(fileName));

        assertThat(detection.baseModelId()).hasValue(baseId);
        assertThat(detection.confidence()).isEqualTo(1.0);
    }

    @Test
    void nezhaEvidenceFollowsSignalOrder() {
        Detection detection = BaseModelDetector.detect(Fixtures.lora("sd15-kohya-nezha-rank4.safetensors"));

        assertThat(detection.evidence()).containsExactly(
                "diffusers UNet blocks ⇒ SD 1.x, SD 2.x or SDXL",
                "attn2.to_k input 768 (SD 1.x 768, SD 2.x 1024, SDXL 2048)",
                "text encoder width 768 (CLIP-L 768, OpenCLIP-H 1024)",
                "proj_in is a 1×1 convolution ⇒ SD 1.x",
                "metadata ss_base_model_version=sd_v1, modelspec.architecture= (hint only)");
        assertThat(detection.scores()).containsExactly(Map.entry("sd15", 1.0));
    }

    @Test
    void sd2FixtureScoresOnlySd2() {
        Detection detection = BaseModelDetector.detect(Fixtures.lora("sd2-diffusers-bf16.safetensors"));

        assertThat(detection.scores()).containsOnlyKeys("sd2");
    }

    @Test
    void sdxlKohyaNamesAreDetected() {
        SafetensorsHeader header = new Fixtures.HeaderBuilder()
                .kohya("lora_unet_input_blocks_4_1_proj_in", shape(4, 640), shape(640, 4))
                .kohya("lora_unet_input_blocks_4_1_transformer_blocks_0_attn2_to_k", shape(4, 2048), shape(640, 4))
                .kohya("lora_unet_middle_block_1_transformer_blocks_9_ff_net_2", shape(4, 5120), shape(1280, 4))
                .kohya("lora_unet_output_blocks_0_1_transformer_blocks_0_attn1_to_q", shape(4, 1280), shape(1280, 4))
                .kohya("lora_unet_output_blocks_5_2_conv", shape(4, 640, 3, 3), shape(640, 4, 1, 1))
                .kohya("lora_te1_text_model_encoder_layers_11_mlp_fc1", shape(4, 768), shape(3072, 4))
                .kohya("lora_te2_text_model_encoder_layers_31_self_attn_q_proj", shape(4, 1280), shape(1280, 4))
                .build();

        Detection detection = BaseModelDetector.detect(header);

        assertThat(detection.baseModelId()).hasValue("sdxl");
        assertThat(detection.confidence()).isEqualTo(1.0);
        assertThat(detection.evidence()).first().isEqualTo("SGM block names or a second CLIP text encoder ⇒ SDXL");
    }

    @Test
    void sdxlUnetOnlyKohyaNamesAreDetected() {
        SafetensorsHeader header = new Fixtures.HeaderBuilder()
                .kohya("lora_unet_input_blocks_7_1_transformer_blocks_3_attn1_to_v", shape(8, 1280), shape(1280, 8))
                .kohya("lora_unet_output_blocks_3_1_proj_out", shape(8, 1280), shape(1280, 8))
                .build();

        assertThat(BaseModelDetector.detect(header).baseModelId()).hasValue("sdxl");
    }

    @Test
    void sdxlDiffusersNamesAreDetectedByContextWidth() {
        SafetensorsHeader header = new Fixtures.HeaderBuilder()
                .module("unet.down_blocks.2.attentions.1.transformer_blocks.4.attn2.to_k", ".lora_A.weight", ".lora_B.weight",
                        shape(4, 2048), shape(1280, 4))
                .module("unet.mid_block.attentions.0.proj_in", ".lora_A.weight", ".lora_B.weight", shape(4, 1280), shape(1280, 4))
                .build();

        Detection detection = BaseModelDetector.detect(header);

        assertThat(detection.baseModelId()).hasValue("sdxl");
        assertThat(detection.evidence()).contains("attn2.to_k input 2048 (SD 1.x 768, SD 2.x 1024, SDXL 2048)");
    }

    @Test
    void metadataHintDoesNotOverrideShapes() {
        SafetensorsHeader header = new Fixtures.HeaderBuilder()
                .kohya("lora_unet_down_blocks_0_attentions_0_transformer_blocks_0_attn2_to_k", shape(4, 1024), shape(320, 4))
                .build(Map.of("ss_base_model_version", "sd_v1"));

        assertThat(BaseModelDetector.detect(header).baseModelId()).hasValue("sd2");
    }

    @Test
    void metadataBreaksTextEncoderTie() {
        SafetensorsHeader header = new Fixtures.HeaderBuilder()
                .kohya("lora_te_text_model_encoder_layers_3_self_attn_q_proj", shape(4, 768), shape(768, 4))
                .build(Map.of("ss_base_model_version", "sd_v1"));

        Detection detection = BaseModelDetector.detect(header);

        assertThat(detection.baseModelId()).hasValue("sd15");
        assertThat(detection.confidence()).isLessThan(1.0);
    }

    @Test
    void sd2TextEncoderDepthIsDetected() {
        SafetensorsHeader header = new Fixtures.HeaderBuilder()
                .kohya("lora_te_text_model_encoder_layers_22_mlp_fc2", shape(4, 4096), shape(1024, 4))
                .build();

        Detection detection = BaseModelDetector.detect(header);

        assertThat(detection.baseModelId()).hasValue("sd2");
        assertThat(detection.evidence()).contains("text encoder layer index 22, beyond CLIP-L's 12 layers");
    }

    @Test
    void fluxKohyaNamesAreDetected() {
        SafetensorsHeader header = new Fixtures.HeaderBuilder()
                .kohya("lora_unet_double_blocks_0_img_attn_qkv", shape(16, 3072), shape(9216, 16))
                .kohya("lora_unet_single_blocks_37_linear2", shape(16, 15360), shape(3072, 16))
                .build();

        assertThat(BaseModelDetector.detect(header).baseModelId()).hasValue("flux1-dev");
    }

    @Test
    void fluxDiffusersDoubleBlocksAreDetected() {
        SafetensorsHeader header = new Fixtures.HeaderBuilder()
                .module("transformer.transformer_blocks.3.attn.to_q", ".lora_A.weight", ".lora_B.weight",
                        shape(16, 3072), shape(3072, 16))
                .module("transformer.transformer_blocks.3.attn.add_k_proj", ".lora_A.weight", ".lora_B.weight",
                        shape(16, 3072), shape(3072, 16))
                .build();

        Detection detection = BaseModelDetector.detect(header);

        assertThat(detection.baseModelId()).hasValue("flux1-dev");
        assertThat(detection.confidence()).isEqualTo(1.0);
        assertThat(detection.scores()).containsEntry("sd35-large", 0.0);
        assertThat(detection.evidence()).contains("diffusers transformer names ⇒ Flux.1 or SD3, which the layer shapes decide");
    }

    @Test
    void fluxPeftNamesAreDetected() {
        SafetensorsHeader header = new Fixtures.HeaderBuilder()
                .module("base_model.model.single_transformer_blocks.0.proj_mlp", ".lora_A.weight", ".lora_B.weight",
                        shape(16, 3072), shape(12288, 16))
                .module("base_model.model.x_embedder", ".lora_A.weight", ".lora_B.weight", shape(16, 64), shape(3072, 16))
                .build();

        Detection detection = BaseModelDetector.detect(header);

        assertThat(detection.baseModelId()).hasValue("flux1-dev");
        assertThat(detection.confidence()).isEqualTo(1.0);
    }

    @Test
    void sd35KohyaNamesAreDetected() {
        SafetensorsHeader header = new Fixtures.HeaderBuilder()
                .kohya("lora_unet_joint_blocks_0_x_block_attn_qkv", shape(16, 2432), shape(7296, 16))
                .kohya("lora_unet_joint_blocks_0_context_block_mlp_fc2", shape(16, 9728), shape(2432, 16))
                .kohya("lora_te1_text_model_encoder_layers_0_mlp_fc1", shape(16, 768), shape(3072, 16))
                .kohya("lora_te2_text_model_encoder_layers_0_self_attn_q_proj", shape(16, 1280), shape(1280, 16))
                .build();

        Detection detection = BaseModelDetector.detect(header);

        assertThat(detection.baseModelId()).hasValue("sd35-large");
        assertThat(detection.evidence()).noneMatch(evidence -> evidence.contains("contradicts"));
        assertThat(detection.confidence()).isEqualTo(1.0);
    }

    @Test
    void sd35DiffusersNamesAreDetected() {
        SafetensorsHeader header = Sd3Modules.header(Sd3Modules.diffusersShapes(), false).build();

        Detection detection = BaseModelDetector.detect(header);

        assertThat(detection.baseModelId()).hasValue("sd35-large");
        assertThat(detection.confidence()).isEqualTo(1.0);
        assertThat(detection.scores()).containsExactly(Map.entry("sd35-large", 1.0), Map.entry("flux1-dev", 0.0));
        assertThat(detection.evidence()).containsExactly(
                "diffusers transformer names ⇒ Flux.1 or SD3, which the layer shapes decide");
    }

    @Test
    void sd35PeftNamesAreDetected() {
        SafetensorsHeader header = Sd3Modules.header(Sd3Modules.diffusersShapes(), true).build();

        Detection detection = BaseModelDetector.detect(header);

        assertThat(detection.baseModelId()).hasValue("sd35-large");
        assertThat(detection.confidence()).isEqualTo(1.0);
        assertThat(detection.scores()).containsEntry("flux1-dev", 0.0);
    }

    @Test
    void sd35DoubleBlockNamesAreNotFlux() {
        SafetensorsHeader header = new Fixtures.HeaderBuilder()
                .module("transformer.transformer_blocks.3.attn.to_q", ".lora_A.weight", ".lora_B.weight",
                        shape(16, 2432), shape(2432, 16))
                .module("transformer.transformer_blocks.3.attn.add_k_proj", ".lora_A.weight", ".lora_B.weight",
                        shape(16, 2432), shape(2432, 16))
                .build();

        Detection detection = BaseModelDetector.detect(header);

        assertThat(detection.baseModelId()).hasValue("sd35-large");
        assertThat(detection.scores()).containsEntry("sd35-large", 1.0).containsEntry("flux1-dev", 0.0);
    }

    @Test
    void distilbertAdapterIsDetected() {
        Detection detection = BaseModelDetector.detect(Fixtures.peftDistilbert());

        assertThat(detection.baseModelId()).hasValue("distilbert-base");
        assertThat(detection.scores()).containsEntry("gpt2", 0.0);
    }

    @Test
    void brokenNamesHaveNoBaseModel() {
        Detection detection = BaseModelDetector.detect(Fixtures.lora("sd15-broken-names.safetensors"));

        assertThat(detection.baseModel()).isEmpty();
        assertThat(detection.confidence()).isZero();
    }
}
