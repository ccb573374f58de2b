package dev.lorahub.validator.pickle;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import java.util.zip.ZipException;

/**
 * Scanner of a torch zip archive: checks the entries, then scans every {@code .pkl} entry, which
 * includes the {@code <folder>/data.pkl} that {@code torch.load} runs, whatever the folder is called.
 * An entry counts as a pickle when either of its names ends with {@code .pkl}. The data is read from
 * the offset that the local header gives, whatever its CRC-32 and flag bits are, so a wrong CRC or
 * an encryption flag cannot hide a pickle from the scan.
 */
final class ArchiveScanner {

    private final ScanLimits limits;
    private final ScanLog log;

    ArchiveScanner(ScanLimits limits, ScanLog log) {
        this.limits = limits;
        this.log = log;
    }

    /** Scans the archive, opening and closing its own channel. */
    void scan(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            List<ZipEntryRecord> entries = readEntries(channel);
            if (entries == null) {
                return;
            }
            new ArchiveChecks(limits, log).check(entries);
            scanPickles(channel, entries);
        }
    }

    /** Returns the entries, or null after reporting an archive that cannot or must not be read. */
    private List<ZipEntryRecord> readEntries(FileChannel channel) throws IOException {
        try {
            ZipDirectory directory = new ZipDirectory(channel);
            ZipDirectory.End end = directory.readEnd();
            if (end.entries() < 0 || end.entries() > limits.maxEntries()) {
                Object entries = end.entries() < 0 ? new BigInteger(Long.toUnsignedString(end.entries())) : end.entries();
                log.reportFile(PickleRule.TOO_MANY_ENTRIES, entries, limits.maxEntries());
                return null;
            }
            return directory.readEntries(end.entries(), end.directoryOffset());
        } catch (ZipException | EOFException e) {
            log.reportFile(PickleRule.INVALID_ZIP, e.getMessage());
            return null;
        }
    }

    private void scanPickles(FileChannel channel, List<ZipEntryRecord> entries) throws IOException {
        List<ZipEntryRecord> pickles = entries.stream().filter(ArchiveScanner::isPickle).toList();
        if (pickles.isEmpty()) {
            log.reportFile(PickleRule.MISSING_DATA_PKL);
        }
        for (ZipEntryRecord entry : pickles) {
            if (entry.method() == 0 || entry.method() == 8) {
                scanEntry(channel, entry);
            }
        }
        log.enterEntry("");
    }

    private void scanEntry(FileChannel channel, ZipEntryRecord entry) throws IOException {
        log.enterEntry(entry.name());
        Inflater inflater = new Inflater(true);
        try (InputStream data = open(channel, entry, inflater)) {
            new PickleSequence(limits, log).scan(data, entry.uncompressedSize(), false);
        } catch (ZipException e) {
            log.reportEntry(PickleRule.MALFORMED_PICKLE, entry.name(), "deflate data is invalid: " + e.getMessage());
        } finally {
            inflater.end();
        }
    }

    static InputStream open(FileChannel channel, ZipEntryRecord entry, Inflater inflater) {
        InputStream raw = new ChannelSlice(channel, entry.dataOffset(), entry.compressedSize());
        InputStream data = entry.method() == 8 ? new InflaterInputStream(raw, inflater) : raw;
        return new BoundedStream(data, entry.uncompressedSize());
    }

    private static boolean isPickle(ZipEntryRecord entry) {
        return entry.name().toLowerCase(Locale.ROOT).endsWith(".pkl")
                || entry.localName().toLowerCase(Locale.ROOT).endsWith(".pkl");
    }
}
