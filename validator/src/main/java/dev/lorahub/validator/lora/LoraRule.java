package dev.lorahub.validator.lora;

import dev.lorahub.validator.FindingRule;
import dev.lorahub.validator.Verdict;

/**
 * Rule of the LoRA consistency check, with a stable code for APIs, the verdict it gives and an English
 * message template whose placeholders {@code {0}}, {@code {1}}, … the finding's arguments fill.
 *
 * <p>Shapes are {@code List<Long>}, ranks and counts are {@code Long}, name lists are {@code List<String>},
 * and the other arguments are strings, except the alpha value noted below.
 */
public enum LoraRule implements FindingRule {
    /** {0} = tensor count, {1} = the first tensor names, at most {@link LoraConsistency#LISTED_NAMES}. */
    NOT_A_LORA("not-a-lora", Verdict.REJECTED,
            "none of the {0} tensors follows a known LoRA layout, so this is not a LoRA this hub can use."
                    + " The first tensors are {1}"),
    /** {0} = tensor count, {1} = the first tensor names, at most {@link LoraConsistency#LISTED_NAMES}. */
    UNKNOWN_TENSORS("unknown-tensors", Verdict.WARNING,
            "{0} tensors follow no known LoRA layout, so LoRA loaders may not apply them. The first of them are {1}"),
    /** {0} = module, {1} = the missing tensor names. */
    INCOMPLETE_MODULE("incomplete-module", Verdict.REJECTED, "module {0} is missing {1}"),
    /** {0} = module, {1} = tensor whose dimension 0 is the rank, {2} = its rank, {3} = the other tensor, {4} = its rank. */
    RANK_MISMATCH("rank-mismatch", Verdict.REJECTED,
            "module {0}: {1} has rank {2}, but {3} has rank {4}"),
    /** {0} = tensor, {1} = shape, {2} = dtype, {3} = the value as a {@code Double}, or {@code not read} when the shape is wrong. */
    INVALID_ALPHA("invalid-alpha", Verdict.REJECTED,
            "alpha {0} must be one finite positive number, but has shape {1} of {2} and value {3}"),
    /** {0} = tensor, {1} = shape, {2} = the expected shape in English. */
    INVALID_FACTOR_SHAPE("invalid-factor-shape", Verdict.REJECTED, "tensor {0} has shape {1}, but must be {2}");

    private final String code;
    private final Verdict level;
    private final String template;

    LoraRule(String code, Verdict level, String template) {
        this.code = code;
        this.level = level;
        this.template = template;
    }

    @Override
    public String code() {
        return code;
    }

    @Override
    public Verdict level() {
        return level;
    }

    @Override
    public String template() {
        return template;
    }
}
