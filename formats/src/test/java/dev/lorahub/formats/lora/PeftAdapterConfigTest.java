package dev.lorahub.formats.lora;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

import dev.lorahub.formats.Fixtures;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

class PeftAdapterConfigTest {

    @Test
    void parsesFixtureConfig() throws Exception {
        PeftAdapterConfig config;
        try (InputStream json = Files.newInputStream(Fixtures.peft("adapter_config.json"))) {
            config = PeftAdapterConfig.parse(json);
        }

        assertThat(config.r()).isEqualTo(8);
        assertThat(config.loraAlpha()).isEqualTo(16.0);
        assertThat(config.baseModelNameOrPath()).isEqualTo("distilbert-base-uncased");
        assertThat(config.peftType()).isEqualTo("LORA");
        assertThat(config.targetModules()).containsExactly("q_lin", "v_lin");
    }

    @Test
    void targetModulesAsRegex() throws Exception {
        PeftAdapterConfig config = parse("{\"r\":4,\"target_modules\":\".*proj\"}");

        assertThat(config.targetModules()).containsExactly(".*proj");
        assertThat(config.loraAlpha()).isNull();
    }

    @Test
    void missingRank() {
        assertThatIOException()
                .isThrownBy(() -> parse("{\"lora_alpha\":16}"))
                .withMessage("invalid adapter_config.json: r must be a positive integer, but is missing");
    }

    @Test
    void rankNotPositive() {
        assertThatIOException().isThrownBy(() -> parse("{\"r\":0}")).withMessageContaining("but is 0");
    }

    @Test
    void alphaNotNumber() {
        assertThatIOException()
                .isThrownBy(() -> parse("{\"r\":8,\"lora_alpha\":\"16\"}"))
                .withMessage("invalid adapter_config.json: lora_alpha must be a number, but is \"16\"");
    }

    @Test
    void notJson() {
        assertThatIOException().isThrownBy(() -> parse("{\"r\":")).withMessageStartingWith("invalid adapter_config.json: not valid JSON");
    }

    @Test
    void notObject() {
        assertThatIOException().isThrownBy(() -> parse("[8]")).withMessage("invalid adapter_config.json: must be a JSON object");
    }

    private static PeftAdapterConfig parse(String json) throws IOException {
        return PeftAdapterConfig.parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }
}
