package dev.lorahub.converter.layout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lorahub.converter.basemodel.BaseModels;
import dev.lorahub.converter.basemodel.CompatibilityCheck;
import dev.lorahub.converter.basemodel.CompatibilityReport;
import dev.lorahub.converter.basemodel.LoraMapping;
import dev.lorahub.converter.basemodel.LoraModules;
import dev.lorahub.converter.basemodel.ModuleFactors;
import dev.lorahub.converter.safetensors.TestTensors;
import dev.lorahub.formats.safetensors.DType;
import dev.lorahub.formats.safetensors.SafetensorsHeader;
import dev.lorahub.formats.safetensors.SafetensorsReader;
import dev.lorahub.formats.safetensors.TensorInfo;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Conversion of the diffusers attention-processor and cloneofsimo/lora fixtures to the writable layouts. */
class LegacyLayoutConversionTest {

    static final Path ATTN_PROCESSOR = TestTensors.fixtures().resolve("lora/sd15-diffusers-attnproc.safetensors");
    static final Path CLONEOFSIMO = TestTensors.fixtures().resolve("lora/sd15-cloneofsimo-svd-rank4.safetensors");
    private static final Path DIFFUSERS_UNET = TestTensors.fixtures().resolve("lora/sd15-diffusers-unet.safetensors");
    private static final List<KeyLayout> TARGETS = List.of(KeyLayout.KOHYA, KeyLayout.DIFFUSERS, KeyLayout.DIFFUSERS_LEGACY,
            KeyLayout.PEFT);

    @TempDir
    Path folder;

    @Test
    void attnProcessorToKohyaMatchesDiffusersNames() throws Exception {
        Path fromProcessor = folder.resolve("processor-kohya.safetensors");
        Path fromDiffusers = folder.resolve("diffusers-kohya.safetensors");

        LayoutConversion.Result result = LayoutConversion.convert(ATTN_PROCESSOR, fromProcessor, KeyLayout.KOHYA,
                BaseModels.SD15);
        SafetensorsHeader expected = LayoutConversion.convert(DIFFUSERS_UNET, fromDiffusers, KeyLayout.KOHYA,
                BaseModels.SD15).header();

        assertThat(result.sourceLayout()).isEqualTo(KeyLayout.DIFFUSERS_ATTN_PROCESSOR);
        assertThat(result.moduleCount()).isEqualTo(128);
        assertThat(result.foldedAlphaCount()).isZero();
        assertThat(shapesByName(result.header())).isEqualTo(shapesByName(expected));
        assertThat(result.header().tensor(
                "lora_unet_up_blocks_3_attentions_2_transformer_blocks_0_attn2_to_out_0.lora_up.weight")).isPresent();
        assertThat(result.header().metadata()).containsEntry("format", "pt");
    }

    @Test
    void attnProcessorKeepsFactorsInEachLayout() throws Exception {
        SafetensorsHeader source = SafetensorsReader.read(ATTN_PROCESSOR);
        Map<String, String> layerByModule = processorLayers(source);
        assertThat(layerByModule).hasSize(128);

        for (KeyLayout layout : TARGETS) {
            Path target = folder.resolve(layout + ".safetensors");
            SafetensorsHeader converted = LayoutConversion.convert(ATTN_PROCESSOR, target, layout, BaseModels.SD15)
                    .header();

            assertThat(converted.tensors()).as(layout.toString()).hasSize(layout == KeyLayout.KOHYA ? 384 : 256);
            for (Map.Entry<String, String> module : layerByModule.entrySet()) {
                Factors original = new Factors(ATTN_PROCESSOR, source, module.getKey() + ".down.weight",
                        module.getKey() + ".up.weight", null);
                assertSameFactors(original, Factors.of(target, converted, layout, module.getValue()));
            }
        }
    }

    @Test
    void cloneofsimoGetsCatalogueNamesInEachLayout() throws Exception {
        SafetensorsHeader source = SafetensorsReader.read(CLONEOFSIMO);
        Map<String, String> layerByModule = cloneofsimoLayers(source);
        assertThat(layerByModule).hasSize(192);
        assertThat(layerByModule).containsEntry("unet:4", "unet.down_blocks.0.attentions.0.transformer_blocks.0.ff.net.0.proj")
                .containsEntry("unet:143", "unet.mid_block.attentions.0.transformer_blocks.0.attn2.to_out.0")
                .containsEntry("text_encoder:0", "text_encoder.text_model.encoder.layers.0.self_attn.k_proj");

        for (KeyLayout layout : TARGETS) {
            Path target = folder.resolve(layout + ".safetensors");
            LayoutConversion.Result result = LayoutConversion.convert(CLONEOFSIMO, target, layout, BaseModels.SD15);

            assertThat(result.sourceLayout()).isEqualTo(KeyLayout.CLONEOFSIMO);
            assertThat(result.moduleCount()).isEqualTo(192);
            CompatibilityReport report = CompatibilityCheck.check(result.header(), BaseModels.SD15);
            assertThat(report.mismatches()).as(layout.toString()).isEmpty();
            assertThat(report.unknown()).as(layout.toString()).isEmpty();
            assertThat(report.matched()).as(layout.toString()).hasSize(192);
            for (Map.Entry<String, String> module : layerByModule.entrySet()) {
                Factors original = new Factors(CLONEOFSIMO, source, module.getKey() + ":down", module.getKey() + ":up", null);
                assertSameFactors(original, Factors.of(target, result.header(), layout, module.getValue()));
            }
        }
    }

    @Test
    void cloneofsimoToKohyaWritesAlphaEqualToRank() throws Exception {
        Path target = folder.resolve("kohya.safetensors");

        SafetensorsHeader header = LayoutConversion.convert(CLONEOFSIMO, target, KeyLayout.KOHYA, BaseModels.SD15).header();

        List<TensorInfo> alphas = header.tensors().stream().filter(tensor -> tensor.name().endsWith(".alpha")).toList();
        assertThat(alphas).hasSize(192);
        for (TensorInfo alpha : alphas) {
            assertThat(alpha.dtype()).as(alpha.name()).isEqualTo(DType.F16);
            assertThat(SafetensorsReader.readScalar(target, header, alpha)).as(alpha.name()).isEqualTo(4.0);
        }
        assertThat(header.tensor("lora_te_text_model_encoder_layers_11_self_attn_out_proj.lora_down.weight")).isPresent();
    }

    @Test
    void cloneofsimoPositionalMetadataDropped() throws Exception {
        Path target = folder.resolve("diffusers.safetensors");

        SafetensorsHeader header = LayoutConversion.convert(CLONEOFSIMO, target, KeyLayout.DIFFUSERS, BaseModels.SD15)
                .header();

        assertThat(SafetensorsReader.read(CLONEOFSIMO).metadata()).containsEntry("unet:0:rank", "4")
                .containsKeys("unet", "text_encoder");
        assertThat(header.metadata()).isEmpty();
    }

    @Test
    void legacySourcesRoundTripThroughDiffusers() throws Exception {
        for (Path source : List.of(ATTN_PROCESSOR, CLONEOFSIMO)) {
            Path kohya = folder.resolve("kohya.safetensors");
            Path diffusers = folder.resolve("diffusers.safetensors");
            Path kohyaAgain = folder.resolve("kohya-again.safetensors");

            SafetensorsHeader first = LayoutConversion.convert(source, kohya, KeyLayout.KOHYA, BaseModels.SD15).header();
            LayoutConversion.convert(kohya, diffusers, KeyLayout.DIFFUSERS, BaseModels.SD15);
            SafetensorsHeader again = LayoutConversion.convert(diffusers, kohyaAgain, KeyLayout.KOHYA, BaseModels.SD15)
                    .header();

            assertThat(shapesByName(again)).as(source.getFileName().toString()).isEqualTo(shapesByName(first));
            for (TensorInfo alpha : first.tensors()) {
                if (alpha.name().endsWith(".alpha")) {
                    String module = alpha.name().substring(0, alpha.name().length() - ".alpha".length());
                    assertSameFactors(Factors.kohya(kohya, first, module), Factors.kohya(kohyaAgain, again, module));
                }
            }
        }
    }

    /** Returns each attention-processor module, such as {@code ….processor.to_out_lora}, with its layer path. */
    private static Map<String, String> processorLayers(SafetensorsHeader header) {
        Map<String, String> layers = new LinkedHashMap<>();
        for (TensorInfo tensor : header.tensors()) {
            if (tensor.name().endsWith(".down.weight")) {
                String module = tensor.name().substring(0, tensor.name().length() - ".down.weight".length());
                String layer = module.replace(".processor.", ".").replace("to_out_lora", "to_out.0").replace("_lora", "");
                layers.put(module, "unet." + layer);
            }
        }
        return layers;
    }

    private static Map<String, String> cloneofsimoLayers(SafetensorsHeader header) {
        Map<String, String> layers = new LinkedHashMap<>();
        for (ModuleFactors module : LoraModules.of(header).modules()) {
            layers.put(module.name(), LoraMapping.layerPath(module, BaseModels.SD15).orElseThrow());
        }
        return layers;
    }

    private static Map<String, List<Long>> shapesByName(SafetensorsHeader header) {
        return header.tensors().stream().collect(Collectors.toMap(TensorInfo::name,
                tensor -> Arrays.stream(tensor.shape()).boxed().toList()));
    }

    private static void assertSameFactors(Factors expected, Factors actual) throws Exception {
        String module = actual.down().name();
        assertThat(actual.down().shape()).as(module).isEqualTo(expected.down().shape());
        assertThat(actual.up().shape()).as(module).isEqualTo(expected.up().shape());
        assertThat(actual.deltaWeights()).as("ΔW of %s", module).isEqualTo(expected.deltaWeights());
    }

    /** The factors and alpha of one module in a file. */
    record Factors(Path file, SafetensorsHeader header, TensorInfo down, TensorInfo up, TensorInfo alpha) {

        Factors(Path file, SafetensorsHeader header, String down, String up, String alpha) {
            this(file, header, tensor(header, down), tensor(header, up), alpha == null ? null : tensor(header, alpha));
        }

        /** Returns the factors of the layer in a file of the layout, with names spelled out here independently. */
        static Factors of(Path file, SafetensorsHeader header, KeyLayout layout, String layerPath) {
            return switch (layout) {
                case KOHYA -> kohya(file, header, kohyaName(layerPath));
                case DIFFUSERS -> new Factors(file, header, layerPath + ".lora_A.weight", layerPath + ".lora_B.weight", null);
                case DIFFUSERS_LEGACY -> {
                    String factor = layerPath.startsWith("unet.") ? ".lora." : ".lora_linear_layer.";
                    yield new Factors(file, header, layerPath + factor + "down.weight", layerPath + factor + "up.weight", null);
                }
                case PEFT -> {
                    String module = "base_model.model." + layerPath.substring(layerPath.indexOf('.') + 1);
                    yield new Factors(file, header, module + ".lora_A.weight", module + ".lora_B.weight", null);
                }
                default -> throw new IllegalArgumentException("No test names for " + layout);
            };
        }

        static Factors kohya(Path file, SafetensorsHeader header, String module) {
            return new Factors(file, header, module + ".lora_down.weight", module + ".lora_up.weight", module + ".alpha");
        }

        double[] deltaWeights() throws IOException {
            return DeltaWeights.of(file, header, down, up, alpha);
        }

        private static String kohyaName(String layerPath) {
            String prefix = layerPath.startsWith("text_encoder.") ? "lora_te_" : "lora_unet_";
            return prefix + layerPath.substring(layerPath.indexOf('.') + 1).replace('.', '_');
        }

        private static TensorInfo tensor(SafetensorsHeader header, String name) {
            return header.tensor(name).orElseThrow(() -> new AssertionError("missing tensor " + name));
        }
    }
}
