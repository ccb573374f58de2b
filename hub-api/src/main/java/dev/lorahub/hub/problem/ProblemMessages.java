package dev.lorahub.hub.problem;

import jakarta.enterprise.context.ApplicationScoped;
import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/** Renders problem details in Simplified Chinese or English from the bundle {@code messages/problems}. */
@ApplicationScoped
public class ProblemMessages {

    static final String BUNDLE = "messages.problems";

    /** Chinese templates of the validator's findings, keyed {@code finding.<code>}; English comes with each finding. */
    static final String FINDINGS_BUNDLE = "messages.findings";

    /** Picks Chinese when the client prefers any zh variant over English, else English. */
    public Locale pick(List<Locale> acceptable) {
        for (Locale locale : acceptable) {
            if ("zh".equals(locale.getLanguage())) {
                return Locale.SIMPLIFIED_CHINESE;
            }
            if ("en".equals(locale.getLanguage())) {
                return Locale.ENGLISH;
            }
        }
        return Locale.ENGLISH;
    }

    public String detail(String code, Locale locale, Object... arguments) {
        Object[] rendered = new Object[arguments.length];
        for (int i = 0; i < arguments.length; i++) {
            rendered[i] = arguments[i] instanceof LocalizedText text ? text(text, locale) : arguments[i];
        }
        return format(BUNDLE, code + ".detail", locale, rendered);
    }

    /** Renders a text in the locale, or returns its fallback when no bundle has a template for it. */
    public String text(LocalizedText text, Locale locale) {
        Object[] plain = text.arguments().stream().map(String::valueOf).toArray();
        String bundle = text.key().startsWith("finding.") ? FINDINGS_BUNDLE : BUNDLE;
        String rendered = format(bundle, text.key(), locale, plain);
        return rendered.equals(text.key()) ? text.fallback() : rendered;
    }

    public String title(String code) {
        return format(BUNDLE, code + ".title", Locale.ENGLISH);
    }

    /** Formats the template of a key, or returns the key when the bundle or the key is missing for the locale. */
    private static String format(String bundleName, String key, Locale locale, Object... arguments) {
        try {
            ResourceBundle bundle = ResourceBundle.getBundle(bundleName, locale,
                    ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
            return new MessageFormat(bundle.getString(key), locale).format(arguments);
        } catch (MissingResourceException e) {
            return key;
        }
    }
}
