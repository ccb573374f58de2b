package dev.lorahub.validator.lora;

import static dev.lorahub.validator.lora.LoraPart.DOWN;
import static dev.lorahub.validator.lora.LoraPart.HADA_T1;
import static dev.lorahub.validator.lora.LoraPart.HADA_T2;
import static dev.lorahub.validator.lora.LoraPart.HADA_W1_A;
import static dev.lorahub.validator.lora.LoraPart.HADA_W1_B;
import static dev.lorahub.validator.lora.LoraPart.HADA_W2_A;
import static dev.lorahub.validator.lora.LoraPart.HADA_W2_B;
import static dev.lorahub.validator.lora.LoraPart.LOKR_T2;
import static dev.lorahub.validator.lora.LoraPart.LOKR_W1;
import static dev.lorahub.validator.lora.LoraPart.LOKR_W1_A;
import static dev.lorahub.validator.lora.LoraPart.LOKR_W1_B;
import static dev.lorahub.validator.lora.LoraPart.LOKR_W2;
import static dev.lorahub.validator.lora.LoraPart.LOKR_W2_A;
import static dev.lorahub.validator.lora.LoraPart.LOKR_W2_B;
import static dev.lorahub.validator.lora.LoraPart.UP;

import dev.lorahub.formats.safetensors.TensorInfo;
import dev.lorahub.validator.Finding;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Checks of one module's parts: that none is missing, that their dimensions fit, and that their ranks agree. */
final class ModuleChecks {

    private static final Set<LoraPart> MATRICES = EnumSet.of(
            HADA_W1_A, HADA_W1_B, HADA_W2_A, HADA_W2_B, LOKR_W1, LOKR_W1_A, LOKR_W1_B, LOKR_W2_A);
    private static final Set<LoraPart> TUCKER_CORES = EnumSet.of(LoraPart.MID, HADA_T1, HADA_T2, LOKR_T2);
    /** LoKr's second factor is a 4-D kernel when the module adapts a convolution. */
    private static final Set<LoraPart> MATRICES_OR_KERNELS = EnumSet.of(DOWN, UP, LOKR_W2, LOKR_W2_B);

    private ModuleChecks() {}

    /** Returns the {@code incomplete-module}, {@code invalid-factor-shape} and {@code rank-mismatch} findings. */
    static List<Finding> check(ModuleTensors module) {
        List<Finding> findings = new ArrayList<>();
        List<String> missing = missingParts(module).stream().map(module::expectedName).toList();
        if (!missing.isEmpty()) {
            findings.add(LoraRule.INCOMPLETE_MODULE.finding(module.name(), module.name(), missing));
        }

        Set<LoraPart> badShapes = EnumSet.noneOf(LoraPart.class);
        for (Map.Entry<LoraPart, TensorInfo> entry : module.tensors().entrySet()) {
            String expected = expectedShape(module, entry.getKey());
            if (expected != null) {
                badShapes.add(entry.getKey());
                findings.add(shapeFinding(entry.getValue(), expected));
            }
        }

        // Each pair is (the tensor whose dimension 0 is the rank, the tensor whose dimension 1 must match it).
        compareRanks(module, DOWN, UP, badShapes, findings);
        if (!module.has(HADA_T1)) {
            compareRanks(module, HADA_W1_B, HADA_W1_A, badShapes, findings);
        }
        if (!module.has(HADA_T2)) {
            compareRanks(module, HADA_W2_B, HADA_W2_A, badShapes, findings);
        }
        compareRanks(module, LOKR_W1_B, LOKR_W1_A, badShapes, findings);
        if (!module.has(LOKR_T2)) {
            compareRanks(module, LOKR_W2_B, LOKR_W2_A, badShapes, findings);
        }
        return findings;
    }

    /** Returns the parts that the module's kind of update needs but lacks. */
    static List<LoraPart> missingParts(ModuleTensors module) {
        Set<LoraPart> parts = module.tensors().keySet();
        if (parts.stream().anyMatch(LoraPart::isLoha)) {
            return absent(module, HADA_W1_A, HADA_W1_B, HADA_W2_A, HADA_W2_B);
        }
        if (parts.stream().anyMatch(LoraPart::isLokr)) {
            List<LoraPart> missing = new ArrayList<>(lokrFactor(module, LOKR_W1, LOKR_W1_A, LOKR_W1_B));
            missing.addAll(lokrFactor(module, LOKR_W2, LOKR_W2_A, LOKR_W2_B));
            return missing;
        }
        return absent(module, DOWN, UP);
    }

    /** Checks a LoKr factor, which is either whole or the product of its {@code _a} and {@code _b} halves. */
    private static List<LoraPart> lokrFactor(ModuleTensors module, LoraPart whole, LoraPart a, LoraPart b) {
        if (module.has(whole)) {
            return List.of();
        }
        if (!module.has(a) && !module.has(b)) {
            return List.of(whole);
        }
        return absent(module, a, b);
    }

    private static List<LoraPart> absent(ModuleTensors module, LoraPart... parts) {
        return Arrays.stream(parts).filter(part -> !module.has(part)).toList();
    }

    /** Returns the expected shape in English when the part's shape is wrong, or null when it is right. */
    private static String expectedShape(ModuleTensors module, LoraPart part) {
        int ndim = module.get(part).ndim();
        if (MATRICES.contains(part)) {
            return ndim == 2 ? null : "2-D";
        }
        if (TUCKER_CORES.contains(part)) {
            return ndim == 4 ? null : "4-D";
        }
        if (!MATRICES_OR_KERNELS.contains(part)) {
            return null;
        }
        if (ndim != 2 && ndim != 4) {
            return "2-D for a linear layer or 4-D for a convolution";
        }
        return part == UP ? expectedUpShape(module) : null;
    }

    /** Checks that the up tensor follows the down tensor: 2-D {@code [out, rank]}, or 4-D {@code [out, rank, 1, 1]} after a 4-D down. */
    private static String expectedUpShape(ModuleTensors module) {
        TensorInfo down = module.get(DOWN);
        TensorInfo up = module.get(UP);
        if (down == null || (down.ndim() != 2 && down.ndim() != 4)) {
            return null;
        }
        if (down.ndim() == 2) {
            return up.ndim() == 2 ? null : "2-D [out, rank], because the down tensor is 2-D";
        }
        boolean pointwise = up.ndim() == 4 && up.dimension(2) == 1 && up.dimension(3) == 1;
        return pointwise ? null : "4-D [out, rank, 1, 1], because the down tensor is 4-D";
    }

    private static Finding shapeFinding(TensorInfo tensor, String expected) {
        return LoraRule.INVALID_FACTOR_SHAPE.finding(tensor.name(), tensor.name(), shape(tensor), expected);
    }

    private static void compareRanks(
            ModuleTensors module, LoraPart rankFirst, LoraPart rankSecond, Set<LoraPart> badShapes, List<Finding> findings) {
        TensorInfo first = module.get(rankFirst);
        TensorInfo second = module.get(rankSecond);
        if (first == null || second == null || badShapes.contains(rankFirst) || badShapes.contains(rankSecond)) {
            return;
        }
        if (first.ndim() < 1 || second.ndim() < 2 || first.dimension(0) == second.dimension(1)) {
            return;
        }
        findings.add(LoraRule.RANK_MISMATCH.finding(module.name(), module.name(),
                first.name(), first.dimension(0), second.name(), second.dimension(1)));
    }

    static List<Long> shape(TensorInfo tensor) {
        return Arrays.stream(tensor.shape()).boxed().toList();
    }
}
