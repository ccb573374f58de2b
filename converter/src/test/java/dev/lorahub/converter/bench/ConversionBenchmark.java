package dev.lorahub.converter.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lorahub.converter.pickle.PickleConversion;
import dev.lorahub.converter.safetensors.DtypeConversion;
import dev.lorahub.converter.safetensors.FloatBits;
import dev.lorahub.formats.safetensors.DType;
import dev.lorahub.formats.safetensors.SafetensorsReader;
import dev.lorahub.formats.safetensors.TensorInfo;
import dev.lorahub.validator.ModelValidator;
import dev.lorahub.validator.ValidationReport;
import dev.lorahub.validator.Verdict;
import dev.lorahub.validator.pickle.CheckpointTensor;
import dev.lorahub.validator.pickle.TorchCheckpoint;
import dev.lorahub.validator.pickle.TorchCheckpointReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Benchmark of pickle-to-F16 conversion against a file copy, and of header-only against full-scan validation.
 *
 * <p>Excluded from the normal build by its tag. Run it with
 * {@code ./mvnw -o -pl converter test -Dtest=ConversionBenchmark -DexcludedGroups= -Dsurefire.failIfNoSpecifiedTests=false}.
 * It needs about 2.5 GiB of free space in {@code java.io.tmpdir}, where JUnit creates and deletes its files,
 * and prints markdown tables of medians and all runs to standard output. Each measurement runs once to warm
 * up, then {@link #RUNS} times, with the operations of one run interleaved so that they see the same state
 * of the page cache.
 */
@Tag("benchmark")
class ConversionBenchmark {

    private static final int RUNS = 3;

    /** 256 tensors of 1024 × 1024 F32 values, 1 GiB of tensor data. */
    private static final int CHECKPOINT_TENSORS = 256;
    private static final int CHECKPOINT_SIDE = 1024;

    /** 128 LoRA modules, so 256 F16 factors of 8 MiB (2 GiB) or 1 MiB (256 MiB), plus 128 alpha scalars. */
    private static final int LORA_MODULES = 128;
    private static final int LORA_FEATURES = 8192;
    private static final int LARGE_RANK = 512;
    private static final int SMALL_RANK = 64;

    private static final double SECONDS = 1;
    private static final double MILLISECONDS = 1e-3;

    @TempDir
    Path folder;

    @Test
    void readerReadsGeneratedCheckpoint() throws Exception {
        Path checkpoint = folder.resolve("small.pt");
        List<String> names = BenchFiles.writeTorchCheckpoint(checkpoint, 8, 4);

        TorchCheckpoint read = new TorchCheckpointReader().read(checkpoint);

        assertThat(read.format()).isEqualTo(TorchCheckpoint.Format.ZIP);
        assertThat(read.skipped()).isEmpty();
        assertThat(read.tensors()).extracting(CheckpointTensor::name).containsExactlyElementsOf(names);
        assertThat(read.tensors()).allSatisfy(tensor -> {
            assertThat(tensor.dtype()).isEqualTo(DType.F32);
            assertThat(tensor.size()).containsExactly(4, 4);
            assertThat(tensor.isContiguous()).isTrue();
        });
    }

    @Test
    void conversionAgainstCopy() throws Exception {
        Path checkpoint = folder.resolve("checkpoint.pt");
        BenchFiles.writeTorchCheckpoint(checkpoint, CHECKPOINT_TENSORS, CHECKPOINT_SIDE);
        Path copy = folder.resolve("copy.pt");
        Path f32 = folder.resolve("converted-f32.safetensors");
        Path f16 = folder.resolve("converted-f16.safetensors");
        Path onePassF16 = folder.resolve("one-pass-f16.safetensors");

        Measurement filesCopy = new Measurement("Files.copy of the checkpoint", true);
        Measurement cp = new Measurement("cp of the checkpoint", false);
        Measurement copyAndFsync = new Measurement("Files.copy, then fsync", true);
        Measurement read = new Measurement("TorchCheckpointReader.read alone", true);
        Measurement pickleStep = new Measurement("step 1: PickleConversion.convert (to F32 safetensors)", true);
        Measurement dtypeStep = new Measurement("step 2: DtypeConversion.convert (F32 to F16)", true);
        Measurement total = new Measurement("conversion total (step 1 + step 2)", true);
        Measurement onePass = new Measurement("one pass: PickleConversion.convert(…, DType.F16)", true);
        Measurement transferToFile =
                new Measurement("diagnostic: transferTo of the checkpoint into a FileChannel", true);
        Measurement transferToWrapper = new Measurement(
                "diagnostic: transferTo of the checkpoint into a WritableByteChannel wrapper", true);
        Measurement halfFloats = new Measurement(
                "diagnostic: FloatBits.f32ToF16(int) of 256 Mi values in memory", true);
        Measurement bulkHalfFloats = new Measurement(
                "diagnostic: FloatBits.f32ToF16(int[], short[], int) of 256 Mi values in memory", true);
        int[] floatBits = randomFloatBits(CHECKPOINT_SIDE * CHECKPOINT_SIDE);

        for (int run = 0; run <= RUNS; run++) {
            boolean record = run > 0;
            filesCopy.time(record, () -> Files.copy(checkpoint, copy));
            Files.delete(copy);
            cp.time(record, () -> runCp(checkpoint, copy));
            Files.delete(copy);
            copyAndFsync.time(record, () -> {
                Files.copy(checkpoint, copy);
                try (FileChannel channel = FileChannel.open(copy, StandardOpenOption.WRITE)) {
                    channel.force(true);
                }
            });
            Files.delete(copy);
            read.time(record, () -> new TorchCheckpointReader().read(checkpoint));
            pickleStep.time(record, () -> PickleConversion.convert(checkpoint, f32));
            dtypeStep.time(record, () -> assertThat(
                    DtypeConversion.convert(f32, f16, DType.F16).totalOverflowCount()).isZero());
            if (record) {
                int last = pickleStep.wallSeconds().size() - 1;
                total.add(pickleStep.wallSeconds().get(last) + dtypeStep.wallSeconds().get(last),
                        pickleStep.cpuSeconds().get(last) + dtypeStep.cpuSeconds().get(last));
            } else {
                checkConverted(f16);
            }
            Files.delete(f32);
            Files.delete(f16);
            onePass.time(record, () -> assertThat(
                    PickleConversion.convert(checkpoint, onePassF16, DType.F16).totalOverflowCount()).isZero());
            if (!record) {
                checkConverted(onePassF16);
            }
            Files.delete(onePassF16);

            transferToFile.time(record, () -> transfer(checkpoint, copy, false));
            Files.delete(copy);
            transferToWrapper.time(record, () -> transfer(checkpoint, copy, true));
            Files.delete(copy);
            halfFloats.time(record, () -> convertInMemory(floatBits, CHECKPOINT_TENSORS));
            bulkHalfFloats.time(record, () -> convertInMemoryBulk(floatBits, CHECKPOINT_TENSORS));
        }

        double baseline = filesCopy.medianWall();
        System.out.printf(Locale.ROOT, "%nConversion of a %d MiB torch zip checkpoint (%d F32 tensors of %d x %d)%n%n",
                Files.size(checkpoint) >> 20, CHECKPOINT_TENSORS, CHECKPOINT_SIDE, CHECKPOINT_SIDE);
        printHeader("median seconds", "median thread CPU seconds", "all runs (seconds)");
        System.out.println(filesCopy.tableRow("1.00 (baseline)", SECONDS, "%.2f"));
        for (Measurement row : List.of(cp, copyAndFsync, read, pickleStep, dtypeStep, total, onePass,
                transferToFile, transferToWrapper, halfFloats, bulkHalfFloats)) {
            System.out.println(row.tableRow(ratio(row.medianWall(), baseline, "Files.copy"), SECONDS, "%.2f"));
        }
        System.out.printf(Locale.ROOT, "%nConversion total against cp: %.2f×%n",
                total.medianWall() / cp.medianWall());
        System.out.printf(Locale.ROOT, "One pass against Files.copy: %.2f×, against Files.copy then fsync: %.2f×%n",
                onePass.medianWall() / baseline, onePass.medianWall() / copyAndFsync.medianWall());
    }

    @Test
    void validationHeaderAgainstFullScan() throws Exception {
        Path large = folder.resolve("lora-large.safetensors");
        Path small = folder.resolve("lora-small.safetensors");
        BenchFiles.writeKohyaLora(large, LORA_MODULES, LARGE_RANK, LORA_FEATURES);
        BenchFiles.writeKohyaLora(small, LORA_MODULES, SMALL_RANK, LORA_FEATURES);
        String largeSize = (Files.size(large) >> 20) + " MiB";
        String smallSize = (Files.size(small) >> 20) + " MiB";

        Measurement smallHeader = new Measurement("validate(path, false), " + smallSize, true);
        Measurement smallFull = new Measurement("validate(path, true), " + smallSize, true);
        Measurement largeHeader = new Measurement("validate(path, false), " + largeSize, true);
        Measurement largeFull = new Measurement("validate(path, true), " + largeSize, true);

        for (int run = 0; run <= RUNS; run++) {
            boolean record = run > 0;
            smallHeader.time(record, () -> checkValid(ModelValidator.validate(small, false)));
            smallFull.time(record, () -> checkValid(ModelValidator.validate(small, true)));
            largeHeader.time(record, () -> checkValid(ModelValidator.validate(large, false)));
            largeFull.time(record, () -> checkValid(ModelValidator.validate(large, true)));
        }

        System.out.printf(Locale.ROOT, "%nValidation of kohya LoRA files: %d modules, F16 factors [rank, %d] and "
                + "[%d, rank], rank %d (%s) and %d (%s)%n%n", LORA_MODULES, LORA_FEATURES, LORA_FEATURES,
                LARGE_RANK, largeSize, SMALL_RANK, smallSize);
        printHeader("median ms", "median thread CPU ms", "all runs (ms)");
        System.out.println(smallHeader.tableRow("1.00 (baseline)", MILLISECONDS, "%.1f"));
        System.out.println(smallFull.tableRow(
                ratio(smallFull.medianWall(), smallHeader.medianWall(), "header-only"), MILLISECONDS, "%.1f"));
        System.out.println(largeHeader.tableRow(
                ratio(largeHeader.medianWall(), smallHeader.medianWall(), "header-only " + smallSize),
                MILLISECONDS, "%.1f"));
        System.out.println(largeFull.tableRow(
                ratio(largeFull.medianWall(), largeHeader.medianWall(), "header-only") + ", "
                        + ratio(largeFull.medianWall(), smallFull.medianWall(), "full scan " + smallSize),
                MILLISECONDS, "%.1f"));
        System.out.printf(Locale.ROOT, "%nFull scan throughput: %.2f GB/s (%s), %.2f GB/s (%s)%n",
                Files.size(small) / smallFull.medianWall() / 1e9, smallSize,
                Files.size(large) / largeFull.medianWall() / 1e9, largeSize);
    }

    private static void runCp(Path source, Path target) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("cp", source.toString(), target.toString()).inheritIO().start();
        int exitCode = process.waitFor();
        assertThat(exitCode).as("exit code of cp").isZero();
    }

    /**
     * Copies {@code source} to a new {@code target} with {@link FileChannel#transferTo}, into the target's
     * FileChannel or, like {@code SafetensorsWriter}, into a plain WritableByteChannel that delegates to it.
     * No fsync.
     */
    private static void transfer(Path source, Path target, boolean wrapped) throws IOException {
        try (FileChannel input = FileChannel.open(source, StandardOpenOption.READ);
                FileChannel output =
                        FileChannel.open(target, StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW)) {
            WritableByteChannel destination = wrapped ? new WritableByteChannel() {
                @Override
                public int write(ByteBuffer buffer) throws IOException {
                    return output.write(buffer);
                }

                @Override
                public boolean isOpen() {
                    return output.isOpen();
                }

                @Override
                public void close() {}
            } : output;
            long length = input.size();
            for (long copied = 0; copied < length; ) {
                copied += input.transferTo(copied, length - copied, destination);
            }
        }
    }

    /** Converts the values to F16 {@code repeats} times, the CPU cost of step 2 without any I/O. */
    private static void convertInMemory(int[] floatBits, int repeats) {
        short[] half = new short[floatBits.length];
        int checksum = 0;
        for (int repeat = 0; repeat < repeats; repeat++) {
            for (int index = 0; index < floatBits.length; index++) {
                half[index] = FloatBits.f32ToF16(floatBits[index]);
            }
            checksum += half[repeat];
        }
        // The checksum keeps the JIT from removing the loop as dead code.
        assertThat(checksum).isNotEqualTo(Integer.MIN_VALUE);
    }

    /** Converts the values to F16 {@code repeats} times with the array method that the conversions use. */
    private static void convertInMemoryBulk(int[] floatBits, int repeats) {
        short[] half = new short[floatBits.length];
        long overflowCount = 0;
        for (int repeat = 0; repeat < repeats; repeat++) {
            overflowCount += FloatBits.f32ToF16(floatBits, half, floatBits.length);
        }
        assertThat(overflowCount).isZero();
    }

    private static int[] randomFloatBits(int count) {
        Random random = new Random(3);
        int[] bits = new int[count];
        for (int index = 0; index < count; index++) {
            bits[index] = Float.floatToRawIntBits((float) (random.nextGaussian() * 0.02));
        }
        return bits;
    }

    private static void checkConverted(Path f16) throws Exception {
        List<TensorInfo> tensors = SafetensorsReader.read(f16).tensors();
        assertThat(tensors).hasSize(CHECKPOINT_TENSORS);
        assertThat(tensors).allSatisfy(tensor -> assertThat(tensor.dtype()).isEqualTo(DType.F16));
        assertThat(Files.size(f16)).isGreaterThan((long) CHECKPOINT_TENSORS * CHECKPOINT_SIDE * CHECKPOINT_SIDE * 2);
    }

    private static void checkValid(ValidationReport report) {
        assertThat(report.verdict()).isEqualTo(Verdict.OK);
        assertThat(report.findings()).isEmpty();
    }

    private static String ratio(double value, double baseline, String baselineName) {
        return String.format(Locale.ROOT, "%.2f× %s", value / baseline, baselineName);
    }

    private static void printHeader(String median, String cpu, String runs) {
        System.out.println("| measurement | " + median + " | ratio | " + cpu + " | " + runs + " |");
        System.out.println("|---|---|---|---|---|");
    }
}
