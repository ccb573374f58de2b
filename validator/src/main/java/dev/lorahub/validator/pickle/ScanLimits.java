package dev.lorahub.validator.pickle;

/**
 * Resource limits of the pickle scanner, so that a hostile file cannot exhaust memory or time. A file
 * that breaks one is rejected with the finding code of that limit.
 *
 * <p>NOTE: the defaults are guesses, set well above what torch writes: the {@code data.pkl} of an
 * SD 1.5 kohya LoRA with 264 tensors, saved by {@code torch.save}, has 24,157 opcodes, 5,814 memo
 * entries and strings of at most 89 bytes in 121,844 bytes. Full checkpoints have more tensors.
 *
 * @param maxOpcodes opcodes per pickle ({@code too-many-opcodes})
 * @param maxStackDepth values on the stack plus those set aside by MARK ({@code stack-too-deep})
 * @param maxMemoEntries memo entries per pickle ({@code memo-too-large})
 * @param maxStringLength bytes of one string, bytes value or text line ({@code string-too-long})
 * @param maxStringBytes bytes of all strings kept from the pickles of one file or archive entry ({@code strings-too-large})
 * @param maxEntries entries of a zip archive ({@code too-many-entries})
 * @param maxUncompressedBytes sum of the uncompressed sizes of a zip archive's entries ({@code archive-too-large})
 * @param maxCompressionRatio uncompressed size over compressed size of one entry ({@code compression-ratio})
 */
public record ScanLimits(
        long maxOpcodes,
        int maxStackDepth,
        int maxMemoEntries,
        long maxStringLength,
        long maxStringBytes,
        int maxEntries,
        long maxUncompressedBytes,
        long maxCompressionRatio) {

    /**
     * Returns the default limits: 10 million opcodes, a stack of 1 million values, a memo of 1 million
     * entries, strings of 1 MiB and 64 MiB in total, 100,000 archive entries, 64 GiB uncompressed and a
     * compression ratio of 100.
     */
    public static ScanLimits defaults() {
        return new ScanLimits(10_000_000L, 1_000_000, 1_000_000, 1L << 20, 64L << 20, 100_000, 64L << 30, 100);
    }
}
