package dev.lorahub.validator.pickle;

import java.io.IOException;
import java.util.Map;

/**
 * Object pickle of a checkpoint, run by the interpreter with a {@link ValueTracker}, and where the raw
 * storages that its persistent ids name are.
 *
 * @param format the file format
 * @param root the value the object pickle makes
 * @param storages where each storage's bytes are, by key
 */
record TrackedPickle(
        TorchCheckpoint.Format format, Object root, Map<String, TorchStorage> storages) {

    /**
     * Runs one pickle from {@code in}. The run reports into its own log, so a global or call that the
     * allowlist does not contain stops the read here too, even if the file changed after the scan.
     */
    static Object run(PickleInput in, ScanLimits limits, ValueTracker tracker, String where)
            throws IOException, CheckpointException {
        ScanLog log = new ScanLog();
        Object value;
        try {
            value = new PickleInterpreter(in, limits, log, tracker).run();
        } catch (PickleFormatException e) {
            throw new CheckpointException("The " + where + " is invalid: " + e.getMessage(), log.findings());
        }
        if (log.hasRejection()) {
            throw new CheckpointException("The " + where + " is rejected: " + log.findings().get(0).message(),
                    log.findings());
        }
        return value;
    }
}
