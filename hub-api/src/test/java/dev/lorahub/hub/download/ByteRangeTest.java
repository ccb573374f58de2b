package dev.lorahub.hub.download;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lorahub.hub.download.ByteRange.Partial;
import dev.lorahub.hub.download.ByteRange.Unsatisfiable;
import dev.lorahub.hub.download.ByteRange.Whole;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ByteRangeTest {

    static final long SIZE = 1000;

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "bytes=0-0, 0, 1",
        "bytes=0-, 0, 1000",
        "bytes=500-, 500, 500",
        "bytes=500-599, 500, 100",
        "bytes=990-5000, 990, 10",
        "bytes=-10, 990, 10",
        "bytes=-5000, 0, 1000"})
    void satisfiableRanges(String header, long start, long length) {
        assertThat(ByteRange.parse(header, SIZE)).isEqualTo(new Partial(new ByteRange(start, length)));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"bytes=1000-", "bytes=1000-1001", "bytes=-0"})
    void unsatisfiableRanges(String header) {
        assertThat(ByteRange.parse(header, SIZE)).isInstanceOf(Unsatisfiable.class);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"items=0-1", "bytes=5-3", "bytes=0-1,5-6", "bytes=abc-", "bytes=7"})
    void ignoredHeadersGiveWholeFile(String header) {
        assertThat(ByteRange.parse(header, SIZE)).isInstanceOf(Whole.class);
    }

    @Test
    void missingHeaderGivesWholeFile() {
        assertThat(ByteRange.parse(null, SIZE)).isInstanceOf(Whole.class);
    }

    @Test
    void endIsInclusive() {
        assertThat(new ByteRange(10, 5).end()).isEqualTo(14);
    }
}
