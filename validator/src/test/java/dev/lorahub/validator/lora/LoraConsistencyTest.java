package dev.lorahub.validator.lora;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lorahub.formats.safetensors.SafetensorsException;
import dev.lorahub.formats.safetensors.SafetensorsHeader;
import dev.lorahub.formats.safetensors.SafetensorsReader;
import dev.lorahub.formats.safetensors.ScalarReader;
import dev.lorahub.validator.Finding;
import dev.lorahub.validator.TensorFile;
import dev.lorahub.validator.Verdict;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Module completeness, ranks, alpha and factor shapes on generated LoRA headers. */
class LoraConsistencyTest {

    private static final String KOHYA = "lora_unet_mid_block_attentions_0_proj_in";
    private static final String TEXT = "lora_te_text_model_encoder_layers_0_mlp_fc1";
    private static final String PEFT = "base_model.model.distilbert.transformer.layer.0.attention.q_lin";
    private static final long[] SCALAR = {};

    @TempDir
    Path folder;

    @Test
    void completeKohyaModuleOk() throws IOException, SafetensorsException {
        TensorFile tensors = kohya(KOHYA, new long[] {4, 8}, new long[] {8, 4}).f32(KOHYA + ".alpha", SCALAR, 2f);

        assertThat(check(tensors)).isEmpty();
    }

    @Test
    void missingUpRejected() throws IOException, SafetensorsException {
        TensorFile tensors = kohya(TEXT, new long[] {4, 8}, new long[] {8, 4}).zeros(KOHYA + ".lora_down.weight", 4, 8);

        List<Finding> findings = check(tensors);

        assertThat(codes(findings)).containsExactly("incomplete-module");
        assertThat(findings.get(0).level()).isEqualTo(Verdict.REJECTED);
        assertThat(findings.get(0).location()).isEqualTo(KOHYA);
        assertThat(findings.get(0).arguments()).containsExactly(KOHYA, List.of(KOHYA + ".lora_up.weight"));
    }

    @Test
    void missingPeftDownNamed() throws IOException, SafetensorsException {
        TensorFile tensors = new TensorFile()
                .zeros(PEFT + ".lora_B.weight", 8, 4)
                .zeros("base_model.model.distilbert.transformer.layer.0.attention.v_lin.lora_A.weight", 4, 8)
                .zeros("base_model.model.distilbert.transformer.layer.0.attention.v_lin.lora_B.weight", 8, 4);

        List<Finding> findings = check(tensors);

        assertThat(codes(findings)).containsExactly("incomplete-module");
        assertThat(findings.get(0).arguments()).containsExactly(PEFT, List.of(PEFT + ".lora_A.weight"));
    }

    @Test
    void alphaOnlyModuleMissesBoth() throws IOException, SafetensorsException {
        TensorFile tensors = kohya(TEXT, new long[] {4, 8}, new long[] {8, 4}).f32(KOHYA + ".alpha", SCALAR, 4f);

        List<Finding> findings = check(tensors);

        assertThat(codes(findings)).containsExactly("incomplete-module");
        assertThat(findings.get(0).arguments())
                .containsExactly(KOHYA, List.of(KOHYA + ".lora_down.weight", KOHYA + ".lora_up.weight"));
    }

    @Test
    void rankMismatchRejected() throws IOException, SafetensorsException {
        List<Finding> findings = check(kohya(KOHYA, new long[] {4, 8}, new long[] {8, 2}));

        assertThat(codes(findings)).containsExactly("rank-mismatch");
        assertThat(findings.get(0).level()).isEqualTo(Verdict.REJECTED);
        assertThat(findings.get(0).arguments()).containsExactly(
                KOHYA, KOHYA + ".lora_down.weight", 4L, KOHYA + ".lora_up.weight", 2L);
    }

    @Test
    void alphaWithTwoElementsRejected() throws IOException, SafetensorsException {
        TensorFile tensors = kohya(KOHYA, new long[] {4, 8}, new long[] {8, 4}).f32(KOHYA + ".alpha", new long[] {2}, 4f, 4f);

        List<Finding> findings = check(tensors);

        assertThat(codes(findings)).containsExactly("invalid-alpha");
        assertThat(findings.get(0).arguments()).containsExactly(KOHYA + ".alpha", List.of(2L), "F32", "not read");
    }

    @Test
    void alphaOfShapeOneOk() throws IOException, SafetensorsException {
        TensorFile tensors = kohya(KOHYA, new long[] {4, 8}, new long[] {8, 4}).f32(KOHYA + ".alpha", new long[] {1}, 4f);

        assertThat(check(tensors)).isEmpty();
    }

    @Test
    void nanAlphaRejected() throws IOException, SafetensorsException {
        TensorFile tensors = kohya(KOHYA, new long[] {4, 8}, new long[] {8, 4}).f32(KOHYA + ".alpha", SCALAR, Float.NaN);

        List<Finding> findings = check(tensors);

        assertThat(codes(findings)).containsExactly("invalid-alpha");
        assertThat(findings.get(0).arguments()).containsExactly(KOHYA + ".alpha", List.of(), "F32", Double.NaN);
    }

    @Test
    void zeroAndNegativeAlphaRejected() throws IOException, SafetensorsException {
        TensorFile zero = kohya(KOHYA, new long[] {4, 8}, new long[] {8, 4}).f32(KOHYA + ".alpha", SCALAR, 0f);
        TensorFile negative = kohya(KOHYA, new long[] {4, 8}, new long[] {8, 4}).f32(KOHYA + ".alpha", SCALAR, -1f);

        assertThat(codes(check(zero))).containsExactly("invalid-alpha");
        assertThat(codes(check(negative))).containsExactly("invalid-alpha");
    }

    @Test
    void threeDimensionalFactorRejected() throws IOException, SafetensorsException {
        List<Finding> findings = check(kohya(KOHYA, new long[] {4, 8, 1}, new long[] {8, 4}));

        assertThat(codes(findings)).containsExactly("invalid-factor-shape");
        assertThat(findings.get(0).location()).isEqualTo(KOHYA + ".lora_down.weight");
        assertThat(findings.get(0).arguments().get(1)).isEqualTo(List.of(4L, 8L, 1L));
    }

    @Test
    void convFactorsOk() throws IOException, SafetensorsException {
        assertThat(check(kohya(KOHYA, new long[] {8, 320, 3, 3}, new long[] {320, 8, 1, 1}))).isEmpty();
    }

    @Test
    void convUpWithKernelRejected() throws IOException, SafetensorsException {
        List<Finding> findings = check(kohya(KOHYA, new long[] {8, 320, 3, 3}, new long[] {320, 8, 3, 3}));

        assertThat(codes(findings)).containsExactly("invalid-factor-shape");
        assertThat(findings.get(0).location()).isEqualTo(KOHYA + ".lora_up.weight");
    }

    @Test
    void linearUpAfterConvDownRejected() throws IOException, SafetensorsException {
        List<Finding> findings = check(kohya(KOHYA, new long[] {8, 320, 1, 1}, new long[] {320, 8}));

        assertThat(codes(findings)).containsExactly("invalid-factor-shape");
    }

    @Test
    void completeLohaOk() throws IOException, SafetensorsException {
        assertThat(check(loha(true))).isEmpty();
    }

    @Test
    void lohaMissingFactorRejected() throws IOException, SafetensorsException {
        List<Finding> findings = check(loha(false));

        assertThat(codes(findings)).containsExactly("incomplete-module");
        assertThat(findings.get(0).arguments()).containsExactly(KOHYA, List.of(KOHYA + ".hada_w2_b"));
    }

    @Test
    void lokrWholeAndSplitFactorsOk() throws IOException, SafetensorsException {
        TensorFile tensors = new TensorFile()
                .zeros(KOHYA + ".lokr_w1", 4, 4)
                .zeros(KOHYA + ".lokr_w2_a", 80, 2)
                .zeros(KOHYA + ".lokr_w2_b", 2, 80)
                .f32(KOHYA + ".alpha", SCALAR, 2f);

        assertThat(check(tensors)).isEmpty();
    }

    @Test
    void lokrHalfFactorRejected() throws IOException, SafetensorsException {
        TensorFile tensors = new TensorFile().zeros(KOHYA + ".lokr_w1_a", 4, 2).zeros(KOHYA + ".lokr_w2", 80, 80);

        List<Finding> findings = check(tensors);

        assertThat(codes(findings)).containsExactly("incomplete-module");
        assertThat(findings.get(0).arguments()).containsExactly(KOHYA, List.of(KOHYA + ".lokr_w1_b"));
    }

    @Test
    void lokrWithoutSecondFactorRejected() throws IOException, SafetensorsException {
        List<Finding> findings = check(new TensorFile().zeros(KOHYA + ".lokr_w1", 4, 4));

        assertThat(findings.get(0).arguments()).containsExactly(KOHYA, List.of(KOHYA + ".lokr_w2"));
    }

    @Test
    void unknownNamesNotALora() throws IOException, SafetensorsException {
        TensorFile tensors = new TensorFile();
        for (int i = 0; i < 7; i++) {
            tensors.zeros("model.layers." + i + ".weight", 2);
        }

        List<Finding> findings = check(tensors);

        assertThat(codes(findings)).containsExactly("not-a-lora");
        assertThat(findings.get(0).level()).isEqualTo(Verdict.REJECTED);
        assertThat(findings.get(0).arguments()).containsExactly(7L, List.of("model.layers.0.weight",
                "model.layers.1.weight", "model.layers.2.weight", "model.layers.3.weight", "model.layers.4.weight"));
        assertThat(findings.get(0).message()).contains("not a LoRA this hub can use");
    }

    @Test
    void unetPathWithoutBlockNotALora() throws IOException, SafetensorsException {
        String module = "lora_unet_unet_down_blocks_0_attentions_0_proj_in";

        List<Finding> findings = check(kohya(module, new long[] {4, 8}, new long[] {8, 4}));

        assertThat(codes(findings)).containsExactly("not-a-lora");
    }

    @Test
    void strayTensorsWarn() throws IOException, SafetensorsException {
        TensorFile tensors = kohya(KOHYA, new long[] {4, 8}, new long[] {8, 4})
                .zeros("text_projection.weight", 2)
                .zeros("lora_unet_unet_mid_block.lora_down.weight", 2);

        List<Finding> findings = check(tensors);

        assertThat(codes(findings)).containsExactly("unknown-tensors");
        assertThat(findings.get(0).level()).isEqualTo(Verdict.WARNING);
        assertThat(findings.get(0).arguments())
                .containsExactly(2L, List.of("text_projection.weight", "lora_unet_unet_mid_block.lora_down.weight"));
    }

    @Test
    void peftSavedLayersNoWarning() throws IOException, SafetensorsException {
        TensorFile tensors = new TensorFile()
                .zeros("base_model.model.classifier.weight", 6, 8)
                .zeros("base_model.model.classifier.bias", 6)
                .zeros(PEFT + ".lora_A.weight", 4, 8)
                .zeros(PEFT + ".lora_B.weight", 8, 4);

        assertThat(check(tensors)).isEmpty();
    }

    @Test
    void diffusersAndCloneofsimoNamesOk() throws IOException, SafetensorsException {
        String diffusers = "unet.down_blocks.0.attentions.0.transformer_blocks.0.attn1.to_q";
        String processor = "down_blocks.0.attentions.0.transformer_blocks.0.attn1.processor.to_q_lora";
        TensorFile tensors = new TensorFile()
                .zeros(diffusers + ".lora.down.weight", 4, 8).zeros(diffusers + ".lora.up.weight", 8, 4)
                .zeros(processor + ".down.weight", 4, 8).zeros(processor + ".up.weight", 8, 4)
                .zeros("unet:0:down", 4, 8).zeros("unet:0:up", 8, 4);

        assertThat(check(tensors)).isEmpty();
    }

    private static TensorFile kohya(String module, long[] down, long[] up) {
        return new TensorFile().zeros(module + ".lora_down.weight", down).zeros(module + ".lora_up.weight", up);
    }

    private static TensorFile loha(boolean complete) {
        TensorFile tensors = new TensorFile()
                .zeros(KOHYA + ".hada_w1_a", 8, 4).zeros(KOHYA + ".hada_w1_b", 4, 8)
                .zeros(KOHYA + ".hada_w2_a", 8, 4);
        return complete ? tensors.zeros(KOHYA + ".hada_w2_b", 4, 8) : tensors;
    }

    private List<Finding> check(TensorFile tensors) throws IOException, SafetensorsException {
        Path file = tensors.write(folder.resolve("lora.safetensors"));
        try (FileChannel channel = FileChannel.open(file)) {
            SafetensorsHeader header = SafetensorsReader.read(channel);
            return LoraConsistency.check(header, ScalarReader.of(channel, header));
        }
    }

    private static List<String> codes(List<Finding> findings) {
        return findings.stream().map(Finding::code).toList();
    }
}
