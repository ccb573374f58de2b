package dev.lorahub.hub.validate;

import dev.lorahub.hub.config.HubConfig;
import dev.lorahub.hub.model.api.FindingResponse;
import dev.lorahub.hub.problem.ProblemException;
import dev.lorahub.hub.problem.ProblemMessages;
import dev.lorahub.hub.storage.TempFiles;
import dev.lorahub.hub.upload.MultipartReader;
import dev.lorahub.hub.upload.ReceivedFile;
import dev.lorahub.hub.upload.RequestBodyStream;
import dev.lorahub.hub.upload.UploadParts;
import dev.lorahub.validator.ModelValidator;
import dev.lorahub.validator.ValidationReport;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * {@code POST /api/v1/validate}: the validator's report on one file, a safetensors file or a pickle checkpoint,
 * without storing anything. The file is streamed to a temporary file that is deleted before the response is sent.
 */
@Path("/api/v1/validate")
public class ValidateResource {

    private static final Logger LOG = Logger.getLogger(ValidateResource.class);

    @Inject
    HubConfig config;

    @Inject
    TempFiles tempFiles;

    @Inject
    ProblemMessages messages;

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Validate a model file without storing it")
    public FileReport validate(
            HttpServerRequest request,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @HeaderParam(HttpHeaders.CONTENT_LENGTH) Long contentLength,
            @Parameter(description = "true also reads every tensor to find NaN and Inf values")
            @RestQuery String fullScan, HttpHeaders headers) throws IOException {
        boolean scanValues = flag("fullScan", fullScan);
        Locale locale = messages.pick(headers.getAcceptableLanguages());
        long length = contentLength == null ? -1 : contentLength;
        MultipartReader reader = new MultipartReader(tempFiles, config.upload().maxSize().asLongValue());
        try (UploadParts parts = reader.read(new RequestBodyStream(request), contentType, length)) {
            if (parts.files().size() != 1) {
                throw ProblemException.badRequest("one-file-expected", parts.files().size());
            }
            ReceivedFile file = parts.files().get(0);
            ValidationReport report = ModelValidator.validate(file.temporaryFile(), scanValues);
            LOG.debugf("Validated %s (sha256 %s): %s %s", file.fileName(), file.hashes().sha256(),
                    report.verdict().apiName(), report.codes());
            List<FindingResponse> findings = report.findings().stream()
                    .map(finding -> FindingResponse.of(finding, messages, locale))
                    .toList();
            String sha256 = file.hashes().sha256().toUpperCase(Locale.ROOT);
            return new FileReport(file.fileName(), file.size(), sha256, report.verdict().apiName(), findings);
        }
    }

    /** The report on one validated file; {@code verdict} is {@code ok}, {@code warning} or {@code rejected}. */
    public record FileReport(String name, long sizeBytes, String sha256, String verdict,
            List<FindingResponse> findings) {
    }

    /** Reads a true/false query parameter; absent or empty is false, anything else but true or false is a 400. */
    private static boolean flag(String name, String value) {
        if (value == null || value.isBlank()) {
            return false;
        }
        if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
            throw ProblemException.badRequest("invalid-parameter", name, value);
        }
        return Boolean.parseBoolean(value);
    }
}
