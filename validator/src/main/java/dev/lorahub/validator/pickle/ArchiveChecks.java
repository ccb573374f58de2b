package dev.lorahub.validator.pickle;

import java.util.List;

/**
 * Checks of a zip archive's entries before any is read: total uncompressed size, compression ratio,
 * names that escape the extraction folder, names that differ between the central directory and the
 * local header, and compression methods that torch cannot read.
 */
final class ArchiveChecks {

    /**
     * Entries smaller than this are exempt from the compression ratio limit, so that small, repetitive
     * entries such as a {@code version} file cannot trip it.
     */
    static final long RATIO_EXEMPT_BYTES = 1L << 20;

    private final ScanLimits limits;
    private final ScanLog log;

    ArchiveChecks(ScanLimits limits, ScanLog log) {
        this.limits = limits;
        this.log = log;
    }

    void check(List<ZipEntryRecord> entries) {
        long total = 0;
        for (ZipEntryRecord entry : entries) {
            checkEntry(entry);
            total += Math.max(0, entry.uncompressedSize());
        }
        if (total > limits.maxUncompressedBytes()) {
            log.reportFile(PickleRule.ARCHIVE_TOO_LARGE, total, limits.maxUncompressedBytes());
        }
    }

    private void checkEntry(ZipEntryRecord entry) {
        if (isUnsafeName(entry.name()) || isUnsafeName(entry.localName())) {
            log.reportEntry(PickleRule.UNSAFE_ENTRY_NAME, entry.name(), isUnsafeName(entry.name())
                    ? entry.name() : entry.localName());
        }
        if (!entry.name().equals(entry.localName())) {
            log.reportEntry(PickleRule.ENTRY_NAME_MISMATCH, entry.name(), entry.name(), entry.localName());
        }
        if (entry.method() != 0 && entry.method() != 8) {
            log.reportEntry(PickleRule.UNSUPPORTED_COMPRESSION, entry.name(), entry.method());
        }
        checkRatio(entry);
    }

    private void checkRatio(ZipEntryRecord entry) {
        long compressed = Math.max(1, entry.compressedSize());
        long uncompressed = entry.uncompressedSize();
        if (uncompressed >= RATIO_EXEMPT_BYTES && uncompressed / compressed > limits.maxCompressionRatio()) {
            log.reportEntry(PickleRule.COMPRESSION_RATIO, entry.name(), entry.compressedSize(), uncompressed,
                    limits.maxCompressionRatio());
        }
    }

    /** Returns whether the name is absolute (with a slash, backslash or drive letter) or has a {@code ..} segment. */
    static boolean isUnsafeName(String name) {
        if (name.startsWith("/") || name.startsWith("\\") || name.matches("^[A-Za-z]:.*")) {
            return true;
        }
        for (String segment : name.split("[/\\\\]")) {
            if (segment.equals("..")) {
                return true;
            }
        }
        return false;
    }
}
