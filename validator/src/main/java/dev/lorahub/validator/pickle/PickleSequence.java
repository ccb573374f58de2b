package dev.lorahub.validator.pickle;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;

/**
 * Scans the pickles of one stream: a plain pickle file, a legacy torch file or a {@code .pkl} archive
 * entry.
 *
 * <p>A legacy torch file (before torch 1.6) is five pickles in a row: the magic number
 * {@code 0x1950a86a20f9469cfc6c}, the protocol version, the system info, the object and the list of
 * storage keys, followed by the raw storage data, which the scan does not read. Any other stream is
 * scanned pickle after pickle up to its end, because a loader that calls {@code pickle.load} again would
 * run a second pickle hidden behind a harmless first one.
 *
 * <p>NOTE: the tar format that torch wrote before version 0.4 is not recognized. Such a file is scanned
 * as a plain pickle, so it is rejected as not a pickle.
 */
final class PickleSequence {

    static final BigInteger LEGACY_MAGIC = new BigInteger("1950a86a20f9469cfc6c", 16);
    private static final int LEGACY_PICKLES = 5;

    private final ScanLimits limits;
    private final ScanLog log;

    PickleSequence(ScanLimits limits, ScanLog log) {
        this.limits = limits;
        this.log = log;
    }

    /**
     * Scans the stream, which contains {@code length} bytes, and leaves it open.
     *
     * @param standalone true for a file, where a first pickle that does not parse gives {@code not-a-pickle},
     *     and false for an archive entry, where it gives {@code malformed-pickle}
     */
    void scan(InputStream stream, long length, boolean standalone) throws IOException {
        PickleInput in = new PickleInput(stream, length, limits.maxStringLength(), limits.maxStringBytes());
        int firstFinding = log.size();
        Object first;
        try {
            first = new PickleInterpreter(in, limits, log).run();
        } catch (PickleFormatException e) {
            reportFirst(e, standalone, firstFinding);
            return;
        }
        if (LEGACY_MAGIC.equals(first) && standalone) {
            scanLegacy(in);
        } else {
            scanRest(in, length);
        }
    }

    private void reportFirst(PickleFormatException e, boolean standalone, int firstFinding) {
        if (e.limit() != null) {
            log.report(e.limit(), e.offset(), e.limitArguments());
        } else if (standalone) {
            log.keepRejectionsFrom(firstFinding);
            log.report(PickleRule.NOT_A_PICKLE, e.offset(), e.getMessage());
        } else {
            log.report(PickleRule.MALFORMED_PICKLE, e.offset(), e.getMessage());
        }
    }

    private void scanLegacy(PickleInput in) throws IOException {
        for (int index = 1; index < LEGACY_PICKLES; index++) {
            try {
                new PickleInterpreter(in, limits, log).run();
            } catch (PickleFormatException e) {
                reportLater(e, PickleRule.MALFORMED_PICKLE, e.getMessage());
                return;
            }
        }
    }

    private void scanRest(PickleInput in, long length) throws IOException {
        while (in.peekOrEnd() >= 0) {
            long start = in.position();
            try {
                new PickleInterpreter(in, limits, log).run();
            } catch (PickleFormatException e) {
                reportLater(e, PickleRule.TRAILING_DATA, Math.max(0, length - start), e.getMessage());
                return;
            }
        }
    }

    private void reportLater(PickleFormatException e, PickleRule rule, Object... arguments) {
        if (e.limit() != null) {
            log.report(e.limit(), e.offset(), e.limitArguments());
        } else {
            log.report(rule, e.offset(), arguments);
        }
    }
}
