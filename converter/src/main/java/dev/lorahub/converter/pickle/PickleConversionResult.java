package dev.lorahub.converter.pickle;

import dev.lorahub.validator.pickle.SkippedEntry;
import dev.lorahub.validator.pickle.TorchCheckpoint;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Outcome of one {@link PickleConversion}.
 *
 * @param format the format of the checkpoint that was read
 * @param tensorCount the number of tensors written to the safetensors file
 * @param skipped the checkpoint entries that are not tensors and were left out, such as {@code epoch}
 * @param overflowCounts per tensor narrowed to F16 or BF16 with at least one overflow, the number of finite
 *     values that became infinite, or empty when none overflowed or no dtype changed
 */
public record PickleConversionResult(TorchCheckpoint.Format format, int tensorCount, List<SkippedEntry> skipped,
        Map<String, Long> overflowCounts) {

    /** Copies the skipped entries and the overflow counts into unmodifiable collections. */
    public PickleConversionResult {
        skipped = List.copyOf(skipped);
        overflowCounts = Collections.unmodifiableMap(new LinkedHashMap<>(overflowCounts));
    }

    /** Returns the total number of overflowed values over all tensors. */
    public long totalOverflowCount() {
        return overflowCounts.values().stream().mapToLong(Long::longValue).sum();
    }
}
