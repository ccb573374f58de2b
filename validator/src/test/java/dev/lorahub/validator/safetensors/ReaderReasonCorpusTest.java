package dev.lorahub.validator.safetensors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.lorahub.formats.safetensors.SafetensorsException;
import dev.lorahub.formats.safetensors.SafetensorsException.Reason;
import dev.lorahub.formats.safetensors.SafetensorsReader;
import dev.lorahub.validator.Finding;
import dev.lorahub.validator.TensorFile;
import dev.lorahub.validator.ValidationReport;
import dev.lorahub.validator.Verdict;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One generated file per format rule of the reader: the validator passes the reader's code, tensor and arguments on. */
class ReaderReasonCorpusTest {

    @TempDir
    Path folder;

    /** Reason, the tensor the finding must name or "" for none, header JSON, and data length in bytes. */
    static Stream<Arguments> corpus() {
        return Stream.of(
                Arguments.of(Reason.INVALID_JSON, "", "{\"t\":", 0),
                Arguments.of(Reason.NOT_AN_OBJECT, "", "[]", 0),
                Arguments.of(Reason.DUPLICATE_KEY, "", "{\"t\":" + entry("F32", "[1]", "[0,4]") + ",\"t\":"
                        + entry("F32", "[1]", "[0,4]") + "}", 4),
                Arguments.of(Reason.INVALID_ENTRY, "t", "{\"t\":{\"dtype\":5,\"shape\":[1],\"data_offsets\":[0,4]}}", 4),
                Arguments.of(Reason.UNKNOWN_DTYPE, "t", "{\"t\":" + entry("F17", "[1]", "[0,4]") + "}", 4),
                Arguments.of(Reason.INVALID_SHAPE, "t", "{\"t\":" + entry("F32", "[-1]", "[0,4]") + "}", 4),
                Arguments.of(Reason.SIZE_OVERFLOW, "t",
                        "{\"t\":" + entry("F32", "[9223372036854775807,2]", "[0,4]") + "}", 4),
                Arguments.of(Reason.MISALIGNED_SIZE, "t", "{\"t\":" + entry("F4", "[3]", "[0,1]") + "}", 1),
                Arguments.of(Reason.SIZE_MISMATCH, "t", "{\"t\":" + entry("F32", "[2]", "[0,4]") + "}", 4),
                Arguments.of(Reason.INVALID_OFFSETS, "b", "{\"a\":" + entry("F32", "[1]", "[0,4]") + ",\"b\":"
                        + entry("F32", "[1]", "[8,12]") + "}", 12),
                Arguments.of(Reason.REVERSED_OFFSETS, "t", "{\"t\":" + entry("F32", "[1]", "[4,0]") + "}", 4),
                Arguments.of(Reason.OFFSET_OUT_OF_RANGE, "t",
                        "{\"t\":" + entry("F32", "[1]", "[0,9223372036854775807]") + "}", 4),
                Arguments.of(Reason.TRUNCATED_DATA, "t", "{\"t\":" + entry("F32", "[2]", "[0,8]") + "}", 4),
                Arguments.of(Reason.TRAILING_DATA, "", "{\"t\":" + entry("F32", "[1]", "[0,4]") + "}", 8),
                Arguments.of(Reason.INVALID_METADATA, "", "{\"__metadata__\":{\"epochs\":3}}", 0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void readerReasonPassesThrough(Reason reason, String tensor, String header, int dataLength) throws IOException {
        Path file = TensorFile.writeRaw(folder.resolve("broken.safetensors"),
                header.getBytes(StandardCharsets.UTF_8), new byte[dataLength]);

        assertPassedThrough(file, reason, tensor);
    }

    @Test
    void fileShorterThanLength() throws IOException {
        Path file = Files.write(folder.resolve("short.safetensors"), new byte[] {1, 0, 0, 0});

        assertPassedThrough(file, Reason.HEADER_TOO_SMALL, "");
    }

    @Test
    void headerLengthAboveLimit() throws IOException {
        byte[] bytes = {0, 0, 0, 0, 0, 1, 0, 0, '{', '}'};
        Path file = Files.write(folder.resolve("huge.safetensors"), bytes);

        assertPassedThrough(file, Reason.HEADER_TOO_LARGE, "");
    }

    @Test
    void headerLengthBeyondFile() throws IOException {
        byte[] bytes = {100, 0, 0, 0, 0, 0, 0, 0, '{', '}'};
        Path file = Files.write(folder.resolve("cut.safetensors"), bytes);

        assertPassedThrough(file, Reason.INVALID_HEADER_LENGTH, "");
    }

    @Test
    void headerNotUtf8() throws IOException {
        byte[] header = {'{', '"', (byte) 0xff, '"', ':', '1', '}', ' '};
        Path file = TensorFile.writeRaw(folder.resolve("latin1.safetensors"), header, new byte[0]);

        assertPassedThrough(file, Reason.INVALID_UTF8, "");
    }

    @Test
    void corpusCoversEveryReason() {
        Set<Reason> covered = corpus().map(arguments -> (Reason) arguments.get()[0]).collect(Collectors.toSet());
        covered.addAll(Set.of(
                Reason.HEADER_TOO_SMALL, Reason.HEADER_TOO_LARGE, Reason.INVALID_HEADER_LENGTH, Reason.INVALID_UTF8));

        assertThat(covered).containsExactlyInAnyOrderElementsOf(EnumSet.allOf(Reason.class));
    }

    private static void assertPassedThrough(Path file, Reason reason, String tensor) throws IOException {
        SafetensorsException expected =
                catchThrowableOfType(SafetensorsException.class, () -> SafetensorsReader.read(file));
        assertThat(expected.reason()).isEqualTo(reason);

        ValidationReport report = SafetensorsValidator.validate(file);

        assertThat(report.verdict()).isEqualTo(Verdict.REJECTED);
        assertThat(report.codes()).containsExactly(reason.code());
        Finding finding = report.findings().get(0);
        assertThat(finding.level()).isEqualTo(Verdict.REJECTED);
        assertThat(finding.location()).isEqualTo(tensor);
        assertThat(finding.arguments()).isEqualTo(expected.arguments());
        assertThat(finding.message()).isEqualTo(expected.getMessage());
    }

    private static String entry(String dtype, String shape, String offsets) {
        return "{\"dtype\":\"" + dtype + "\",\"shape\":" + shape + ",\"data_offsets\":" + offsets + "}";
    }
}
