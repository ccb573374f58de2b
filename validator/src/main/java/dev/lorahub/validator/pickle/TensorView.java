package dev.lorahub.validator.pickle;

import java.util.List;

/**
 * Tensor that {@code _rebuild_tensor_v2(storage, storage_offset, size, stride, …)} would make: a view of
 * {@code size} elements with {@code stride} elements between neighbours of each dimension, from element
 * {@code storageOffset} of the storage.
 */
record TensorView(StorageRef storage, long storageOffset, long[] size, long[] stride) {

    /** Returns the view that the arguments describe, or null when they have another form. */
    static TensorView of(Object arguments) {
        if (!(arguments instanceof PickleTuple tuple) || tuple.items().size() < 4) {
            return null;
        }
        List<Object> items = tuple.items();
        if (items.get(0) instanceof StorageRef storage && items.get(1) instanceof Long storageOffset
                && items.get(2) instanceof PickleTuple size && items.get(3) instanceof PickleTuple stride
                && size.items().size() == stride.items().size()) {
            long[] sizes = longs(size);
            long[] strides = longs(stride);
            return sizes == null || strides == null ? null : new TensorView(storage, storageOffset, sizes, strides);
        }
        return null;
    }

    /** Returns the view inside the arguments of {@code _rebuild_parameter(data, requires_grad, hooks)}, or null. */
    static TensorView ofParameter(Object arguments) {
        if (arguments instanceof PickleTuple tuple && !tuple.items().isEmpty()
                && tuple.items().get(0) instanceof Instance data && data.content() instanceof TensorView view) {
            return view;
        }
        return null;
    }

    private static long[] longs(PickleTuple tuple) {
        long[] values = new long[tuple.items().size()];
        for (int i = 0; i < values.length; i++) {
            if (!(tuple.items().get(i) instanceof Long value)) {
                return null;
            }
            values[i] = value;
        }
        return values;
    }
}
