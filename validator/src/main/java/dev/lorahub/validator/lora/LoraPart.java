package dev.lorahub.validator.lora;

import java.util.EnumSet;
import java.util.Set;

/**
 * Role of one tensor within a LoRA module. The LyCORIS parts carry their kohya-style suffix, which is
 * the same in every file that uses them.
 */
enum LoraPart {
    /** The A matrix, {@code r × in} (4-D {@code [r, in, kh, kw]} for a convolution). */
    DOWN(null),
    /** The B matrix, {@code out × r} (4-D {@code [out, r, 1, 1]} for a convolution). */
    UP(null),
    /** The LoCon Tucker core between down and up. */
    MID("lora_mid.weight"),
    /** The alpha scalar. The module scales its update by alpha / rank. */
    ALPHA(null),
    /** The DoRA magnitude: LyCORIS {@code dora_scale}, PEFT {@code lora_magnitude_vector}. */
    MAGNITUDE(null),
    HADA_W1_A("hada_w1_a"),
    HADA_W1_B("hada_w1_b"),
    HADA_W2_A("hada_w2_a"),
    HADA_W2_B("hada_w2_b"),
    HADA_T1("hada_t1"),
    HADA_T2("hada_t2"),
    LOKR_W1("lokr_w1"),
    LOKR_W1_A("lokr_w1_a"),
    LOKR_W1_B("lokr_w1_b"),
    LOKR_W2("lokr_w2"),
    LOKR_W2_A("lokr_w2_a"),
    LOKR_W2_B("lokr_w2_b"),
    LOKR_T2("lokr_t2");

    /** Parts that carry weights of the update. A module needs at least one of them. */
    static final Set<LoraPart> WEIGHTS = EnumSet.complementOf(EnumSet.of(ALPHA, MAGNITUDE));

    private final String lycorisSuffix;

    LoraPart(String lycorisSuffix) {
        this.lycorisSuffix = lycorisSuffix;
    }

    /** Returns the suffix after {@code <module>.} in LyCORIS and kohya files, or null when the layout decides it. */
    String lycorisSuffix() {
        return lycorisSuffix;
    }

    boolean isLoha() {
        return name().startsWith("HADA_");
    }

    boolean isLokr() {
        return name().startsWith("LOKR_");
    }
}
