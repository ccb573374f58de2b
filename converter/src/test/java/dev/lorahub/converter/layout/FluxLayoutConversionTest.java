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
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FluxLayoutConversionTest {

    private static final int RANK = FluxLoras.RANK;
    private static final int COLUMN_COUNT = FluxLoras.COLUMN_COUNT;
    private static final String DOUBLE = "transformer.transformer_blocks.0.";
    private static final String SINGLE = "transformer.single_transformer_blocks.0.";
    private static final List<String> KOHYA_MODULES = List.of(
            "lora_unet_double_blocks_0_img_attn_qkv", "lora_unet_double_blocks_0_img_attn_proj",
            "lora_unet_double_blocks_0_img_mlp_0", "lora_unet_double_blocks_0_img_mlp_2",
            "lora_unet_double_blocks_0_img_mod_lin", "lora_unet_double_blocks_0_txt_attn_qkv",
            "lora_unet_double_blocks_0_txt_attn_proj", "lora_unet_double_blocks_0_txt_mlp_0",
            "lora_unet_double_blocks_0_txt_mlp_2", "lora_unet_double_blocks_0_txt_mod_lin",
            "lora_unet_single_blocks_0_linear1", "lora_unet_single_blocks_0_linear2",
            "lora_unet_single_blocks_0_modulation_lin");
    private static final List<String> DIFFUSERS_MODULES = List.of(
            DOUBLE + "attn.to_q", DOUBLE + "attn.to_k", DOUBLE + "attn.to_v", DOUBLE + "attn.to_out.0",
            DOUBLE + "ff.net.0.proj", DOUBLE + "ff.net.2", DOUBLE + "norm1.linear",
            DOUBLE + "attn.add_q_proj", DOUBLE + "attn.add_k_proj", DOUBLE + "attn.add_v_proj", DOUBLE + "attn.to_add_out",
            DOUBLE + "ff_context.net.0.proj", DOUBLE + "ff_context.net.2", DOUBLE + "norm1_context.linear",
            SINGLE + "attn.to_q", SINGLE + "attn.to_k", SINGLE + "attn.to_v", SINGLE + "proj_mlp",
            SINGLE + "proj_out", SINGLE + "norm.linear");

    @TempDir
    Path folder;

    @Test
    void kohyaToDiffusersNames() throws Exception {
        Path source = writeKohya(DType.F32);
        Path target = folder.resolve("diffusers.safetensors");

        LayoutConversion.Result result = LayoutConversion.convert(source, target, KeyLayout.DIFFUSERS, BaseModels.FLUX1_DEV);

        List<String> expected = new ArrayList<>();
        for (String module : DIFFUSERS_MODULES) {
            expected.add(module + ".lora_A.weight");
            expected.add(module + ".lora_B.weight");
        }
        assertThat(result.header().tensors()).extracting(TensorInfo::name).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(result.moduleCount()).isEqualTo(13);
        assertThat(result.foldedAlphaCount()).isEqualTo(13);
        assertThat(result.header().tensor(SINGLE + "proj_mlp.lora_B.weight").orElseThrow().shape())
                .containsExactly(12288, RANK);
        assertThat(result.header().tensor(SINGLE + "attn.to_v.lora_A.weight").orElseThrow().shape())
                .containsExactly(RANK, 3072);
    }

    @Test
    void splitPartsKeepRowsOfDeltaWeights() throws Exception {
        Path source = writeKohya(DType.F32);
        Path target = folder.resolve("diffusers.safetensors");
        SafetensorsHeader original = SafetensorsReader.read(source);

        SafetensorsHeader header = LayoutConversion.convert(source, target, KeyLayout.DIFFUSERS, BaseModels.FLUX1_DEV).header();

        double[] linear1 = FluxLoras.columns(source, original, "lora_unet_single_blocks_0_linear1", ".lora_down.weight",
                ".lora_up.weight", ".alpha");
        String[] parts = {"attn.to_q", "attn.to_k", "attn.to_v", "proj_mlp"};
        long[] offsets = {0, 3072, 6144, 9216, 21504};
        for (int index = 0; index < parts.length; index++) {
            double[] part = FluxLoras.columns(target, header, SINGLE + parts[index], ".lora_A.weight", ".lora_B.weight", null);
            double[] expected = Arrays.copyOfRange(linear1, (int) offsets[index] * COLUMN_COUNT,
                    (int) offsets[index + 1] * COLUMN_COUNT);
            assertThat(DeltaWeights.relativeError(part, expected)).as(parts[index]).isLessThan(1e-3);
        }
    }

    @Test
    void roundTripKeepsDeltaWeights() throws Exception {
        for (DType dtype : new DType[] {DType.F32, DType.F16}) {
            Path source = writeKohya(dtype);
            Path diffusers = folder.resolve("diffusers-" + dtype + ".safetensors");
            Path kohya = folder.resolve("kohya-" + dtype + ".safetensors");
            SafetensorsHeader original = SafetensorsReader.read(source);

            LayoutConversion.convert(source, diffusers, KeyLayout.DIFFUSERS, BaseModels.FLUX1_DEV);
            LayoutConversion.Result back = LayoutConversion.convert(diffusers, kohya, KeyLayout.KOHYA, BaseModels.FLUX1_DEV);

            assertThat(back.sourceLayout()).isEqualTo(KeyLayout.DIFFUSERS);
            assertThat(back.header().tensors()).hasSize(3 * KOHYA_MODULES.size());
            for (String module : KOHYA_MODULES) {
                double[] expected = FluxLoras.columns(source, original, module, ".lora_down.weight", ".lora_up.weight", ".alpha");
                double[] actual = FluxLoras.columns(kohya, back.header(), module, ".lora_down.weight", ".lora_up.weight", ".alpha");
                assertThat(DeltaWeights.relativeError(actual, expected)).as(module + " " + dtype).isLessThan(1e-3);
            }
        }
    }

    @Test
    void joinedQkvIsBlockDiagonal() throws Exception {
        Path source = writeKohya(DType.F32);
        Path diffusers = folder.resolve("diffusers.safetensors");
        Path kohya = folder.resolve("kohya.safetensors");

        LayoutConversion.convert(source, diffusers, KeyLayout.DIFFUSERS, BaseModels.FLUX1_DEV);
        SafetensorsHeader header = LayoutConversion.convert(diffusers, kohya, KeyLayout.KOHYA, BaseModels.FLUX1_DEV).header();

        String module = "lora_unet_double_blocks_0_img_attn_qkv";
        assertThat(header.tensor(module + ".lora_down.weight").orElseThrow().shape()).containsExactly(3 * RANK, 3072);
        assertThat(header.tensor(module + ".lora_up.weight").orElseThrow().shape()).containsExactly(9216, 3 * RANK);
        TensorInfo alpha = header.tensor(module + ".alpha").orElseThrow();
        assertThat(SafetensorsReader.readScalar(kohya, header, alpha)).isEqualTo(3.0 * RANK);
        double[] up = TestTensors.values(kohya, header, header.tensor(module + ".lora_up.weight").orElseThrow());
        int kRow = 3072 + 5;
        assertThat(up[kRow * 3 * RANK]).as("q column of a k row").isZero();
        assertThat(up[kRow * 3 * RANK + 2 * RANK]).as("v column of a k row").isZero();
    }

    @Test
    void missingPartGetsZeroRows() throws Exception {
        Path source = folder.resolve("partial.safetensors");
        Random random = new Random(7);
        List<OutputTensor> tensors = new ArrayList<>();
        for (String part : new String[] {"attn.to_q", "attn.to_v"}) {
            tensors.add(FluxLoras.randomTensor(DOUBLE + part + ".lora_A.weight", DType.F32, RANK, 3072, random));
            tensors.add(FluxLoras.randomTensor(DOUBLE + part + ".lora_B.weight", DType.F32, 3072, RANK, random));
        }
        SafetensorsWriter.write(source, Map.of(), tensors);
        SafetensorsHeader original = SafetensorsReader.read(source);
        Path kohya = folder.resolve("kohya.safetensors");

        SafetensorsHeader header = LayoutConversion.convert(source, kohya, KeyLayout.KOHYA, BaseModels.FLUX1_DEV).header();

        String module = "lora_unet_double_blocks_0_img_attn_qkv";
        assertThat(header.tensor(module + ".lora_up.weight").orElseThrow().shape()).containsExactly(9216, 2 * RANK);
        double[] joined = FluxLoras.columns(kohya, header, module, ".lora_down.weight", ".lora_up.weight", ".alpha");
        double[] q = FluxLoras.columns(source, original, DOUBLE + "attn.to_q", ".lora_A.weight", ".lora_B.weight", null);
        double[] v = FluxLoras.columns(source, original, DOUBLE + "attn.to_v", ".lora_A.weight", ".lora_B.weight", null);
        int block = 3072 * COLUMN_COUNT;
        assertThat(DeltaWeights.relativeError(Arrays.copyOfRange(joined, 0, block), q)).isLessThan(1e-6);
        assertThat(Arrays.copyOfRange(joined, block, 2 * block)).containsOnly(0.0);
        assertThat(DeltaWeights.relativeError(Arrays.copyOfRange(joined, 2 * block, 3 * block), v)).isLessThan(1e-6);
    }

    @Test
    void fluxMixedWithSdNamesRejected() throws Exception {
        Path source = folder.resolve("mixed.safetensors");
        Random random = new Random(11);
        String flux = "lora_unet_double_blocks_0_img_attn_proj";
        String sd = "lora_unet_down_blocks_0_attentions_0_proj_in";
        SafetensorsWriter.write(source, Map.of(), List.of(
                FluxLoras.randomTensor(flux + ".lora_down.weight", DType.F32, RANK, 3072, random),
                FluxLoras.randomTensor(flux + ".lora_up.weight", DType.F32, 3072, RANK, random),
                FluxLoras.randomTensor(sd + ".lora_down.weight", DType.F32, RANK, 320, random),
                FluxLoras.randomTensor(sd + ".lora_up.weight", DType.F32, 320, RANK, random)));

        assertThatThrownBy(() -> LayoutConversion.convert(source, folder.resolve("out.safetensors"), KeyLayout.DIFFUSERS,
                BaseModels.FLUX1_DEV)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Module " + sd + " adapts no layer of base model flux1-dev");
    }

    @Test
    void fluxToLegacyDiffusersRejected() throws Exception {
        Path source = writeKohya(DType.F32);
        Path target = folder.resolve("legacy.safetensors");

        assertThatThrownBy(() -> LayoutConversion.convert(source, target, KeyLayout.DIFFUSERS_LEGACY,
                BaseModels.FLUX1_DEV)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Transformer module transformer.transformer_blocks.0.attn.to_out.0 cannot be named in the"
                        + " diffusers-legacy layout, because diffusers saves Flux.1 and SD3 LoRAs with PEFT names only."
                        + " Convert them to kohya, diffusers or peft");
        assertThat(target).doesNotExist();
    }

    private Path writeKohya(DType dtype) throws Exception {
        return FluxLoras.writeKohya(folder.resolve("kohya-source-" + dtype + ".safetensors"), KOHYA_MODULES, dtype);
    }
}
