package dev.lorahub.validator.pickle;

import java.util.Map;

/**
 * Allowlist of the globals that a benign torch checkpoint imports. Every other global is rejected,
 * because a denylist misses new gadgets.
 *
 * <p>The list contains what {@code torch.save} writes for a state dict of tensors, and nothing else. So
 * the scanner rejects pickles that store numpy values, sets, bytes at protocol 2 ({@code _codecs.encode})
 * or Lightning callbacks, and full training checkpoints of such tools are rejected too.
 *
 * <p>Names are matched exactly as the pickle writes them. A dotted name such as
 * {@code OrderedDict.fromkeys}, which CPython resolves attribute by attribute at protocol 4 and above,
 * is therefore not allowed. Python 2 names such as {@code __builtin__.eval}, which CPython maps to
 * Python 3 names below protocol 3, are rejected as written. No mapping in CPython's
 * {@code Lib/_compat_pickle.py} starts from {@code collections} or {@code torch}, so an allowed name is
 * never mapped to another.
 */
final class GlobalPolicy {

    /** Permitted use of an allowed global. */
    enum Use {
        /** REDUCE, NEWOBJ and OBJ may call it, with its result becoming an {@link Instance}. */
        CALL,
        /** It may only appear as the type inside a storage persistent id: calling it allocates memory. */
        STORAGE_TYPE
    }

    static final GlobalRef REBUILD_TENSOR = new GlobalRef("torch._utils", "_rebuild_tensor_v2");
    static final GlobalRef REBUILD_PARAMETER = new GlobalRef("torch._utils", "_rebuild_parameter");
    static final GlobalRef ORDERED_DICT = new GlobalRef("collections", "OrderedDict");

    private static final Map<GlobalRef, Use> ALLOWED = Map.ofEntries(
            // Rebuilds each tensor from a storage, an offset, a size and a stride (torch.Tensor.__reduce_ex__).
            Map.entry(REBUILD_TENSOR, Use.CALL),
            // Wraps a tensor in an nn.Parameter when a module's parameters are saved directly.
            Map.entry(REBUILD_PARAMETER, Use.CALL),
            // The type of every state dict, of its _metadata, and of the empty backward hooks of each tensor.
            Map.entry(ORDERED_DICT, Use.CALL),
            // The typed storages of the dtypes of model weights: F32, F16, BF16, F64, I64, I32, I16, I8, U8, bool.
            storage("FloatStorage"), storage("HalfStorage"), storage("BFloat16Storage"), storage("DoubleStorage"),
            storage("LongStorage"), storage("IntStorage"), storage("ShortStorage"), storage("CharStorage"),
            storage("ByteStorage"), storage("BoolStorage"));

    private GlobalPolicy() {}

    /** Returns how the pickle may use the global, or null when the global is not allowed. */
    static Use use(GlobalRef global) {
        return ALLOWED.get(global);
    }

    static boolean isCallable(Object value) {
        return value instanceof GlobalRef global && use(global) == Use.CALL;
    }

    static boolean isStorageType(Object value) {
        return value instanceof GlobalRef global && use(global) == Use.STORAGE_TYPE;
    }

    private static Map.Entry<GlobalRef, Use> storage(String name) {
        return Map.entry(new GlobalRef("torch", name), Use.STORAGE_TYPE);
    }
}
