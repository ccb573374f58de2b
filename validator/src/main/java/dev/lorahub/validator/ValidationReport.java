package dev.lorahub.validator;

import java.util.List;

/**
 * Result of validating one file: the verdict and the findings behind it.
 *
 * @param verdict the worst level among the findings, or {@link Verdict#OK} when there are none
 * @param findings the findings in the order the validator found them
 */
public record ValidationReport(Verdict verdict, List<Finding> findings) {

    /** Copies the findings into an unmodifiable list. */
    public ValidationReport {
        findings = List.copyOf(findings);
    }

    /** Creates a report whose verdict is the worst level among the findings. */
    public static ValidationReport of(List<Finding> findings) {
        Verdict verdict = Verdict.OK;
        for (Finding finding : findings) {
            verdict = verdict.worst(finding.level());
        }
        return new ValidationReport(verdict, findings);
    }

    /** Returns the codes of the findings, in order. */
    public List<String> codes() {
        return findings.stream().map(Finding::code).toList();
    }
}
