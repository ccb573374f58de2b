package dev.lorahub.validator.pickle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lorahub.validator.Finding;
import dev.lorahub.validator.ValidationReport;
import dev.lorahub.validator.Verdict;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Zip archives that break one archive rule each, written with java.util.zip and patched by hand. */
class ArchiveCheckTest {

    @TempDir
    Path folder;

    private final PickleScanner scanner = new PickleScanner();

    @Test
    void parentSegmentEntryName() throws IOException {
        Map<String, byte[]> entries = benignEntries();
        entries.put("../evil.pkl", TorchFiles.stateDict(2, 8));

        ValidationReport report = scan(TorchFiles.zip(entries, false));

        assertThat(report.verdict()).isEqualTo(Verdict.REJECTED);
        assertThat(report.codes()).containsExactly("unsafe-entry-name");
        assertThat(report.findings().get(0).arguments()).containsExactly("../evil.pkl");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/etc/data.pkl", "\\model\\data.pkl", "C:/model/data.pkl", "model/../../data.pkl",
        "model\\..\\data.pkl"})
    void unsafeNames(String name) {
        assertThat(ArchiveChecks.isUnsafeName(name)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"model/data.pkl", "archive/data/0", "a..b/data.pkl", "model/.data/version"})
    void safeNames(String name) {
        assertThat(ArchiveChecks.isUnsafeName(name)).isFalse();
    }

    @Test
    void localNameDiffersFromCentral() throws IOException {
        byte[] zip = TorchFiles.archive(GeneratedCorpusTest.dangerous("os", "system",
                GeneratedCorpusTest.Technique.GLOBAL, 2));
        replaceAt(zip, 30, "model/evil.pkl");

        ValidationReport report = scan(zip);

        assertThat(report.codes()).contains("entry-name-mismatch", "unsafe-global");
        Finding mismatch = report.findings().get(0);
        assertThat(mismatch.arguments()).containsExactly("model/data.pkl", "model/evil.pkl");
        assertThat(mismatch.location()).isEqualTo("model/data.pkl");
    }

    @Test
    void deflateBombRatio() throws IOException {
        Map<String, byte[]> entries = benignEntries();
        entries.put("model/data/1", new byte[10 << 20]);

        ValidationReport report = scan(TorchFiles.zip(entries, true));

        assertThat(report.codes()).containsExactly("compression-ratio");
        assertThat(report.findings().get(0).location()).isEqualTo("model/data/1");
        assertThat(report.findings().get(0).arguments().get(1)).isEqualTo(10L << 20);
    }

    @Test
    void deflatedArchiveOk() throws IOException {
        ValidationReport report = scan(TorchFiles.zip(benignEntries(), true));

        assertThat(report.verdict()).as("findings: %s", report.findings()).isEqualTo(Verdict.OK);
    }

    @Test
    void unsupportedCompressionMethod() throws IOException {
        byte[] zip = TorchFiles.archive(TorchFiles.stateDict(2, 8));
        int central = indexOf(zip, new byte[] {'P', 'K', 1, 2});
        zip[central + 10] = 12;

        ValidationReport report = scan(zip);

        assertThat(report.codes()).containsExactly("unsupported-compression");
        assertThat(report.findings().get(0).arguments()).containsExactly(12);
    }

    @Test
    void entryCountLimit() throws IOException {
        ScanLimits limits = ScanLimitsTest.limits(10_000, 1000, 1000, 1000, 100_000);
        ScanLimits twoEntries = new ScanLimits(limits.maxOpcodes(), limits.maxStackDepth(),
                limits.maxMemoEntries(), limits.maxStringLength(), limits.maxStringBytes(), 2, 1L << 30, 100);

        ValidationReport report = new PickleScanner(twoEntries).scan(write(TorchFiles.zip(benignEntries(), false)));

        assertThat(report.codes()).containsExactly("too-many-entries");
        assertThat(report.findings().get(0).arguments()).containsExactly(3L, 2);
    }

    @Test
    void uncompressedTotalLimit() throws IOException {
        ScanLimits small = new ScanLimits(10_000, 1000, 1000, 1000, 100_000, 10, 100, 100);

        ValidationReport report = new PickleScanner(small).scan(write(TorchFiles.zip(benignEntries(), false)));

        assertThat(report.codes()).containsExactly("archive-too-large");
    }

    @Test
    void zip64EndRecord() throws IOException {
        Map<String, byte[]> entries = benignEntries();
        for (int i = 0; i < 65_536; i++) {
            entries.put("model/.data/extra/" + i, new byte[0]);
        }

        ValidationReport report = scan(TorchFiles.zip(entries, false));

        assertThat(report.verdict()).as("findings: %s", report.findings()).isEqualTo(Verdict.OK);
    }

    @Test
    void headerOnlyIsInvalidZip() throws IOException {
        byte[] bytes = new byte[40];
        System.arraycopy(new byte[] {'P', 'K', 3, 4}, 0, bytes, 0, 4);

        ValidationReport report = scan(bytes);

        assertThat(report.codes()).containsExactly("invalid-zip");
    }

    @Test
    void entryNameOverLimit() throws IOException {
        Map<String, byte[]> entries = benignEntries();
        entries.put("model/" + "x".repeat(ZipDirectory.MAX_NAME_LENGTH), new byte[1]);

        ValidationReport report = scan(TorchFiles.zip(entries, false));

        assertThat(report.codes()).containsExactly("invalid-zip");
        assertThat(report.findings().get(0).message()).contains("exceeds the limit of 4096 bytes");
    }

    @Test
    void archiveWithoutPickle() throws IOException {
        ValidationReport report = scan(TorchFiles.zip(Map.of("model/data/0", new byte[16]), false));

        assertThat(report.codes()).containsExactly("missing-data-pkl");
    }

    @Test
    void otherPklEntryScanned() throws IOException {
        Map<String, byte[]> entries = benignEntries();
        entries.put("model/extra.pkl", TorchFiles.reduceCall("webbrowser", "open", 2));

        ValidationReport report = scan(TorchFiles.zip(entries, false));

        assertThat(report.codes()).containsExactly("unsafe-global");
        assertThat(report.findings().get(0).location()).isEqualTo("model/extra.pkl, byte 2");
    }

    @Test
    void truncatedDataPklMalformed() throws IOException {
        byte[] pickle = TorchFiles.stateDict(2, 8);
        byte[] truncated = java.util.Arrays.copyOf(pickle, pickle.length - 3);

        ValidationReport report = scan(TorchFiles.archive(truncated));

        assertThat(report.codes()).containsExactly("malformed-pickle");
        assertThat(report.findings().get(0).location()).startsWith("model/data.pkl, byte ");
    }

    private static Map<String, byte[]> benignEntries() {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("model/data.pkl", TorchFiles.stateDict(2, 8));
        entries.put("model/data/0", new byte[16]);
        entries.put("model/version", "3\n".getBytes(StandardCharsets.US_ASCII));
        return entries;
    }

    private ValidationReport scan(byte[] bytes) throws IOException {
        return scanner.scan(write(bytes));
    }

    private Path write(byte[] bytes) throws IOException {
        return Files.write(folder.resolve("model.pt"), bytes);
    }

    private static void replaceAt(byte[] bytes, int offset, String text) {
        byte[] replacement = text.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(replacement, 0, bytes, offset, replacement.length);
    }

    private static int indexOf(byte[] bytes, byte[] pattern) {
        for (int i = 0; i + pattern.length <= bytes.length; i++) {
            if (java.util.Arrays.equals(bytes, i, i + pattern.length, pattern, 0, pattern.length)) {
                return i;
            }
        }
        throw new IllegalArgumentException("pattern not found");
    }
}
