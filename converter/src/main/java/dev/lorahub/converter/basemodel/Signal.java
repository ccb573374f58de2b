package dev.lorahub.converter.basemodel;

import java.util.Set;

/**
 * One piece of evidence about the base model of a LoRA.
 *
 * @param baseModelIds the ids of the base models that the evidence allows
 * @param evidence what was found, such as {@code attn2.to_k input 768 ⇒ SD 1.5}
 */
record Signal(Set<String> baseModelIds, String evidence) {

    Signal {
        baseModelIds = Set.copyOf(baseModelIds);
    }
}
