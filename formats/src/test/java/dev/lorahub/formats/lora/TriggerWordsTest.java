package dev.lorahub.formats.lora;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lorahub.formats.Fixtures;
import dev.lorahub.formats.safetensors.SafetensorsReader;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TriggerWordsTest {

    @Test
    void nezhaFixture() throws Exception {
        Map<String, String> metadata = SafetensorsReader.read(Fixtures.lora("sd15-kohya-nezha-rank4.safetensors")).metadata();

        assertThat(TriggerWords.fromMetadata(metadata)).containsExactly("nezha", "哪吒", "1boy", "red scarf", "fire");
    }

    @Test
    void loconFixture() throws Exception {
        Map<String, String> metadata = SafetensorsReader.read(Fixtures.lora("sd15-kohya-locon-rank8.safetensors")).metadata();

        assertThat(TriggerWords.fromMetadata(metadata)).startsWith("inkwash");
    }

    @Test
    void triggerPhraseWins() {
        Map<String, String> metadata = Map.of(
                "modelspec.trigger_phrase", " ink wash, , Ink Wash,mountains ",
                "ss_tag_frequency", "{\"10_other\":{\"tag\":1}}");

        assertThat(TriggerWords.fromMetadata(metadata)).containsExactly("ink wash", "mountains");
    }

    @Test
    void countsSummedOverFolders() {
        String frequency = "{\"5_alice\":{\"smile\":2,\"hat\":5},\"3_bob\":{\"smile\":4,\"Alice\":1}}";

        assertThat(TriggerWords.fromMetadata(Map.of("ss_tag_frequency", frequency)))
                .containsExactly("alice", "bob", "smile", "hat");
    }

    @Test
    void tiesKeepFirstAppearance() {
        String frequency = "{\"img\":{\"b\":3,\"a\":3,\"c\":3}}";

        assertThat(TriggerWords.fromMetadata(Map.of("ss_tag_frequency", frequency))).containsExactly("b", "a", "c");
    }

    @Test
    void atMostTen() {
        StringBuilder tags = new StringBuilder();
        for (int i = 0; i < 15; i++) {
            tags.append(i == 0 ? "" : ",").append("\"tag").append(i).append("\":").append(100 - i);
        }

        assertThat(TriggerWords.fromMetadata(Map.of("ss_tag_frequency", "{\"1_x\":{" + tags + "}}")))
                .hasSize(10)
                .startsWith("x", "tag0")
                .endsWith("tag8");
    }

    @Test
    void malformedFrequencyGivesEmpty() {
        assertThat(TriggerWords.fromMetadata(Map.of("ss_tag_frequency", "{not json"))).isEmpty();
        assertThat(TriggerWords.fromMetadata(Map.of("ss_tag_frequency", "[1]"))).isEmpty();
        assertThat(TriggerWords.fromMetadata(Map.of("ss_tag_frequency", "{\"1_x\":{\"a\":\"many\"}}"))).isEmpty();
        assertThat(TriggerWords.fromMetadata(Map.of("ss_tag_frequency", "{\"1_x\":[\"a\"]}"))).isEmpty();
    }

    @Test
    void noMetadataGivesEmpty() {
        assertThat(TriggerWords.fromMetadata(Map.of("format", "pt"))).isEmpty();
    }
}
