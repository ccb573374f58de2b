package dev.lorahub.converter.layout;

import java.util.Optional;

/** Part of a LoRA module: the down (A) factor, the up (B) factor or the alpha scalar. */
enum FactorRole {
    DOWN(".lora_down.weight", ".lora_A.weight", ".lora.down.weight", ".lora_linear_layer.down.weight"),
    UP(".lora_up.weight", ".lora_B.weight", ".lora.up.weight", ".lora_linear_layer.up.weight"),
    ALPHA(".alpha", null, null, null);

    private final String kohyaSuffix;
    private final String peftSuffix;
    private final String legacyUnetSuffix;
    private final String legacyTextSuffix;

    FactorRole(String kohyaSuffix, String peftSuffix, String legacyUnetSuffix, String legacyTextSuffix) {
        this.kohyaSuffix = kohyaSuffix;
        this.peftSuffix = peftSuffix;
        this.legacyUnetSuffix = legacyUnetSuffix;
        this.legacyTextSuffix = legacyTextSuffix;
    }

    String kohyaSuffix() {
        return kohyaSuffix;
    }

    String peftSuffix() {
        return requireFactor(peftSuffix);
    }

    String legacyUnetSuffix() {
        return requireFactor(legacyUnetSuffix);
    }

    String legacyTextSuffix() {
        return requireFactor(legacyTextSuffix);
    }

    /** Returns the suffix this role has in a tensor name of the layout, or empty when the name does not match. */
    static Optional<String> suffixOf(String tensorName, FactorRole role) {
        for (String suffix : new String[] {role.kohyaSuffix, role.peftSuffix, role.legacyUnetSuffix, role.legacyTextSuffix}) {
            if (suffix != null && tensorName.endsWith(suffix)) {
                return Optional.of(suffix);
            }
        }
        return Optional.empty();
    }

    private String requireFactor(String suffix) {
        if (suffix == null) {
            throw new IllegalStateException("Layouts without alpha have no name for " + this);
        }
        return suffix;
    }
}
