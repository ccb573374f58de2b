package dev.lorahub.hub.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FileLookupTest {

    @Test
    void crc32ByteOrderOfOldScanner() {
        assertThat(FileLookup.reverseBytes("85114a0d")).isEqualTo("0d4a1185");
    }
}
