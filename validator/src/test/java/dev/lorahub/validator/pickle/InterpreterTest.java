package dev.lorahub.validator.pickle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lorahub.validator.ValidationReport;
import dev.lorahub.validator.Verdict;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Opcode semantics that decide a verdict: calls, BUILD, persistent ids, string decoding and parse errors. */
class InterpreterTest {

    @TempDir
    Path folder;

    private final PickleScanner scanner = new PickleScanner();

    @Test
    void buildOnAllowedClass() throws IOException {
        byte[] pickle = new PickleWriter().proto(2).global("collections", "OrderedDict").op('}').op('b').stop()
                .toBytes();

        ValidationReport report = scan(pickle);

        assertThat(report.codes()).containsExactly("unsafe-build");
        assertThat(report.findings().get(0).arguments()).containsExactly("collections.OrderedDict");
    }

    @Test
    void buildOnOrderedDictInstance() throws IOException {
        byte[] pickle = new PickleWriter().proto(2).global("collections", "OrderedDict").op(')').op('R')
                .op('}').op('b').stop().toBytes();

        assertThat(scan(pickle).codes()).containsExactly("no-tensors");
    }

    @Test
    void storageTypeCalled() throws IOException {
        byte[] pickle = new PickleWriter().proto(2).global("torch", "FloatStorage").op('J')
                .littleEndian(1 << 30, 4).op(0x85).op('R').stop().toBytes();

        ValidationReport report = scan(pickle);

        assertThat(report.codes()).containsExactly("unsafe-call");
        assertThat(report.findings().get(0).message())
                .isEqualTo("REDUCE calls torch.FloatStorage, which is not an allowed function");
    }

    @Test
    void stringCalled() throws IOException {
        byte[] pickle = new PickleWriter().proto(4).string("os.system", 4).op(')').op('R').stop().toBytes();

        ValidationReport report = scan(pickle);

        assertThat(report.codes()).containsExactly("unsafe-call");
        assertThat(report.findings().get(0).arguments()).containsExactly("REDUCE", "the string 'os.system'");
    }

    @Test
    void newObjOfUnsafeClass() throws IOException {
        byte[] pickle = new PickleWriter().proto(2).global("subprocess", "Popen").op(')').op(0x81).stop().toBytes();

        assertThat(scan(pickle).codes()).containsExactly("unsafe-global");
    }

    @Test
    void newObjExOfOrderedDict() throws IOException {
        byte[] pickle = new PickleWriter().proto(4).global("collections", "OrderedDict").op(')').op('}')
                .op(0x92).stop().toBytes();

        assertThat(scan(pickle).codes()).containsExactly("no-tensors");
    }

    @Test
    void extensionCode() throws IOException {
        byte[] pickle = new PickleWriter().proto(2).op(0x83).littleEndian(300, 2).op(')').op('R').stop().toBytes();

        ValidationReport report = scan(pickle);

        assertThat(report.codes()).containsExactly("extension-code", "unsafe-call");
        assertThat(report.findings().get(0).arguments()).containsExactly("EXT2", 300L);
    }

    @Test
    void textPersistentId() throws IOException {
        byte[] pickle = new PickleWriter().op('P').line("storage").stop().toBytes();

        ValidationReport report = scan(pickle);

        assertThat(report.verdict()).isEqualTo(Verdict.WARNING);
        assertThat(report.codes()).containsExactly("unknown-persistent-id", "no-tensors");
    }

    @Test
    void dottedNameNotAllowed() throws IOException {
        byte[] pickle = new PickleWriter().proto(4).string("collections", 4).string("OrderedDict.__init__", 4)
                .op(0x93).stop().toBytes();

        ValidationReport report = scan(pickle);

        assertThat(report.findings().get(0).arguments()).containsExactly("collections.OrderedDict.__init__");
    }

    @Test
    void escapedStringNames() throws IOException {
        byte[] pickle = new PickleWriter().op('S').line("'\\x6fs'").op('S').line("\"sys\\164em\"").op(0x93).stop()
                .toBytes();

        assertThat(scan(pickle).findings().get(0).arguments()).containsExactly("os.system");
    }

    @Test
    void rawUnicodeEscapedNames() throws IOException {
        byte[] pickle = new PickleWriter().op('V').line("\\u006fs").op('V').line("\\U00000073ystem").op(0x93)
                .stop().toBytes();

        assertThat(scan(pickle).findings().get(0).arguments()).containsExactly("os.system");
    }

    @Test
    void binaryStringNames() throws IOException {
        byte[] pickle = new PickleWriter().op('U').littleEndian(2, 1).raw(ascii("os")).op('T').littleEndian(6, 4)
                .raw(ascii("system")).op(0x93).stop().toBytes();

        assertThat(scan(pickle).findings().get(0).arguments()).containsExactly("os.system");
    }

    @Test
    void stackGlobalOfNonStrings() throws IOException {
        byte[] pickle = new PickleWriter().proto(4).binint1(1).binint1(2).op(0x93).stop().toBytes();

        ValidationReport report = scan(pickle);

        assertThat(report.codes()).containsExactly("not-a-pickle");
        assertThat(report.findings().get(0).message()).contains("STACK_GLOBAL at byte 6 needs two strings");
    }

    @Test
    void unsupportedProtocol() throws IOException {
        ValidationReport report = scan(new PickleWriter().proto(6).op('N').stop().toBytes());

        assertThat(report.findings().get(0).message()).endsWith("unsupported pickle protocol 6 at byte 0");
    }

    @Test
    void missingMemoKey() throws IOException {
        ValidationReport report = scan(new PickleWriter().proto(2).binget(3).stop().toBytes());

        assertThat(report.codes()).containsExactly("not-a-pickle");
    }

    @Test
    void emptyFile() throws IOException {
        assertThat(scan(new byte[0]).codes()).containsExactly("not-a-pickle");
    }

    @Test
    void popOnEmptyStackPopsMark() throws IOException {
        byte[] pickle = new PickleWriter().proto(2).op('N').op('(').op('0').op('N').op('t').stop().toBytes();

        ValidationReport report = scan(pickle);

        assertThat(report.codes()).containsExactly("not-a-pickle");
        assertThat(report.findings().get(0).message()).contains("needs a MARK");
    }

    @Test
    void secondPicklePayload() throws IOException {
        byte[] pickle = concat(TorchFiles.stateDict(2, 8), TorchFiles.reduceCall("os", "system", 2));

        ValidationReport report = scan(pickle);

        assertThat(report.codes()).containsExactly("unsafe-global");
        assertThat(report.findings().get(0).location()).isEqualTo("byte " + (TorchFiles.stateDict(2, 8).length + 2));
    }

    @Test
    void trailingGarbage() throws IOException {
        byte[] pickle = concat(TorchFiles.stateDict(2, 8), new byte[] {0x1a, 0x1b});

        ValidationReport report = scan(pickle);

        assertThat(report.codes()).containsExactly("trailing-pickle-data");
        assertThat(report.findings().get(0).arguments().get(0)).isEqualTo(2L);
    }

    @Test
    void tensorOutsideStorage() throws IOException {
        ValidationReport report = scan(TorchFiles.archive(TorchFiles.stateDict(2, 7)));

        assertThat(report.codes()).containsExactly("invalid-tensor");
        assertThat(report.findings().get(0).arguments()).containsExactly(0L, List.of(2L, 4L), List.of(4L, 1L),
                java.math.BigInteger.valueOf(8), 7L);
    }

    @Test
    void repeatedGlobalReportedOnce() throws IOException {
        byte[] pickle = new PickleWriter().proto(2).global("os", "system").global("os", "system").stop().toBytes();

        assertThat(scan(pickle).codes()).containsExactly("unsafe-global");
    }

    @Test
    void legacySystemInfoPayload() throws IOException {
        byte[] legacy = TorchFiles.legacy(TorchFiles.reduceCall("runpy", "_run_code", 2), TorchFiles.stateDict(2, 8));

        ValidationReport report = scan(legacy);

        assertThat(report.codes()).containsExactly("unsafe-global");
        assertThat(report.findings().get(0).arguments()).containsExactly("runpy._run_code");
    }

    @Test
    void legacyStorageDataNotScanned() throws IOException {
        byte[] legacy = TorchFiles.legacy(TorchFiles.stateDict(2, 8));
        byte[] withPayloadInData = concat(legacy, TorchFiles.reduceCall("os", "system", 2));

        assertThat(scan(withPayloadInData).codes()).isEmpty();
    }

    @Test
    void legacyMagicInSecondPosition() throws IOException {
        byte[] legacy = TorchFiles.legacy(TorchFiles.stateDict(2, 8));
        byte[] shifted = concat(new PickleWriter().proto(2).op('N').stop().toBytes(), legacy);

        ValidationReport report = scan(shifted);

        assertThat(report.codes()).containsExactly("trailing-pickle-data");
    }

    private ValidationReport scan(byte[] bytes) throws IOException {
        return scanner.scan(Files.write(folder.resolve("test.pkl"), bytes));
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] joined = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, joined, first.length, second.length);
        return joined;
    }
}
