package dev.lorahub.validator.pickle;

import dev.lorahub.formats.safetensors.DType;
import java.util.Map;

/**
 * Raw bytes of one torch storage inside a checkpoint file: {@link #elements} elements of {@link #dtype},
 * little-endian, from file offset {@link #dataOffset}.
 *
 * @param key the storage key of the persistent id {@code ('storage', torch.XStorage, key, location, numel)}
 * @param dtype the element type of the storage type, such as {@link DType#F16} for {@code torch.HalfStorage}
 * @param elements the number of elements
 * @param entryName the zip entry {@code <folder>/data/<key>} that contains the bytes, or null in a legacy file
 * @param dataOffset the file offset of the first byte: the entry's data after its local header in a zip
 *     archive, which torch stores uncompressed, or the byte after the 8-byte element count in a legacy file
 */
public record TorchStorage(String key, DType dtype, long elements, String entryName, long dataOffset) {

    private static final Map<String, DType> DTYPES = Map.of(
            "FloatStorage", DType.F32, "HalfStorage", DType.F16, "BFloat16Storage", DType.BF16,
            "DoubleStorage", DType.F64, "LongStorage", DType.I64, "IntStorage", DType.I32,
            "ShortStorage", DType.I16, "CharStorage", DType.I8, "ByteStorage", DType.U8,
            "BoolStorage", DType.BOOL);

    /** Returns the number of data bytes: elements × element size. */
    public long byteLength() {
        return Math.multiplyExact(elements, dtype.bits() / 8);
    }

    /** Returns the dtype of an allowed storage type, such as {@code torch.HalfStorage}. */
    static DType dtypeOf(GlobalRef storageType) {
        DType dtype = DTYPES.get(storageType.name());
        if (dtype == null || !storageType.module().equals("torch")) {
            throw new IllegalArgumentException("not an allowed storage type: " + storageType);
        }
        return dtype;
    }
}
