package dev.lorahub.hub.upload;

import java.util.Map;

/** Base model names and precisions as CivitAI spells them, from what a file's metadata declares. */
final class BaseModelHints {

    private BaseModelHints() {
    }

    /**
     * Maps kohya's {@code ss_base_model_version} or {@code modelspec.architecture} to a CivitAI base model name. The
     * metadata is only a hint, written by the training tool; null when it names nothing the hub recognises.
     */
    static String fromMetadata(Map<String, String> metadata) {
        String version = metadata.getOrDefault("ss_base_model_version", "");
        String architecture = metadata.getOrDefault("modelspec.architecture", "");
        if (version.startsWith("sdxl_") || architecture.startsWith("stable-diffusion-xl")) {
            return "SDXL 1.0";
        }
        if (version.startsWith("sd_v2") || "True".equals(metadata.get("ss_v2"))
                || architecture.startsWith("stable-diffusion-v2")) {
            return "SD 2.1";
        }
        if (version.startsWith("sd_v1") || architecture.startsWith("stable-diffusion-v1")) {
            return "SD 1.5";
        }
        if (version.startsWith("flux1") || architecture.startsWith("flux-1-dev")) {
            return "Flux.1 D";
        }
        if (architecture.startsWith("flux-1-schnell")) {
            return "Flux.1 S";
        }
        return null;
    }

    /** Maps a safetensors dtype to CivitAI's {@code fp} value, or null for dtypes CivitAI has no name for. */
    static String fp(String dtype) {
        if (dtype == null) {
            return null;
        }
        return switch (dtype) {
            case "F32" -> "fp32";
            case "F16" -> "fp16";
            case "BF16" -> "bf16";
            case "F8_E4M3", "F8_E5M2" -> "fp8";
            default -> null;
        };
    }
}
