package dev.lorahub.converter.layout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lorahub.converter.basemodel.BaseModels;
import dev.lorahub.converter.safetensors.OutputTensor;
import dev.lorahub.converter.safetensors.SafetensorsWriter;
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

/** Conversion of SD 3.5 Large LoRAs among the kohya, diffusers and PEFT layouts. */
class Sd3LayoutConversionTest {

    private static final int HIDDEN = 2432;
    private static final String FIRST_BLOCK = "transformer.transformer_blocks.0.";
    private static final String LAST_BLOCK = "transformer.transformer_blocks.37.";
    /** Each kohya module of the first and of the last (pre-only) block, with its diffusers modules in row order. */
    private static final Map<String, List<String>> DIFFUSERS_BY_KOHYA = diffusersByKohya();

    @TempDir
    Path folder;

    @Test
    void kohyaToDiffusersNames() throws Exception {
        Path source = writeKohya(DType.F32);
        Path target = folder.resolve("diffusers.safetensors");

        LayoutConversion.Result result = LayoutConversion.convert(source, target, KeyLayout.DIFFUSERS, BaseModels.SD35_LARGE);

        assertThat(result.header().tensors()).extracting(TensorInfo::name)
                .containsExactlyInAnyOrderElementsOf(factorNames(diffusersModules(), ""));
        assertThat(result.moduleCount()).isEqualTo(17);
        assertThat(result.foldedAlphaCount()).isEqualTo(17);
        assertThat(result.header().tensor(FIRST_BLOCK + "attn.add_k_proj.lora_B.weight").orElseThrow().shape())
                .containsExactly(HIDDEN, FluxLoras.RANK);
        assertThat(result.header().tensor(FIRST_BLOCK + "attn.add_k_proj.lora_A.weight").orElseThrow().shape())
                .containsExactly(FluxLoras.RANK, HIDDEN);
        assertThat(result.header().tensor(LAST_BLOCK + "norm1_context.linear.lora_B.weight").orElseThrow().shape())
                .containsExactly(2 * HIDDEN, FluxLoras.RANK);
        assertThat(result.header().tensor(FIRST_BLOCK + "ff_context.net.2.lora_A.weight").orElseThrow().shape())
                .containsExactly(FluxLoras.RANK, 4 * HIDDEN);
    }

    @Test
    void kohyaToPeftNames() throws Exception {
        Path source = writeKohya(DType.F32);
        Path target = folder.resolve("peft.safetensors");

        LayoutConversion.Result result = LayoutConversion.convert(source, target, KeyLayout.PEFT, BaseModels.SD35_LARGE);

        assertThat(result.header().tensors()).extracting(TensorInfo::name)
                .containsExactlyInAnyOrderElementsOf(factorNames(diffusersModules(), "base_model.model."));
        assertThat(result.header().tensor("base_model.model.transformer_blocks.37.attn.to_v.lora_B.weight")).isPresent();
    }

    @Test
    void splitQkvKeepsRowsOfDeltaWeights() throws Exception {
        Path source = writeKohya(DType.F32);
        Path target = folder.resolve("diffusers.safetensors");
        SafetensorsHeader original = SafetensorsReader.read(source);

        SafetensorsHeader header = LayoutConversion.convert(source, target, KeyLayout.DIFFUSERS, BaseModels.SD35_LARGE)
                .header();

        for (String kohyaModule : List.of("lora_unet_joint_blocks_0_x_block_attn_qkv",
                "lora_unet_joint_blocks_37_context_block_attn_qkv")) {
            double[] qkv = FluxLoras.kohyaColumns(source, original, kohyaModule);
            List<String> parts = DIFFUSERS_BY_KOHYA.get(kohyaModule);
            for (int index = 0; index < parts.size(); index++) {
                double[] part = FluxLoras.peftColumns(target, header, parts.get(index));
                double[] expected = Arrays.copyOfRange(qkv, index * HIDDEN * FluxLoras.COLUMN_COUNT,
                        (index + 1) * HIDDEN * FluxLoras.COLUMN_COUNT);
                assertThat(DeltaWeights.relativeError(part, expected)).as(parts.get(index)).isLessThan(1e-6);
            }
        }
    }

    @Test
    void preOnlyModulationSwapsShiftAndScale() throws Exception {
        String kohyaModule = "lora_unet_joint_blocks_37_context_block_adaLN_modulation_1";
        Path source = writeKohya(DType.F32);
        Path target = folder.resolve("diffusers.safetensors");
        SafetensorsHeader original = SafetensorsReader.read(source);

        SafetensorsHeader header = LayoutConversion.convert(source, target, KeyLayout.DIFFUSERS, BaseModels.SD35_LARGE)
                .header();

        double[] reference = FluxLoras.kohyaColumns(source, original, kohyaModule);
        double[] modulation = FluxLoras.peftColumns(target, header, LAST_BLOCK + "norm1_context.linear");
        int half = HIDDEN * FluxLoras.COLUMN_COUNT;
        assertThat(modulation).hasSize(2 * half);
        assertThat(Arrays.copyOfRange(modulation, 0, half)).as("scale rows").containsExactly(
                Arrays.copyOfRange(reference, half, 2 * half));
        assertThat(Arrays.copyOfRange(modulation, half, 2 * half)).as("shift rows").containsExactly(
                Arrays.copyOfRange(reference, 0, half));
        double[] unswapped = FluxLoras.kohyaColumns(source, original, "lora_unet_joint_blocks_0_context_block_adaLN_modulation_1");
        assertThat(FluxLoras.peftColumns(target, header, FIRST_BLOCK + "norm1_context.linear")).containsExactly(unswapped);
    }

    @Test
    void roundTripsKeepNamesAndDeltaWeights() throws Exception {
        for (KeyLayout layout : new KeyLayout[] {KeyLayout.DIFFUSERS, KeyLayout.PEFT}) {
            for (DType dtype : new DType[] {DType.F32, DType.F16}) {
                Path source = writeKohya(dtype);
                Path middle = folder.resolve(layout + "-" + dtype + ".safetensors");
                Path kohya = folder.resolve("kohya-" + layout + "-" + dtype + ".safetensors");
                SafetensorsHeader original = SafetensorsReader.read(source);

                LayoutConversion.convert(source, middle, layout, BaseModels.SD35_LARGE);
                LayoutConversion.Result back = LayoutConversion.convert(middle, kohya, KeyLayout.KOHYA, BaseModels.SD35_LARGE);

                assertThat(back.sourceLayout()).isEqualTo(layout);
                assertThat(back.header().tensors()).extracting(TensorInfo::name)
                        .containsExactlyInAnyOrderElementsOf(original.tensors().stream().map(TensorInfo::name).toList());
                for (String module : DIFFUSERS_BY_KOHYA.keySet()) {
                    double[] expected = FluxLoras.kohyaColumns(source, original, module);
                    double[] actual = FluxLoras.kohyaColumns(kohya, back.header(), module);
                    assertThat(DeltaWeights.relativeError(actual, expected)).as(module + " " + layout + " " + dtype)
                            .isLessThan(1e-3);
                }
            }
        }
    }

    @Test
    void joinedQkvIsBlockDiagonal() throws Exception {
        Path source = writeKohya(DType.F32);
        Path diffusers = folder.resolve("diffusers.safetensors");
        Path kohya = folder.resolve("kohya.safetensors");

        LayoutConversion.convert(source, diffusers, KeyLayout.DIFFUSERS, BaseModels.SD35_LARGE);
        SafetensorsHeader header = LayoutConversion.convert(diffusers, kohya, KeyLayout.KOHYA, BaseModels.SD35_LARGE)
                .header();

        String module = "lora_unet_joint_blocks_0_context_block_attn_qkv";
        assertThat(header.tensor(module + ".lora_down.weight").orElseThrow().shape()).containsExactly(3 * FluxLoras.RANK, HIDDEN);
        assertThat(header.tensor(module + ".lora_up.weight").orElseThrow().shape()).containsExactly(3 * HIDDEN, 3 * FluxLoras.RANK);
        assertThat(SafetensorsReader.readScalar(kohya, header, header.tensor(module + ".alpha").orElseThrow()))
                .isEqualTo(3.0 * FluxLoras.RANK);
        String unsplit = "lora_unet_joint_blocks_0_x_block_mlp_fc1";
        assertThat(header.tensor(unsplit + ".lora_down.weight").orElseThrow().shape()).containsExactly(FluxLoras.RANK, HIDDEN);
    }

    @Test
    void diffusersRoundTripKeepsNamesAndDeltaWeights() throws Exception {
        Path kohyaSource = writeKohya(DType.F32);
        Path diffusers = folder.resolve("diffusers.safetensors");
        Path kohya = folder.resolve("kohya.safetensors");
        Path back = folder.resolve("diffusers-back.safetensors");
        SafetensorsHeader original = LayoutConversion.convert(kohyaSource, diffusers, KeyLayout.DIFFUSERS,
                BaseModels.SD35_LARGE).header();

        LayoutConversion.convert(diffusers, kohya, KeyLayout.KOHYA, BaseModels.SD35_LARGE);
        SafetensorsHeader header = LayoutConversion.convert(kohya, back, KeyLayout.DIFFUSERS, BaseModels.SD35_LARGE)
                .header();

        assertThat(header.tensors()).extracting(TensorInfo::name)
                .containsExactlyInAnyOrderElementsOf(original.tensors().stream().map(TensorInfo::name).toList());
        for (String module : diffusersModules()) {
            double[] expected = FluxLoras.peftColumns(diffusers, original, module);
            double[] actual = FluxLoras.peftColumns(back, header, module);
            assertThat(DeltaWeights.relativeError(actual, expected)).as(module).isLessThan(1e-6);
        }
    }

    @Test
    void sd3ToLegacyDiffusersRejected() throws Exception {
        Path source = writeKohya(DType.F32);
        Path target = folder.resolve("legacy.safetensors");

        assertThatThrownBy(() -> LayoutConversion.convert(source, target, KeyLayout.DIFFUSERS_LEGACY,
                BaseModels.SD35_LARGE)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageEndingWith("cannot be named in the diffusers-legacy layout, because diffusers saves Flux.1"
                        + " and SD3 LoRAs with PEFT names only. Convert them to kohya, diffusers or peft");
        assertThat(target).doesNotExist();
    }

    @Test
    void wrongPartRowsRejected() throws Exception {
        Random random = new Random(7);
        Path source = folder.resolve("wrong.safetensors");
        Path target = folder.resolve("kohya.safetensors");
        SafetensorsWriter.write(source, Map.of(), List.of(
                FluxLoras.randomTensor(FIRST_BLOCK + "attn.to_q.lora_A.weight", DType.F32, 2, HIDDEN, random),
                FluxLoras.randomTensor(FIRST_BLOCK + "attn.to_q.lora_B.weight", DType.F32, HIDDEN, 2, random),
                FluxLoras.randomTensor(FIRST_BLOCK + "attn.to_k.lora_A.weight", DType.F32, 2, HIDDEN, random),
                FluxLoras.randomTensor(FIRST_BLOCK + "attn.to_k.lora_B.weight", DType.F32, 3072, 2, random)));

        assertThatThrownBy(() -> LayoutConversion.convert(source, target, KeyLayout.KOHYA, BaseModels.SD35_LARGE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Invalid factors of diffusers module " + FIRST_BLOCK + "attn.to_k: expected down"
                        + " [r, 2432] of F32 and up [2432, r] of F32");
        assertThat(target).doesNotExist();
    }

    @Test
    void wrongKohyaQkvRowsRejected() throws Exception {
        Random random = new Random(7);
        String module = "lora_unet_joint_blocks_0_x_block_attn_qkv";
        Path source = folder.resolve("wrong.safetensors");
        Path target = folder.resolve("diffusers.safetensors");
        SafetensorsWriter.write(source, Map.of(), List.of(
                FluxLoras.randomTensor(module + ".lora_down.weight", DType.F32, 2, HIDDEN, random),
                FluxLoras.randomTensor(module + ".lora_up.weight", DType.F32, 3 * 1536, 2, random)));

        assertThatThrownBy(() -> LayoutConversion.convert(source, target, KeyLayout.DIFFUSERS, BaseModels.SD35_LARGE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageEndingWith("of layer transformer.joint_blocks.0.x_block.attn.qkv: expected 7296 rows to split"
                        + " into 3 diffusers modules");
        assertThat(target).doesNotExist();
    }

    @Test
    void blockBeyondDepthRejected() throws Exception {
        Random random = new Random(7);
        String module = "transformer.transformer_blocks.38.attn.to_q";
        Path source = folder.resolve("deep.safetensors");
        Path target = folder.resolve("kohya.safetensors");
        SafetensorsWriter.write(source, Map.of(), List.of(
                FluxLoras.randomTensor(module + ".lora_A.weight", DType.F32, 2, HIDDEN, random),
                FluxLoras.randomTensor(module + ".lora_B.weight", DType.F32, HIDDEN, 2, random)));

        assertThatThrownBy(() -> LayoutConversion.convert(source, target, KeyLayout.KOHYA, BaseModels.SD35_LARGE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Module " + module + " adapts no layer of base model sd35-large");
        assertThat(target).doesNotExist();
    }

    private Path writeKohya(DType dtype) throws Exception {
        return FluxLoras.writeKohya(folder.resolve("kohya-" + dtype + ".safetensors"),
                List.copyOf(DIFFUSERS_BY_KOHYA.keySet()), dtype, BaseModels.SD35_LARGE);
    }

    private static List<String> diffusersModules() {
        return DIFFUSERS_BY_KOHYA.values().stream().flatMap(List::stream).toList();
    }

    private static List<String> factorNames(List<String> diffusersModules, String peftPrefix) {
        List<String> names = new ArrayList<>();
        for (String module : diffusersModules) {
            String name = peftPrefix.isEmpty() ? module : peftPrefix + module.substring("transformer.".length());
            names.add(name + ".lora_A.weight");
            names.add(name + ".lora_B.weight");
        }
        return names;
    }

    private static Map<String, List<String>> diffusersByKohya() {
        Map<String, List<String>> modules = new LinkedHashMap<>();
        for (int block : new int[] {0, 37}) {
            String kohya = "lora_unet_joint_blocks_" + block + "_";
            String diffusers = "transformer.transformer_blocks." + block + ".";
            modules.put(kohya + "x_block_attn_qkv",
                    List.of(diffusers + "attn.to_q", diffusers + "attn.to_k", diffusers + "attn.to_v"));
            modules.put(kohya + "x_block_attn_proj", List.of(diffusers + "attn.to_out.0"));
            modules.put(kohya + "x_block_mlp_fc1", List.of(diffusers + "ff.net.0.proj"));
            modules.put(kohya + "x_block_mlp_fc2", List.of(diffusers + "ff.net.2"));
            modules.put(kohya + "x_block_adaLN_modulation_1", List.of(diffusers + "norm1.linear"));
            modules.put(kohya + "context_block_attn_qkv",
                    List.of(diffusers + "attn.add_q_proj", diffusers + "attn.add_k_proj", diffusers + "attn.add_v_proj"));
            if (block == 0) {
                modules.put(kohya + "context_block_attn_proj", List.of(diffusers + "attn.to_add_out"));
                modules.put(kohya + "context_block_mlp_fc1", List.of(diffusers + "ff_context.net.0.proj"));
                modules.put(kohya + "context_block_mlp_fc2", List.of(diffusers + "ff_context.net.2"));
            }
            modules.put(kohya + "context_block_adaLN_modulation_1", List.of(diffusers + "norm1_context.linear"));
        }
        return modules;
    }
}
