package dev.lorahub.formats.lora;

import dev.lorahub.formats.safetensors.TensorInfo;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;

/**
 * The tensors that adapt one layer of the base model, such as a down, an up and an alpha tensor.
 *
 * @param name the module name that the tensors share, in the file's spelling
 * @param layout the naming convention of the tensors
 * @param component the adapted part of the base model, or null when the names do not identify one
 * @param tensors the tensors by their role
 */
record LoraModule(String name, LoraLayout layout, ModelComponent component, Map<TensorRole, TensorInfo> tensors) {

    /** Tensors whose first dimension is the rank, in order of preference. */
    private static final List<TensorRole> RANK_FACTORS =
            List.of(TensorRole.DOWN, TensorRole.HADA_W1_B, TensorRole.LOKR_W1_B, TensorRole.LOKR_W2_B);

    LoraModule {
        tensors = Collections.unmodifiableMap(new EnumMap<>(tensors));
    }

    /** Returns whether the module has a tensor other than alpha, which alone adapts nothing. */
    boolean hasWeights() {
        return weights().findAny().isPresent();
    }

    /** Returns the tensors other than alpha. */
    Stream<TensorInfo> weights() {
        return tensors.entrySet().stream().filter(entry -> entry.getKey() != TensorRole.ALPHA).map(Map.Entry::getValue);
    }

    Optional<TensorInfo> alpha() {
        return Optional.ofNullable(tensors.get(TensorRole.ALPHA));
    }

    /**
     * Returns the rank: dimension 0 of the down (A) matrix, of LoHa's {@code hada_w1_b}, or of a decomposed
     * LoKr factor. Empty for a LoKr module whose factors are both whole matrices, which has no rank.
     */
    OptionalInt rank() {
        for (TensorRole role : RANK_FACTORS) {
            TensorInfo factor = tensors.get(role);
            if (factor != null && factor.ndim() > 0 && factor.dimension(0) <= Integer.MAX_VALUE) {
                return OptionalInt.of((int) factor.dimension(0));
            }
        }
        return OptionalInt.empty();
    }

    /** Returns the network type of this module alone. */
    NetworkType networkType() {
        if (tensors.keySet().stream().anyMatch(TensorRole::isLoha)) {
            return NetworkType.LOHA;
        }
        if (tensors.keySet().stream().anyMatch(TensorRole::isLokr)) {
            return NetworkType.LOKR;
        }
        if (tensors.containsKey(TensorRole.MAGNITUDE)) {
            return NetworkType.DORA;
        }
        return hasConvKernel() ? NetworkType.LOCON : NetworkType.LORA;
    }

    /** Returns whether the module adapts a convolution with a kernel larger than 1×1, as LoCon does. */
    private boolean hasConvKernel() {
        TensorInfo down = tensors.get(TensorRole.DOWN);
        boolean largeKernel = down != null && down.ndim() == 4 && down.dimension(2) * down.dimension(3) > 1;
        return largeKernel || tensors.containsKey(TensorRole.MID);
    }
}
