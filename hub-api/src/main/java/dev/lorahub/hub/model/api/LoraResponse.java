package dev.lorahub.hub.model.api;

import java.util.List;

/**
 * LoRA facts read from a file's header.
 *
 * @param rank the most common rank
 * @param ranks every distinct rank
 * @param alpha the most common stored alpha, null when the file stores none
 * @param dtype as safetensors spells it: {@code F16}, {@code BF16}, {@code F32}
 * @param targets the networks adapted: {@code unet}, {@code text_encoder}, {@code text_encoder_2}, {@code transformer}
 */
public record LoraResponse(
        String layout,
        String networkType,
        int rank,
        List<Integer> ranks,
        Double alpha,
        int moduleCount,
        String dtype,
        List<String> targets) {
}
