package dev.lorahub.formats.lora;

/** Role of one tensor within a LoRA module, whatever its spelling in a given layout. */
enum TensorRole {
    /** The A matrix, {@code r × in}: kohya {@code lora_down}, PEFT {@code lora_A}. */
    DOWN,
    /** The B matrix, {@code out × r}: kohya {@code lora_up}, PEFT {@code lora_B}. */
    UP,
    /** The LoCon Tucker core between down and up. */
    MID,
    /** The stored alpha scalar; the module scales its update by alpha / rank. */
    ALPHA,
    /** The DoRA magnitude: LyCORIS {@code dora_scale}, PEFT {@code lora_magnitude_vector}. */
    MAGNITUDE,
    HADA_W1_A,
    HADA_W1_B,
    HADA_W2_A,
    HADA_W2_B,
    HADA_T1,
    HADA_T2,
    LOKR_W1,
    LOKR_W1_A,
    LOKR_W1_B,
    LOKR_W2,
    LOKR_W2_A,
    LOKR_W2_B,
    LOKR_T2;

    boolean isLoha() {
        return name().startsWith("HADA_");
    }

    boolean isLokr() {
        return name().startsWith("LOKR_");
    }
}
