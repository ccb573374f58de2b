package dev.lorahub.web;

import dev.lorahub.hub.account.CurrentCaller;
import dev.lorahub.hub.model.ModelApi;
import dev.lorahub.hub.model.ModelReader;
import dev.lorahub.hub.model.api.ModelResponse;
import dev.lorahub.hub.search.ModelQuery;
import dev.lorahub.hub.search.ModelSort;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * The front page: the newest models with their type, base model, trigger words and download link, under a header
 * with the login links or the logged-in account.
 */
@Path("/")
public class HomePage {

    static final int PAGE_SIZE = 100;

    @Inject
    ModelReader reader;

    @Inject
    ModelApi api;

    @Inject
    CurrentCaller caller;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance index(List<ModelResponse> models, String query, String lang, PageHeader header);
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true)
    public TemplateInstance index(@RestQuery String q, UriInfo uri, HttpHeaders headers) {
        String query = q == null || q.isBlank() ? null : q.strip();
        ModelQuery listing = new ModelQuery(
                query, null, List.of(), List.of(), List.of(), null, ModelSort.NEWEST, PAGE_SIZE, null, null, null);
        List<ModelResponse> models = reader.list(listing, api.baseUrl(uri), false).items();
        Locale locale = PageResponses.locale(headers);
        return Templates.index(models, query == null ? "" : query, locale.toLanguageTag(), PageHeader.of(caller.get()))
                .setLocale(locale);
    }
}
