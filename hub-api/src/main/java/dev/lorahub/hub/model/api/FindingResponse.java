package dev.lorahub.hub.model.api;

import dev.lorahub.validator.Finding;

/**
 * One finding of the validator.
 *
 * @param level {@code ok}, {@code warning} or {@code rejected}
 * @param location the tensor, archive entry or byte offset concerned, or empty for the whole file
 */
public record FindingResponse(String code, String level, String location, String message) {

    public static FindingResponse of(Finding finding) {
        return new FindingResponse(finding.code(), finding.level().apiName(), finding.location(), finding.message());
    }
}
