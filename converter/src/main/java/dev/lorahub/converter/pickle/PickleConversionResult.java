package dev.lorahub.converter.pickle;

import dev.lorahub.validator.pickle.SkippedEntry;
import dev.lorahub.validator.pickle.TorchCheckpoint;
import java.util.List;

/**
 * Outcome of one {@link PickleConversion}.
 *
 * @param format the format of the checkpoint that was read
 * @param tensorCount the number of tensors written to the safetensors file
 * @param skipped the checkpoint entries that are not tensors and were left out, such as {@code epoch}
 */
public record PickleConversionResult(TorchCheckpoint.Format format, int tensorCount, List<SkippedEntry> skipped) {

    /** Copies the skipped entries into an unmodifiable list. */
    public PickleConversionResult {
        skipped = List.copyOf(skipped);
    }
}
