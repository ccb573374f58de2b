package dev.lorahub.formats.lora;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lorahub.formats.safetensors.DType;
import dev.lorahub.formats.safetensors.SafetensorsHeader;
import dev.lorahub.formats.safetensors.ScalarReader;
import dev.lorahub.formats.safetensors.TensorInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Layouts and network types without a fixture file, on headers built in the test. */
class LoraLayoutsTest {

    private static final ScalarReader ALPHA_4 = tensor -> 4.0;

    @Test
    void lohaIsLycoris() throws Exception {
        LoraFacts facts = inspect(
                tensor("lora_unet_down_blocks_0_attentions_0_proj_in.hada_w1_a", 320, 8),
                tensor("lora_unet_down_blocks_0_attentions_0_proj_in.hada_w1_b", 8, 320),
                tensor("lora_unet_down_blocks_0_attentions_0_proj_in.hada_w2_a", 320, 8),
                tensor("lora_unet_down_blocks_0_attentions_0_proj_in.hada_w2_b", 8, 320),
                tensor("lora_unet_down_blocks_0_attentions_0_proj_in.alpha")).orElseThrow();

        assertThat(facts.layout()).isEqualTo(LoraLayout.LYCORIS);
        assertThat(facts.networkType()).isEqualTo(NetworkType.LOHA);
        assertThat(facts.rank()).isEqualTo(8);
        assertThat(facts.alpha()).isEqualTo(4.0);
        assertThat(facts.moduleCount()).isEqualTo(1);
    }

    @Test
    void lokrRankFromDecomposedFactor() throws Exception {
        LoraFacts facts = inspect(
                tensor("lora_te1_text_model_encoder_layers_0_mlp_fc1.lokr_w1", 4, 4),
                tensor("lora_te1_text_model_encoder_layers_0_mlp_fc1.lokr_w2_a", 768, 16),
                tensor("lora_te1_text_model_encoder_layers_0_mlp_fc1.lokr_w2_b", 16, 192)).orElseThrow();

        assertThat(facts.layout()).isEqualTo(LoraLayout.LYCORIS);
        assertThat(facts.networkType()).isEqualTo(NetworkType.LOKR);
        assertThat(facts.rank()).isEqualTo(16);
        assertThat(facts.alpha()).isNull();
        assertThat(facts.targets()).containsExactly("text_encoder");
    }

    @Test
    void lokrWithWholeFactorsHasNoRank() throws Exception {
        LoraFacts facts = inspect(
                tensor("lora_unet_mid_block_attentions_0_proj_out.lokr_w1", 4, 4),
                tensor("lora_unet_mid_block_attentions_0_proj_out.lokr_w2", 320, 320)).orElseThrow();

        assertThat(facts.rank()).isZero();
        assertThat(facts.ranks()).isEmpty();
    }

    @Test
    void doraScaleOnKohya() throws Exception {
        LoraFacts facts = inspect(
                tensor("lora_unet_up_blocks_1_attentions_0_proj_out.lora_down.weight", 4, 640),
                tensor("lora_unet_up_blocks_1_attentions_0_proj_out.lora_up.weight", 640, 4),
                tensor("lora_unet_up_blocks_1_attentions_0_proj_out.dora_scale", 1, 640)).orElseThrow();

        assertThat(facts.layout()).isEqualTo(LoraLayout.KOHYA);
        assertThat(facts.networkType()).isEqualTo(NetworkType.DORA);
    }

    @Test
    void sdxlTextEncoders() throws Exception {
        LoraFacts facts = inspect(
                tensor("lora_te2_text_model_encoder_layers_0_mlp_fc1.lora_down.weight", 8, 1280),
                tensor("lora_te1_text_model_encoder_layers_0_mlp_fc1.lora_down.weight", 8, 768),
                tensor("lora_unet_input_blocks_4_1_proj_in.lora_down.weight", 8, 640)).orElseThrow();

        assertThat(facts.targets()).containsExactly("unet", "text_encoder", "text_encoder_2");
    }

    @Test
    void fluxKohyaBlocksAreTransformer() throws Exception {
        LoraFacts facts = inspect(
                tensor("lora_unet_double_blocks_0_img_attn_qkv.lora_down.weight", 16, 3072),
                tensor("lora_unet_single_blocks_0_linear1.lora_down.weight", 16, 3072),
                tensor("lora_te1_text_model_encoder_layers_0_mlp_fc1.lora_down.weight", 16, 768)).orElseThrow();

        assertThat(facts.targets()).containsExactly("text_encoder", "transformer");
    }

    @Test
    void sd3KohyaJointBlocksAreTransformer() throws Exception {
        LoraFacts facts = inspect(
                tensor("lora_unet_joint_blocks_0_x_block_attn_qkv.lora_down.weight", 16, 1536),
                tensor("lora_te3_encoder_block_0_layer_0_SelfAttention_q.lora_down.weight", 16, 4096)).orElseThrow();

        assertThat(facts.targets()).containsExactly("text_encoder_3", "transformer");
    }

    @Test
    void diffusersPeftStyleTransformer() throws Exception {
        LoraFacts facts = inspect(
                tensor("transformer.single_transformer_blocks.0.proj_mlp.lora_A.weight", 16, 3072),
                tensor("transformer.single_transformer_blocks.0.proj_mlp.lora_B.weight", 12288, 16),
                tensor("text_encoder.text_model.encoder.layers.0.self_attn.q_proj.lora_A.weight", 16, 768),
                tensor("text_encoder.text_model.encoder.layers.0.self_attn.q_proj.lora_B.weight", 768, 16)).orElseThrow();

        assertThat(facts.layout()).isEqualTo(LoraLayout.DIFFUSERS);
        assertThat(facts.moduleCount()).isEqualTo(2);
        assertThat(facts.rank()).isEqualTo(16);
        assertThat(facts.targets()).containsExactly("text_encoder", "transformer");
    }

    @Test
    void peftDoraMagnitude() throws Exception {
        LoraFacts facts = inspect(
                tensor("base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight", 8, 4096),
                tensor("base_model.model.model.layers.0.self_attn.q_proj.lora_B.weight", 4096, 8),
                tensor("base_model.model.model.layers.0.self_attn.q_proj.lora_magnitude_vector", 4096)).orElseThrow();

        assertThat(facts.layout()).isEqualTo(LoraLayout.PEFT);
        assertThat(facts.networkType()).isEqualTo(NetworkType.DORA);
        assertThat(facts.moduleCount()).isEqualTo(1);
    }

    @Test
    void mostCommonRankAndAllRanks() throws Exception {
        LoraFacts facts = inspect(
                tensor("lora_unet_down_blocks_0_resnets_0_conv1.lora_down.weight", 8, 320, 3, 3),
                tensor("lora_unet_down_blocks_0_resnets_0_conv2.lora_down.weight", 4, 320, 3, 3),
                tensor("lora_unet_down_blocks_0_resnets_1_conv1.lora_down.weight", 4, 320, 3, 3)).orElseThrow();

        assertThat(facts.networkType()).isEqualTo(NetworkType.LOCON);
        assertThat(facts.rank()).isEqualTo(4);
        assertThat(facts.ranks()).containsExactly(4, 8);
    }

    @Test
    void unknownUnetBlockNotRecognized() throws Exception {
        Optional<LoraFacts> facts = inspect(
                tensor("lora_unet_unet_down_blocks_0_attentions_0_proj_in.lora_down.weight", 4, 320),
                tensor("lora_unet_unet_down_blocks_0_attentions_0_proj_in.lora_up.weight", 320, 4));

        assertThat(facts).isEmpty();
    }

    @Test
    void alphaAloneIsNoModule() throws Exception {
        assertThat(inspect(tensor("lora_unet_mid_block_attentions_0_proj_in.alpha"))).isEmpty();
    }

    @Test
    void majorityLayoutWins() throws Exception {
        LoraFacts facts = inspect(
                tensor("unet.mid_block.attentions.0.proj_in.lora.down.weight", 4, 320),
                tensor("unet.mid_block.attentions.0.proj_in.lora.up.weight", 320, 4),
                tensor("lora_unet_mid_block_attentions_0_proj_out.lora_down.weight", 4, 320)).orElseThrow();

        assertThat(facts.layout()).isEqualTo(LoraLayout.DIFFUSERS);
        assertThat(facts.moduleCount()).isEqualTo(1);
    }

    @Test
    void apiNames() {
        assertThat(LoraLayout.fromApiName("peft")).contains(LoraLayout.PEFT);
        assertThat(LoraLayout.fromApiName("PEFT")).isEmpty();
        assertThat(NetworkType.LOKR.apiName()).isEqualTo("LoKr");
        assertThat(NetworkType.fromApiName("DoRA")).contains(NetworkType.DORA);
    }

    private static Optional<LoraFacts> inspect(TensorInfo... tensors) throws Exception {
        List<TensorInfo> tiled = new ArrayList<>();
        long begin = 0;
        for (TensorInfo tensor : tensors) {
            long end = begin + tensor.elementCount() * 2;
            tiled.add(new TensorInfo(tensor.name(), DType.F16, tensor.shape(), begin, end));
            begin = end;
        }
        SafetensorsHeader header = new SafetensorsHeader(0, Map.of(), tiled, begin);
        return LoraInspector.inspect(header, ALPHA_4);
    }

    /** Returns an F16 tensor of the shape; the inspector places it in the data section. */
    private static TensorInfo tensor(String name, long... shape) {
        return new TensorInfo(name, DType.F16, shape, 0, 0);
    }
}
