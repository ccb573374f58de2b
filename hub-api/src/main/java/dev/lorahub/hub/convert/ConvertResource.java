package dev.lorahub.hub.convert;

import dev.lorahub.hub.config.HubConfig;
import dev.lorahub.hub.download.ContentDisposition;
import dev.lorahub.hub.model.DownloadNames;
import dev.lorahub.hub.problem.ProblemException;
import dev.lorahub.hub.storage.TempFiles;
import dev.lorahub.hub.upload.MultipartReader;
import dev.lorahub.hub.upload.ReceivedFile;
import dev.lorahub.hub.upload.RequestBodyStream;
import dev.lorahub.hub.upload.UploadParts;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.nio.file.Files;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * {@code POST /api/v1/convert}: converts one uploaded safetensors file or pickle checkpoint to safetensors in another
 * key layout ({@code to}) and optionally another floating-point precision ({@code dtype}), and streams the result back. Nothing is stored: the
 * temporary files are deleted once the response is sent.
 */
@Path("/api/v1/convert")
public class ConvertResource {

    static final String OVERFLOW_HEADER = "Lorahub-F16-Overflows";

    @Inject
    HubConfig config;

    @Inject
    TempFiles tempFiles;

    @Inject
    Conversions conversions;

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(summary = "Convert a LoRA to another key layout or precision",
            description = "Form fields: file, to (safetensors, kohya, diffusers, diffusers-legacy, peft) and optional"
                    + " dtype (F32, F16, BF16)")
    @APIResponse(responseCode = "200", description = "The converted safetensors file", content = @Content(
            mediaType = "application/octet-stream"))
    @APIResponse(responseCode = "422", description = "The file cannot be converted, with the reason", content =
            @Content(mediaType = "application/problem+json"))
    public Response convert(HttpServerRequest request, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @HeaderParam(HttpHeaders.CONTENT_LENGTH) Long contentLength) throws IOException {
        long length = contentLength == null ? -1 : contentLength;
        MultipartReader reader = new MultipartReader(tempFiles, config.upload().maxSize().asLongValue());
        Conversions.Result result;
        String downloadName;
        try (UploadParts parts = reader.read(new RequestBodyStream(request), contentType, length)) {
            if (parts.files().size() != 1) {
                throw ProblemException.badRequest("one-file-expected", parts.files().size());
            }
            ReceivedFile file = parts.files().get(0);
            ConversionTarget target = ConversionTarget.parse(parts.fields().get("to"));
            result = conversions.convert(file, target, parts.fields().get("dtype"));
            downloadName = DownloadNames.asSafetensors(stem(DownloadNames.sanitize(file.fileName())) + "-"
                    + target.apiName());
        }
        return respond(result, downloadName);
    }

    private Response respond(Conversions.Result result, String downloadName) throws IOException {
        java.nio.file.Path output = result.output();
        StreamingOutput body = out -> {
            try {
                Files.copy(output, out);
            } finally {
                TempFiles.deleteQuietly(output);
            }
        };
        return Response.ok(body, "application/octet-stream")
                .header(HttpHeaders.CONTENT_LENGTH, Files.size(output))
                .header("Content-Disposition", ContentDisposition.attachment(downloadName))
                .header(OVERFLOW_HEADER, result.overflowCount())
                .build();
    }

    private static String stem(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
