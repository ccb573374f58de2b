package dev.lorahub.validator.pickle;

import dev.lorahub.validator.Finding;
import java.util.List;

/**
 * Checkpoint that {@link TorchCheckpointReader} cannot read: rejected by the pickle scanner, not a torch
 * checkpoint, or a torch checkpoint whose structure the reader does not support.
 */
public class CheckpointException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient List<Finding> findings;

    /** Creates the exception for a checkpoint that is not rejected as unsafe but cannot be read. */
    public CheckpointException(String message) {
        this(message, List.of());
    }

    /** Creates the exception with the scanner findings that reject the checkpoint. */
    public CheckpointException(String message, List<Finding> findings) {
        super(message);
        this.findings = List.copyOf(findings);
    }

    /** Returns the findings that reject the checkpoint as unsafe, or an empty list for other failures. */
    public List<Finding> findings() {
        return findings;
    }

    /** Returns whether the pickle scanner rejected the checkpoint. */
    public boolean isRejectedByScanner() {
        return !findings.isEmpty();
    }
}
