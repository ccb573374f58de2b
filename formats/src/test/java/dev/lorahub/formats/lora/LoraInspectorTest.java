package dev.lorahub.formats.lora;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lorahub.formats.Fixtures;
import dev.lorahub.formats.safetensors.SafetensorsHeader;
import dev.lorahub.formats.safetensors.SafetensorsReader;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Facts of the real fixture files, which independent tools read from them before these tests. */
class LoraInspectorTest {

    private static final List<String> UNET = List.of("unet");
    private static final List<String> UNET_AND_TEXT_ENCODER = List.of("unet", "text_encoder");

    @Test
    void kohyaNezha() throws Exception {
        LoraFacts facts = inspect("sd15-kohya-nezha-rank4.safetensors");

        assertThat(facts.layout()).isEqualTo(LoraLayout.KOHYA);
        assertThat(facts.networkType()).isEqualTo(NetworkType.LORA);
        assertThat(facts.rank()).isEqualTo(4);
        assertThat(facts.ranks()).containsExactly(4);
        assertThat(facts.alpha()).isEqualTo(2.0);
        assertThat(facts.moduleCount()).isEqualTo(264);
        assertThat(facts.dtype()).isEqualTo("F16");
        assertThat(facts.targets()).isEqualTo(UNET_AND_TEXT_ENCODER);
    }

    @Test
    void kohyaLocon() throws Exception {
        LoraFacts facts = inspect("sd15-kohya-locon-rank8.safetensors");

        assertThat(facts.layout()).isEqualTo(LoraLayout.KOHYA);
        assertThat(facts.networkType()).isEqualTo(NetworkType.LOCON);
        assertThat(facts.rank()).isEqualTo(8);
        assertThat(facts.ranks()).containsExactly(8);
        assertThat(facts.alpha()).isEqualTo(8.0);
        assertThat(facts.moduleCount()).isEqualTo(280);
        assertThat(facts.dtype()).isEqualTo("F16");
        assertThat(facts.targets()).isEqualTo(UNET_AND_TEXT_ENCODER);
    }

    @Test
    void diffusersAttnProcessor() throws Exception {
        LoraFacts facts = inspect("sd15-diffusers-attnproc.safetensors");

        assertThat(facts.layout()).isEqualTo(LoraLayout.DIFFUSERS_ATTN_PROCESSOR);
        assertThat(facts.layout().apiName()).isEqualTo("diffusers-attn-processor");
        assertThat(facts.networkType()).isEqualTo(NetworkType.LORA);
        assertThat(facts.rank()).isEqualTo(4);
        assertThat(facts.alpha()).isNull();
        assertThat(facts.moduleCount()).isEqualTo(128);
        assertThat(facts.dtype()).isEqualTo("F32");
        assertThat(facts.targets()).isEqualTo(UNET);
    }

    @Test
    void convertedBinExpectation() throws Exception {
        LoraFacts facts = inspect("sd15-diffusers-attnproc.bin.expected.safetensors");

        assertThat(facts.layout()).isEqualTo(LoraLayout.DIFFUSERS_ATTN_PROCESSOR);
        assertThat(facts.rank()).isEqualTo(4);
        assertThat(facts.moduleCount()).isEqualTo(128);
        assertThat(facts.dtype()).isEqualTo("F32");
    }

    @Test
    void diffusersUnet() throws Exception {
        LoraFacts facts = inspect("sd15-diffusers-unet.safetensors");

        assertThat(facts.layout()).isEqualTo(LoraLayout.DIFFUSERS);
        assertThat(facts.networkType()).isEqualTo(NetworkType.LORA);
        assertThat(facts.rank()).isEqualTo(4);
        assertThat(facts.alpha()).isNull();
        assertThat(facts.moduleCount()).isEqualTo(128);
        assertThat(facts.dtype()).isEqualTo("F32");
        assertThat(facts.targets()).isEqualTo(UNET);
    }

    @Test
    void diffusersBf16() throws Exception {
        LoraFacts facts = inspect("sd2-diffusers-bf16.safetensors");

        assertThat(facts.layout()).isEqualTo(LoraLayout.DIFFUSERS);
        assertThat(facts.rank()).isEqualTo(4);
        assertThat(facts.alpha()).isNull();
        assertThat(facts.moduleCount()).isEqualTo(128);
        assertThat(facts.dtype()).isEqualTo("BF16");
        assertThat(facts.targets()).isEqualTo(UNET);
    }

    @Test
    void cloneofsimo() throws Exception {
        LoraFacts facts = inspect("sd15-cloneofsimo-svd-rank4.safetensors");

        assertThat(facts.layout()).isEqualTo(LoraLayout.CLONEOFSIMO);
        assertThat(facts.networkType()).isEqualTo(NetworkType.LORA);
        assertThat(facts.rank()).isEqualTo(4);
        assertThat(facts.alpha()).isNull();
        assertThat(facts.moduleCount()).isEqualTo(192);
        assertThat(facts.dtype()).isEqualTo("F16");
        assertThat(facts.targets()).isEqualTo(UNET_AND_TEXT_ENCODER);
    }

    @Test
    void brokenNamesMatchNoLayout() throws Exception {
        assertThat(LoraInspector.inspect(Fixtures.lora("sd15-broken-names.safetensors"))).isEmpty();
    }

    @Test
    void peftWithoutConfig() throws Exception {
        LoraFacts facts = LoraInspector.inspect(Fixtures.peft("adapter_model.safetensors")).orElseThrow();

        assertThat(facts.layout()).isEqualTo(LoraLayout.PEFT);
        assertThat(facts.rank()).isEqualTo(8);
        assertThat(facts.alpha()).isNull();
        assertThat(facts.moduleCount()).isEqualTo(12);
        assertThat(facts.targets()).isEmpty();
    }

    @Test
    void peftWithConfig() throws Exception {
        SafetensorsHeader header = SafetensorsReader.read(Fixtures.peft("adapter_model.safetensors"));
        PeftAdapterConfig config;
        try (InputStream json = Files.newInputStream(Fixtures.peft("adapter_config.json"))) {
            config = PeftAdapterConfig.parse(json);
        }

        LoraFacts facts = LoraInspector.inspectPeft(header, config).orElseThrow();

        assertThat(facts.layout()).isEqualTo(LoraLayout.PEFT);
        assertThat(facts.networkType()).isEqualTo(NetworkType.LORA);
        assertThat(facts.rank()).isEqualTo(8);
        assertThat(facts.ranks()).containsExactly(8);
        assertThat(facts.alpha()).isEqualTo(16.0);
        assertThat(facts.moduleCount()).isEqualTo(12);
        assertThat(facts.dtype()).isEqualTo("F32");
        assertThat(facts.targets()).isEmpty();
    }

    @Test
    void peftConfigOnKohyaFile() throws Exception {
        SafetensorsHeader header = SafetensorsReader.read(Fixtures.lora("sd15-kohya-nezha-rank4.safetensors"));
        PeftAdapterConfig config = new PeftAdapterConfig(8, 16.0, null, "LORA", List.of());

        assertThat(LoraInspector.inspectPeft(header, config)).isEmpty();
    }

    private static LoraFacts inspect(String fixture) throws Exception {
        return LoraInspector.inspect(Fixtures.lora(fixture)).orElseThrow();
    }
}
