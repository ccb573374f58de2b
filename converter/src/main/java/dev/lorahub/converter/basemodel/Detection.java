package dev.lorahub.converter.basemodel;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The base model that {@link BaseModelDetector} found for a LoRA.
 *
 * @param baseModel the most likely base model, or empty when the file has no LoRA modules
 * @param confidence the fraction of modules that fit the detected base model, divided by the number of
 *     candidates that fit equally well, or 0 without a base model
 * @param scores the fraction of modules that fit each candidate left after the structural signals, by
 *     base model id, best first
 * @param evidence the signals found, in the order applied, each marked when it contradicted earlier ones
 */
public record Detection(Optional<BaseModel> baseModel, double confidence, Map<String, Double> scores, List<String> evidence) {

    public Detection {
        scores = Collections.unmodifiableMap(new LinkedHashMap<>(scores));
        evidence = List.copyOf(evidence);
    }

    /** Returns the id of the detected base model, or empty. */
    public Optional<String> baseModelId() {
        return baseModel.map(BaseModel::id);
    }
}
