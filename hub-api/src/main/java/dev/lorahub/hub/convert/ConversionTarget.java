package dev.lorahub.hub.convert;

import dev.lorahub.converter.layout.KeyLayout;
import dev.lorahub.hub.problem.ProblemException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The {@code to} field of a conversion: plain safetensors, or a LoRA key layout. */
enum ConversionTarget {
    SAFETENSORS("safetensors", null),
    KOHYA("kohya", KeyLayout.KOHYA),
    DIFFUSERS("diffusers", KeyLayout.DIFFUSERS),
    DIFFUSERS_LEGACY("diffusers-legacy", KeyLayout.DIFFUSERS_LEGACY),
    PEFT("peft", KeyLayout.PEFT);

    private final String apiName;
    private final KeyLayout layout;

    ConversionTarget(String apiName, KeyLayout layout) {
        this.apiName = apiName;
        this.layout = layout;
    }

    static ConversionTarget parse(String value) {
        if (value == null || value.isBlank()) {
            throw ProblemException.badRequest("missing-field", "to", names());
        }
        return Arrays.stream(values())
                .filter(target -> target.apiName.equals(value.strip().toLowerCase(Locale.ROOT)))
                .findFirst()
                .orElseThrow(() -> ProblemException.badRequest("invalid-field", "to", value, names()));
    }

    String apiName() {
        return apiName;
    }

    /** Returns the key layout to convert to, or null to keep the names. */
    KeyLayout layout() {
        return layout;
    }

    private static String names() {
        return Arrays.stream(values()).map(ConversionTarget::apiName).collect(Collectors.joining(", "));
    }
}
