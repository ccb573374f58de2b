package dev.lorahub.validator.pickle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lorahub.validator.Finding;
import dev.lorahub.validator.Verdict;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Codes and message templates of the scanner's rules. */
class PickleRuleTest {

    @Test
    void codesDistinctAndKebabCase() {
        List<String> codes = Arrays.stream(PickleRule.values()).map(PickleRule::code).toList();

        assertThat(codes).doesNotHaveDuplicates();
        assertThat(codes).allMatch(code -> code.matches("[a-z0-9]+(-[a-z0-9]+)*"));
    }

    @Test
    void findingFillsTemplate() {
        Finding finding = PickleRule.ENTRY_NAME_MISMATCH.finding("a/data.pkl", "a/data.pkl", "a/{0}.pkl");

        assertThat(finding.code()).isEqualTo("entry-name-mismatch");
        assertThat(finding.level()).isEqualTo(Verdict.REJECTED);
        assertThat(finding.message())
                .isEqualTo("entry is named a/data.pkl in the central directory but a/{0}.pkl in its local header");
        assertThat(finding.arguments()).containsExactly("a/data.pkl", "a/{0}.pkl");
    }
}
