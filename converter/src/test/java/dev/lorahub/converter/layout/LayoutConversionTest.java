package dev.lorahub.converter.layout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lorahub.converter.basemodel.BaseModels;
import dev.lorahub.converter.basemodel.Layer;
import dev.lorahub.converter.safetensors.OutputTensor;
import dev.lorahub.converter.safetensors.SafetensorsWriter;
import dev.lorahub.converter.safetensors.TestTensors;
import dev.lorahub.formats.lora.LoraFacts;
import dev.lorahub.formats.lora.LoraInspector;
import dev.lorahub.formats.lora.LoraLayout;
import dev.lorahub.formats.safetensors.DType;
import dev.lorahub.formats.safetensors.SafetensorsHeader;
import dev.lorahub.formats.safetensors.SafetensorsReader;
import dev.lorahub.formats.safetensors.TensorInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LayoutConversionTest {

    private static final Path NEZHA = TestTensors.fixtures().resolve("lora/sd15-kohya-nezha-rank4.safetensors");
    private static final String TE_Q = "lora_te_text_model_encoder_layers_0_self_attn_q_proj";
    private static final String UNET_OUT = "lora_unet_down_blocks_0_attentions_0_transformer_blocks_0_attn1_to_out_0";

    @TempDir
    Path folder;

    @Test
    void kohyaToDiffusersNamesAndFoldsAlpha() throws Exception {
        Path target = folder.resolve("diffusers.safetensors");

        LayoutConversion.Result result = LayoutConversion.convert(NEZHA, target, KeyLayout.DIFFUSERS, BaseModels.SD15);

        assertThat(result.sourceLayout()).isEqualTo(KeyLayout.KOHYA);
        assertThat(result.moduleCount()).isEqualTo(264);
        assertThat(result.foldedAlphaCount()).isEqualTo(264);
        SafetensorsHeader header = result.header();
        assertThat(header.tensors()).hasSize(528);
        assertThat(header.tensor("text_encoder.text_model.encoder.layers.0.self_attn.q_proj.lora_A.weight")).isPresent();
        assertThat(header.tensor("unet.down_blocks.0.attentions.0.transformer_blocks.0.attn1.to_out.0.lora_B.weight"))
                .isPresent();
        assertThat(header.tensors()).noneMatch(tensor -> tensor.name().endsWith(".alpha"));
    }

    @Test
    void layoutChangeDropsKohyaRankAndAlphaMetadata() throws Exception {
        Path diffusers = folder.resolve("diffusers.safetensors");
        Path kohya = folder.resolve("kohya.safetensors");

        SafetensorsHeader folded = LayoutConversion.convert(NEZHA, diffusers, KeyLayout.DIFFUSERS, BaseModels.SD15)
                .header();
        SafetensorsHeader back = LayoutConversion.convert(diffusers, kohya, KeyLayout.KOHYA, BaseModels.SD15).header();

        assertThat(SafetensorsReader.read(NEZHA).metadata()).containsEntry("ss_network_alpha", "2.0");
        assertThat(folded.metadata()).doesNotContainKeys("ss_network_alpha", "ss_network_dim");
        assertThat(folded.metadata()).containsEntry("ss_output_name", "nezha_v1");
        assertThat(back.metadata()).doesNotContainKeys("ss_network_alpha", "ss_network_dim");
    }

    @Test
    void foldedDownIsScaledByAlphaOverRank() throws Exception {
        Path target = folder.resolve("diffusers.safetensors");
        SafetensorsHeader original = SafetensorsReader.read(NEZHA);

        SafetensorsHeader header = LayoutConversion.convert(NEZHA, target, KeyLayout.DIFFUSERS, BaseModels.SD15).header();

        double[] down = TestTensors.values(NEZHA, original, original.tensor(TE_Q + ".lora_down.weight").orElseThrow());
        double[] folded = TestTensors.values(target, header,
                header.tensor("text_encoder.text_model.encoder.layers.0.self_attn.q_proj.lora_A.weight").orElseThrow());
        for (int index = 0; index < down.length; index++) {
            assertThat(folded[index]).as("element %d", index).isCloseTo(down[index] * 2.0 / 4, withinUlpOfF16(down[index]));
        }
    }

    @Test
    void kohyaDiffusersKohyaKeepsNamesAndDeltaWeights() throws Exception {
        Path diffusers = folder.resolve("diffusers.safetensors");
        Path kohya = folder.resolve("kohya.safetensors");
        SafetensorsHeader original = SafetensorsReader.read(NEZHA);

        LayoutConversion.convert(NEZHA, diffusers, KeyLayout.DIFFUSERS, BaseModels.SD15);
        LayoutConversion.Result back = LayoutConversion.convert(diffusers, kohya, KeyLayout.KOHYA, BaseModels.SD15);

        assertThat(back.sourceLayout()).isEqualTo(KeyLayout.DIFFUSERS);
        assertThat(back.header().tensors()).extracting(TensorInfo::name)
                .containsExactlyInAnyOrderElementsOf(original.tensors().stream().map(TensorInfo::name).toList());
        for (TensorInfo alpha : original.tensors()) {
            if (alpha.name().endsWith(".alpha")) {
                assertDeltaWeightsEqual(original, back.header(), kohya, alpha.name().replace(".alpha", ""));
            }
        }
    }

    @Test
    void roundTripWritesAlphaEqualToRank() throws Exception {
        Path diffusers = folder.resolve("diffusers.safetensors");
        Path kohya = folder.resolve("kohya.safetensors");

        LayoutConversion.convert(NEZHA, diffusers, KeyLayout.DIFFUSERS, BaseModels.SD15);
        SafetensorsHeader header = LayoutConversion.convert(diffusers, kohya, KeyLayout.KOHYA, BaseModels.SD15).header();

        TensorInfo alpha = header.tensor(TE_Q + ".alpha").orElseThrow();
        assertThat(alpha.dtype()).isEqualTo(DType.F16);
        assertThat(alpha.shape()).isEmpty();
        assertThat(SafetensorsReader.readScalar(kohya, header, alpha)).isEqualTo(4.0);
    }

    @Test
    void diffusersUnetFixtureToKohyaIsRecognised() throws Exception {
        Path source = TestTensors.fixtures().resolve("lora/sd15-diffusers-unet.safetensors");
        Path target = folder.resolve("kohya.safetensors");

        LayoutConversion.Result result = LayoutConversion.convert(source, target, KeyLayout.KOHYA, BaseModels.SD15);

        assertThat(result.sourceLayout()).isEqualTo(KeyLayout.DIFFUSERS_LEGACY);
        LoraFacts facts = LoraInspector.inspect(target).orElseThrow();
        assertThat(facts.layout()).isEqualTo(LoraLayout.KOHYA);
        assertThat(facts.moduleCount()).isEqualTo(128);
        assertThat(facts.rank()).isEqualTo(4);
        assertThat(facts.alpha()).isEqualTo(4.0);
        assertThat(result.header().tensor(UNET_OUT + ".lora_down.weight")).isPresent();
        assertThat(result.header().metadata()).containsEntry("format", "pt");
    }

    @Test
    void legacyDiffusersNamesRoundTrip() throws Exception {
        Path legacy = folder.resolve("legacy.safetensors");
        Path kohya = folder.resolve("kohya.safetensors");

        SafetensorsHeader header = LayoutConversion.convert(NEZHA, legacy, KeyLayout.DIFFUSERS_LEGACY, BaseModels.SD15).header();
        LayoutConversion.Result back = LayoutConversion.convert(legacy, kohya, KeyLayout.KOHYA, BaseModels.SD15);

        assertThat(header.tensor("text_encoder.text_model.encoder.layers.0.self_attn.q_proj.lora_linear_layer.down.weight"))
                .isPresent();
        assertThat(header.tensor("unet.down_blocks.0.attentions.0.transformer_blocks.0.attn1.to_out.0.lora.up.weight"))
                .isPresent();
        assertThat(back.sourceLayout()).isEqualTo(KeyLayout.DIFFUSERS_LEGACY);
        assertThat(back.header().tensors()).hasSize(792);
        assertThat(back.header().tensor(UNET_OUT + ".alpha")).isPresent();
    }

    @Test
    void peftNamesRoundTrip() throws Exception {
        Path peft = folder.resolve("peft.safetensors");
        Path kohya = folder.resolve("kohya.safetensors");

        SafetensorsHeader header = LayoutConversion.convert(NEZHA, peft, KeyLayout.PEFT, BaseModels.SD15).header();
        LayoutConversion.Result back = LayoutConversion.convert(peft, kohya, KeyLayout.KOHYA, BaseModels.SD15);

        assertThat(header.tensor("base_model.model.text_model.encoder.layers.0.self_attn.q_proj.lora_A.weight")).isPresent();
        assertThat(header.tensor("base_model.model.down_blocks.0.attentions.0.transformer_blocks.0.attn1.to_out.0.lora_B.weight"))
                .isPresent();
        assertThat(back.sourceLayout()).isEqualTo(KeyLayout.PEFT);
        assertThat(back.header().tensor(TE_Q + ".lora_up.weight")).isPresent();
        assertThat(back.header().tensors()).hasSize(792);
    }

    @Test
    void sd2Bf16FixtureToKohya() throws Exception {
        Path source = TestTensors.fixtures().resolve("lora/sd2-diffusers-bf16.safetensors");
        Path target = folder.resolve("kohya.safetensors");

        LayoutConversion.Result result = LayoutConversion.convert(source, target, KeyLayout.KOHYA, BaseModels.SD2);

        TensorInfo alpha = result.header().tensor(UNET_OUT + ".alpha").orElseThrow();
        assertThat(alpha.dtype()).isEqualTo(DType.BF16);
        assertThat(SafetensorsReader.readScalar(target, result.header(), alpha)).isEqualTo(4.0);
        assertThat(result.moduleCount()).isEqualTo(128);
    }

    @Test
    void unknownNamesRejectedWithoutOutput() throws Exception {
        Path source = TestTensors.fixtures().resolve("lora/sd15-broken-names.safetensors");
        Path target = folder.resolve("kohya.safetensors");

        assertThatThrownBy(() -> LayoutConversion.convert(source, target, KeyLayout.KOHYA, BaseModels.SD15))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not a LoRA down, up or alpha tensor");

        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void uncataloguedKohyaModuleRejected() throws Exception {
        Path source = folder.resolve("unknown.safetensors");
        SafetensorsWriter.write(source, Map.of(), List.of(
                TestTensors.tensor("lora_unet_extra_layer.lora_down.weight", DType.F32, new long[] {1, 1}, new byte[4]),
                TestTensors.tensor("lora_unet_extra_layer.lora_up.weight", DType.F32, new long[] {1, 1}, new byte[4])));

        assertThatThrownBy(() -> LayoutConversion.convert(source, folder.resolve("out.safetensors"), KeyLayout.DIFFUSERS,
                BaseModels.SD15)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Module lora_unet_extra_layer adapts no layer of base model sd15");
    }

    @Test
    void sdxlSgmNamesRoundTrip() throws Exception {
        Path source = folder.resolve("sdxl-kohya.safetensors");
        List<String> modules = List.of("lora_unet_input_blocks_4_1_proj_in",
                "lora_unet_output_blocks_0_1_transformer_blocks_9_attn2_to_k",
                "lora_te1_text_model_encoder_layers_0_mlp_fc1", "lora_te2_text_model_encoder_layers_31_self_attn_q_proj");
        List<OutputTensor> tensors = new ArrayList<>();
        for (String module : modules) {
            Layer layer = BaseModels.SDXL.layer(BaseModels.SDXL.kohyaPath(module).orElseThrow()).orElseThrow();
            tensors.add(filled(module + ".lora_down.weight", 2, layer.inFeatures()));
            tensors.add(filled(module + ".lora_up.weight", layer.outFeatures(), 2));
        }
        SafetensorsWriter.write(source, Map.of(), tensors);
        Path diffusers = folder.resolve("sdxl-diffusers.safetensors");
        Path kohya = folder.resolve("sdxl-kohya-again.safetensors");

        SafetensorsHeader header = LayoutConversion.convert(source, diffusers, KeyLayout.DIFFUSERS, BaseModels.SDXL).header();
        SafetensorsHeader back = LayoutConversion.convert(diffusers, kohya, KeyLayout.KOHYA, BaseModels.SDXL).header();

        assertThat(header.tensor("unet.down_blocks.1.attentions.0.proj_in.lora_A.weight")).isPresent();
        assertThat(header.tensor("text_encoder_2.text_model.encoder.layers.31.self_attn.q_proj.lora_B.weight")).isPresent();
        for (String module : modules) {
            assertThat(back.tensor(module + ".lora_down.weight")).as(module).isPresent();
            assertThat(back.tensor(module + ".alpha")).as(module).isPresent();
        }
        assertThat(back.tensors()).hasSize(12);
    }

    @Test
    void peftRejectsSecondTextEncoder() throws Exception {
        Path source = folder.resolve("sdxl-te2.safetensors");
        String module = "lora_te2_text_model_encoder_layers_0_self_attn_q_proj";
        SafetensorsWriter.write(source, Map.of(), List.of(
                filled(module + ".lora_down.weight", 2, 1280), filled(module + ".lora_up.weight", 1280, 2)));

        assertThatThrownBy(() -> LayoutConversion.convert(source, folder.resolve("peft.safetensors"), KeyLayout.PEFT,
                BaseModels.SDXL)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot be named in this layout");
    }

    /** Returns an F32 tensor of the shape whose elements are 0.25. */
    private static OutputTensor filled(String name, long rows, long columns) {
        int[] bits = new int[(int) (rows * columns)];
        Arrays.fill(bits, Float.floatToIntBits(0.25f));
        return TestTensors.tensor(name, DType.F32, new long[] {rows, columns}, TestTensors.f32Bytes(bits));
    }

    private static void assertDeltaWeightsEqual(SafetensorsHeader original, SafetensorsHeader converted, Path convertedFile,
            String module) throws Exception {
        double[] expected = DeltaWeights.of(NEZHA, original, tensor(original, module + ".lora_down.weight"),
                tensor(original, module + ".lora_up.weight"), tensor(original, module + ".alpha"));
        double[] actual = DeltaWeights.of(convertedFile, converted, tensor(converted, module + ".lora_down.weight"),
                tensor(converted, module + ".lora_up.weight"), tensor(converted, module + ".alpha"));
        assertThat(DeltaWeights.relativeError(actual, expected)).as("relative ΔW error of %s", module).isLessThan(1e-3);
    }

    private static TensorInfo tensor(SafetensorsHeader header, String name) {
        return header.tensor(name).orElseThrow(() -> new AssertionError("missing tensor " + name));
    }

    /** Returns one F16 unit in the last place of the value, as an absolute tolerance. */
    private static Offset<Double> withinUlpOfF16(double value) {
        return Offset.offset(Math.max(Math.abs(value) * 0x1p-10, 0x1p-24));
    }
}
