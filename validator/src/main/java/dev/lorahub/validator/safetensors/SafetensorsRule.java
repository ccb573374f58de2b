package dev.lorahub.validator.safetensors;

import dev.lorahub.validator.FindingRule;
import dev.lorahub.validator.Verdict;

/**
 * Rule of the safetensors checks beyond the format rules of the reader, with a stable code for APIs, the
 * verdict it gives and an English message template. The format rules keep the codes of
 * {@link dev.lorahub.formats.safetensors.SafetensorsException.Reason}.
 *
 * <p>Shapes are {@code List<Long>} arguments, counts and lengths are {@code Long}, and the other arguments
 * are strings.
 */
public enum SafetensorsRule implements FindingRule {
    /** {0} = tensor, {1} = shape. */
    EMPTY_TENSOR("empty-tensor", Verdict.WARNING, "tensor {0} has shape {1}, so it has no elements"),
    /** {0} = the first two header bytes as JSON text, such as <code>"{ "</code>. */
    WEBUI_UNREADABLE_HEADER("webui-unreadable-header", Verdict.WARNING,
            "header starts with {0} instead of {\", so older web UIs such as AUTOMATIC1111 may fail to read the file"),
    /** {0} = header length, {1} = the header length modulo 8. */
    UNALIGNED_HEADER("unaligned-header", Verdict.WARNING,
            "header length {0} is not a multiple of 8 (remainder {1}), so the tensor data is not 8-byte aligned"
                    + " and readers that map tensors in place must copy them"),
    /** {0} = tensor, {1} = NaN elements, {2} = all elements. */
    NAN_VALUES("nan-values", Verdict.REJECTED, "tensor {0} contains {1} NaN values among {2} elements"),
    /** {0} = tensor, {1} = infinite elements, {2} = all elements. */
    INF_VALUES("inf-values", Verdict.REJECTED, "tensor {0} contains {1} infinite values among {2} elements");

    private final String code;
    private final Verdict level;
    private final String template;

    SafetensorsRule(String code, Verdict level, String template) {
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
