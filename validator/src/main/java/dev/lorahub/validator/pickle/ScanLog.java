package dev.lorahub.validator.pickle;

import dev.lorahub.validator.Finding;
import dev.lorahub.validator.Verdict;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Findings and tensor count of one scan. A finding with the same code and arguments as an earlier one
 * is dropped, and findings beyond {@value #MAX_FINDINGS} are dropped, so a hostile file cannot grow the
 * report without bound.
 */
final class ScanLog {

    static final int MAX_FINDINGS = 200;

    private final List<Finding> findings = new ArrayList<>();
    private final Set<String> seen = new HashSet<>();
    private String entry = "";
    private long tensors;

    /** Sets the archive entry that later byte offsets refer to; empty for the file itself. */
    void enterEntry(String entryName) {
        entry = entryName;
    }

    /** Adds a finding located at a byte offset of the current file or entry. */
    void report(PickleRule rule, long offset, Object... arguments) {
        String location = entry.isEmpty() ? "byte " + offset : entry + ", byte " + offset;
        add(rule.finding(location, arguments));
    }

    /** Adds a finding located at an archive entry as a whole. */
    void reportEntry(PickleRule rule, String entryName, Object... arguments) {
        add(rule.finding(entryName, arguments));
    }

    /** Adds a finding about the whole file. */
    void reportFile(PickleRule rule, Object... arguments) {
        add(rule.finding("", arguments));
    }

    void countTensor() {
        tensors++;
    }

    long tensors() {
        return tensors;
    }

    int size() {
        return findings.size();
    }

    /** Drops the findings from index {@code start} on that do not reject the file. */
    void keepRejectionsFrom(int start) {
        findings.subList(start, findings.size()).removeIf(finding -> finding.level() != Verdict.REJECTED);
    }

    boolean hasRejection() {
        return findings.stream().anyMatch(finding -> finding.level() == Verdict.REJECTED);
    }

    List<Finding> findings() {
        return findings;
    }

    private void add(Finding finding) {
        String key = finding.code() + Arrays.deepToString(finding.arguments().toArray());
        if (findings.size() < MAX_FINDINGS && seen.add(key)) {
            findings.add(finding);
        }
    }
}
