package dev.lorahub.converter.layout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lorahub.converter.basemodel.BaseModels;
import dev.lorahub.converter.safetensors.OutputTensor;
import dev.lorahub.converter.safetensors.SafetensorsWriter;
import dev.lorahub.converter.safetensors.TestTensors;
import dev.lorahub.formats.safetensors.DType;
import dev.lorahub.formats.safetensors.SafetensorsHeader;
import dev.lorahub.formats.safetensors.SafetensorsReader;
import dev.lorahub.formats.safetensors.TensorInfo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Conversion of Flux.1 LoRAs to and from PEFT names, of the layers outside the transformer blocks and of the
 * text encoders.
 */
class FluxPeftConversionTest {

    private static final int RANK = FluxLoras.RANK;
    private static final int HIDDEN = 3072;

    /** The diffusers module of each kohya module of the LoRA that {@link #writeKohya} writes. */
    private static final Map<String, String> DIFFUSERS_BY_KOHYA = diffusersByKohya();

    @TempDir
    Path folder;

    @ParameterizedTest
    @CsvSource({
        "lora_unet_img_in, transformer.x_embedder, 64, 3072",
        "lora_unet_txt_in, transformer.context_embedder, 4096, 3072",
        "lora_unet_time_in_in_layer, transformer.time_text_embed.timestep_embedder.linear_1, 256, 3072",
        "lora_unet_time_in_out_layer, transformer.time_text_embed.timestep_embedder.linear_2, 3072, 3072",
        "lora_unet_vector_in_in_layer, transformer.time_text_embed.text_embedder.linear_1, 768, 3072",
        "lora_unet_vector_in_out_layer, transformer.time_text_embed.text_embedder.linear_2, 3072, 3072",
        "lora_unet_guidance_in_in_layer, transformer.time_text_embed.guidance_embedder.linear_1, 256, 3072",
        "lora_unet_guidance_in_out_layer, transformer.time_text_embed.guidance_embedder.linear_2, 3072, 3072",
        "lora_unet_final_layer_linear, transformer.proj_out, 3072, 64",
        "lora_unet_double_blocks_0_img_mod_lin, transformer.transformer_blocks.0.norm1.linear, 3072, 18432",
        "lora_unet_double_blocks_0_txt_mod_lin, transformer.transformer_blocks.0.norm1_context.linear, 3072, 18432",
        "lora_unet_single_blocks_0_modulation_lin, transformer.single_transformer_blocks.0.norm.linear, 3072, 9216",
        "lora_te1_text_model_encoder_layers_0_self_attn_q_proj, text_encoder.text_model.encoder.layers.0.self_attn.q_proj, 768, 768",
        "lora_te3_encoder_block_23_layer_1_DenseReluDense_wo, text_encoder_2.encoder.block.23.layer.1.DenseReluDense.wo, 10240, 4096"
    })
    void kohyaModuleGetsDiffusersName(String kohya, String diffusers, long in, long out) throws Exception {
        Path source = FluxLoras.writeKohya(folder.resolve("kohya.safetensors"), List.of(kohya), DType.F32);
        Path target = folder.resolve("diffusers.safetensors");
        SafetensorsHeader original = SafetensorsReader.read(source);

        SafetensorsHeader header = LayoutConversion.convert(source, target, KeyLayout.DIFFUSERS, BaseModels.FLUX1_DEV)
                .header();

        assertThat(header.tensors()).extracting(TensorInfo::name)
                .containsExactlyInAnyOrder(diffusers + ".lora_A.weight", diffusers + ".lora_B.weight");
        assertThat(header.tensor(diffusers + ".lora_A.weight").orElseThrow().shape()).containsExactly(RANK, in);
        assertThat(header.tensor(diffusers + ".lora_B.weight").orElseThrow().shape()).containsExactly(out, RANK);
        assertThat(FluxLoras.peftColumns(target, header, diffusers))
                .containsExactly(FluxLoras.kohyaColumns(source, original, kohya));
    }

    @Test
    void kohyaToPeftNames() throws Exception {
        Path source = writeKohya(DType.F32);
        Path target = folder.resolve("peft.safetensors");

        LayoutConversion.Result result = LayoutConversion.convert(source, target, KeyLayout.PEFT, BaseModels.FLUX1_DEV);

        List<String> expected = new ArrayList<>();
        for (String module : peftModules()) {
            expected.add(module + ".lora_A.weight");
            expected.add(module + ".lora_B.weight");
        }
        assertThat(result.header().tensors()).extracting(TensorInfo::name).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(result.sourceLayout()).isEqualTo(KeyLayout.KOHYA);
        assertThat(result.moduleCount()).isEqualTo(DIFFUSERS_BY_KOHYA.size());
        assertThat(result.foldedAlphaCount()).isEqualTo(DIFFUSERS_BY_KOHYA.size());
        assertThat(result.header().tensor("base_model.model.single_transformer_blocks.0.proj_mlp.lora_B.weight")
                .orElseThrow().shape()).containsExactly(12288, RANK);
        assertThat(result.header().tensor("base_model.model.transformer_blocks.0.attn.add_k_proj.lora_A.weight")
                .orElseThrow().shape()).containsExactly(RANK, HIDDEN);
    }

    @Test
    void peftRoundTripKeepsNamesAndDeltaWeights() throws Exception {
        for (DType dtype : new DType[] {DType.F32, DType.F16}) {
            Path source = writeKohya(dtype);
            Path peft = folder.resolve("peft-" + dtype + ".safetensors");
            Path kohya = folder.resolve("kohya-" + dtype + ".safetensors");
            SafetensorsHeader original = SafetensorsReader.read(source);

            LayoutConversion.convert(source, peft, KeyLayout.PEFT, BaseModels.FLUX1_DEV);
            LayoutConversion.Result back = LayoutConversion.convert(peft, kohya, KeyLayout.KOHYA, BaseModels.FLUX1_DEV);

            assertThat(back.sourceLayout()).isEqualTo(KeyLayout.PEFT);
            assertThat(back.header().tensors()).extracting(TensorInfo::name)
                    .containsExactlyInAnyOrderElementsOf(original.tensors().stream().map(TensorInfo::name).toList());
            assertSameDeltaWeights(source, original, kohya, back.header(), dtype);
        }
    }

    @Test
    void diffusersRoundTripKeepsNamesAndDeltaWeights() throws Exception {
        Path source = writeKohya(DType.F16);
        Path diffusers = folder.resolve("diffusers.safetensors");
        Path kohya = folder.resolve("kohya.safetensors");
        SafetensorsHeader original = SafetensorsReader.read(source);

        LayoutConversion.convert(source, diffusers, KeyLayout.DIFFUSERS, BaseModels.FLUX1_DEV);
        LayoutConversion.Result back = LayoutConversion.convert(diffusers, kohya, KeyLayout.KOHYA, BaseModels.FLUX1_DEV);

        assertThat(back.header().tensors()).extracting(TensorInfo::name)
                .containsExactlyInAnyOrderElementsOf(original.tensors().stream().map(TensorInfo::name).toList());
        assertSameDeltaWeights(source, original, kohya, back.header(), DType.F16);
    }

    @Test
    void normOutSwapsShiftAndScale() throws Exception {
        String kohyaModule = "lora_unet_final_layer_adaLN_modulation_1";
        Path source = FluxLoras.writeKohya(folder.resolve("kohya.safetensors"), List.of(kohyaModule), DType.F32);
        Path diffusers = folder.resolve("diffusers.safetensors");
        Path kohya = folder.resolve("kohya-back.safetensors");
        SafetensorsHeader original = SafetensorsReader.read(source);

        SafetensorsHeader header = LayoutConversion.convert(source, diffusers, KeyLayout.DIFFUSERS, BaseModels.FLUX1_DEV)
                .header();
        SafetensorsHeader back = LayoutConversion.convert(diffusers, kohya, KeyLayout.KOHYA, BaseModels.FLUX1_DEV)
                .header();

        double[] reference = FluxLoras.kohyaColumns(source, original, kohyaModule);
        double[] normOut = FluxLoras.peftColumns(diffusers, header, "transformer.norm_out.linear");
        int half = HIDDEN * FluxLoras.COLUMN_COUNT;
        assertThat(normOut).hasSize(2 * half);
        assertThat(Arrays.copyOfRange(normOut, 0, half)).as("scale rows").containsExactly(
                Arrays.copyOfRange(reference, half, 2 * half));
        assertThat(Arrays.copyOfRange(normOut, half, 2 * half)).as("shift rows").containsExactly(
                Arrays.copyOfRange(reference, 0, half));
        assertThat(FluxLoras.kohyaColumns(kohya, back, kohyaModule)).containsExactly(reference);
    }

    @Test
    void diffusersToPeftOnlyRenames() throws Exception {
        Path source = writeKohya(DType.F32);
        Path diffusers = folder.resolve("diffusers.safetensors");
        Path peft = folder.resolve("peft.safetensors");
        SafetensorsHeader diffusersHeader = LayoutConversion.convert(source, diffusers, KeyLayout.DIFFUSERS,
                BaseModels.FLUX1_DEV).header();

        LayoutConversion.Result result = LayoutConversion.convert(diffusers, peft, KeyLayout.PEFT, BaseModels.FLUX1_DEV);

        assertThat(result.foldedAlphaCount()).isZero();
        assertThat(result.header().tensors()).hasSameSizeAs(diffusersHeader.tensors());
        for (TensorInfo tensor : diffusersHeader.tensors()) {
            String peftName = "base_model.model." + tensor.name().substring(tensor.name().indexOf('.') + 1);
            TensorInfo renamed = result.header().tensor(peftName).orElseThrow();
            assertThat(TestTensors.bytes(peft, result.header(), renamed)).as(peftName)
                    .isEqualTo(TestTensors.bytes(diffusers, diffusersHeader, tensor));
        }
    }

    @Test
    void legacyDiffusersNamesAreRead() throws Exception {
        Path source = folder.resolve("legacy.safetensors");
        Random random = new Random(3);
        List<OutputTensor> tensors = new ArrayList<>();
        for (String part : new String[] {"attn.to_q", "attn.to_k", "attn.to_v"}) {
            String module = "transformer.transformer_blocks.4." + part;
            tensors.add(FluxLoras.randomTensor(module + ".lora.down.weight", DType.F32, RANK, HIDDEN, random));
            tensors.add(FluxLoras.randomTensor(module + ".lora.up.weight", DType.F32, HIDDEN, RANK, random));
        }
        SafetensorsWriter.write(source, Map.of(), tensors);
        SafetensorsHeader original = SafetensorsReader.read(source);
        Path kohya = folder.resolve("kohya.safetensors");

        LayoutConversion.Result result = LayoutConversion.convert(source, kohya, KeyLayout.KOHYA, BaseModels.FLUX1_DEV);

        String module = "lora_unet_double_blocks_4_img_attn_qkv";
        assertThat(result.sourceLayout()).isEqualTo(KeyLayout.DIFFUSERS_LEGACY);
        assertThat(result.header().tensor(module + ".lora_up.weight").orElseThrow().shape())
                .containsExactly(3 * HIDDEN, 3 * RANK);
        double[] joined = FluxLoras.kohyaColumns(kohya, result.header(), module);
        double[] k = FluxLoras.columns(source, original, "transformer.transformer_blocks.4.attn.to_k", ".lora.down.weight",
                ".lora.up.weight", null);
        int block = HIDDEN * FluxLoras.COLUMN_COUNT;
        assertThat(DeltaWeights.relativeError(Arrays.copyOfRange(joined, block, 2 * block), k)).isLessThan(1e-6);
    }

    @Test
    void oddModulationUpRejected() throws Exception {
        String module = "lora_unet_final_layer_adaLN_modulation_1";
        Path source = folder.resolve("odd.safetensors");
        Random random = new Random(5);
        SafetensorsWriter.write(source, Map.of(), List.of(
                FluxLoras.randomTensor(module + ".lora_down.weight", DType.F32, RANK, HIDDEN, random),
                FluxLoras.randomTensor(module + ".lora_up.weight", DType.F32, 5, RANK, random)));
        Path target = folder.resolve("diffusers.safetensors");

        assertThatThrownBy(() -> LayoutConversion.convert(source, target, KeyLayout.DIFFUSERS, BaseModels.FLUX1_DEV))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Invalid up factor " + module + ".lora_up.weight")
                .hasMessageEndingWith("of layer transformer.final_layer.adaLN_modulation.1: expected [out, r] with"
                        + " an even out, whose shift and scale halves are swapped");
        assertThat(target).doesNotExist();
    }

    @Test
    void textEncoderOnlyLoraConvertsToLegacy() throws Exception {
        String module = "lora_te1_text_model_encoder_layers_11_mlp_fc2";
        Path source = FluxLoras.writeKohya(folder.resolve("kohya.safetensors"), List.of(module), DType.F32);
        Path target = folder.resolve("legacy.safetensors");

        SafetensorsHeader header = LayoutConversion.convert(source, target, KeyLayout.DIFFUSERS_LEGACY,
                BaseModels.FLUX1_DEV).header();

        String legacy = "text_encoder.text_model.encoder.layers.11.mlp.fc2.lora_linear_layer.";
        assertThat(header.tensors()).extracting(TensorInfo::name)
                .containsExactlyInAnyOrder(legacy + "down.weight", legacy + "up.weight");
    }

    @Test
    void t5ModuleToPeftRejected() throws Exception {
        String module = "lora_te3_encoder_block_0_layer_0_SelfAttention_q";
        Path source = FluxLoras.writeKohya(folder.resolve("kohya.safetensors"), List.of(module), DType.F32);

        assertThatThrownBy(() -> LayoutConversion.convert(source, folder.resolve("peft.safetensors"), KeyLayout.PEFT,
                BaseModels.FLUX1_DEV)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Layer text_encoder_2.encoder.block.0.layer.0.SelfAttention.q cannot be named in this"
                        + " layout: expected a path under unet., text_encoder.");
    }

    private Path writeKohya(DType dtype) throws Exception {
        return FluxLoras.writeKohya(folder.resolve("kohya-source-" + dtype + ".safetensors"),
                List.copyOf(DIFFUSERS_BY_KOHYA.keySet()), dtype);
    }

    private static void assertSameDeltaWeights(Path source, SafetensorsHeader original, Path converted,
            SafetensorsHeader header, DType dtype) throws Exception {
        for (String module : DIFFUSERS_BY_KOHYA.keySet()) {
            double[] expected = FluxLoras.kohyaColumns(source, original, module);
            double[] actual = FluxLoras.kohyaColumns(converted, header, module);
            assertThat(DeltaWeights.relativeError(actual, expected)).as(module + " " + dtype).isLessThan(1e-3);
        }
    }

    /** Returns the PEFT modules of the LoRA that {@link #writeKohya} writes, with the fused layers split. */
    private static List<String> peftModules() {
        List<String> modules = new ArrayList<>();
        for (String diffusers : DIFFUSERS_BY_KOHYA.values()) {
            for (String module : diffusers.split(",")) {
                modules.add("base_model.model." + module.substring(module.indexOf('.') + 1));
            }
        }
        return modules;
    }

    /** Maps each kohya module to its diffusers modules, comma-separated where diffusers splits the layer. */
    private static Map<String, String> diffusersByKohya() {
        String doubleBlock = "transformer.transformer_blocks.0.";
        String singleBlock = "transformer.single_transformer_blocks.0.";
        Map<String, String> modules = new LinkedHashMap<>();
        modules.put("lora_unet_img_in", "transformer.x_embedder");
        modules.put("lora_unet_txt_in", "transformer.context_embedder");
        modules.put("lora_unet_time_in_in_layer", "transformer.time_text_embed.timestep_embedder.linear_1");
        modules.put("lora_unet_time_in_out_layer", "transformer.time_text_embed.timestep_embedder.linear_2");
        modules.put("lora_unet_vector_in_in_layer", "transformer.time_text_embed.text_embedder.linear_1");
        modules.put("lora_unet_vector_in_out_layer", "transformer.time_text_embed.text_embedder.linear_2");
        modules.put("lora_unet_guidance_in_in_layer", "transformer.time_text_embed.guidance_embedder.linear_1");
        modules.put("lora_unet_guidance_in_out_layer", "transformer.time_text_embed.guidance_embedder.linear_2");
        modules.put("lora_unet_double_blocks_0_img_attn_qkv",
                doubleBlock + "attn.to_q," + doubleBlock + "attn.to_k," + doubleBlock + "attn.to_v");
        modules.put("lora_unet_double_blocks_0_txt_attn_qkv",
                doubleBlock + "attn.add_q_proj," + doubleBlock + "attn.add_k_proj," + doubleBlock + "attn.add_v_proj");
        modules.put("lora_unet_double_blocks_0_img_mod_lin", doubleBlock + "norm1.linear");
        modules.put("lora_unet_double_blocks_0_txt_mod_lin", doubleBlock + "norm1_context.linear");
        modules.put("lora_unet_single_blocks_0_linear1", singleBlock + "attn.to_q," + singleBlock + "attn.to_k,"
                + singleBlock + "attn.to_v," + singleBlock + "proj_mlp");
        modules.put("lora_unet_single_blocks_0_modulation_lin", singleBlock + "norm.linear");
        modules.put("lora_unet_final_layer_linear", "transformer.proj_out");
        modules.put("lora_unet_final_layer_adaLN_modulation_1", "transformer.norm_out.linear");
        modules.put("lora_te1_text_model_encoder_layers_0_self_attn_q_proj",
                "text_encoder.text_model.encoder.layers.0.self_attn.q_proj");
        return modules;
    }
}
