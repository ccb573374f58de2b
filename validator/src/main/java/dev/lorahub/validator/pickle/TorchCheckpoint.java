package dev.lorahub.validator.pickle;

import java.util.List;

/**
 * Tensors that a torch checkpoint describes, read by {@link TorchCheckpointReader} without running the pickle.
 *
 * @param format the file format
 * @param tensors the tensors of the state dict, in the order of the dict
 * @param skipped the entries that are not tensors, such as {@code epoch} beside a {@code state_dict}
 */
public record TorchCheckpoint(Format format, List<CheckpointTensor> tensors, List<SkippedEntry> skipped) {

    /** File format of a torch checkpoint. */
    public enum Format {
        /** The zip archive that {@code torch.save} writes since torch 1.6. */
        ZIP,
        /** The format before torch 1.6: five pickles, then the raw storages. */
        LEGACY
    }

    /** Copies the lists into unmodifiable lists. */
    public TorchCheckpoint {
        tensors = List.copyOf(tensors);
        skipped = List.copyOf(skipped);
    }
}
