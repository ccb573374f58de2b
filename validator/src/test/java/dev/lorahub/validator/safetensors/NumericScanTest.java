package dev.lorahub.validator.safetensors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lorahub.formats.safetensors.SafetensorsException;
import dev.lorahub.formats.safetensors.SafetensorsReader;
import dev.lorahub.validator.Finding;
import dev.lorahub.validator.ModelValidator;
import dev.lorahub.validator.TensorFile;
import dev.lorahub.validator.ValidationReport;
import dev.lorahub.validator.Verdict;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** NaN and infinite values in F16, BF16, F32 and F64 data: found by the full scan, not by the header checks. */
class NumericScanTest {

    private static final long[] FOUR = {4};
    private static final String DOWN = "lora_unet_mid_block_attentions_0_proj_in.lora_down.weight";
    private static final String UP = "lora_unet_mid_block_attentions_0_proj_in.lora_up.weight";

    @TempDir
    Path folder;

    @Test
    void f16NanAndInf() throws IOException, SafetensorsException {
        short nan = 0x7e00;
        short infinity = 0x7c00;
        short negativeInfinity = (short) 0xfc00;
        short maxFinite = 0x7bff;
        TensorFile tensors = new TensorFile().bits16("t", "F16", FOUR, nan, infinity, negativeInfinity, maxFinite);

        assertCounts(scan(tensors), "t", 1, 2, 4);
    }

    @Test
    void bf16NanAndInf() throws IOException, SafetensorsException {
        short nan = 0x7fc0;
        short infinity = 0x7f80;
        short one = 0x3f80;
        short negativeNan = (short) 0xffc1;
        TensorFile tensors = new TensorFile().bits16("t", "BF16", FOUR, nan, infinity, one, negativeNan);

        assertCounts(scan(tensors), "t", 2, 1, 4);
    }

    @Test
    void f32NanAndInf() throws IOException, SafetensorsException {
        TensorFile tensors = new TensorFile()
                .f32("t", FOUR, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.MAX_VALUE);

        assertCounts(scan(tensors), "t", 1, 2, 4);
    }

    @Test
    void f64NanAndInf() throws IOException, SafetensorsException {
        ByteBuffer values = ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN)
                .putDouble(Double.NaN).putDouble(1.0).putDouble(Double.NEGATIVE_INFINITY).putDouble(Double.MIN_VALUE);
        TensorFile tensors = new TensorFile().add("t", "F64", FOUR, values.array());

        assertCounts(scan(tensors), "t", 1, 1, 4);
    }

    @Test
    void finiteValuesNoFindings() throws IOException, SafetensorsException {
        TensorFile tensors = new TensorFile().f32("t", FOUR, 0f, -1f, Float.MIN_VALUE, -Float.MAX_VALUE);

        assertThat(scan(tensors)).isEmpty();
    }

    @Test
    void nanAcrossChunkBoundary() throws IOException, SafetensorsException {
        int perChunk = NumericScan.CHUNK_BYTES / Float.BYTES;
        int count = perChunk * 2 + 3;
        float[] values = new float[count];
        values[perChunk - 1] = Float.NaN;
        values[perChunk] = Float.NaN;
        values[count - 1] = Float.NaN;
        TensorFile tensors = new TensorFile().zeros("first", 3).f32("big", new long[] {count}, values);

        assertCounts(scan(tensors), "big", 3, 0, count);
    }

    @Test
    void f8AndIntegersSkipped() throws IOException, SafetensorsException {
        byte[] f8Nan = {0x7f, 0x7f, 0x7f, 0x7f};
        byte[] f32InfinityBits = {0, 0, (byte) 0x80, 0x7f};
        TensorFile tensors = new TensorFile()
                .add("f8", "F8_E4M3", FOUR, f8Nan)
                .add("i32", "I32", new long[] {1}, f32InfinityBits)
                .add("u8", "U8", FOUR, f8Nan);

        assertThat(scan(tensors)).isEmpty();
    }

    @Test
    void onlyFullScanFindsNan() throws IOException {
        Path file = new TensorFile()
                .f32(DOWN, new long[] {1, 2}, Float.NaN, 1f)
                .bits16(UP, "F16", new long[] {2, 1}, (short) 0x7c00, (short) 0x3c00)
                .write(folder.resolve("nan.safetensors"));

        ValidationReport headerOnly = ModelValidator.validate(file, false);
        ValidationReport fullScan = ModelValidator.validate(file, true);

        assertThat(SafetensorsValidator.validate(file).verdict()).isEqualTo(Verdict.OK);
        assertThat(headerOnly.verdict()).isEqualTo(Verdict.OK);
        assertThat(fullScan.verdict()).isEqualTo(Verdict.REJECTED);
        assertThat(fullScan.codes()).containsExactly("nan-values", "inf-values");
        assertThat(fullScan.findings().get(0).location()).isEqualTo(DOWN);
        assertThat(fullScan.findings().get(1).location()).isEqualTo(UP);
    }

    private List<Finding> scan(TensorFile tensors) throws IOException, SafetensorsException {
        Path file = tensors.write(folder.resolve("values.safetensors"));
        return NumericScan.scan(file, SafetensorsReader.read(file));
    }

    /** Checks the findings for one tensor. A count of 0 means that the finding must be absent. */
    private static void assertCounts(List<Finding> findings, String tensor, long nan, long infinite, long elements) {
        List<Finding> nanFindings = findings.stream().filter(finding -> finding.code().equals("nan-values")).toList();
        List<Finding> infFindings = findings.stream().filter(finding -> finding.code().equals("inf-values")).toList();
        assertThat(findings).allSatisfy(finding -> assertThat(finding.level()).isEqualTo(Verdict.REJECTED));
        assertThat(findings).allSatisfy(finding -> assertThat(finding.location()).isEqualTo(tensor));
        if (nan > 0) {
            assertThat(nanFindings).singleElement()
                    .satisfies(finding -> assertThat(finding.arguments()).containsExactly(tensor, nan, elements));
        } else {
            assertThat(nanFindings).isEmpty();
        }
        if (infinite > 0) {
            assertThat(infFindings).singleElement()
                    .satisfies(finding -> assertThat(finding.arguments()).containsExactly(tensor, infinite, elements));
        } else {
            assertThat(infFindings).isEmpty();
        }
    }
}
