package dev.lorahub.validator.pickle;

import dev.lorahub.validator.ValidationReport;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Safety scanner of pickle files and torch checkpoints ({@code .ckpt}, {@code .pt}, {@code .pth},
 * {@code .bin}, {@code .pkl}) that never imports or calls anything that a pickle names.
 *
 * <p>It chooses the format by content, never by file name: a file that starts with the zip local
 * header signature {@code PK\3\4} is a torch zip archive, as for {@code _is_zipfile} in
 * {@code torch/serialization.py}, and any other file is a legacy torch file or a plain pickle. An interpreter runs over the opcodes and rejects every global outside a small allowlist
 * of what {@code torch.save} writes for tensors (see {@link PickleRule} for all findings). A file
 * without tensors gets a {@code no-tensors} warning: it is harmless but not a model file.
 *
 * <p>Instances are immutable and safe to share between threads.
 */
public final class PickleScanner {

    private final ScanLimits limits;

    /** Creates a scanner with {@link ScanLimits#defaults()}. */
    public PickleScanner() {
        this(ScanLimits.defaults());
    }

    /** Creates a scanner with the given resource limits. */
    public PickleScanner(ScanLimits limits) {
        this.limits = limits;
    }

    /**
     * Scans the file and returns its findings, opening and closing the file itself.
     *
     * @throws IOException if the file cannot be read; a malformed file gives findings instead
     */
    public ValidationReport scan(Path file) throws IOException {
        ScanLog log = new ScanLog();
        if (startsWithZipHeader(file)) {
            new ArchiveScanner(limits, log).scan(file);
        } else {
            try (InputStream in = Files.newInputStream(file)) {
                new PickleSequence(limits, log).scan(in, Files.size(file), true);
            }
        }
        if (!log.hasRejection() && log.tensors() == 0) {
            log.reportFile(PickleRule.NO_TENSORS);
        }
        return ValidationReport.of(log.findings());
    }

    static boolean startsWithZipHeader(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] start = in.readNBytes(4);
            return start.length == 4
                    && ByteBuffer.wrap(start).order(ByteOrder.LITTLE_ENDIAN).getInt() == ZipDirectory.LOCAL_HEADER;
        }
    }
}
