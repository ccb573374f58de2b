package dev.lorahub.validator.pickle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lorahub.validator.Finding;
import dev.lorahub.validator.Fixtures;
import dev.lorahub.validator.ValidationReport;
import dev.lorahub.validator.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The picklescan corpus and the real LoRA checkpoints, each with the verdict the fixtures README gives it. */
class FixtureScanTest {

    private final PickleScanner scanner = new PickleScanner();

    /** File, verdict, and the global that a rejection must name, or null when it names none. */
    static Stream<Arguments> corpus() {
        return Stream.of(
                Arguments.of("bad_pytorch.pt", Verdict.REJECTED, null),
                Arguments.of("not_a_pickle.bin", Verdict.REJECTED, null),
                Arguments.of("benign0_v0.pkl", Verdict.WARNING, null),
                Arguments.of("benign0_v3.pkl", Verdict.WARNING, null),
                Arguments.of("benign0_v4.pkl", Verdict.WARNING, null),
                Arguments.of("pytorch_model.bin", Verdict.OK, null),
                Arguments.of("new_pytorch_model.bin", Verdict.OK, null),
                Arguments.of("broken_model.pkl", Verdict.REJECTED, "builtins.exec"),
                Arguments.of("malicious0.pkl", Verdict.REJECTED, "__builtin__.compile"),
                Arguments.of("malicious1.zip", Verdict.REJECTED, "builtins.eval"),
                Arguments.of("malicious10.pkl", Verdict.REJECTED, "__builtin__.exec"),
                Arguments.of("malicious11.pkl", Verdict.REJECTED, "os.system"),
                Arguments.of("malicious12.pkl", Verdict.REJECTED, "builtins.__import__"),
                Arguments.of("malicious13a.pkl", Verdict.REJECTED, "pickle.loads"),
                Arguments.of("malicious14.pkl", Verdict.REJECTED, "runpy._run_code"),
                Arguments.of("malicious15a.pkl", Verdict.REJECTED, "__builtin__.getattr"),
                Arguments.of("malicious16.pkl", Verdict.REJECTED, "pip.main"),
                Arguments.of("malicious1_v0.pkl", Verdict.REJECTED, "__builtin__.eval"),
                Arguments.of("malicious1_v3.pkl", Verdict.REJECTED, "builtins.eval"),
                Arguments.of("malicious1_v4.pkl", Verdict.REJECTED, "builtins.eval"),
                Arguments.of("malicious2_v4.pkl", Verdict.REJECTED, "posix.system"),
                Arguments.of("malicious3.pkl", Verdict.REJECTED, "httplib.HTTPSConnection"),
                Arguments.of("malicious4.pickle", Verdict.REJECTED, "requests.api.get"),
                Arguments.of("malicious5.pickle", Verdict.REJECTED, "aiohttp.client.ClientSession"),
                Arguments.of("malicious6.pkl", Verdict.REJECTED, "requests.api.get"),
                Arguments.of("malicious7.pkl", Verdict.REJECTED, "socket.create_connection"),
                Arguments.of("malicious8.pkl", Verdict.REJECTED, "subprocess.run"),
                Arguments.of("malicious9.pkl", Verdict.REJECTED, "sys.exit"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void corpusFileVerdict(String fileName, Verdict expected, String global) throws IOException {
        ValidationReport report = scanner.scan(Fixtures.pickle(fileName));

        assertThat(report.verdict()).as("verdict of %s: %s", fileName, report.findings()).isEqualTo(expected);
        if (global != null) {
            assertThat(unsafeGlobals(report)).as("unsafe globals of %s", fileName).contains(global);
        }
    }

    @Test
    void corpusTableCoversEveryFile() throws IOException {
        List<String> tableNames = corpus().map(arguments -> (String) arguments.get()[0]).toList();

        try (Stream<Path> files = Files.list(Fixtures.root().resolve("pickle"))) {
            List<String> fileNames = files.map(file -> file.getFileName().toString()).toList();
            assertThat(tableNames).containsExactlyInAnyOrderElementsOf(fileNames);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"bad_pytorch.pt", "not_a_pickle.bin"})
    void nonPickleFindingOnly(String fileName) throws IOException {
        ValidationReport report = scanner.scan(Fixtures.pickle(fileName));

        assertThat(report.codes()).containsExactly("not-a-pickle");
        assertThat(report.findings().get(0).message()).startsWith("not a pickle or torch checkpoint: ");
    }

    @Test
    void brokenModelKeepsPayloadBeforeParseError() throws IOException {
        ValidationReport report = scanner.scan(Fixtures.pickle("broken_model.pkl"));

        assertThat(report.codes()).containsExactly("unsafe-global", "not-a-pickle");
        Finding unsafe = report.findings().get(0);
        assertThat(unsafe.location()).isEqualTo("byte 0");
        assertThat(unsafe.arguments()).containsExactly("builtins.exec");
        assertThat(unsafe.message())
                .isEqualTo("pickle imports builtins.exec, which is not on the allowlist of torch checkpoint globals");
    }

    @Test
    void benignPlainPickleNoTensors() throws IOException {
        ValidationReport report = scanner.scan(Fixtures.pickle("benign0_v4.pkl"));

        assertThat(report.codes()).containsExactly("no-tensors");
        assertThat(report.findings().get(0).location()).isEmpty();
    }

    @Test
    void zipPayloadLocatedAtEntry() throws IOException {
        ValidationReport report = scanner.scan(Fixtures.pickle("malicious1.zip"));

        assertThat(report.findings()).extracting(Finding::location).contains("data.pkl, byte 29");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "sd15-kohya-nezha-rank4.pt",
        "sd15-kohya-nezha-rank4-legacy.ckpt",
        "sd15-kohya-nezha-rank4-wrapped.ckpt",
        "sd15-diffusers-attnproc.bin"
    })
    void loraCheckpointOk(String fileName) throws IOException {
        ValidationReport report = scanner.scan(Fixtures.lora(fileName));

        assertThat(report.verdict()).as("findings: %s", report.findings()).isEqualTo(Verdict.OK);
        assertThat(report.findings()).isEmpty();
    }

    private static List<Object> unsafeGlobals(ValidationReport report) {
        return report.findings().stream()
                .filter(finding -> finding.code().equals("unsafe-global"))
                .map(finding -> finding.arguments().get(0))
                .toList();
    }
}
