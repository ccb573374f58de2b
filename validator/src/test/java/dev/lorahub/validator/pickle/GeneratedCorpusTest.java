package dev.lorahub.validator.pickle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lorahub.validator.Finding;
import dev.lorahub.validator.ValidationReport;
import dev.lorahub.validator.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Pickles built in the test: each dangerous global reached by each way of naming it, at protocols 0 to 5,
 * as a plain pickle, inside a torch zip archive and inside a legacy torch file. A benign state dict
 * built the same way must pass.
 */
class GeneratedCorpusTest {

    private static final List<String[]> DANGEROUS = List.of(
            new String[] {"os", "system"},
            new String[] {"posix", "system"},
            new String[] {"builtins", "eval"},
            new String[] {"builtins", "exec"},
            new String[] {"builtins", "getattr"},
            new String[] {"builtins", "__import__"},
            new String[] {"subprocess", "Popen"},
            new String[] {"runpy", "_run_code"},
            new String[] {"webbrowser", "open"},
            new String[] {"pip", "main"});

    /** Way of naming and calling a global. */
    enum Technique { GLOBAL, STACK_GLOBAL, INST, OBJ, MEMO, MEMO_OVERWRITE }

    /** Where the pickle sits. */
    enum Container { PLAIN, ZIP, LEGACY }

    @TempDir
    Path folder;

    private final PickleScanner scanner = new PickleScanner();

    static Stream<Arguments> dangerousCases() {
        List<Arguments> cases = new ArrayList<>();
        for (String[] global : DANGEROUS) {
            for (Technique technique : Technique.values()) {
                for (int protocol = 0; protocol <= 5; protocol++) {
                    for (Container container : Container.values()) {
                        cases.add(Arguments.of(global[0] + "." + global[1], technique, protocol, container));
                    }
                }
            }
        }
        return cases.stream();
    }

    static Stream<Arguments> benignCases() {
        List<Arguments> cases = new ArrayList<>();
        for (int protocol = 0; protocol <= 5; protocol++) {
            for (Container container : Container.values()) {
                cases.add(Arguments.of(protocol, container));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} by {1}, protocol {2}, {3}")
    @MethodSource("dangerousCases")
    void dangerousGlobalRejected(String global, Technique technique, int protocol, Container container)
            throws IOException {
        String[] parts = global.split("\\.");
        byte[] pickle = dangerous(parts[0], parts[1], technique, protocol);

        ValidationReport report = scanner.scan(write(container, pickle));

        assertThat(report.verdict()).as("findings: %s", report.findings()).isEqualTo(Verdict.REJECTED);
        assertThat(unsafeGlobals(report)).containsExactly(global);
    }

    @ParameterizedTest(name = "protocol {0}, {1}")
    @MethodSource("benignCases")
    void benignStateDictOk(int protocol, Container container) throws IOException {
        ValidationReport report = scanner.scan(write(container, TorchFiles.stateDict(protocol, 8)));

        assertThat(report.verdict()).as("findings: %s", report.findings()).isEqualTo(Verdict.OK);
        assertThat(report.findings()).isEmpty();
    }

    /** Returns a pickle that names {@code module.name} by the technique and calls it with one string. */
    static byte[] dangerous(String module, String name, Technique technique, int protocol) {
        PickleWriter pickle = new PickleWriter().proto(protocol);
        switch (technique) {
            case GLOBAL -> pickle.global(module, name).tupleOf(protocol, "id").op('R');
            case STACK_GLOBAL -> pickle.string(module, protocol).string(name, protocol).op(0x93)
                    .tupleOf(protocol, "id").op('R');
            case INST -> pickle.op('(').string("id", protocol).inst(module, name);
            case OBJ -> pickle.op('(').global(module, name).string("id", protocol).op('o');
            case MEMO -> pickle.string(module, protocol).binput(7).op('0')
                    .string(name, protocol).op(0x94).op('0')
                    .string("torch", protocol).op(0x94).op('0')
                    .binget(7).binget(1).op(0x93).tupleOf(protocol, "id").op('R');
            case MEMO_OVERWRITE -> pickle.string("collections", protocol).binput(1).op('0')
                    .string(module, protocol).op(0x94).op('0')
                    .binget(1).string(name, protocol).op(0x93).tupleOf(protocol, "id").op('R');
        }
        return pickle.stop().toBytes();
    }

    private Path write(Container container, byte[] pickle) throws IOException {
        return switch (container) {
            case PLAIN -> Files.write(folder.resolve("model.pkl"), pickle);
            case ZIP -> Files.write(folder.resolve("model.pt"), TorchFiles.archive(pickle));
            case LEGACY -> Files.write(folder.resolve("model.ckpt"), TorchFiles.legacy(pickle));
        };
    }

    private static List<Object> unsafeGlobals(ValidationReport report) {
        return report.findings().stream()
                .filter(finding -> finding.code().equals("unsafe-global"))
                .map(Finding::arguments)
                .map(arguments -> arguments.get(0))
                .toList();
    }
}
