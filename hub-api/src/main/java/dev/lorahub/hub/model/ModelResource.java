package dev.lorahub.hub.model;

import dev.lorahub.hub.model.ModelReader.PageResult;
import dev.lorahub.hub.model.api.ModelPage;
import dev.lorahub.hub.model.api.ModelResponse;
import dev.lorahub.hub.search.ModelQuery;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.jboss.resteasy.reactive.RestPath;

/** CivitAI's model reads: {@code GET /api/v1/models} and {@code GET /api/v1/models/{id}}. */
@Path("/api/v1/models")
@Produces(MediaType.APPLICATION_JSON)
public class ModelResource {

    @Inject
    ModelReader reader;

    @Inject
    ModelApi api;

    @GET
    @Operation(summary = "List and search models", description = "Query parameters as CivitAI's; repeated and"
            + " comma-separated values both work for the list parameters")
    @Parameter(name = "query", in = ParameterIn.QUERY, description = "Text in names, trigger words or tags")
    @Parameter(name = "tag", in = ParameterIn.QUERY, description = "A tag, case-insensitive")
    @Parameter(name = "types", in = ParameterIn.QUERY, description = "Model types, such as LORA or LoCon")
    @Parameter(name = "baseModels", in = ParameterIn.QUERY, description = "Base models, such as SD 1.5")
    @Parameter(name = "ids", in = ParameterIn.QUERY, description = "Model ids")
    @Parameter(name = "nsfw", in = ParameterIn.QUERY, description = "false leaves out models marked NSFW")
    @Parameter(name = "sort", in = ParameterIn.QUERY, description = "Newest (default), Oldest, Most Downloaded,"
            + " Highest Rated, Most Liked, Most Discussed, Most Collected")
    @Parameter(name = "limit", in = ParameterIn.QUERY, description = "Page size, 1 to 100 (default 100)")
    @Parameter(name = "cursor", in = ParameterIn.QUERY, description = "metadata.nextCursor of the previous page")
    @Parameter(name = "page", in = ParameterIn.QUERY, description = "Page number for numbered paging, from 1")
    @Parameter(name = "type", in = ParameterIn.QUERY, description = "Older name of types")
    @Parameter(name = "pageSize", in = ParameterIn.QUERY, description = "Older name of limit")
    @Parameter(name = "primaryFileOnly", in = ParameterIn.QUERY, description = "true lists only primary files")
    @Parameter(name = "period", in = ParameterIn.QUERY, description = "AllTime, Year, Month, Week or Day; all list as"
            + " AllTime for now")
    public ModelPage list(UriInfo uri) {
        ModelListRequest request = ModelListRequest.from(uri.getQueryParameters());
        ModelQuery query = request.toQuery();
        String baseUrl = api.baseUrl(uri);
        PageResult result = reader.list(query, baseUrl, request.primaryFileOnly());
        String nextPage = null;
        if (result.more()) {
            nextPage = query.page() != null
                    ? listUrl(baseUrl, uri, "page", String.valueOf(query.page() + 1))
                    : listUrl(baseUrl, uri, "cursor", result.nextCursor());
        }
        return new ModelPage(result.items(), result.metadata(nextPage, query.page(), query.limit()));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Get a model with its versions, newest first")
    public ModelResponse get(@RestPath long id, UriInfo uri) {
        return reader.model(id, api.baseUrl(uri));
    }

    private static String listUrl(String baseUrl, UriInfo uri, String replacedKey, String value) {
        List<String> pairs = new ArrayList<>();
        for (Map.Entry<String, List<String>> parameter : uri.getQueryParameters().entrySet()) {
            if (parameter.getKey().equals(replacedKey)) {
                continue;
            }
            for (String item : parameter.getValue()) {
                pairs.add(encode(parameter.getKey()) + "=" + encode(item));
            }
        }
        pairs.add(encode(replacedKey) + "=" + encode(value));
        return baseUrl + "api/v1/models?" + String.join("&", pairs);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
