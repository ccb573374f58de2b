package dev.lorahub.converter.basemodel;

import static dev.lorahub.converter.basemodel.Fixtures.shape;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lorahub.formats.lora.LoraLayout;
import dev.lorahub.formats.safetensors.SafetensorsHeader;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoraMappingTest {

    @Test
    void attnProcessorNamesMapToUnetPaths() {
        ModuleFactors module = onlyModule(new Fixtures.HeaderBuilder()
                .module("mid_block.attentions.0.transformer_blocks.0.attn2.processor.to_out_lora", ".down.weight", ".up.weight",
                        shape(4, 1280), shape(1280, 4)));

        assertThat(module.layout()).isEqualTo(LoraLayout.DIFFUSERS_ATTN_PROCESSOR);
        assertThat(LoraMapping.layerPath(module, BaseModels.SD15))
                .hasValue("unet.mid_block.attentions.0.transformer_blocks.0.attn2.to_out.0");
    }

    @Test
    void kohyaNamesMapThroughAnyCatalogue() {
        ModuleFactors module = onlyModule(new Fixtures.HeaderBuilder()
                .kohya("lora_unet_up_blocks_3_attentions_2_transformer_blocks_0_ff_net_0_proj", shape(4, 320), shape(2560, 4)));

        assertThat(LoraMapping.layerPath(module, BaseModels.SDXL))
                .hasValue("unet.up_blocks.3.attentions.2.transformer_blocks.0.ff.net.0.proj");
        assertThat(LoraMapping.layer(module, BaseModels.SDXL)).isEmpty();
        assertThat(LoraMapping.layer(module, BaseModels.SD15)).isPresent();
    }

    @Test
    void peftNamesMatchPathSuffix() {
        ModuleFactors module = onlyModule(new Fixtures.HeaderBuilder()
                .module("base_model.model.layers.3.self_attn.k_proj", ".lora_A.weight", ".lora_B.weight",
                        shape(16, 4096), shape(1024, 16)));

        assertThat(module.layout()).isEqualTo(LoraLayout.PEFT);
        assertThat(LoraMapping.layer(module, BaseModels.LLAMA3_8B))
                .hasValue(Layer.linear("model.layers.3.self_attn.k_proj", 4096, 1024));
    }

    @Test
    void peftUnetNamesGetUnetPrefix() {
        ModuleFactors module = onlyModule(new Fixtures.HeaderBuilder()
                .module("base_model.model.down_blocks.0.attentions.0.proj_in", ".lora_A.weight", ".lora_B.weight",
                        shape(4, 320, 1, 1), shape(320, 4, 1, 1)));

        assertThat(LoraMapping.layer(module, BaseModels.SD15))
                .hasValue(Layer.conv("unet.down_blocks.0.attentions.0.proj_in", 1, 320, 320));
    }

    @Test
    void factorsGiveLayerShape() {
        ModuleFactors module = onlyModule(new Fixtures.HeaderBuilder()
                .kohya("lora_unet_down_blocks_2_resnets_0_conv1", shape(8, 640, 3, 3), shape(1280, 8, 1, 1)));

        assertThat(module.rank()).isEqualTo(8);
        assertThat(module.layerShape("x")).isEqualTo(Layer.conv("x", 3, 640, 1280));
    }

    @Test
    void cloneofsimoPositionsFollowTraversal() {
        List<ModuleFactors> modules = LoraModules.of(Fixtures.lora("sd15-cloneofsimo-svd-rank4.safetensors")).modules();

        assertThat(modules).hasSize(192);
        assertThat(pathOf(modules, "unet:4")).hasValue("unet.down_blocks.0.attentions.0.transformer_blocks.0.ff.net.0.proj");
        assertThat(pathOf(modules, "unet:7")).hasValue("unet.down_blocks.0.attentions.0.transformer_blocks.0.attn2.to_v");
        assertThat(pathOf(modules, "unet:54")).hasValue("unet.up_blocks.1.attentions.0.transformer_blocks.0.attn1.to_q");
        assertThat(pathOf(modules, "unet:143")).hasValue("unet.mid_block.attentions.0.transformer_blocks.0.attn2.to_out.0");
        assertThat(pathOf(modules, "text_encoder:0")).hasValue("text_encoder.text_model.encoder.layers.0.self_attn.k_proj");
        assertThat(pathOf(modules, "text_encoder:47")).hasValue("text_encoder.text_model.encoder.layers.11.self_attn.out_proj");
    }

    @Test
    void cloneofsimoPositionBeyondLayersHasNoPath() {
        ModuleFactors module = onlyModule(new Fixtures.HeaderBuilder()
                .tensor("text_encoder:48:down", shape(4, 768))
                .tensor("text_encoder:48:up", shape(768, 4)));

        assertThat(LoraMapping.layerPath(module, BaseModels.SD15)).isEmpty();
    }

    @Test
    void peftSavedLayersAreNotModules() {
        LoraModules modules = LoraModules.of(Fixtures.peftDistilbert());

        assertThat(modules.modules()).hasSize(12);
        assertThat(modules.modules()).extracting(ModuleFactors::name).noneMatch(name -> name.contains("classifier"));
    }

    private static java.util.Optional<String> pathOf(List<ModuleFactors> modules, String name) {
        ModuleFactors module = modules.stream().filter(candidate -> candidate.name().equals(name)).findFirst().orElseThrow();
        return LoraMapping.layerPath(module, BaseModels.SD15);
    }

    private static ModuleFactors onlyModule(Fixtures.HeaderBuilder builder) {
        SafetensorsHeader header = builder.build();
        List<ModuleFactors> modules = LoraModules.of(header).modules();
        assertThat(modules).hasSize(1);
        return modules.get(0);
    }
}
