package dev.lorahub.hub.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.inject.Inject;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Locale;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every failure of a REST call into an RFC 9457 problem response: 4xx are logged at INFO without a stack, 5xx at
 * ERROR with it. No exception class or message of the server reaches the client.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    /** The name of a request's JSON body in problem details. */
    private static final LocalizedText REQUEST_BODY = new LocalizedText("document.request-body", List.of(),
            "request body");

    @Inject
    ProblemMessages messages;

    @ServerExceptionMapper
    public Response problem(ProblemException e, HttpHeaders headers, UriInfo uri) {
        Response response = respond(e.status(), e.code(), headers, uri, e.reasons(), e.arguments());
        e.headers().forEach(response.getHeaders()::putSingle);
        if (e.status() == 413) {
            // The rest of an oversized body is not worth reading, so closing the connection stops the client sending it.
            response.getHeaders().putSingle("Connection", "close");
        }
        return response;
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e, HttpHeaders headers, UriInfo uri) {
        return respond(404, "not-found", headers, uri, List.of(), uri.getPath());
    }

    @ServerExceptionMapper
    public Response notAllowed(NotAllowedException e, HttpHeaders headers, UriInfo uri) {
        return respond(405, "method-not-allowed", headers, uri, List.of(), uri.getPath());
    }

    @ServerExceptionMapper
    public Response unsupportedMediaType(NotSupportedException e, HttpHeaders headers, UriInfo uri) {
        return respond(415, "unsupported-media-type", headers, uri, List.of(), String.valueOf(headers.getMediaType()));
    }

    @ServerExceptionMapper
    public Response notAcceptable(NotAcceptableException e, HttpHeaders headers, UriInfo uri) {
        return respond(406, "not-acceptable", headers, uri, List.of(),
                String.valueOf(headers.getHeaderString(HttpHeaders.ACCEPT)));
    }

    @ServerExceptionMapper(priority = 1)
    public Response invalidJson(JsonProcessingException e, HttpHeaders headers, UriInfo uri) {
        return problem(JsonProblems.of(REQUEST_BODY, e), headers, uri);
    }

    /** Takes precedence over Quarkus's own mapper of this type, which returns 400 with an empty body. */
    @ServerExceptionMapper(priority = 1)
    public Response mismatchedJson(MismatchedInputException e, HttpHeaders headers, UriInfo uri) {
        return invalidJson(e, headers, uri);
    }

    @ServerExceptionMapper
    public Response otherHttpError(WebApplicationException e, HttpHeaders headers, UriInfo uri) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return invalidJson(json, headers, uri);
        }
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            LOG.errorf(e, "Request %s failed with status %d", uri.getPath(), status);
            return respond(status, "internal-error", headers, uri, List.of());
        }
        return respond(status, "bad-request", headers, uri, List.of(), e.getMessage());
    }

    @ServerExceptionMapper(priority = 10000)
    public Response unexpected(Throwable e, HttpHeaders headers, UriInfo uri) {
        LOG.errorf(e, "Request %s failed unexpectedly", uri.getPath());
        return respond(500, "internal-error", headers, uri, List.of());
    }

    private Response respond(
            int status, String code, HttpHeaders headers, UriInfo uri, List<Object> reasons, Object... arguments) {
        Locale locale = messages.pick(headers.getAcceptableLanguages());
        String detail = messages.detail(code, locale, arguments);
        if (status < 500) {
            LOG.infof("Request %s answered %d %s: %s", uri.getPath(), status, code, messages.detail(
                    code, Locale.ENGLISH, arguments));
        }
        List<Object> rendered = reasons.stream()
                .map(reason -> reason instanceof LocalizedReason localized ? localized.render(messages, locale) : reason)
                .toList();
        Problem problem = new Problem(
                "urn:lorahub:problem:" + code, messages.title(code), status, detail, uri.getPath(), code, rendered);
        return Response.status(status)
                .type(Problem.MEDIA_TYPE)
                .header(HttpHeaders.CONTENT_LANGUAGE, locale.toLanguageTag())
                .entity(problem)
                .build();
    }
}
