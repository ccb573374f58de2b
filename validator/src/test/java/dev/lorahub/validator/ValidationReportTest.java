package dev.lorahub.validator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Verdict derivation and the API names of verdicts. */
class ValidationReportTest {

    private static final Finding WARNING = new Finding("no-tensors", Verdict.WARNING, "", "no tensors", List.of());
    private static final Finding REJECTED =
            new Finding("unsafe-global", Verdict.REJECTED, "byte 0", "imports os.system", List.of("os.system"));

    @Test
    void noFindingsOk() {
        ValidationReport report = ValidationReport.of(List.of());

        assertThat(report.verdict()).isEqualTo(Verdict.OK);
        assertThat(report.findings()).isEmpty();
    }

    @Test
    void worstFindingWins() {
        ValidationReport report = ValidationReport.of(List.of(WARNING, REJECTED, WARNING));

        assertThat(report.verdict()).isEqualTo(Verdict.REJECTED);
        assertThat(report.codes()).containsExactly("no-tensors", "unsafe-global", "no-tensors");
    }

    @Test
    void warningOnly() {
        assertThat(ValidationReport.of(List.of(WARNING)).verdict()).isEqualTo(Verdict.WARNING);
    }

    @Test
    void apiNames() {
        assertThat(Verdict.OK.apiName()).isEqualTo("ok");
        assertThat(Verdict.WARNING.apiName()).isEqualTo("warning");
        assertThat(Verdict.REJECTED.apiName()).isEqualTo("rejected");
    }

    @Test
    void worstOfTwo() {
        assertThat(Verdict.WARNING.worst(Verdict.OK)).isEqualTo(Verdict.WARNING);
        assertThat(Verdict.OK.worst(Verdict.REJECTED)).isEqualTo(Verdict.REJECTED);
    }
}
