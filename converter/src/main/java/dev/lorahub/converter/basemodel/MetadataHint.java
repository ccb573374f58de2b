package dev.lorahub.converter.basemodel;

import java.util.Map;
import java.util.Optional;

/**
 * The base model that a LoRA's {@code __metadata__} names: kohya-ss sd-scripts' {@code ss_base_model_version}
 * and {@code ss_v2}, or the {@code modelspec.architecture} of the Stability AI model spec. Training tools
 * copy these fields from their settings, so they can be wrong or missing and serve only as a hint.
 */
final class MetadataHint {

    private MetadataHint() {}

    /** Returns the hinted base model id and its evidence, or empty when the metadata names none. */
    static Optional<Signal> of(Map<String, String> metadata) {
        String version = metadata.getOrDefault("ss_base_model_version", "");
        String architecture = metadata.getOrDefault("modelspec.architecture", "");
        Optional<String> id = fromVersion(version).or(() -> fromArchitecture(architecture));
        if (id.isEmpty() && "True".equals(metadata.get("ss_v2"))) {
            id = Optional.of("sd2");
        }
        String evidence = "metadata ss_base_model_version=" + version + ", modelspec.architecture=" + architecture;
        return id.map(hint -> new Signal(java.util.Set.of(hint), evidence));
    }

    private static Optional<String> fromVersion(String version) {
        if (version.startsWith("sdxl_")) {
            return Optional.of("sdxl");
        }
        if (version.startsWith("sd_v2")) {
            return Optional.of("sd2");
        }
        if (version.startsWith("sd_v1")) {
            return Optional.of("sd15");
        }
        return version.startsWith("flux1") ? Optional.of("flux1-dev") : Optional.empty();
    }

    private static Optional<String> fromArchitecture(String architecture) {
        if (architecture.startsWith("stable-diffusion-xl")) {
            return Optional.of("sdxl");
        }
        if (architecture.startsWith("stable-diffusion-v2")) {
            return Optional.of("sd2");
        }
        if (architecture.startsWith("stable-diffusion-v1")) {
            return Optional.of("sd15");
        }
        return architecture.startsWith("flux-1") ? Optional.of("flux1-dev") : Optional.empty();
    }
}
