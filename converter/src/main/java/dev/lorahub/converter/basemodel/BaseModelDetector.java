package dev.lorahub.converter.basemodel;

import dev.lorahub.formats.safetensors.SafetensorsHeader;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Detector of the base model of a LoRA from its module names and factor shapes.
 *
 * <p>The structural signals narrow the catalogue in this order: block names and component prefixes, the
 * input size of cross-attention {@code to_k}, the first text encoder's width and depth, and the kind of
 * {@code proj_in}. A signal that would leave no candidate is recorded as contradicting and skipped. The
 * remaining candidates are ranked by the fraction of modules that fit their layers, and the metadata hint
 * decides only between equally good candidates.
 */
public final class BaseModelDetector {

    private BaseModelDetector() {}

    /** Detects the base model of the LoRA whose header this is. */
    public static Detection detect(SafetensorsHeader lora) {
        LoraModules modules = LoraModules.of(lora);
        List<String> evidence = new ArrayList<>();
        if (modules.modules().isEmpty()) {
            evidence.add("no LoRA modules with both a down and an up factor");
            return new Detection(Optional.empty(), 0, Map.of(), evidence);
        }
        Set<String> candidates = narrow(DetectionSignals.of(modules.modules()), evidence);
        Map<String, Double> scores = scores(modules, candidates);
        Optional<Signal> hint = MetadataHint.of(lora.metadata());
        hint.ifPresent(signal -> evidence.add(signal.evidence() + " (hint only)"));
        return choose(scores, hint, evidence);
    }

    private static Set<String> narrow(List<Signal> signals, List<String> evidence) {
        Set<String> candidates = new LinkedHashSet<>(BaseModels.all().stream().map(BaseModel::id).toList());
        for (Signal signal : signals) {
            Set<String> narrowed = new LinkedHashSet<>(candidates);
            narrowed.retainAll(signal.baseModelIds());
            if (narrowed.isEmpty()) {
                evidence.add(signal.evidence() + " (contradicts the earlier signals, skipped)");
            } else {
                evidence.add(signal.evidence());
                candidates = narrowed;
            }
        }
        return candidates;
    }

    /** Returns the fraction of modules that fit each candidate, best first. */
    private static Map<String, Double> scores(LoraModules modules, Set<String> candidates) {
        Map<String, Double> scores = new LinkedHashMap<>();
        candidates.stream()
                .map(id -> BaseModels.byId(id).orElseThrow())
                .map(base -> CompatibilityCheck.check(modules, base))
                .sorted(Comparator.comparingDouble(CompatibilityReport::matchedFraction).reversed())
                .forEach(report -> scores.put(report.base().id(), report.matchedFraction()));
        return scores;
    }

    private static Detection choose(Map<String, Double> scores, Optional<Signal> hint, List<String> evidence) {
        double best = scores.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
        List<String> tied = scores.entrySet().stream().filter(entry -> entry.getValue() == best).map(Map.Entry::getKey).toList();
        String chosen = tied.stream()
                .filter(id -> hint.map(signal -> signal.baseModelIds().contains(id)).orElse(false))
                .findFirst()
                .orElse(tied.get(0));
        return new Detection(BaseModels.byId(chosen), best / tied.size(), scores, evidence);
    }
}
