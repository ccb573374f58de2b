package dev.lorahub.validator.lora;

import dev.lorahub.formats.lora.LoraLayout;
import dev.lorahub.formats.safetensors.SafetensorsHeader;
import dev.lorahub.formats.safetensors.SafetensorsReader;
import dev.lorahub.formats.safetensors.ScalarReader;
import dev.lorahub.formats.safetensors.TensorInfo;
import dev.lorahub.validator.Finding;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Consistency check of the LoRA modules in a safetensors header. It reads no weights, only the alpha
 * scalars. See {@link LoraRule} for the findings.
 *
 * <p>A file in which no tensor forms a module with weights gets one {@code not-a-lora} finding and nothing
 * else. Otherwise each module is checked: its parts complete, its factors 2-D or 4-D with agreeing ranks,
 * and its alpha one finite positive number. Tensors outside every module give one {@code unknown-tensors}
 * warning, except the full layers that PEFT saves for {@code modules_to_save} (such as a classifier head)
 * under the same {@code base_model.model.} prefix as its LoRA tensors: PEFT files have them by design, so
 * they get no finding.
 */
public final class LoraConsistency {

    /** Number of tensor names that a {@code not-a-lora} or {@code unknown-tensors} finding lists. */
    public static final int LISTED_NAMES = 5;

    private LoraConsistency() {}

    /**
     * Checks the modules of the file that the header describes, in file order.
     *
     * @param scalars the reader of the alpha tensors, such as {@link ScalarReader#of} over the file
     * @throws IOException if an alpha tensor cannot be read
     */
    public static List<Finding> check(SafetensorsHeader header, ScalarReader scalars) throws IOException {
        Map<String, ModuleTensors> modules = new LinkedHashMap<>();
        List<String> unknown = new ArrayList<>();
        for (TensorInfo tensor : header.tensors()) {
            Optional<LoraTensorName> parsed = LoraTensorName.parse(tensor.name());
            if (parsed.isEmpty()) {
                unknown.add(tensor.name());
                continue;
            }
            modules.computeIfAbsent(parsed.get().module(), module -> new ModuleTensors(module, parsed.get().layout()))
                    .add(parsed.get(), tensor);
        }

        if (modules.values().stream().noneMatch(ModuleTensors::hasWeights)) {
            List<String> names = header.tensors().stream().map(TensorInfo::name).toList();
            return List.of(LoraRule.NOT_A_LORA.finding("", (long) names.size(), firstNames(names)));
        }

        List<Finding> findings = new ArrayList<>();
        for (ModuleTensors module : modules.values()) {
            findings.addAll(ModuleChecks.check(module));
            checkAlpha(module, scalars).ifPresent(findings::add);
        }
        unknownTensors(unknown, modules).ifPresent(findings::add);
        return findings;
    }

    /**
     * Returns an {@code invalid-alpha} finding unless alpha is absent or a scalar of shape {@code []} or
     * {@code [1]} with a finite value above 0.
     */
    private static Optional<Finding> checkAlpha(ModuleTensors module, ScalarReader scalars) throws IOException {
        TensorInfo alpha = module.get(LoraPart.ALPHA);
        if (alpha == null) {
            return Optional.empty();
        }
        boolean scalarShape = alpha.ndim() == 0 || (alpha.ndim() == 1 && alpha.dimension(0) == 1);
        if (!scalarShape || !SafetensorsReader.isReadableScalar(alpha)) {
            return Optional.of(invalidAlpha(alpha, "not read"));
        }
        double value = scalars.read(alpha);
        // NOTE: an alpha of 0 is rejected too, because the scale alpha / rank would cancel the module's update.
        if (!Double.isFinite(value) || value <= 0) {
            return Optional.of(invalidAlpha(alpha, value));
        }
        return Optional.empty();
    }

    private static Finding invalidAlpha(TensorInfo alpha, Object value) {
        return LoraRule.INVALID_ALPHA.finding(
                alpha.name(), alpha.name(), ModuleChecks.shape(alpha), alpha.dtype().name(), value);
    }

    private static Optional<Finding> unknownTensors(List<String> unknown, Map<String, ModuleTensors> modules) {
        boolean peft = modules.values().stream().anyMatch(module -> module.layout() == LoraLayout.PEFT);
        List<String> reported = unknown.stream()
                .filter(name -> !(peft && name.startsWith(LoraTensorName.PEFT_PREFIX)))
                .toList();
        if (reported.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(LoraRule.UNKNOWN_TENSORS.finding("", (long) reported.size(), firstNames(reported)));
    }

    private static List<String> firstNames(List<String> names) {
        return List.copyOf(names.subList(0, Math.min(LISTED_NAMES, names.size())));
    }
}
