package dev.lorahub.hub.model.api;

import dev.lorahub.hub.problem.LocalizedText;
import dev.lorahub.hub.problem.ProblemMessages;
import dev.lorahub.validator.Finding;
import java.util.Locale;

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

    /** Returns the finding with its message in the locale, falling back to English when no template exists. */
    public static FindingResponse of(Finding finding, ProblemMessages messages, Locale locale) {
        String message = messages.text(localized(finding), locale);
        return new FindingResponse(finding.code(), finding.level().apiName(), finding.location(), message);
    }

    /** Returns the finding's message as a text the problem bundles can render. */
    public static LocalizedText localized(Finding finding) {
        return new LocalizedText("finding." + finding.code(), finding.arguments(), finding.message());
    }
}
