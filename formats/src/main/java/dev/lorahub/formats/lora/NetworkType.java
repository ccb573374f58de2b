package dev.lorahub.formats.lora;

import java.util.Arrays;
import java.util.Optional;

/** Kind of low-rank update that a LoRA file applies, named as kohya-ss and LyCORIS name them. */
public enum NetworkType {
    /** Low-rank product {@code up · down} on linear layers and 1×1 convolutions. */
    LORA("LoRA"),
    /** LoRA that also adapts convolutions with a kernel larger than 1×1 (LyCORIS LoCon). */
    LOCON("LoCon"),
    /** Hadamard product of two low-rank products (LyCORIS LoHa). */
    LOHA("LoHa"),
    /** Kronecker product of two factors (LyCORIS LoKr). */
    LOKR("LoKr"),
    /** Weight-decomposed LoRA with a stored magnitude ({@code dora_scale} or {@code lora_magnitude_vector}). */
    DORA("DoRA");

    private final String apiName;

    NetworkType(String apiName) {
        this.apiName = apiName;
    }

    /** Returns the name used in the REST API and the CLI, such as {@code LoCon}. */
    public String apiName() {
        return apiName;
    }

    /** Returns the network type with this API name, or empty. */
    public static Optional<NetworkType> fromApiName(String apiName) {
        return Arrays.stream(values()).filter(type -> type.apiName.equals(apiName)).findFirst();
    }
}
