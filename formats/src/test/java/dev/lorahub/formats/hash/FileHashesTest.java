package dev.lorahub.formats.hash;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FileHashesTest {

    private static final String SHA256 = "72F0330222D54D14E97BFC02F789559DAB4287564CFD57D3127A250637E21D11";
    private static final String AUTOV3 = "8aa4d09ae21bdb2d23725edb0a6cf9627b9b7878cfcb9ba8ac1f5ddb67b81684";

    private final FileHashes hashes = new FileHashes(SHA256, "098B1144", "72F0330222", AUTOV3, "0D4A1185", null);

    @Test
    void storesLowerCase() {
        assertThat(hashes.sha256()).isEqualTo(SHA256.toLowerCase());
        assertThat(hashes.autoV1()).isEqualTo("098b1144");
        assertThat(hashes.crc32()).isEqualTo("0d4a1185");
    }

    @Test
    void autoV3ShortIsTwelveDigits() {
        assertThat(hashes.autoV3Short()).isEqualTo("8aa4d09ae21b");
    }

    /** CivitAI's old scanner printed the CRC-32 of "hello world", 0d4a1185, with its bytes reversed. */
    @Test
    void crc32BytesReversed() {
        assertThat(FileHashes.reverseCrc32Bytes("0d4a1185")).isEqualTo("85114a0d");
    }

    @Test
    void shownLeavesOutMissing() {
        assertThat(hashes.shown())
                .containsOnlyKeys(HashKind.SHA256, HashKind.AUTOV1, HashKind.AUTOV2, HashKind.AUTOV3, HashKind.CRC32)
                .containsEntry(HashKind.AUTOV3, "8aa4d09ae21b");
    }

    @Test
    void lookupKeysCoverEveryForm() {
        assertThat(hashes.lookupKeys()).containsExactlyInAnyOrder(
                SHA256.toLowerCase(), "098b1144", "72f0330222", "8aa4d09ae21b", AUTOV3, "0d4a1185", "85114a0d");
    }

    @Test
    void withBlake3() {
        FileHashes withBlake3 = hashes.withBlake3("AF1349B9F5F9A1A6A0404DEA36DCC9499BCB25C9ADC112B7CC9A93CAE41F3262");

        assertThat(withBlake3.blake3()).isEqualTo("af1349b9f5f9a1a6a0404dea36dcc9499bcb25c9adc112b7cc9a93cae41f3262");
        assertThat(withBlake3.lookupKeys()).contains(withBlake3.blake3());
        assertThat(HashKind.AUTOV2.civitaiName()).isEqualTo("AutoV2");
    }
}
