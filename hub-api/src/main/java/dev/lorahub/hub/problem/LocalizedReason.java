package dev.lorahub.hub.problem;

import java.util.Locale;

/** A problem reason whose text is rendered in the caller's language when the problem response is written. */
@FunctionalInterface
public interface LocalizedReason {

    /** Returns the reason as it goes into the response, with its text in the locale. */
    Object render(ProblemMessages messages, Locale locale);
}
