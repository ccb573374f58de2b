package dev.lorahub.validator.pickle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lorahub.validator.ValidationReport;
import dev.lorahub.validator.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pickles that break one resource limit each, scanned with small limits. */
class ScanLimitsTest {

    @TempDir
    Path folder;

    /** Returns small pickle limits with the default archive limits. */
    static ScanLimits limits(long opcodes, int stackDepth, int memoEntries, long stringLength, long stringBytes) {
        ScanLimits defaults = ScanLimits.defaults();
        return new ScanLimits(opcodes, stackDepth, memoEntries, stringLength, stringBytes, defaults.maxEntries(),
                defaults.maxUncompressedBytes(), defaults.maxCompressionRatio());
    }

    @Test
    void opcodeCount() throws IOException {
        PickleWriter pickle = new PickleWriter().proto(2);
        for (int i = 0; i < 20; i++) {
            pickle.op('N').op('0');
        }

        ValidationReport report = scan(limits(10, 100, 100, 100, 1000), pickle.op('N').stop().toBytes());

        assertThat(report.codes()).containsExactly("too-many-opcodes");
        assertThat(report.findings().get(0).arguments()).containsExactly(11L, 10L);
    }

    @Test
    void stackDepth() throws IOException {
        PickleWriter pickle = new PickleWriter().proto(2);
        for (int i = 0; i < 6; i++) {
            pickle.op('N');
        }

        ValidationReport report = scan(limits(100, 5, 100, 100, 1000), pickle.stop().toBytes());

        assertThat(report.codes()).containsExactly("stack-too-deep");
        assertThat(report.findings().get(0).arguments()).containsExactly(6L, 5);
    }

    @Test
    void marksCountTowardStackDepth() throws IOException {
        PickleWriter pickle = new PickleWriter().proto(2);
        for (int i = 0; i < 6; i++) {
            pickle.op('(');
        }

        ValidationReport report = scan(limits(100, 5, 100, 100, 1000), pickle.stop().toBytes());

        assertThat(report.codes()).containsExactly("stack-too-deep");
    }

    @Test
    void memoEntries() throws IOException {
        PickleWriter pickle = new PickleWriter().proto(2).op('N');
        for (int key = 0; key < 4; key++) {
            pickle.binput(key);
        }

        ValidationReport report = scan(limits(100, 100, 3, 100, 1000), pickle.stop().toBytes());

        assertThat(report.codes()).containsExactly("memo-too-large");
        assertThat(report.findings().get(0).arguments()).containsExactly(4, 3);
    }

    @Test
    void memoOverwriteWithinLimit() throws IOException {
        PickleWriter pickle = new PickleWriter().proto(2).op('N');
        for (int i = 0; i < 10; i++) {
            pickle.binput(0);
        }

        ValidationReport report = scan(limits(100, 100, 1, 100, 1000), pickle.stop().toBytes());

        assertThat(report.codes()).containsExactly("no-tensors");
    }

    @Test
    void stringLength() throws IOException {
        byte[] pickle = new PickleWriter().proto(4).string("x".repeat(17), 4).stop().toBytes();

        ValidationReport report = scan(limits(100, 100, 100, 16, 1000), pickle);

        assertThat(report.codes()).containsExactly("string-too-long");
        assertThat(report.findings().get(0).arguments()).containsExactly(17L, 16L);
    }

    @Test
    void stringAtLengthLimit() throws IOException {
        byte[] pickle = new PickleWriter().proto(4).string("x".repeat(16), 4).stop().toBytes();

        assertThat(scan(limits(100, 100, 100, 16, 1000), pickle).codes()).containsExactly("no-tensors");
    }

    @Test
    void textLineLength() throws IOException {
        byte[] pickle = new PickleWriter().string("x".repeat(40), 0).stop().toBytes();

        ValidationReport report = scan(limits(100, 100, 100, 16, 1000), pickle);

        assertThat(report.codes()).containsExactly("string-too-long");
    }

    @Test
    void stringTotal() throws IOException {
        PickleWriter pickle = new PickleWriter().proto(4);
        for (int i = 0; i < 3; i++) {
            pickle.string("x".repeat(10), 4).op('0');
        }

        ValidationReport report = scan(limits(100, 100, 100, 16, 25), pickle.op('N').stop().toBytes());

        assertThat(report.codes()).containsExactly("strings-too-large");
    }

    @Test
    void payloadBeforeLimitKept() throws IOException {
        PickleWriter pickle = new PickleWriter().proto(2).global("os", "system");
        for (int i = 0; i < 10; i++) {
            pickle.op('N');
        }

        ValidationReport report = scan(limits(100, 5, 100, 100, 1000), pickle.stop().toBytes());

        assertThat(report.codes()).containsExactly("unsafe-global", "stack-too-deep");
    }

    @Test
    void declaredLengthPastEndIsTruncation() throws IOException {
        byte[] pickle = new PickleWriter().proto(4).op(0x8e).littleEndian(1L << 62, 8).stop().toBytes();

        ValidationReport report = scan(ScanLimits.defaults(), pickle);

        assertThat(report.verdict()).isEqualTo(Verdict.REJECTED);
        assertThat(report.codes()).containsExactly("not-a-pickle");
        assertThat(report.findings().get(0).message()).contains("runs past the end of the data");
    }

    private ValidationReport scan(ScanLimits limits, byte[] pickle) throws IOException {
        return new PickleScanner(limits).scan(Files.write(folder.resolve("limits.pkl"), pickle));
    }
}
