package dev.lorahub.hub.download;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ContentDispositionTest {

    @Test
    void chineseNameSentAsRawUtf8Bytes() {
        String header = ContentDisposition.attachment("哪吒.safetensors");

        byte[] onTheWire = header.getBytes(StandardCharsets.ISO_8859_1);
        assertThat(new String(onTheWire, StandardCharsets.UTF_8)).isEqualTo("attachment; filename=\"哪吒.safetensors\"");
        assertThat(header).doesNotContain("filename*");
    }
}
