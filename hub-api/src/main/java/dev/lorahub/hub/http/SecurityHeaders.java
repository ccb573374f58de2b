package dev.lorahub.hub.http;

import dev.lorahub.hub.config.HubConfig;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Adds browser security headers to every response that the HTTP router sends: REST, pages, static files and errors
 * alike. {@code Strict-Transport-Security} goes only with requests that came over HTTPS, or every response when
 * {@code lorahub.public-url} is HTTPS.
 *
 * <p>The pages run no inline script or style, so the Content-Security-Policy allows only the hub's own files. The
 * Swagger UI of Quarkus 3.33 starts itself with inline scripts, sets inline styles and shows {@code data:} images, so
 * its path gets a policy that allows those, still with nothing from other origins.
 */
@ApplicationScoped
public class SecurityHeaders {

    static final String PAGE_POLICY = "default-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
            + "frame-ancestors 'none'";

    static final String SWAGGER_UI_POLICY = "default-src 'self'; script-src 'self' 'unsafe-inline'; "
            + "style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; base-uri 'self'; "
            + "form-action 'self'; frame-ancestors 'none'";

    /** One year, in seconds. */
    static final String HSTS = "max-age=31536000";

    private static final int PRIORITY = 1000;

    @Inject
    HubConfig config;

    /** The Swagger UI path; a relative one lies under Quarkus's {@code /q/}. */
    @ConfigProperty(name = "quarkus.swagger-ui.path", defaultValue = "swagger-ui")
    String swaggerUiPath;

    void register(@Observes Filters filters) {
        boolean publicUrlHttps = config.publicUrl().map(url -> url.regionMatches(true, 0, "https:", 0, 6))
                .orElse(false);
        filters.register(context -> {
            context.addHeadersEndHandler(ignored -> addHeaders(context, publicUrlHttps));
            context.next();
        }, PRIORITY);
    }

    private String policy(String path) {
        String swaggerUi = swaggerUiPath.startsWith("/") ? swaggerUiPath : "/q/" + swaggerUiPath;
        return path != null && path.startsWith(swaggerUi) ? SWAGGER_UI_POLICY : PAGE_POLICY;
    }

    private void addHeaders(RoutingContext context, boolean publicUrlHttps) {
        MultiMap headers = context.response().headers();
        headers.set("Content-Security-Policy", policy(context.normalizedPath()));
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("X-Frame-Options", "DENY");
        headers.set("Referrer-Policy", "strict-origin-when-cross-origin");
        if (publicUrlHttps || "https".equalsIgnoreCase(context.request().scheme())) {
            headers.set("Strict-Transport-Security", HSTS);
        }
    }
}
