package dev.lorahub.formats.safetensors;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Element type of a safetensors tensor, spelled as the format spells it in the {@code dtype} field.
 *
 * <p>{@code F8_E4M3} is PyTorch's {@code float8_e4m3fn}. The sub-byte types {@link #F4}, {@link #F6_E2M3} and {@link #F6_E3M2} are packed, so a tensor of them
 * is valid only when its element count times {@link #bits()} is a multiple of 8.
 */
public enum DType {
    BOOL(8),
    U8(8),
    I8(8),
    F8_E5M2(8),
    F8_E4M3(8),
    F8_E8M0(8),
    F8_E4M3FNUZ(8),
    F8_E5M2FNUZ(8),
    I16(16),
    U16(16),
    F16(16),
    BF16(16),
    I32(32),
    U32(32),
    F32(32),
    C64(64),
    F64(64),
    I64(64),
    U64(64),
    F4(4),
    F6_E2M3(6),
    F6_E3M2(6);

    private static final Map<String, DType> BY_NAME =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(DType::name, Function.identity()));

    private final int bits;

    DType(int bits) {
        this.bits = bits;
    }

    /** Returns the size of one element in bits. */
    public int bits() {
        return bits;
    }

    /** Returns the dtype with exactly this spelling (case-sensitive, as in the header), or empty. */
    public static Optional<DType> parse(String name) {
        return name == null ? Optional.empty() : Optional.ofNullable(BY_NAME.get(name));
    }
}
