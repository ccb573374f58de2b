package dev.lorahub.hub.problem;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Drops a malformed {@code Accept-Language} header, such as {@code en;q=abc}, before anything reads it. The REST layer
 * throws on such a header wherever it is read, error mappers and page templates included, so every response would
 * become a 400 or 500. A client that sends one gets English, like a client that sends none.
 */
public class AcceptLanguageFilter {

    private static final Logger LOG = Logger.getLogger(AcceptLanguageFilter.class);

    @ServerRequestFilter(preMatching = true)
    public void dropMalformed(ContainerRequestContext request) {
        try {
            request.getAcceptableLanguages();
        } catch (RuntimeException e) {
            LOG.debugf("Ignoring the malformed Accept-Language header \"%s\": %s",
                    request.getHeaderString(HttpHeaders.ACCEPT_LANGUAGE), e.getMessage());
            request.getHeaders().remove(HttpHeaders.ACCEPT_LANGUAGE);
        }
    }
}
