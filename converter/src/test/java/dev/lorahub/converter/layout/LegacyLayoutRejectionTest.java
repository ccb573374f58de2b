package dev.lorahub.converter.layout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lorahub.converter.basemodel.BaseModels;
import dev.lorahub.converter.safetensors.OutputTensor;
import dev.lorahub.converter.safetensors.SafetensorsWriter;
import dev.lorahub.converter.safetensors.TestTensors;
import dev.lorahub.formats.safetensors.DType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Attention-processor and cloneofsimo files that cannot be converted, and read-only target layouts. */
class LegacyLayoutRejectionTest {

    private static final String SOURCE = "source.safetensors";
    private static final String TARGET = "target.safetensors";

    @TempDir
    Path folder;

    @Test
    void cloneofsimoIndexBeyondOrderRejected() throws Exception {
        Path source = write(Map.of(), module("unet:0", 320, 320), module("unet:144", 320, 320));

        assertThatThrownBy(() -> LayoutConversion.convert(source, folder.resolve(TARGET), KeyLayout.KOHYA, BaseModels.SD15))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Module unet:144 adapts no layer of base model sd15: its index is beyond the positions of"
                        + " the default targets");
        assertOnlySourceLeft();
    }

    @Test
    void cloneofsimoTextEncoderIndexBeyondOrderRejected() throws Exception {
        Path source = write(Map.of(), module("text_encoder:48", 768, 768));

        assertThatThrownBy(() -> LayoutConversion.convert(source, folder.resolve(TARGET), KeyLayout.PEFT, BaseModels.SD15))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Module text_encoder:48 adapts no layer of base model sd15");
        assertOnlySourceLeft();
    }

    @Test
    void cloneofsimoForSd2Rejected() throws Exception {
        Path target = folder.resolve(TARGET);

        assertThatThrownBy(() -> LayoutConversion.convert(LegacyLayoutConversionTest.CLONEOFSIMO, target,
                KeyLayout.KOHYA, BaseModels.SD2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageMatching("Cloneofsimo module (unet|text_encoder):\\d+ cannot be converted for base model sd2:"
                        + " cloneofsimo/lora positions are mapped only for SD 1.x \\(sd15\\)");
        assertThat(target).doesNotExist();
    }

    @Test
    void cloneofsimoWithSd2ShapesRejected() throws Exception {
        Path source = write(Map.of(), module("unet:5", 320, 320), module("unet:6", 1024, 320));

        assertThatThrownBy(() -> LayoutConversion.convert(source, folder.resolve(TARGET), KeyLayout.DIFFUSERS,
                BaseModels.SD15))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Cloneofsimo module unet:6 has factors for linear 1024→320, but its position is layer"
                        + " unet.down_blocks.0.attentions.0.transformer_blocks.0.attn2.to_k (linear 768→320) of base"
                        + " model sd15: the file adapts another base model or other target classes");
        assertOnlySourceLeft();
    }

    @Test
    void cloneofsimoExtendedTargetsRejected() throws Exception {
        String extended = "[\"ResnetBlock2D\", \"CrossAttention\", \"Attention\", \"GEGLU\"]";
        Path source = write(Map.of("unet", extended), module("unet:0", 320, 320));

        assertThatThrownBy(() -> LayoutConversion.convert(source, folder.resolve(TARGET), KeyLayout.KOHYA, BaseModels.SD15))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Cloneofsimo target classes " + extended + " of unet are not supported");
        assertOnlySourceLeft();
    }

    @Test
    void cloneofsimoDefaultTargetsInAnyOrderAccepted() throws Exception {
        Path source = write(Map.of("unet", "[\"GEGLU\", \"Attention\", \"CrossAttention\"]"), module("unet:4", 320, 2560));

        LayoutConversion.Result result = LayoutConversion.convert(source, folder.resolve(TARGET), KeyLayout.KOHYA,
                BaseModels.SD15);

        assertThat(result.header().tensor("lora_unet_down_blocks_0_attentions_0_transformer_blocks_0_ff_net_0_proj.alpha"))
                .isPresent();
    }

    @Test
    void attnProcessorUnknownProjectionRejected() throws Exception {
        String module = "down_blocks.0.attentions.0.transformer_blocks.0.attn1.processor.add_k_proj_lora";
        Path source = write(Map.of(), processor(module + ".down.weight", 4, 320), processor(module + ".up.weight", 320, 4));

        assertThatThrownBy(() -> LayoutConversion.convert(source, folder.resolve(TARGET), KeyLayout.KOHYA, BaseModels.SD15))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Module " + module + " adapts no layer of base model sd15");
        assertOnlySourceLeft();
    }

    @Test
    void attnProcessorMissingUpFactorRejected() throws Exception {
        String module = "down_blocks.0.attentions.0.transformer_blocks.0.attn1.processor.to_q_lora";
        Path source = write(Map.of(), processor(module + ".down.weight", 4, 320));

        assertThatThrownBy(() -> LayoutConversion.convert(source, folder.resolve(TARGET), KeyLayout.KOHYA, BaseModels.SD15))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Module " + module + " lacks its up factor");
        assertOnlySourceLeft();
    }

    @Test
    void readOnlyLayoutsRejectedAsTarget() {
        for (KeyLayout layout : List.of(KeyLayout.DIFFUSERS_ATTN_PROCESSOR, KeyLayout.CLONEOFSIMO)) {
            Path target = folder.resolve(layout + ".safetensors");

            assertThatThrownBy(() -> LayoutConversion.convert(LegacyLayoutConversionTest.ATTN_PROCESSOR, target, layout,
                    BaseModels.SD15))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("Cannot write layout " + layout + ": choose kohya, diffusers, diffusers-legacy or peft");
            assertThat(target).doesNotExist();
        }
    }

    /** Returns the down {@code [4, in]} and up {@code [out, 4]} F16 factors of a cloneofsimo module, all zero. */
    private static List<OutputTensor> module(String name, long inFeatures, long outFeatures) {
        return List.of(zeros(name + ":down", 4, inFeatures), zeros(name + ":up", outFeatures, 4));
    }

    private static List<OutputTensor> processor(String name, long rows, long columns) {
        return List.of(zeros(name, rows, columns));
    }

    private static OutputTensor zeros(String name, long rows, long columns) {
        return TestTensors.tensor(name, DType.F16, new long[] {rows, columns}, new byte[(int) (2 * rows * columns)]);
    }

    @SafeVarargs
    private Path write(Map<String, String> metadata, List<OutputTensor>... modules) throws Exception {
        List<OutputTensor> tensors = new ArrayList<>();
        for (List<OutputTensor> module : modules) {
            tensors.addAll(module);
        }
        Path source = folder.resolve(SOURCE);
        SafetensorsWriter.write(source, metadata, tensors);
        return source;
    }

    private void assertOnlySourceLeft() throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files).extracting(file -> file.getFileName().toString()).containsExactly(SOURCE);
        }
    }
}
