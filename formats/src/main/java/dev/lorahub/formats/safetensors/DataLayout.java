package dev.lorahub.formats.safetensors;

import dev.lorahub.formats.safetensors.SafetensorsException.Reason;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Check that the tensors tile the data section: sorted by offset, each begins where the previous
 * one ends (the first at 0), and the last one ends exactly at the end of the file. The last rule
 * also rejects files that hide other content after the tensors.
 */
final class DataLayout {

    private static final Comparator<TensorInfo> BY_OFFSETS =
            Comparator.comparingLong(TensorInfo::begin).thenComparingLong(TensorInfo::end);

    private DataLayout() {}

    /**
     * Returns the tensors sorted by offset, ties in header order.
     *
     * @param fileDataLength the bytes after the header in the file
     */
    static List<TensorInfo> check(List<TensorInfo> tensors, long fileDataLength) throws SafetensorsException {
        List<TensorInfo> sorted = new ArrayList<>(tensors);
        sorted.sort(BY_OFFSETS);
        long expectedBegin = 0;
        for (TensorInfo tensor : sorted) {
            if (tensor.begin() != expectedBegin) {
                throw new SafetensorsException(
                        Reason.INVALID_OFFSETS, tensor.name(), tensor.begin(), tensor.end(), expectedBegin);
            }
            expectedBegin = tensor.end();
        }
        checkEnd(sorted, expectedBegin, fileDataLength);
        return sorted;
    }

    private static void checkEnd(List<TensorInfo> sorted, long dataLength, long fileDataLength)
            throws SafetensorsException {
        if (dataLength > fileDataLength) {
            String last = sorted.get(sorted.size() - 1).name();
            throw new SafetensorsException(Reason.TRUNCATED_DATA, last, dataLength, fileDataLength);
        }
        if (dataLength < fileDataLength) {
            throw new SafetensorsException(
                    Reason.TRAILING_DATA, null, dataLength, fileDataLength, fileDataLength - dataLength);
        }
    }
}
