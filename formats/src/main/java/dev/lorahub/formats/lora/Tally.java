package dev.lorahub.formats.lora;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Counter of values that finds the most common one; a tie goes to the value counted first. */
final class Tally<T> {

    private final Map<T, Integer> counts = new LinkedHashMap<>();

    void add(T value) {
        counts.merge(value, 1, Integer::sum);
    }

    Optional<T> mostCommon() {
        T best = null;
        int bestCount = 0;
        for (Map.Entry<T, Integer> entry : counts.entrySet()) {
            if (entry.getValue() > bestCount) {
                best = entry.getKey();
                bestCount = entry.getValue();
            }
        }
        return Optional.ofNullable(best);
    }
}
