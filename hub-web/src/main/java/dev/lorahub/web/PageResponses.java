package dev.lorahub.web;

import dev.lorahub.hub.problem.ProblemException;
import dev.lorahub.hub.problem.ProblemMessages;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Locale;

/** Builds the HTML responses of the pages: the page language, rendered templates and short message pages. */
@ApplicationScoped
public class PageResponses {

    @Inject
    ProblemMessages problems;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance message(PageHeader header, String lang, String heading, String text);
    }

    /** Picks Simplified Chinese when the browser prefers any Chinese over English, else English. */
    public static Locale locale(HttpHeaders headers) {
        for (Locale locale : headers.getAcceptableLanguages()) {
            if ("zh".equals(locale.getLanguage())) {
                return Locale.SIMPLIFIED_CHINESE;
            }
            if ("en".equals(locale.getLanguage())) {
                return Locale.ENGLISH;
            }
        }
        return Locale.ENGLISH;
    }

    /** Returns the page texts in the locale, for texts that Java code puts into a page. */
    public PageMessages messages(Locale locale) {
        return MessageBundles.get(PageMessages.class, Localized.Literal.of(locale.toLanguageTag()));
    }

    /**
     * Renders a page with the given status and {@code Cache-Control: no-store}, because account pages show the
     * session's CSRF token and, once, the text of a new API token.
     */
    public Response.ResponseBuilder html(int status, TemplateInstance page, Locale locale) {
        return Response.status(status)
                .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .header(HttpHeaders.CONTENT_LANGUAGE, locale.toLanguageTag())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .entity(page.setLocale(locale).render());
    }

    /** Renders a page with a heading and one paragraph. */
    public Response message(int status, PageHeader header, Locale locale, String heading, String text) {
        return html(status, Templates.message(header, locale.toLanguageTag(), heading, text), locale).build();
    }

    /** Renders the 403 page for a form whose CSRF field is missing or wrong, with a request to reload the form. */
    public Response csrfRejected(PageHeader header, Locale locale) {
        PageMessages text = messages(locale);
        return message(403, header, locale, text.csrfRejectedHeading(), text.csrfRejected());
    }

    /** Renders the page of a failed request, with the problem's status and its detail in the page language. */
    public Response problem(ProblemException e, PageHeader header, Locale locale) {
        return message(e.status(), header, locale, messages(locale).requestFailed(), detail(e, locale));
    }

    /** Renders the detail of a problem in the page language, for forms that show it above their fields. */
    public String detail(ProblemException e, Locale locale) {
        return problems.detail(e.code(), locale, e.arguments());
    }

    /** Starts a 303 redirect to a path of the hub, which makes the browser load it with GET after a form post. */
    public static Response.ResponseBuilder redirect(String path) {
        return Response.seeOther(URI.create(path));
    }
}
