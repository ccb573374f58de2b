package dev.lorahub.converter.basemodel;

import java.util.List;

/**
 * The result of checking a LoRA against a base model: every module of the file is in exactly one of
 * {@code matched}, {@code unknown}, {@code mismatches} and {@code unreadable}.
 *
 * @param base the base model checked against
 * @param matched the layers whose shape the modules fit, in module order
 * @param unknown the modules that adapt no layer of the base model
 * @param mismatches the modules whose layer has another kind, kernel size, input or output size
 * @param unreadable the names of modules whose factors are missing or malformed, so their shape is unknown
 */
public record CompatibilityReport(
        BaseModel base, List<Layer> matched, List<UnknownModule> unknown, List<ShapeMismatch> mismatches,
        List<String> unreadable) {

    public CompatibilityReport {
        matched = List.copyOf(matched);
        unknown = List.copyOf(unknown);
        mismatches = List.copyOf(mismatches);
        unreadable = List.copyOf(unreadable);
    }

    /** Returns the number of modules in the file. */
    public int moduleCount() {
        return matched.size() + unknown.size() + mismatches.size() + unreadable.size();
    }

    /** Returns whether the file has modules and all of them fit a layer of the base model. */
    public boolean isCompatible() {
        return !matched.isEmpty() && matched.size() == moduleCount();
    }

    /** Returns the fraction of modules that fit a layer: 0 for a file without modules. */
    public double matchedFraction() {
        return moduleCount() == 0 ? 0 : (double) matched.size() / moduleCount();
    }
}
