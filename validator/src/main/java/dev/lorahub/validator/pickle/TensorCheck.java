package dev.lorahub.validator.pickle;

import java.math.BigInteger;
import java.util.List;

/**
 * Checks that a tensor view of {@code _rebuild_tensor_v2(storage, offset, size, stride, …)} stays inside
 * its storage: offset + Σ (size_i − 1) × stride_i + 1 elements, or none for a tensor with a zero dimension.
 * Arguments of another form are left to torch, which fails on them.
 */
final class TensorCheck {

    private TensorCheck() {}

    static void check(Object arguments, ScanLog log, long offset) {
        if (!(arguments instanceof PickleTuple tuple) || tuple.items().size() < 4) {
            return;
        }
        List<Object> items = tuple.items();
        if (items.get(0) instanceof StorageRef storage && storage.elements() >= 0
                && items.get(1) instanceof Long storageOffset
                && items.get(2) instanceof PickleTuple size && items.get(3) instanceof PickleTuple stride
                && allLongs(size) && allLongs(stride) && size.items().size() == stride.items().size()) {
            BigInteger needed = needed(storageOffset, size.items(), stride.items());
            if (storageOffset < 0 || needed.compareTo(BigInteger.valueOf(storage.elements())) > 0) {
                log.report(PickleRule.INVALID_TENSOR, offset, storageOffset, size.items(), stride.items(), needed,
                        storage.elements());
            }
        }
    }

    private static BigInteger needed(long storageOffset, List<Object> size, List<Object> stride) {
        BigInteger last = BigInteger.valueOf(storageOffset);
        for (int i = 0; i < size.size(); i++) {
            long dimension = (Long) size.get(i);
            if (dimension == 0) {
                return BigInteger.ZERO;
            }
            BigInteger step = BigInteger.valueOf(dimension - 1).multiply(BigInteger.valueOf((Long) stride.get(i)));
            last = last.add(step);
        }
        return last.add(BigInteger.ONE);
    }

    private static boolean allLongs(PickleTuple tuple) {
        return tuple.items().stream().allMatch(Long.class::isInstance);
    }
}
