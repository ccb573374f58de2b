package dev.lorahub.converter.basemodel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class BaseModelsTest {

    @Test
    void sd15CrossAttentionTakesClipWidth() {
        Layer toK = BaseModels.SD15.layer("unet.down_blocks.0.attentions.0.transformer_blocks.0.attn2.to_k").orElseThrow();

        assertThat(toK).isEqualTo(Layer.linear(toK.path(), 768, 320));
    }

    @Test
    void sd15ProjInIsOneByOneConv() {
        Layer projIn = BaseModels.SD15.layer("unet.mid_block.attentions.0.proj_in").orElseThrow();

        assertThat(projIn).isEqualTo(Layer.conv(projIn.path(), 1, 1280, 1280));
    }

    @Test
    void sd2ProjInIsLinear() {
        Layer projIn = BaseModels.SD2.layer("unet.mid_block.attentions.0.proj_in").orElseThrow();

        assertThat(projIn).isEqualTo(Layer.linear(projIn.path(), 1280, 1280));
    }

    @Test
    void sd15UpBlockResnetsAddSkipChannels() {
        assertThat(BaseModels.SD15.layer("unet.up_blocks.0.resnets.0.conv1").orElseThrow().inFeatures()).isEqualTo(2560);
        assertThat(BaseModels.SD15.layer("unet.up_blocks.1.resnets.2.conv1").orElseThrow().inFeatures()).isEqualTo(1920);
        assertThat(BaseModels.SD15.layer("unet.up_blocks.3.resnets.0.conv1").orElseThrow().inFeatures()).isEqualTo(960);
        assertThat(BaseModels.SD15.layer("unet.up_blocks.3.resnets.0.conv_shortcut").orElseThrow())
                .isEqualTo(Layer.conv("unet.up_blocks.3.resnets.0.conv_shortcut", 1, 960, 320));
        assertThat(BaseModels.SD15.layer("unet.down_blocks.1.resnets.0.conv_shortcut").orElseThrow().inFeatures()).isEqualTo(320);
    }

    @Test
    void sd15HasKohyaModuleCounts() {
        assertThat(kohyaAttentionModules(BaseModels.SD15, "lora_unet_")).isEqualTo(192);
        assertThat(kohyaAttentionModules(BaseModels.SD15, "lora_te_")).isEqualTo(72);
    }

    @Test
    void sd2TextEncoderHas23Layers() {
        assertThat(kohyaAttentionModules(BaseModels.SD2, "lora_te_")).isEqualTo(138);
        assertThat(BaseModels.SD2.layer("text_encoder.text_model.encoder.layers.22.mlp.fc1").orElseThrow())
                .isEqualTo(Layer.linear("text_encoder.text_model.encoder.layers.22.mlp.fc1", 1024, 4096));
        assertThat(BaseModels.SD2.layer("text_encoder.text_model.encoder.layers.23.mlp.fc1")).isEmpty();
    }

    @Test
    void sdxlHasKohyaModuleCounts() {
        assertThat(kohyaAttentionModules(BaseModels.SDXL, "lora_unet_")).isEqualTo(722);
        assertThat(kohyaAttentionModules(BaseModels.SDXL, "lora_te1_") + kohyaAttentionModules(BaseModels.SDXL, "lora_te2_"))
                .isEqualTo(264);
    }

    @Test
    void sdxlKohyaNamesFollowSgmModules() {
        assertThat(BaseModels.SDXL.kohyaPath("lora_unet_input_blocks_4_1_proj_in"))
                .hasValue("unet.down_blocks.1.attentions.0.proj_in");
        assertThat(BaseModels.SDXL.kohyaPath("lora_unet_input_blocks_8_1_transformer_blocks_9_attn2_to_k"))
                .hasValue("unet.down_blocks.2.attentions.1.transformer_blocks.9.attn2.to_k");
        assertThat(BaseModels.SDXL.kohyaPath("lora_unet_input_blocks_6_0_op")).hasValue("unet.down_blocks.1.downsamplers.0.conv");
        assertThat(BaseModels.SDXL.kohyaPath("lora_unet_middle_block_2_in_layers_2")).hasValue("unet.mid_block.resnets.1.conv1");
        assertThat(BaseModels.SDXL.kohyaPath("lora_unet_output_blocks_2_2_conv")).hasValue("unet.up_blocks.0.upsamplers.0.conv");
        assertThat(BaseModels.SDXL.kohyaPath("lora_unet_output_blocks_8_0_skip_connection"))
                .hasValue("unet.up_blocks.2.resnets.2.conv_shortcut");
        assertThat(BaseModels.SDXL.kohyaPath("lora_unet_label_emb_0_0")).hasValue("unet.add_embedding.linear_1");
    }

    @Test
    void sdxlCrossAttentionTakesBothEncoders() {
        Layer toK = BaseModels.SDXL.layer("unet.up_blocks.0.attentions.2.transformer_blocks.9.attn2.to_k").orElseThrow();

        assertThat(toK).isEqualTo(Layer.linear(toK.path(), 2048, 1280));
        assertThat(BaseModels.SDXL.layer("unet.add_embedding.linear_1").orElseThrow().inFeatures()).isEqualTo(2816);
        assertThat(BaseModels.SDXL.layer("unet.down_blocks.0.attentions.0.proj_in")).isEmpty();
    }

    @Test
    void fluxHasKohyaModuleCount() {
        assertThat(kohyaAttentionModules(BaseModels.FLUX1_DEV, "lora_unet_")).isEqualTo(19 * 10 + 38 * 3);
        assertThat(BaseModels.FLUX1_DEV.layer("transformer.single_blocks.0.linear1").orElseThrow().outFeatures()).isEqualTo(21504);
        assertThat(BaseModels.FLUX1_DEV.layer("transformer.double_blocks.18.img_mod.lin").orElseThrow().outFeatures()).isEqualTo(18432);
        assertThat(BaseModels.FLUX1_DEV.kohyaPath("lora_unet_double_blocks_0_txt_attn_qkv"))
                .hasValue("transformer.double_blocks.0.txt_attn.qkv");
    }

    @Test
    void fluxHasEmbeddersAndFinalLayer() {
        assertThat(BaseModels.FLUX1_DEV.kohyaPath("lora_unet_time_in_out_layer")).hasValue("transformer.time_in.out_layer");
        assertThat(BaseModels.FLUX1_DEV.layer("transformer.img_in").orElseThrow())
                .isEqualTo(Layer.linear("transformer.img_in", 64, 3072));
        assertThat(BaseModels.FLUX1_DEV.layer("transformer.txt_in").orElseThrow())
                .isEqualTo(Layer.linear("transformer.txt_in", 4096, 3072));
        assertThat(BaseModels.FLUX1_DEV.layer("transformer.guidance_in.in_layer").orElseThrow())
                .isEqualTo(Layer.linear("transformer.guidance_in.in_layer", 256, 3072));
        assertThat(BaseModels.FLUX1_DEV.kohyaPath("lora_unet_final_layer_adaLN_modulation_1"))
                .hasValue("transformer.final_layer.adaLN_modulation.1");
        assertThat(BaseModels.FLUX1_DEV.layer("transformer.final_layer.linear").orElseThrow().outFeatures()).isEqualTo(64);
        assertThat(BaseModels.FLUX1_DEV.kohyaNames()).hasSize(19 * 10 + 38 * 3 + 10 + 72 + 24 * 7);
    }

    @Test
    void fluxHasT5Encoder() {
        assertThat(BaseModels.FLUX1_DEV.kohyaPath("lora_te3_encoder_block_23_layer_0_SelfAttention_o"))
                .hasValue("text_encoder_2.encoder.block.23.layer.0.SelfAttention.o");
        assertThat(BaseModels.FLUX1_DEV.layer("text_encoder_2.encoder.block.0.layer.0.SelfAttention.q").orElseThrow())
                .isEqualTo(Layer.linear("text_encoder_2.encoder.block.0.layer.0.SelfAttention.q", 4096, 4096));
        assertThat(BaseModels.FLUX1_DEV.layer("text_encoder_2.encoder.block.0.layer.1.DenseReluDense.wi_1").orElseThrow())
                .isEqualTo(Layer.linear("text_encoder_2.encoder.block.0.layer.1.DenseReluDense.wi_1", 4096, 10240));
        assertThat(BaseModels.FLUX1_DEV.layer("text_encoder_2.encoder.block.24.layer.0.SelfAttention.q")).isEmpty();
    }

    @Test
    void sd35LargeHasKohyaModuleCount() {
        assertThat(kohyaAttentionModules(BaseModels.SD35_LARGE, "lora_unet_")).isEqualTo(377);
        assertThat(BaseModels.SD35_LARGE.layer("transformer.joint_blocks.0.x_block.attn.qkv").orElseThrow())
                .isEqualTo(Layer.linear("transformer.joint_blocks.0.x_block.attn.qkv", 2432, 7296));
        assertThat(BaseModels.SD35_LARGE.layer("transformer.joint_blocks.37.context_block.adaLN_modulation.1").orElseThrow()
                .outFeatures()).isEqualTo(2 * 2432);
        assertThat(BaseModels.SD35_LARGE.layer("transformer.joint_blocks.37.context_block.mlp.fc1")).isEmpty();
        assertThat(BaseModels.SD35_LARGE.kohyaPath("lora_unet_joint_blocks_5_x_block_adaLN_modulation_1"))
                .hasValue("transformer.joint_blocks.5.x_block.adaLN_modulation.1");
    }

    @Test
    void languageModelsUseGroupedKeyValues() {
        assertThat(BaseModels.LLAMA3_8B.layer("model.layers.31.self_attn.k_proj").orElseThrow().outFeatures()).isEqualTo(1024);
        assertThat(BaseModels.QWEN25_7B.layer("model.layers.27.self_attn.v_proj").orElseThrow().outFeatures()).isEqualTo(512);
        assertThat(BaseModels.QWEN25_7B.layer("model.layers.0.mlp.down_proj").orElseThrow().inFeatures()).isEqualTo(18944);
        assertThat(BaseModels.GPT2.layer("transformer.h.11.attn.c_attn").orElseThrow().outFeatures()).isEqualTo(2304);
        assertThat(BaseModels.DISTILBERT_BASE.layers()).hasSize(36);
    }

    @Test
    void catalogueIdsAreDistinct() {
        List<String> ids = BaseModels.all().stream().map(BaseModel::id).toList();

        assertThat(ids).doesNotHaveDuplicates();
        assertThat(BaseModels.byId("sdxl")).containsSame(BaseModels.SDXL);
        assertThat(BaseModels.SDXL.civitaiName()).isEqualTo("SDXL 1.0");
    }

    /** Counts the kohya names under the prefix that kohya adapts by default: transformer, projection and text encoder layers. */
    private static long kohyaAttentionModules(BaseModel base, String prefix) {
        return base.kohyaNames().keySet().stream()
                .filter(name -> name.startsWith(prefix))
                .filter(name -> name.contains("transformer_blocks") || name.contains("proj_in") || name.contains("proj_out")
                        || name.contains("text_model") || name.contains("double_blocks") || name.contains("single_blocks")
                        || name.contains("joint_blocks"))
                .count();
    }
}
