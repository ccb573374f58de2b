package dev.lorahub.validator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lorahub.validator.pickle.PickleScanner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The façade on the real fixtures: safetensors LoRAs with a full scan, and pickle checkpoints routed by content. */
class ModelValidatorTest {

    @TempDir
    Path folder;

    /**
     * Every safetensors fixture with its verdict and codes. The cloneofsimo file has a 385-byte header, so
     * it gets the documented {@code unaligned-header} warning.
     */
    static Stream<Arguments> safetensorsFixtures() {
        return Stream.of(
                Arguments.of(Fixtures.lora("sd15-diffusers-attnproc.safetensors"), Verdict.OK, List.of()),
                Arguments.of(Fixtures.lora("sd15-diffusers-attnproc.bin.expected.safetensors"), Verdict.OK, List.of()),
                Arguments.of(Fixtures.lora("sd15-diffusers-unet.safetensors"), Verdict.OK, List.of()),
                Arguments.of(Fixtures.lora("sd2-diffusers-bf16.safetensors"), Verdict.OK, List.of()),
                Arguments.of(Fixtures.lora("sd15-kohya-nezha-rank4.safetensors"), Verdict.OK, List.of()),
                Arguments.of(Fixtures.lora("sd15-kohya-locon-rank8.safetensors"), Verdict.OK, List.of()),
                Arguments.of(Fixtures.lora("sd15-cloneofsimo-svd-rank4.safetensors"), Verdict.WARNING,
                        List.of("unaligned-header")),
                Arguments.of(Fixtures.root().resolve("peft/distilbert-emotion/adapter_model.safetensors"), Verdict.OK,
                        List.of()),
                Arguments.of(Fixtures.lora("sd15-broken-names.safetensors"), Verdict.REJECTED, List.of("not-a-lora")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("safetensorsFixtures")
    void fixtureVerdictWithFullScan(Path file, Verdict verdict, List<String> codes) throws IOException {
        ValidationReport report = ModelValidator.validate(file, true);

        assertThat(report.codes()).isEqualTo(codes);
        assertThat(report.verdict()).isEqualTo(verdict);
    }

    @Test
    void everySafetensorsFixtureListed() throws IOException {
        List<Path> listed = safetensorsFixtures().map(arguments -> (Path) arguments.get()[0]).toList();
        try (Stream<Path> files = Files.list(Fixtures.root().resolve("lora"))) {
            List<Path> onDisk = files.filter(file -> file.toString().endsWith(".safetensors")).toList();

            assertThat(listed).containsAll(onDisk);
        }
    }

    @Test
    void brokenNamesListsFirstTensors() throws IOException {
        ValidationReport report = ModelValidator.validate(Fixtures.lora("sd15-broken-names.safetensors"), false);

        Finding finding = report.findings().get(0);
        assertThat(finding.location()).isEmpty();
        assertThat(finding.arguments().get(0)).isEqualTo(256L);
        assertThat((List<?>) finding.arguments().get(1)).hasSize(5)
                .first().isEqualTo("lora_unet_unet_down_blocks_0_attentions_0_transformer_blocks_0_attn1_to_k_lora_down.weight");
        assertThat(finding.message()).contains("not a LoRA this hub can use");
    }

    @ParameterizedTest
    @ValueSource(strings = {"sd15-kohya-nezha-rank4.pt", "sd15-kohya-nezha-rank4-legacy.ckpt", "sd15-diffusers-attnproc.bin"})
    void pickleCheckpointRoutedToScanner(String fileName) throws IOException {
        Path file = Fixtures.lora(fileName);

        ValidationReport report = ModelValidator.validate(file, true);

        assertThat(report).isEqualTo(new PickleScanner().scan(file));
        assertThat(report.verdict()).isEqualTo(Verdict.OK);
    }

    @Test
    void maliciousPickleRejected() throws IOException {
        ValidationReport report = ModelValidator.validate(Fixtures.pickle("malicious1_v4.pkl"), false);

        assertThat(report.verdict()).isEqualTo(Verdict.REJECTED);
        assertThat(report.codes()).contains("unsafe-global");
    }

    @Test
    void protocolZeroPickleNamesItsGlobal() throws IOException {
        ValidationReport report = ModelValidator.validate(Fixtures.pickle("malicious0.pkl"), false);

        assertThat(report.verdict()).isEqualTo(Verdict.REJECTED);
        assertThat(report.codes()).contains("unsafe-global");
        assertThat(report.findings()).anySatisfy(finding -> assertThat(finding.message()).contains("__builtin__.eval"));
    }

    @Test
    void notAPickleKeepsStructureFinding() throws IOException {
        ValidationReport report = ModelValidator.validate(Fixtures.pickle("not_a_pickle.bin"), false);

        assertThat(report.verdict()).isEqualTo(Verdict.REJECTED);
        assertThat(report.codes()).doesNotContain("unsafe-global");
        assertThat(report.codes()).contains("not-a-pickle");
    }

    @Test
    void truncatedPicklePayloadStillNamed() throws IOException {
        ValidationReport report = ModelValidator.validate(Fixtures.pickle("broken_model.pkl"), false);

        assertThat(report.verdict()).isEqualTo(Verdict.REJECTED);
        assertThat(report.codes()).contains("unsafe-global");
        assertThat(report.findings()).anySatisfy(finding -> assertThat(finding.message()).contains("exec"));
    }

    @Test
    void protoLikeLengthStaysSafetensors() throws IOException {
        String module = "lora_unet_mid_block_attentions_0_proj_in";
        TensorFile tensors = new TensorFile().zeros(module + ".lora_down.weight", 1, 2).zeros(module + ".lora_up.weight", 2, 1);
        String json = tensors.headerJson();
        byte[] header = (json + " ".repeat(0x280 - json.length())).getBytes(StandardCharsets.UTF_8);
        Path file = TensorFile.writeRaw(folder.resolve("proto-like.safetensors"), header, tensors.data());
        assertThat(Files.readAllBytes(file)).startsWith(0x80, 0x02);

        ValidationReport report = ModelValidator.validate(file, true);

        assertThat(report.verdict()).isEqualTo(Verdict.OK);
        assertThat(report.findings()).isEmpty();
    }

    @Test
    void structureFailureStopsChecks() throws IOException {
        Path file = TensorFile.writeRaw(folder.resolve("trailing.safetensors"),
                "{\"x\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}".getBytes(StandardCharsets.UTF_8),
                new byte[8]);

        ValidationReport report = ModelValidator.validate(file, true);

        assertThat(report.codes()).containsExactly("trailing-data");
    }
}
