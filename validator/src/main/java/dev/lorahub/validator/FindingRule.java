package dev.lorahub.validator;

import java.util.Arrays;
import java.util.List;

/** A check of the validator: a stable code, the verdict its findings give a file, and an English message template. */
public interface FindingRule {

    /** Returns the stable lower-case code used in API responses, such as {@code rank-mismatch}. */
    String code();

    /** Returns the verdict that a finding of this rule gives the file. */
    Verdict level();

    /** Returns the English message template with placeholders {@code {0}}, {@code {1}}, …. */
    String template();

    /** Creates a finding of this rule at the location, with the template filled by the arguments. */
    default Finding finding(String location, Object... arguments) {
        List<Object> values = Arrays.asList(arguments);
        return new Finding(code(), level(), location, MessageTemplate.fill(template(), values), values);
    }
}
