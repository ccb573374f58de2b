package dev.lorahub.validator.safetensors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lorahub.validator.Finding;
import dev.lorahub.validator.TensorFile;
import dev.lorahub.validator.ValidationReport;
import dev.lorahub.validator.Verdict;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Warnings for valid files that older tools may read badly: header start and padding, empty tensors. */
class HeaderLayoutTest {

    @TempDir
    Path folder;

    @Test
    void paddedHeaderOk() throws IOException {
        Path file = new TensorFile().zeros("t", 2, 3).write(folder.resolve("ok.safetensors"));

        ValidationReport report = SafetensorsValidator.validate(file);

        assertThat(report.verdict()).isEqualTo(Verdict.OK);
        assertThat(report.findings()).isEmpty();
    }

    @Test
    void unpaddedHeaderWarns() throws IOException {
        TensorFile tensors = new TensorFile().zeros("t", 2, 3);
        byte[] header = tensors.headerJson().getBytes(StandardCharsets.UTF_8);
        assertThat(header.length % 8).isNotZero();
        Path file = TensorFile.writeRaw(folder.resolve("unpadded.safetensors"), header, tensors.data());

        ValidationReport report = SafetensorsValidator.validate(file);

        assertThat(report.verdict()).isEqualTo(Verdict.WARNING);
        assertThat(report.codes()).containsExactly("unaligned-header");
        assertThat(report.findings().get(0).arguments()).containsExactly((long) header.length, (long) header.length % 8);
    }

    @Test
    void leadingSpaceWarns() throws IOException {
        assertStartWarning(" {\"t\":", "\" {\"");
    }

    @Test
    void spaceAfterBraceWarns() throws IOException {
        assertStartWarning("{ \"t\":", "\"{ \"");
    }

    @Test
    void emptyTensorWarns() throws IOException {
        Path file = new TensorFile().zeros("empty", 0, 4).zeros("t", 1).write(folder.resolve("empty.safetensors"));

        ValidationReport report = SafetensorsValidator.validate(file);

        assertThat(report.verdict()).isEqualTo(Verdict.WARNING);
        assertThat(report.codes()).containsExactly("empty-tensor");
        Finding finding = report.findings().get(0);
        assertThat(finding.location()).isEqualTo("empty");
        assertThat(finding.arguments()).containsExactly("empty", List.of(0L, 4L));
    }

    /** Writes a file whose header starts with {@code start} and is padded to 8 bytes, and checks the warning. */
    private void assertStartWarning(String start, String quotedStart) throws IOException {
        String json = start + "{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}";
        String padded = json + " ".repeat((8 - json.length() % 8) % 8);
        Path file = TensorFile.writeRaw(
                folder.resolve("spaced.safetensors"), padded.getBytes(StandardCharsets.UTF_8), new byte[4]);

        ValidationReport report = SafetensorsValidator.validate(file);

        assertThat(report.verdict()).isEqualTo(Verdict.WARNING);
        assertThat(report.codes()).containsExactly("webui-unreadable-header");
        assertThat(report.findings().get(0).arguments()).containsExactly(quotedStart);
        assertThat(report.findings().get(0).message()).contains("older web UIs");
    }
}
