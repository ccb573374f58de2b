package dev.lorahub.formats.lora;

import java.util.Collections;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Facts about a LoRA file that {@link LoraInspector} reads from its tensor names and shapes.
 *
 * @param layout the tensor naming convention
 * @param networkType the kind of low-rank update
 * @param rank the most common module rank; 0 when no module has one, as in a LoKr with whole factors
 * @param ranks every distinct module rank, ascending
 * @param alpha the most common alpha: stored in the file, or for PEFT from {@code adapter_config.json};
 *     null when none is stored, which tools read as alpha = rank (scale 1)
 * @param moduleCount the number of adapted layers
 * @param dtype the most common dtype of the weight tensors, spelled as safetensors spells it, such as {@code F16}
 * @param targets the adapted parts of the base model, a subset of {@code unet}, {@code text_encoder},
 *     {@code text_encoder_2}, {@code text_encoder_3} and {@code transformer} in this order; empty for a
 *     language model adapter and for names that do not identify a component
 */
public record LoraFacts(
        LoraLayout layout,
        NetworkType networkType,
        int rank,
        SortedSet<Integer> ranks,
        Double alpha,
        int moduleCount,
        String dtype,
        List<String> targets) {

    public LoraFacts {
        ranks = Collections.unmodifiableSortedSet(new TreeSet<>(ranks));
        targets = List.copyOf(targets);
    }
}
