package dev.lorahub.hub.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DownloadNamesTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "nezha.safetensors|nezha.safetensors",
        "哪吒 v1.safetensors|哪吒 v1.safetensors",
        "../../etc/passwd|passwd",
        "C:\\\\models\\\\lora.safetensors|lora.safetensors",
        "a\"b=c;d.safetensors|a_b_c_d.safetensors",
        "..hidden.safetensors|hidden.safetensors",
        "'   '|model"})
    void sanitize(String uploaded, String expected) {
        assertThat(DownloadNames.sanitize(uploaded)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"nezha.safetensors, nezha_12.safetensors", "README, README_12"})
    void withId(String name, String expected) {
        assertThat(DownloadNames.withId(name, 12)).isEqualTo(expected);
    }

    @org.junit.jupiter.api.Test
    void longNamesKeepExtension() {
        String name = DownloadNames.sanitize("x".repeat(300) + ".safetensors");

        assertThat(name).hasSize(DownloadNames.MAX_LENGTH).endsWith(".safetensors");
    }

    @org.junit.jupiter.api.Test
    void controlCharactersReplaced() {
        assertThat(DownloadNames.sanitize("a\u0000b\nc.safetensors")).isEqualTo("a_b_c.safetensors");
    }
}
